"""Fixtures: a jupyter-server with jupyter-tutor on SQLite and, when configured, Postgres."""

import json
import os
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from jupyter_server.auth.identity import IdentityProvider, User
from sqlalchemy import create_engine, text
from tornado.httpclient import HTTPClientError, HTTPResponse

# model_server: the scripted model and the tutor socket, for the tests that ask for them.
pytest_plugins = ["pytest_jupyter.jupyter_server", "model_server"]

POSTGRES_URL = os.environ.get("TUTOR_TEST_DATABASE_URL")

# Property tests judge outcomes, never speed: these machines are shared and noisy.
settings.register_profile(
    "jupyter-tutor", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("jupyter-tutor")
REPO = Path(__file__).resolve().parents[1]


@dataclass
class HubLikeUser(User):
    """A user the way JupyterHub's single-user servers describe one: with its groups."""

    hub_user: dict[str, Any] = field(default_factory=dict)


class HeaderUsers(IdentityProvider):
    """Many students on one server.

    The token-authenticated user is renamed by an ``X-Test-User`` header (with hub
    groups from ``X-Test-Groups``). A
    ``tutor_test_user`` cookie stands for a browser session: that user is not
    token-authenticated, so jupyter-server enforces XSRF for them. Being an identity
    provider of its own (not jupyter-server's), it keeps every user their own student: a
    personal server's ``local_user`` applies only when a test sets it.
    """

    async def get_user(self, handler: Any) -> User | None:
        user = await super().get_user(handler)
        name = handler.request.headers.get("X-Test-User")
        if user is not None and name:
            groups = handler.request.headers.get("X-Test-Groups", "")
            return HubLikeUser(
                username=name, hub_user={"groups": groups.split(",") if groups else []}
            )
        browser_user = handler.get_cookie("tutor_test_user")
        return User(username=browser_user) if user is None and browser_user else user


def one_cell_notebook(source: str) -> dict[str, Any]:
    """A notebook whose one code cell holds ``source``, as the parity fixtures write them."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
    return {
        "cells": [{**cell, "source": source}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 4,
    }


def fixture_notebook(slug: str, title: str, order: int, source: str = "x = 1") -> dict[str, Any]:
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "jupyter_tutor": {
                "module": {
                    "id": slug,
                    "title": title,
                    "description": f"About {title}.",
                    "order": order,
                }
            },
        },
        "cells": [
            {"id": "c1", "cell_type": "markdown", "metadata": {}, "source": f"# {title}"},
            {
                "id": "c2",
                "cell_type": "code",
                "metadata": {},
                "source": source,
                "outputs": [],
                "execution_count": None,
            },
        ],
    }


@pytest.fixture
def modules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    folder.mkdir()
    for order, (slug, title) in enumerate(
        [("alpha", "Alpha"), ("beta", "Beta"), ("gamma", "Gamma")], start=1
    ):
        (folder / f"module_{order:02d}_{slug}.ipynb").write_text(
            json.dumps(fixture_notebook(slug, title, order))
        )
    return folder


def _reset_postgres(url: str) -> None:
    engine = create_engine(url.replace("postgresql+asyncpg", "postgresql+psycopg"), future=True)
    with engine.begin() as connection:
        # A server left over from a failed test must not block the reset.
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tutor.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("TUTOR_TEST_DATABASE_URL is not set")
    _reset_postgres(POSTGRES_URL)
    yield POSTGRES_URL


@pytest.fixture
def jp_server_config(database_url: str, modules_dir: Path) -> dict[str, Any]:
    return {
        "ServerApp": {
            "jpserver_extensions": {"jupyter_tutor": True},
            "identity_provider_class": HeaderUsers,
        },
        "TutorApp": {
            "database_url": database_url,
            "modules_dir": str(modules_dir),
            # Offline hints unless a test points the tutor at its fake model server.
            "llm_base_url": None,
            "llm_api_key": None,
        },
    }


Api = Callable[..., Awaitable[HTTPResponse]]


@pytest.fixture
def api(jp_fetch: Callable[..., Awaitable[HTTPResponse]]) -> Api:
    """Call ``jupyter-tutor/api/...`` as a given user; errors come back as responses."""

    async def call(
        *path: str,
        method: str = "GET",
        body: Any = None,
        user: str = "ada",
        raw: bytes | None = None,
        params: dict[str, str] | None = None,
        groups: str = "",
    ) -> HTTPResponse:
        kwargs: dict[str, Any] = {
            "method": method,
            "headers": {"X-Test-User": user, "X-Test-Groups": groups},
            "params": params or {},
        }
        if raw is not None:
            kwargs["body"] = raw
        elif body is not None or method in ("PUT", "POST"):
            kwargs["body"] = json.dumps(body if body is not None else {})
        try:
            return await jp_fetch("jupyter-tutor", "api", *path, **kwargs)
        except HTTPClientError as error:
            assert error.response is not None
            return error.response

    return call


def payload(response: HTTPResponse) -> Any:
    return json.loads(response.body)


@pytest.fixture
def tutor(jp_serverapp: Any, jp_asyncio_loop: Any) -> Any:
    """The running TutorApp, its store migrated."""
    app = next(iter(jp_serverapp.extension_manager.extension_apps["jupyter_tutor"]))
    jp_asyncio_loop.run_until_complete(app.store.ready())
    return app
