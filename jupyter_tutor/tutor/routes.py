"""The tutor WebSocket and the conversation history route."""

import asyncio
import contextlib
from typing import Any

from jupyter_server.auth.decorator import ws_authenticated
from tornado import web
from tornado.websocket import WebSocketClosedError

from ..errors import InvalidRequest, InvalidToken, TutorError
from ..store.models import LearningModule
from ..web.base import TutorHandler, to_json
from .frames import Frame, end_frame, error_frame
from .llm import Usage
from .pedagogy.levels import level
from .request import Stop, parse_frame
from .service import module_settings
from .socket_handler import TutorSocketHandler
from .sockets import (
    CLOSE_TOKEN_REVOKED,
    CLOSE_TOO_MANY_SOCKETS,
    RechecksCredentials,
)


class TutorSocket(TutorSocketHandler):
    """One student's tutor conversation about one module; one answer at a time."""

    module: LearningModule
    _answering: tuple[str, asyncio.Task] | None = None
    _admitted = False

    @ws_authenticated
    async def get(self, *args: Any, **kwargs: Any) -> None:
        await self.app.store.ready()
        module_id = self.get_query_argument("module_id", "")
        try:
            self.module = await self.app.modules.require_module(module_id)
        except TutorError as error:
            raise web.HTTPError(error.status, error.message) from None
        result = super().get(*args, **kwargs)
        if result is not None:
            await result

    def open(self, *args: Any, **kwargs: Any) -> None:
        # Frames are small and come in bursts: without this, Nagle's algorithm meets
        # delayed ACKs and the first streamed words wait ~40 ms.
        self.set_nodelay(True)
        sockets = self.app.tutor_sockets
        self._admitted = sockets.admit(self.app.students.id_of(self.current_user), self)
        if not self._admitted:
            # Refused after the handshake: a browser shows no HTTP refusal, but this frame.
            message = (
                f"You have the tutor open in {sockets.per_user} places already (module "
                "notebooks, tabs or windows); close one of them and ask again."
            )
            self._refuse("too_many_sockets", message, CLOSE_TOO_MANY_SOCKETS, None)
            return
        super().open(*args, **kwargs)  # keep-alive pings

    async def on_message(self, message: str | bytes) -> None:
        try:
            frame = parse_frame(message)
        except TutorError as error:
            await self._send(error_frame(error.extra.get("id"), error.code, error.message))
            return
        try:
            if isinstance(frame, Stop):
                self._stop(frame.id)
            else:
                self._start(frame)
        except TutorError as error:
            await self._send(error_frame(frame.id, error.code, error.message))

    def _start(self, ask: Any) -> None:
        if self._answering:
            raise InvalidRequest("The tutor is still answering; wait for it or press Stop.")
        task = asyncio.ensure_future(self._answer(ask))
        task.add_done_callback(lambda done: self._stopped_before_start(ask.id, done))
        self._answering = (ask.id, task)

    def _stopped_before_start(self, ask_id: str, task: asyncio.Task) -> None:
        """A Stop that came before the answer began still ends it for the panel."""
        if task.cancelled():
            frame = end_frame(ask_id, Usage(), message_id=None, guarded=False, stopped=True)
            self._late_end = asyncio.ensure_future(self._send(frame))

    def _stop(self, ask_id: str) -> None:
        if self._answering and self._answering[0] == ask_id:
            self._answering[1].cancel()

    async def _answer(self, ask: Any) -> None:
        try:
            if isinstance(self.identity_provider, RechecksCredentials):
                await self.identity_provider.recheck(self)
            student = self.app.students.id_of(self.current_user)
            await self.app.tutor.answer(student, self.module, ask, self._send)
        except InvalidToken as error:  # revoked since the socket opened: no more answers
            self._refuse(error.code, error.message, CLOSE_TOKEN_REVOKED, ask.id)
        except TutorError as error:
            await self._send(error_frame(ask.id, error.code, error.message))
        except Exception:
            self.log.exception("jupyter-tutor: tutor answer failed")
            message = "Something went wrong in the tutor. Try again."
            await self._send(error_frame(ask.id, "internal_error", message, retryable=True))

    async def _send(self, frame: Frame) -> None:
        answering = self._answering
        if answering and frame["type"] in ("end", "error") and frame["id"] == answering[0]:
            self._answering = None  # the student may ask again as soon as they see this
        # If the panel went away the answer is still stored for its next load.
        with contextlib.suppress(WebSocketClosedError):
            await self.write_message(to_json(frame))

    def _refuse(self, code: str, message: str, close_code: int, ask_id: str | None) -> None:
        """Say why in an error frame, then close: the panel shows the frame."""
        with contextlib.suppress(WebSocketClosedError):
            self.write_message(to_json(error_frame(ask_id, code, message)))
        self._answering = None
        self.close(close_code, code)

    def on_close(self) -> None:
        if self._admitted:
            self.app.tutor_sockets.release(self.app.students.id_of(self.current_user), self)
        if self._answering:
            self._answering[1].cancel()


def _history_json(message: Any) -> dict[str, Any]:
    value = {
        "id": message.id,
        "role": message.role,
        "content": message.content,
        "created_at": message.created_at,
        "level": message.level,
        "level_name": level(message.level).name if message.level else None,
        "same_problem": message.same_problem,
        "provider": message.provider,
        "partial": message.partial,
    }
    return value


class TutorHistoryHandler(TutorHandler):
    @web.authenticated
    async def get(self) -> None:
        module = await self.app.modules.require_module(self.get_query_argument("module_id", ""))
        history = self.app.tutor.history
        session_id = await history.session_id(self.user_id, module.id)
        messages = await history.messages(session_id)
        questions = [m for m in messages if m.role == "user"]
        self.reply(
            {
                "messages": [_history_json(m) for m in messages],
                "level": questions[-1].level if questions else None,
                "max_level": module_settings(module).max_level,
                "provider": self.app.tutor.provider,
            }
        )


def tutor_routes(api: str) -> list[tuple[str, type]]:
    return [(f"{api}/tutor", TutorSocket), (f"{api}/tutor/history", TutorHistoryHandler)]
