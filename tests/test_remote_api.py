"""Remote mode: students of a JupyterLite site call the server with personal tokens."""

import json
from typing import Any

import pytest
from conftest import fixture_notebook, payload
from tornado.httpclient import HTTPClientError, HTTPRequest, HTTPResponse
from tornado.websocket import websocket_connect
from tutor_client import ask, start_of

from jupyter_tutor.remote.identity import StudentTokenIdentityProvider
from jupyter_tutor.tutor.sockets import CLOSE_TOKEN_REVOKED, TOKEN_PROTOCOL

SITE = "https://course.example.org"
FOREIGN = "https://elsewhere.example.net"
NOTEBOOK = fixture_notebook("alpha", "Alpha", 1, source="x = 41 + 1")


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["ServerApp"]["identity_provider_class"] = StudentTokenIdentityProvider
    jp_server_config["TutorApp"].update(
        {
            "allowed_origins": [SITE],
            "instructor_groups": ["instructors"],
            "local_user_is_admin": False,
            "server_working_copies": False,
        }
    )
    return jp_server_config


@pytest.fixture
def issue(tutor):
    async def issue_token(username: str, groups: list[str] | None = None) -> str:
        token, _ = await tutor.student_tokens.issue(username, groups)
        return token

    return issue_token


@pytest.fixture
def call(http_server_client, jp_base_url):
    """A request as a browser on another origin makes it; the client keeps no cookies."""

    async def fetch(
        method: str,
        route: str,
        token: str | None = None,
        origin: str | None = SITE,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> HTTPResponse:
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"token {token}"
        if origin:
            headers["Origin"] = origin
        try:
            return await http_server_client.fetch(
                f"{jp_base_url}jupyter-tutor/api/{route}",
                method=method,
                headers=headers,
                body=json.dumps(body) if body is not None else None,
                allow_nonstandard_methods=True,
            )
        except HTTPClientError as error:
            assert error.response is not None
            return error.response

    return fetch


async def test_a_token_signs_its_student_in_with_the_role_of_their_groups(issue, call):
    reply = await call("GET", "config", await issue("alice"))
    assert reply.code == 200
    assert payload(reply)["username"] == "alice" and payload(reply)["role"] == "learner"
    assert reply.headers["Access-Control-Allow-Origin"] == SITE
    teacher = payload(await call("GET", "config", await issue("tess", ["instructors"])))
    assert (teacher["username"], teacher["role"]) == ("tess", "instructor")


async def test_progress_follows_the_token_to_a_new_client_and_no_one_else(issue, call):
    alice, bob = await issue("alice"), await issue("bob")
    # A write with no XSRF cookie or header: token requests are exempt, cross-origin too.
    saved = await call(
        "PUT", "progress/alpha", alice, body={"notebook_state": NOTEBOOK, "base_version": 0}
    )
    assert saved.code == 200 and saved.headers["Access-Control-Allow-Origin"] == SITE
    await call("PUT", "progress/alpha", alice, body={"status": "completed"})

    # Another machine, a cleared browser: the same token is the same student.
    again = payload(await call("GET", "progress/alpha", alice))
    assert again["notebook_state"] == NOTEBOOK and again["status"] == "completed"
    statuses = {
        m["id"]: m["status"] for m in payload(await call("GET", "modules", alice))["modules"]
    }
    assert statuses["alpha"] == "completed"

    other = payload(await call("GET", "progress/alpha", bob))
    assert other["notebook_state"] is None and other["status"] == "not_started"
    assert payload(await call("GET", "progress", bob))["progress"] == []


async def test_unknown_revoked_and_missing_tokens_are_refused_readably(tutor, issue, call):
    unknown = await call("GET", "config", "jtt_not-a-token")
    assert unknown.code == 401 and payload(unknown)["error"] == "invalid_token"
    assert "unknown" in payload(unknown)["message"]
    # The site can read why: the refusal carries its CORS header.
    assert unknown.headers["Access-Control-Allow-Origin"] == SITE

    token = await issue("alice")
    info = await tutor.student_tokens.resolve(token)
    await tutor.student_tokens.revoke(info.id)
    revoked = await call("PUT", "progress/alpha", token, body={"status": "completed"})
    assert revoked.code == 401 and "revoked" in payload(revoked)["message"]

    assert (await call("GET", "config")).code == 403


async def test_the_servers_shared_token_is_no_way_in(jp_serverapp, call):
    jp_serverapp.identity_provider.token = "shared-secret"
    reply = await call("GET", "config", "shared-secret")
    assert reply.code == 401


async def test_preflight_is_answered_for_allowed_origins_only(call):
    preflight = {
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "authorization, content-type",
    }
    allowed = await call("OPTIONS", "progress/alpha", headers=preflight)
    assert allowed.code == 204
    assert allowed.headers["Access-Control-Allow-Origin"] == SITE
    assert "PUT" in allowed.headers["Access-Control-Allow-Methods"]
    assert {"authorization", "content-type"} <= {
        name.strip().lower() for name in allowed.headers["Access-Control-Allow-Headers"].split(",")
    }

    refused = await call("OPTIONS", "progress/alpha", origin=FOREIGN, headers=preflight)
    assert not [name for name in refused.headers if name.lower().startswith("access-control-")]


async def test_a_foreign_origin_gets_nothing_even_with_a_valid_token(issue, call):
    reply = await call("GET", "progress", await issue("alice"), origin=FOREIGN)
    assert reply.code == 404 and "Access-Control-Allow-Origin" not in reply.headers
    # Scripts send no Origin and are not browsers: the token alone decides.
    assert (await call("GET", "progress", await issue("alice"), origin=None)).code == 200


async def test_jupyter_servers_own_allow_origin_still_passes_without_cors_headers(
    jp_serverapp, issue, call
):
    # What deployments behind some proxies set for JupyterLab itself.
    jp_serverapp.web_app.settings["allow_origin"] = FOREIGN
    reply = await call("GET", "progress", await issue("alice"), origin=FOREIGN)
    assert reply.code == 200 and "Access-Control-Allow-Origin" not in reply.headers


@pytest.fixture
def socket(http_server_client, jp_http_port, jp_base_url):
    """Open the tutor socket as a browser does: the token as a subprotocol."""

    def connect(
        token: str | None,
        origin: str = SITE,
        query: str = "",
        headers: dict[str, str] | None = None,
    ) -> Any:
        url = f"ws://localhost:{jp_http_port}{jp_base_url}jupyter-tutor/api/tutor"
        request = HTTPRequest(
            f"{url}?module_id=alpha{query}", headers={"Origin": origin, **(headers or {})}
        )
        protocols = [TOKEN_PROTOCOL, f"{TOKEN_PROTOCOL}.{token}"] if token else None
        return websocket_connect(request, subprotocols=protocols)

    return connect


async def test_the_tutor_socket_takes_the_token_as_a_subprotocol_from_allowed_origins(
    issue, socket
):
    token = await issue("alice")
    ws = await socket(token)
    # The bare name comes back, never the one carrying the token.
    assert ws.selected_subprotocol == TOKEN_PROTOCOL
    frames = await ask(ws, cell_code="x = y + 1", error_output="NameError: name 'y' is not defined")
    assert start_of(frames)["provider"] == "offline" and frames[-1]["type"] == "end"
    ws.close()

    with pytest.raises(HTTPClientError) as foreign:
        await socket(token, origin=FOREIGN)
    assert foreign.value.code == 403
    with pytest.raises(HTTPClientError) as unknown:
        await socket("jtt_not-a-token")
    assert unknown.value.code == 401
    with pytest.raises(HTTPClientError) as anonymous:
        await socket(None)
    assert anonymous.value.code == 403
    # Clients that can send headers (scripts) may use Authorization on the socket too.
    scripted = await socket(None, headers={"Authorization": f"token {token}"})
    assert (await ask(scripted))[-1]["type"] == "end"
    scripted.close()


async def test_a_token_in_the_url_is_refused_even_beside_a_good_one(issue, socket, call):
    token = await issue("alice")
    with pytest.raises(HTTPClientError) as in_url:
        await socket(None, query=f"&token={token}")
    assert in_url.value.code == 401
    with pytest.raises(HTTPClientError) as both:
        await socket(token, query=f"&token={token}")
    assert both.value.code == 401
    refused = await call("GET", f"config?token={token}", token)
    assert refused.code == 401 and "Tokens in URLs end up in logs" in payload(refused)["message"]
    assert TOKEN_PROTOCOL in payload(refused)["message"]


async def test_opening_a_module_on_the_shared_service_says_what_to_do_instead(issue, call):
    reply = await call("POST", "modules/alpha/open", await issue("alice"), body={})
    assert reply.code == 404 and "PUT progress" in payload(reply)["message"]


async def test_a_revoked_token_gets_no_more_answers_on_its_open_socket(tutor, issue, socket):
    token = await issue("alice")
    other = await issue("alice")  # her lab machine's token stays good
    ws, elsewhere = await socket(token), await socket(other)
    assert (await ask(ws, "first"))[-1]["type"] == "end"

    await tutor.student_tokens.revoke((await tutor.student_tokens.resolve(token)).id)
    refused = (await ask(ws, "second"))[-1]
    assert refused["type"] == "error" and refused["code"] == "invalid_token"
    assert "revoked" in refused["message"]
    assert await ws.read_message() is None and ws.close_code == CLOSE_TOKEN_REVOKED
    assert (await ask(elsewhere, "third"))[-1]["type"] == "end"

    history = await tutor.tutor.history.messages(
        await tutor.tutor.history.session_id(
            "alice", (await tutor.modules.require_module("alpha")).id
        )
    )
    assert [m.content for m in history if m.role == "user"] == ["first", "third"]
