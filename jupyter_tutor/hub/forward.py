"""The student's server in hub client mode: every ``jupyter-tutor/api/*`` call goes to
the hub service as the server's student; only the working copy is written here."""

import json
import re
from datetime import datetime
from typing import TYPE_CHECKING

from tornado import web

from ..errors import NotFound
from ..store.models import LearningModule
from ..web.base import TutorHandler
from .service_client import FORWARDED_HEADERS, ServiceClient

if TYPE_CHECKING:
    from tornado.httpclient import HTTPResponse


class ServiceHandler(TutorHandler):
    """A route answered by the hub service; the service checks the body, this bounds it."""

    def body_limit(self) -> int:
        return self.app.max_notebook_bytes

    @property
    def service(self) -> ServiceClient:
        client: ServiceClient = self.app.service_client
        client.check_caller(self.current_user.username)
        return client

    def relay(self, response: "HTTPResponse") -> None:
        """The service's answer as it came: status, type and body, errors included."""
        self.set_status(response.code)
        content_type = response.headers.get("Content-Type")
        if content_type:
            self.set_header("Content-Type", content_type)
        self.finish(response.body if response.code != 204 else None)


# Every route of the API is made of these (an export may end in ".csv"), or is the class
# dashboard's one student, named by user id (instructor/routes.py's USER_IN_PATH);
# anything else (an encoded "?", "..") is no route.
ROUTE_PATH = re.compile(
    r"[a-z0-9-]+(/[a-z0-9-]+)*(\.csv)?"
    r"|instructor/modules/[a-z0-9-]+/students/[A-Za-z0-9_@+-][A-Za-z0-9_.@+-]{0,254}"
)


class ForwardHandler(ServiceHandler):
    @web.authenticated
    async def get(self, path: str) -> None:
        await self._forward(path)

    put = post = delete = get

    async def _forward(self, path: str) -> None:
        if not ROUTE_PATH.fullmatch(path):
            raise NotFound(f"There is no jupyter-tutor route {path[:100]!r}.")
        headers = {
            name: self.request.headers[name]
            for name in FORWARDED_HEADERS
            if name in self.request.headers
        }
        method = self.request.method or "GET"
        body = self.body if method in ("POST", "PUT") else None
        self.relay(await self.service.fetch(method, path, self.request.query, body, headers))


class ClientConfigHandler(ServiceHandler):
    """The service's settings for this student, with this server's working copy folder."""

    @web.authenticated
    async def get(self) -> None:
        response = await self.service.fetch("GET", "config")
        if response.code != 200:
            self.relay(response)
            return
        config = json.loads(response.body)
        self.reply({**config, "working_copy_dir": self.app.working_copy_dir})


class OpenHandler(ServiceHandler):
    """Open a module: the service starts it and sends the saved work (or the module's
    notebook); the working copy is written here, in the student's files."""

    @web.authenticated
    async def post(self, module_id: str) -> None:
        response = await self.service.fetch("POST", f"modules/{module_id}/checkout", body=b"")
        if response.code != 200:
            self.relay(response)
            return
        checkout = await self.app.off_loop.run(len(response.body), json.loads, response.body)
        module = LearningModule(
            slug=checkout["module"]["id"],
            notebook_filename=checkout["module"]["notebook_filename"],
        )
        saved_at = checkout["saved_at"]
        opened = await self.app.working_copies.open(
            module,
            checkout["notebook_state"] if checkout["saved"] else None,
            datetime.fromisoformat(saved_at) if saved_at else None,
            copy_is_stale=checkout["copy_is_stale"],
            module_notebook=checkout["notebook_state"],
        )
        self.reply(
            {
                "path": opened.path,
                "created": opened.created,
                "restored": opened.restored,
                "backup_path": opened.backup_path,
                "progress": checkout["progress"],
            }
        )
