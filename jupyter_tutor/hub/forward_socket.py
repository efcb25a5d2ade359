"""The tutor socket in hub client mode: the browser's frames go to the service's tutor
socket (opened as the server's student) and its frames come back, as they are."""

import asyncio
import contextlib
from typing import Any

from jupyter_server.auth.decorator import ws_authenticated
from tornado import web
from tornado.httpclient import HTTPClientError
from tornado.websocket import WebSocketClientConnection, WebSocketClosedError

from ..errors import TutorError
from ..tutor.frames import error_frame
from ..tutor.socket_handler import TutorSocketHandler
from ..web.base import to_json
from .service_client import ServiceClient, unreachable

SERVICE_GONE = "The tutor service stopped answering. Ask again in a moment."


class ForwardedTutorSocket(TutorSocketHandler):
    """The browser's tutor socket, joined to one on the service for as long as it lasts;
    the service applies every rule (frames, limits, sockets per student)."""

    upstream: WebSocketClientConnection | None = None
    _pump: asyncio.Task | None = None

    @ws_authenticated
    async def get(self, *args: Any, **kwargs: Any) -> None:
        client: ServiceClient = self.app.service_client
        try:
            client.check_caller(self.current_user.username)
            self.upstream = await client.connect("tutor", self.request.query)
        except TutorError as error:
            raise web.HTTPError(error.status, error.message) from None
        except HTTPClientError as error:
            if error.code == 599:
                raise web.HTTPError(503, unreachable("answer", error).message) from None
            raise web.HTTPError(error.code, error.message) from None  # the service refused
        except OSError as error:
            raise web.HTTPError(503, unreachable("answer", error).message) from None
        result = super().get(*args, **kwargs)
        if result is not None:
            await result

    def open(self, *args: Any, **kwargs: Any) -> None:
        self.set_nodelay(True)
        self._pump = asyncio.ensure_future(self._from_service())
        super().open(*args, **kwargs)

    async def on_message(self, message: str | bytes) -> None:
        upstream = self.upstream
        try:
            if upstream is None:
                raise WebSocketClosedError()
            await upstream.write_message(message, binary=isinstance(message, bytes))
        except WebSocketClosedError:
            self._say(error_frame(None, "service_unavailable", SERVICE_GONE, retryable=True))

    async def _from_service(self) -> None:
        upstream = self.upstream
        while upstream is not None:
            frame = await upstream.read_message()
            if frame is None:
                break
            self._say(frame)
        code = upstream.close_code if upstream is not None else None
        if code is None or code in (1001, 1006, 1011):
            self._say(error_frame(None, "service_unavailable", SERVICE_GONE, retryable=True))
        # A normal close and the tutor's own 4xxx codes reach the browser as they are.
        kept = code is not None and (code == 1000 or code // 1000 == 4)
        self.close(code if kept else 1011, upstream.close_reason if upstream else None)

    def _say(self, frame: str | bytes | dict[str, Any]) -> None:
        with contextlib.suppress(WebSocketClosedError):
            self.write_message(to_json(frame) if isinstance(frame, dict) else frame)

    def on_close(self) -> None:
        if self.upstream is not None:
            self.upstream.close()
            self.upstream = None
