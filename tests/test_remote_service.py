"""The standalone service as an admin runs it: its own process, a config file, a free port."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import fixture_notebook
from service_process import free_port, running_service, service_env
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.websocket import websocket_connect
from tutor_client import ask, start_of

from jupyter_tutor.tutor.sockets import TOKEN_PROTOCOL

SITE = "https://course.example.org"
NOTEBOOK = fixture_notebook("alpha", "Alpha", 1, source="total = sum(range(10))")


@dataclass
class Service:
    url: str
    config: Path
    env: dict[str, str]

    def command(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "jupyter_tutor.remote", *args, "--config", str(self.config)],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def issue(self, username: str) -> str:
        added = self.command("token", "add", username)
        assert added.returncode == 0, added.stderr
        return added.stdout.strip()


@pytest.fixture
def service(database_url: str, modules_dir: Path, tmp_path: Path) -> Iterator[Service]:
    config = tmp_path / "tutor_server_config.py"
    config.write_text(
        f"c.TutorApp.database_url = {database_url!r}\n"
        f"c.TutorApp.modules_dir = {str(modules_dir)!r}\n"
        f"c.TutorApp.allowed_origins = [{SITE!r}]\n"
        'c.TutorApp.instructor_users = {"tess"}\n'
    )
    env = service_env(tmp_path)
    port = free_port()
    service = Service(f"http://127.0.0.1:{port}/", config, env)
    args = ["--config", str(config), "--ip=127.0.0.1", f"--port={port}"]
    with running_service(service.url, args, env, tmp_path / "service.log"):
        yield service


async def call(
    service: Service, method: str, path: str, token: str, body: Any = None
) -> HTTPResponse:
    request = HTTPRequest(
        f"{service.url}{path}",
        method=method,
        headers={"Authorization": f"token {token}", "Origin": SITE},
        body=json.dumps(body) if body is not None else None,
    )
    client = AsyncHTTPClient(force_instance=True)  # a new client: no shared state
    try:
        return await client.fetch(request)
    except HTTPClientError as error:
        assert error.response is not None
        return error.response
    finally:
        client.close()


async def test_the_service_serves_the_tutor_api_to_token_holders_only(service):
    alice, tess = service.issue("alice"), service.issue("tess")

    config = await call(service, "GET", "jupyter-tutor/api/config", alice)
    assert config.code == 200 and config.headers["Access-Control-Allow-Origin"] == SITE
    # Students share the service: nobody is admin unless configured.
    assert json.loads(config.body)["role"] == "learner"
    config = json.loads((await call(service, "GET", "jupyter-tutor/api/config", tess)).body)
    assert config["role"] == "instructor"

    body = {"notebook_state": NOTEBOOK, "base_version": 0}
    saved = await call(service, "PUT", "jupyter-tutor/api/progress/alpha", alice, body)
    assert saved.code == 200
    restored = await call(service, "GET", "jupyter-tutor/api/progress/alpha", alice)
    assert json.loads(restored.body)["notebook_state"] == NOTEBOOK

    for elsewhere in ("api/kernels", "api/contents", "lab", "login"):
        assert (await call(service, "GET", elsewhere, alice)).code == 404, elsewhere
    assert (await call(service, "GET", "lab", "jtt_not-a-token")).code == 401

    socket_url = service.url.replace("http", "ws", 1) + "jupyter-tutor/api/tutor?module_id=alpha"
    ws = await websocket_connect(
        HTTPRequest(socket_url, headers={"Origin": SITE}),
        subprotocols=[TOKEN_PROTOCOL, f"{TOKEN_PROTOCOL}.{alice}"],
    )
    frames = await ask(ws, cell_code="1 / 0", error_output="ZeroDivisionError: division by zero")
    assert start_of(frames)["provider"] == "offline" and frames[-1]["type"] == "end"
    with pytest.raises(HTTPClientError) as in_url:
        await websocket_connect(
            HTTPRequest(f"{socket_url}&token={alice}", headers={"Origin": SITE})
        )
    assert in_url.value.code == 401

    # Revoking from the command line takes effect at once in the running service,
    # on its open socket too.
    assert service.command("token", "revoke", "--user", "alice").returncode == 0
    refused = await call(service, "GET", "jupyter-tutor/api/progress/alpha", alice)
    assert refused.code == 401 and json.loads(refused.body)["error"] == "invalid_token"
    assert (await ask(ws, "one more?"))[-1]["code"] == "invalid_token"
    assert await ws.read_message() is None


async def test_a_lite_student_asks_their_instructor_through_the_service(service):
    alice, tess = service.issue("alice"), service.issue("tess")
    api = "jupyter-tutor/api/"
    body = {"module_id": "alpha", "question": "Why is `total` 45?"}
    asked = await call(service, "POST", f"{api}help/requests", alice, body)
    assert asked.code == 200, asked.body
    request_id = json.loads(asked.body)["id"]
    answer = f"{api}instructor/help-requests/{request_id}/answer"
    assert (await call(service, "POST", answer, alice, {"answer": "x"})).code == 403
    answered = await call(service, "POST", answer, tess, {"answer": "`range` stops *before* 10."})
    assert answered.code == 200, answered.body
    mine = await call(service, "GET", f"{api}help/requests?module_id=alpha", alice)
    (seen,) = json.loads(mine.body)["requests"]
    assert (seen["status"], seen["answer"]) == ("answered", "`range` stops *before* 10.")


def test_a_setting_that_is_not_an_origin_stops_the_service(tmp_path):
    started = subprocess.run(
        [sys.executable, "-m", "jupyter_tutor.remote", "--TutorApp.allowed_origins=*"],
        env={**os.environ, "JUPYTER_TUTOR_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1 and "'*' is not an origin" in started.stderr
