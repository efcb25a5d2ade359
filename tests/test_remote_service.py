"""The standalone service as an admin runs it: its own process, a config file, a free port."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import fixture_notebook
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the service exited:\n{log.read_text()}"
        try:
            urllib.request.urlopen(f"{url}jupyter-tutor/api/config", timeout=2)
        except urllib.error.HTTPError:
            return  # 403 without a token: it answers
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the service did not start:\n{log.read_text()}")


@pytest.fixture
def service(database_url: str, modules_dir: Path, tmp_path: Path) -> Iterator[Service]:
    config = tmp_path / "tutor_server_config.py"
    config.write_text(
        f"c.TutorApp.database_url = {database_url!r}\n"
        f"c.TutorApp.modules_dir = {str(modules_dir)!r}\n"
        f"c.TutorApp.allowed_origins = [{SITE!r}]\n"
        'c.TutorApp.instructor_users = {"tess"}\n'
    )
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("OPENAI_", "JUPYTER_TUTOR_", "JUPYTER_TOKEN"))
    }
    # Only this test's Jupyter config and runtime files, never the developer's.
    for kind in ("CONFIG", "DATA", "RUNTIME"):
        env[f"JUPYTER_{kind}_DIR"] = str(tmp_path / kind.lower())
    port = free_port()
    service = Service(f"http://127.0.0.1:{port}/", config, env)
    as_root = ["--allow-root"] if os.geteuid() == 0 else []
    log = tmp_path / "service.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_tutor.remote",
                "--config",
                str(config),
                "--ip=127.0.0.1",
                f"--port={port}",
                *as_root,
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(service.url, process, log)
        yield service
    finally:
        process.terminate()
        process.wait(timeout=30)


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


def test_a_setting_that_is_not_an_origin_stops_the_service(tmp_path):
    started = subprocess.run(
        [sys.executable, "-m", "jupyter_tutor.remote", "--TutorApp.allowed_origins=*"],
        env={**os.environ, "JUPYTER_TUTOR_DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1 and "'*' is not an origin" in started.stderr
