"""What the tutor socket needs besides the tutor: a cap on a user's open sockets, close
codes the panel understands, and a way for revocable credentials to be checked again."""

from collections import defaultdict
from typing import Protocol, runtime_checkable

from tornado.web import RequestHandler

# A browser cannot give a WebSocket headers, so a token travels as a subprotocol
# (the scheme proposed for jupyter-server: the bare name is the one the server selects,
# the name with the token appended carries it) and never in the URL.
TOKEN_PROTOCOL = "v1.token.websocket.jupyter.org"
TOKEN_PROTOCOL_PREFIX = TOKEN_PROTOCOL + "."

# Close codes of sockets the server ends on purpose; the error frame before says why.
# The panel does not reconnect by itself after them (only when the student asks again).
CLOSE_TOKEN_REVOKED = 4001
CLOSE_TOO_MANY_SOCKETS = 4008


def token_from_subprotocols(header: str) -> str:
    """The token offered in ``Sec-WebSocket-Protocol``, or an empty string."""
    for protocol in header.split(","):
        protocol = protocol.strip()
        if protocol.startswith(TOKEN_PROTOCOL_PREFIX):
            return protocol.removeprefix(TOKEN_PROTOCOL_PREFIX)
    return ""


@runtime_checkable
class RechecksCredentials(Protocol):
    """An identity provider whose credentials can be revoked while a socket stays open
    (personal tokens): the socket asks it again before each answer."""

    async def recheck(self, handler: RequestHandler) -> None:
        """Raise ``InvalidToken`` if the credential the socket opened with no longer holds."""


class OpenSockets:
    """The tutor sockets open in this process, per user, up to ``per_user`` each."""

    def __init__(self, per_user: int) -> None:
        self.per_user = per_user  # 0: no cap
        self._open: defaultdict[str, set[object]] = defaultdict(set)

    def admit(self, user_id: str, socket: object) -> bool:
        sockets = self._open[user_id]
        if self.per_user and len(sockets) >= self.per_user:
            return False
        sockets.add(socket)
        return True

    def release(self, user_id: str, socket: object) -> None:
        sockets = self._open.get(user_id)
        if sockets is not None:
            sockets.discard(socket)
            if not sockets:
                del self._open[user_id]

    def count(self, user_id: str) -> int:
        return len(self._open.get(user_id, ()))
