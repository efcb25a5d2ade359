"""A real JupyterHub for the hub tests: its proxy (configurable-http-proxy from npm),
DummyAuthenticator, SimpleLocalProcessSpawner, and jupyter-tutor as a hub-managed
service; the test drives it through the hub's REST API and its proxy."""

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from service_process import free_port
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.websocket import websocket_connect

SERVICE = "jupyter-tutor"
# The scopes of each student server's own token: what it needs, and to call the service.
SERVER_TOKEN_SCOPES = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={SERVICE}",
]


def proxy_command() -> str:
    """configurable-http-proxy: on PATH, or installed into the checkout by .ci/proxy."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    folder = subprocess.run(
        ["bash", str(REPO / ".ci" / "proxy")], capture_output=True, text=True, check=True
    ).stdout.strip()
    return str(Path(folder, "configurable-http-proxy"))


def hub_config(
    root: Path,
    port: int,
    service_port: int,
    service_config: Path,
    service_token: str,
    admin_token: str,
) -> str:
    """The hub's configuration; docs/hub.md quotes it."""
    bin_dir = Path(sys.executable).parent
    service_url = f"http://127.0.0.1:{port}/services/{SERVICE}/"
    settings = {
        "port": port,
        "hub_port": free_port(),
        "proxy_api": f"http://127.0.0.1:{free_port()}",
        "proxy": proxy_command(),
        "root": str(root),
        "singleuser": str(bin_dir / "jupyterhub-singleuser"),
        "python": sys.executable,
        "service_url": service_url,
        "service_listen": f"http://127.0.0.1:{service_port}",
        "service_config": str(service_config),
        "scopes": SERVER_TOKEN_SCOPES,
        "service_token": service_token,
        "admin_token": admin_token,
        # Jupyter refuses to run as root without being told (containers in CI do).
        "as_root": ["--allow-root"] if os.geteuid() == 0 else [],
    }
    return f"""\
settings = {json.dumps(settings)}
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings["hub_port"]
c.ConfigurableHTTPProxy.api_url = settings["proxy_api"]
c.ConfigurableHTTPProxy.command = [settings["proxy"]]
c.JupyterHub.db_url = "sqlite:///" + settings["root"] + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = settings["root"] + "/cookie_secret"
c.JupyterHub.pid_file = settings["root"] + "/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = settings["root"] + "/home/{{username}}"
c.Spawner.cmd = [settings["singleuser"]]
c.Spawner.args = ["--TutorApp.service_timeout_seconds=5", *settings["as_root"]]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# --- jupyter-tutor ---
# Instructors are the hub group "instructors" (the service gives them the role).
c.JupyterHub.load_groups = {{"instructors": {{"users": ["tess"]}}}}
# The service: its own process, its own config (database, model key, roles).
c.JupyterHub.services = [
    {{
        "name": "jupyter-tutor",
        "url": settings["service_listen"],
        "api_token": settings["service_token"],
        "command": [settings["python"], "-m", "jupyter_tutor.remote",
                    "--config", settings["service_config"], *settings["as_root"]],
        "environment": {{
            name: settings["root"] + "/service/" + name
            for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR")
        }},
    }},
    {{"name": "test-admin", "api_token": settings["admin_token"]}},
]
c.JupyterHub.load_roles = [
    # Every user may use the service ...
    {{"name": "user", "scopes": ["self", "access:services!service=jupyter-tutor"]}},
    {{"name": "test-admin", "scopes": ["admin:users", "admin:servers", "tokens",
                                      "read:users"], "services": ["test-admin"]}},
]
# ... and each student's server calls it with its own token, as that student.
c.Spawner.server_token_scopes = settings["scopes"]
c.Spawner.environment = {{"JUPYTER_TUTOR_SERVICE_URL": settings["service_url"]}}
"""


@dataclass
class Hub:
    url: str
    admin_token: str
    process: subprocess.Popen
    root: Path
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def server_url(self, name: str) -> str:
        return f"{self.url}user/{name}/"

    @property
    def service_url(self) -> str:
        return f"{self.url}services/{SERVICE}/"

    async def ready(self, *names: str) -> dict[str, str]:
        """Each user with a running server and a token of their own (once per module)."""
        missing = [name for name in names if name not in self.tokens]
        if missing:
            await self.api("POST", "users", {"usernames": missing}, allow=(409,))
            await asyncio.gather(*(self.start_server(name) for name in missing))
            for name in missing:
                self.tokens[name] = await self.token_for(name)
        return {name: self.tokens[name] for name in names}

    async def api(
        self, method: str, path: str, body: Any = None, allow: tuple[int, ...] = ()
    ) -> Any:
        response = await fetch(f"{self.url}hub/api/{path}", self.admin_token, method, body)
        ok = response.code < 300 or response.code in allow
        assert ok, f"{method} {path}: {response.code} {response.body!r}"
        return json.loads(response.body) if response.body else None

    async def start_server(self, name: str) -> None:
        await self.api("POST", f"users/{name}/server", {})
        await self.wait_for_server(name)

    async def wait_for_server(self, name: str) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            user = await self.api("GET", f"users/{name}")
            server = user.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            await asyncio.sleep(0.5)
        pytest.fail(f"{name}'s server did not start:\n{self.log.read_text()[-4000:]}")

    async def stop_server(self, name: str) -> None:
        await self.api("DELETE", f"users/{name}/server")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not (await self.api("GET", f"users/{name}")).get("servers"):
                return
            await asyncio.sleep(0.5)

    async def token_for(self, name: str) -> str:
        made = await self.api("POST", f"users/{name}/tokens", {"note": "hub test"})
        return made["token"]


async def fetch(url: str, token: str, method: str = "GET", body: Any = None) -> HTTPResponse:
    request = HTTPRequest(
        url,
        method=method,
        headers={"Authorization": f"token {token}"},
        body=json.dumps(body) if body is not None else None,
        allow_nonstandard_methods=True,
        request_timeout=60,
    )
    try:
        return await AsyncHTTPClient().fetch(request)
    except HTTPClientError as error:
        assert error.response is not None, error
        return error.response


def wait_for_hub(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the hub exited:\n{log.read_text()[-4000:]}"
        try:
            urllib.request.urlopen(f"{url}hub/api/", timeout=2)  # 200 once routed
            return
        except OSError:  # HTTPError included: the proxy answers before the hub is routed
            time.sleep(0.5)
    pytest.fail(f"the hub did not start:\n{log.read_text()[-4000:]}")


async def run_in_kernel(server_url: str, token: str, code: str) -> str:
    """Run ``code`` in a new kernel of a student's server; its standard output."""
    kernel = json.loads((await fetch(f"{server_url}api/kernels", token, "POST", {})).body)
    ws_url = server_url.replace("http", "ws", 1) + f"api/kernels/{kernel['id']}/channels"
    socket = await websocket_connect(
        HTTPRequest(ws_url, headers={"Authorization": f"token {token}"})
    )
    msg_id = uuid.uuid4().hex
    socket.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": "test",
                    "session": uuid.uuid4().hex,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {"code": code, "silent": False, "allow_stdin": False},
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    output = []
    while True:
        message = json.loads(await socket.read_message())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = message["msg_type"], message["content"]
        if kind == "stream":
            output.append(content["text"])
        elif kind == "error":
            raise AssertionError("\n".join(content["traceback"]))
        elif kind == "status" and content["execution_state"] == "idle":
            socket.close()
            await fetch(f"{server_url}api/kernels/{kernel['id']}", token, "DELETE")
            return "".join(output)
