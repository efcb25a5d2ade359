"""Every route needs an authenticated user, and browser sessions need the XSRF token."""

import json

import pytest
from tornado.httpclient import HTTPClientError

ROUTES = [
    ("GET", "config"),
    ("GET", "modules"),
    ("GET", "modules/alpha"),
    ("POST", "modules/alpha/open"),
    ("GET", "progress"),
    ("GET", "progress/alpha"),
    ("PUT", "progress/alpha"),
    ("GET", "progress/alpha/snapshots"),
    ("GET", "progress/alpha/snapshots/1"),
    ("POST", "progress/alpha/snapshots/1/restore"),
    ("GET", "instructor/modules/alpha/students"),
    ("GET", "instructor/modules/alpha/students.csv"),
    ("GET", "instructor/modules/alpha/exercises"),
]


@pytest.fixture
def raw_fetch(http_server_client, jp_base_url):
    async def fetch(method: str, route: str, headers: dict[str, str]) -> int:
        body = json.dumps({"status": "completed"}) if method in ("PUT", "POST") else None
        try:
            response = await http_server_client.fetch(
                f"{jp_base_url}jupyter-tutor/api/{route}", method=method, body=body, headers=headers
            )
        except HTTPClientError as error:
            return error.code
        return response.code

    return fetch


@pytest.mark.parametrize(("method", "route"), ROUTES)
async def test_anonymous_requests_are_refused(jp_serverapp, raw_fetch, method, route):
    assert await raw_fetch(method, route, {}) == 403


@pytest.mark.parametrize(("method", "route"), [r for r in ROUTES if r[0] != "GET"])
async def test_browser_writes_without_xsrf_are_refused(jp_serverapp, raw_fetch, method, route):
    assert await raw_fetch(method, route, {"Cookie": "tutor_test_user=ada"}) == 403


async def test_browser_writes_with_xsrf_are_accepted(jp_serverapp, raw_fetch):
    headers = {"Cookie": "tutor_test_user=ada; _xsrf=token123", "X-XSRFToken": "token123"}
    assert await raw_fetch("PUT", "progress/alpha", headers) == 200
    assert await raw_fetch("GET", "modules", {"Cookie": "tutor_test_user=ada"}) == 200
