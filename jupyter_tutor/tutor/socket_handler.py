"""What every tutor socket handler shares: the app, the origin rule, the token
subprotocol answer and the frame bound (the tutor's own socket, and a hub client's)."""

from typing import TYPE_CHECKING

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.base.websocket import WebSocketMixin
from jupyter_server.extension.handler import ExtensionHandlerMixin
from tornado.websocket import WebSocketHandler

from ..web.base import TutorErrors
from ..web.cors import origin_may_call
from .request import MAX_FRAME_BYTES
from .sockets import TOKEN_PROTOCOL

if TYPE_CHECKING:
    from ..web.features import TutorFeatures


class TutorSocketHandler(
    TutorErrors, WebSocketMixin, WebSocketHandler, ExtensionHandlerMixin, JupyterHandler
):
    @property
    def app(self) -> "TutorFeatures":
        return self.extensionapp  # type: ignore[return-value]

    def check_origin(self, origin: str | None = None) -> bool:
        # Unlike jupyter-server's sockets, a token does not excuse a foreign origin.
        return origin_may_call(self)

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        # A browser that sent its token as a subprotocol needs one of its own back; the
        # token-bearing one is never echoed.
        return TOKEN_PROTOCOL if TOKEN_PROTOCOL in subprotocols else None

    @property
    def max_message_size(self) -> int:
        # Larger frames close the socket (1009) before they are read.
        return MAX_FRAME_BYTES
