"""Who is calling the standalone service: the student a personal token was issued to."""

from dataclasses import dataclass, field
from typing import NoReturn

from jupyter_server.auth.identity import IdentityProvider, User
from tornado.web import HTTPError, RequestHandler
from traitlets import default

from ..errors import InvalidToken
from ..tutor.sockets import TOKEN_PROTOCOL, token_from_subprotocols
from ..web.base import TutorErrors
from ..web.features import EXTENSION_NAME, TutorFeatures
from .tokens import TokenInfo

URL_TOKEN_REFUSED = (
    "Tokens in URLs end up in logs, so this service does not take them: send "
    "'Authorization: token <token>', or for the tutor WebSocket the subprotocol "
    f"'{TOKEN_PROTOCOL}.<token>' (beside '{TOKEN_PROTOCOL}')."
)


def refuse(handler: RequestHandler, message: str) -> NoReturn:
    # Tutor routes answer {error, message}; jupyter-server's own pages need an HTTPError.
    if isinstance(handler, TutorErrors):
        raise InvalidToken(message)
    raise HTTPError(401, message)


@dataclass
class Student(User):
    """A token's user, with the groups roles are given to (``c.TutorApp.*_groups``)."""

    groups: list[str] = field(default_factory=list)


class StudentTokenIdentityProvider(IdentityProvider):
    """Personal tokens from ``jupyter tutor-server token add``, and nothing else.

    The token comes as ``Authorization: token <t>`` (or ``Bearer``) or, for WebSockets,
    which browsers cannot give headers, as the subprotocol
    ``v1.token.websocket.jupyter.org.<t>`` — never in the URL, which proxies and
    servers log: a request with ``?token=`` is refused. No cookies, no login page, no
    shared server token: each request says who it is, so a cleared browser or another
    machine is the same student as long as the token is. An open tutor socket checks
    its token again before each answer (``recheck``), so revoking one takes effect there
    too.
    """

    @default("token")
    def _no_shared_token(self) -> str:
        # jupyter-server's shared token would let anyone in as a new anonymous user.
        return ""

    @property
    def login_available(self) -> bool:
        return False

    def get_handlers(self) -> list[tuple[str, object]]:
        return []

    def get_token(self, handler: RequestHandler) -> str:
        if "token" in handler.request.query_arguments:
            refuse(handler, URL_TOKEN_REFUSED)
        match = self.auth_header_pat.match(handler.request.headers.get("Authorization", ""))
        if match:
            return match.group(2)
        return token_from_subprotocols(handler.request.headers.get("Sec-WebSocket-Protocol", ""))

    async def get_user(self, handler: RequestHandler) -> Student | None:
        if handler.request.method == "OPTIONS":
            return None  # CORS preflights carry no credentials
        token = self.get_token(handler)
        if not token:
            return None
        found = await self._live_token(handler, token)
        # jupyter-server's own mark: token requests are exempt from the XSRF check (no
        # cookie is involved that another site could ride on).
        handler._token_authenticated = True  # type: ignore[attr-defined]
        return Student(username=found.username, groups=list(found.groups))

    async def recheck(self, handler: RequestHandler) -> None:
        """Refuse (``InvalidToken``) if the token the socket opened with was revoked."""
        await self._live_token(handler, self.get_token(handler))

    @staticmethod
    async def _live_token(handler: RequestHandler, token: str) -> TokenInfo:
        tutor: TutorFeatures = handler.settings[EXTENSION_NAME]
        await tutor.store.ready()
        found = await tutor.student_tokens.resolve(token)
        if found is None:
            refuse(handler, "This sign-in token is unknown here. Check it, or ask your instructor.")
        if found.revoked_at is not None:
            refuse(handler, "This sign-in token was revoked. Ask your instructor for a new one.")
        return found
