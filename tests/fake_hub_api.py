"""A real local HTTP server answering the one JupyterHub API call a service's HubAuth
makes (``GET /hub/api/user`` with the token to identify), scripted by the test."""

import json
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SERVICE = "jupyter-tutor"
ACCESS = f"access:services!service={SERVICE}"


class FakeHubApi:
    def __init__(self) -> None:
        self.users: dict[str, dict[str, Any]] = {}  # token -> user model
        self.lookups: Counter[str] = Counter()  # token -> times asked
        self._server: ThreadingHTTPServer | None = None

    @property
    def api_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/hub/api"

    def add(
        self,
        token: str,
        name: str,
        groups: tuple[str, ...] = (),
        *,
        admin: bool = False,
        scopes: tuple[str, ...] = (ACCESS,),
    ) -> None:
        self.users[token] = {
            "kind": "user",
            "name": name,
            "groups": list(groups),
            "admin": admin,
            "scopes": [*scopes, f"read:users:name!user={name}"],
        }

    def start(self) -> "FakeHubApi":
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                token = self.headers.get("Authorization", "").removeprefix("token ")
                hub.lookups[token] += 1
                model = hub.users.get(token) if self.path == "/hub/api/user" else None
                body = json.dumps(model or {"status": 403, "message": "no such token"})
                self.send_response(200 if model else 403)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@contextmanager
def running_fake_hub_api() -> Iterator[FakeHubApi]:
    hub = FakeHubApi().start()
    try:
        yield hub
    finally:
        hub.stop()
