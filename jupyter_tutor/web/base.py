"""The base handler: jupyter-server auth and XSRF, CORS, JSON bodies, readable errors."""

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin

from ..errors import Forbidden, TutorError
from ..roles import at_least, user_groups
from ..store.models import as_utc
from .cors import allow_reading, origin_may_call

if TYPE_CHECKING:
    from ..app import TutorApp


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(value: Any) -> str:
    return json.dumps(value, default=_json_default, ensure_ascii=False)


class TutorErrors(JupyterHandler):
    """Domain errors as ``{error, message}`` JSON with their status; shared by the socket."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc_info = kwargs.get("exc_info")
        error = exc_info[1] if exc_info else None
        if isinstance(error, TutorError):
            self.set_status(error.status)
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.finish(to_json({"error": error.code, "message": error.message, **error.extra}))
            return
        super().write_error(status_code, **kwargs)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        # Expected errors (bad input, conflicts) are answers, not server faults.
        if isinstance(value, TutorError) and value.status < 500:
            self.log.info(
                "%s %s -> %s: %s",
                self.request.method,
                self.request.path,
                value.status,
                value.message,
            )
            return
        super().log_exception(typ, value, tb)


class TutorHandler(TutorErrors, ExtensionHandlerMixin, APIHandler):
    """Every route inherits jupyter-server's authentication and XSRF checks from here."""

    @property
    def app(self) -> "TutorApp":
        return self.extensionapp  # type: ignore[return-value]

    @property
    def user_id(self) -> str:
        """The student everything is kept under (``identity/students.py`` decides)."""
        return self.app.students.id_of(self.current_user)

    @property
    def role(self) -> str:
        return self.app.roles.role_of(self.user_id, user_groups(self.current_user))

    def require_role(self, needed: str) -> None:
        """Refuse the request unless the caller has at least ``needed``."""
        if not at_least(self.role, needed):
            raise Forbidden(f"Only an {needed} (or above) can do this; you are a {self.role}.")

    def set_default_headers(self) -> None:
        super().set_default_headers()
        # Runs again before an error is written, so refusals stay readable cross-origin.
        allow_reading(self)

    def set_cors_headers(self) -> None:
        """Not jupyter-server's rule (any origin with a token): set_default_headers decides."""

    def check_origin(self, origin_to_satisfy_tornado: str = "") -> bool:
        return origin_may_call(self)

    @allow_unauthenticated
    def options(self, *args: Any, **kwargs: Any) -> None:
        """A CORS preflight: granted to the allowed origins only, with no other answer."""
        allow_reading(self, preflight=True)
        self.set_status(204)
        self.finish()

    async def prepare(self) -> None:
        await super().prepare()
        if self.request.method != "OPTIONS":
            await self.app.store_ready()

    def reply(self, value: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(to_json(value))
