"""Who is calling the standalone service: the student a personal token was issued to."""

from dataclasses import dataclass, field
from typing import NoReturn

from jupyter_server.auth.identity import IdentityProvider, User
from tornado.web import HTTPError, RequestHandler
from traitlets import default

from ..app import TutorApp
from ..errors import InvalidToken
from ..web.base import TutorErrors


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
    which browsers cannot give headers, as ``?token=<t>``. No cookies, no login page,
    no shared server token: each request says who it is, so a cleared browser or another
    machine is the same student as long as the token is.
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

    async def get_user(self, handler: RequestHandler) -> Student | None:
        if handler.request.method == "OPTIONS":
            return None  # CORS preflights carry no credentials
        token = self.get_token(handler)
        if not token:
            return None
        tutor: TutorApp = handler.settings[TutorApp.name]
        await tutor.store_ready()
        found = await tutor.student_tokens.resolve(token)
        if found is None:
            refuse(handler, "This sign-in token is unknown here. Check it, or ask your instructor.")
        if found.revoked_at is not None:
            refuse(handler, "This sign-in token was revoked. Ask your instructor for a new one.")
        # jupyter-server's own mark: token requests are exempt from the XSRF check (no
        # cookie is involved that another site could ride on).
        handler._token_authenticated = True  # type: ignore[attr-defined]
        return Student(username=found.username, groups=list(found.groups))
