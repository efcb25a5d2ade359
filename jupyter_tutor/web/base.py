"""The base handler: jupyter-server auth and XSRF, CORS, JSON bodies, readable errors."""

import json
from datetime import datetime
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from tornado.web import stream_request_body

from ..errors import (
    Forbidden,
    InvalidRequest,
    NotFound,
    PayloadTooLarge,
    StoreUnavailable,
    TutorError,
)
from ..roles import at_least, user_groups, user_is_hub_admin
from ..store.json_text import JSONText
from ..store.models import as_utc
from .body import MAX_WHOLE_NUMBER, check_text, parse_json_object
from .cors import allow_reading, origin_may_call
from .features import TutorFeatures


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat().replace("+00:00", "Z")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def path_id(text: str, what: str) -> int:
    """A numeric id from the path (digits only); one no row can have is simply not there."""
    if len(text) > 10 or int(text) > MAX_WHOLE_NUMBER:
        raise NotFound(f"There is no {what} {text[:20]}….")
    return int(text)


def to_json(value: Any) -> str:
    # ASCII escapes: any stored text, even text a notebook file brought in, can be sent.
    return json.dumps(value, default=_json_default)


# The database did not answer in time (locked, its pool exhausted, the server gone): the
# transaction was rolled back, so nothing changed and the client may try again.
STORE_BUSY = (OperationalError, InterfaceError, PoolTimeout)
STORE_BUSY_MESSAGE = (
    "The course database is busy or not reachable just now; nothing was changed. "
    "Your notebook is unaffected; saving is tried again automatically."
)


class TutorErrors(JupyterHandler):
    """Domain errors as ``{error, message}`` JSON with their status; shared by the socket."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc_info = kwargs.get("exc_info")
        error = exc_info[1] if exc_info else None
        if isinstance(error, STORE_BUSY):
            error = StoreUnavailable(STORE_BUSY_MESSAGE)
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


@stream_request_body
class TutorHandler(TutorErrors, ExtensionHandlerMixin, APIHandler):
    """Every route inherits jupyter-server's authentication and XSRF checks from here.

    Bodies are streamed in and bounded: one larger than the route's limit is refused by its
    Content-Length before it is read, or as soon as it grows past the limit, so no request
    can make the server hold (or parse) more than that.
    """

    _body: bytearray
    _body_refused: PayloadTooLarge | None = None

    def body_limit(self) -> int:
        """The largest body this route reads."""
        return self.app.max_request_bytes

    def too_large(self, size: int | None) -> PayloadTooLarge:
        said = f"{size:,} bytes" if size is not None else "too large"
        return PayloadTooLarge(
            f"The request body is {said}; this route reads at most {self.body_limit():,} bytes.",
            max_bytes=self.body_limit(),
        )

    def data_received(self, chunk: bytes) -> None:
        if self._body_refused is not None:
            return
        self._body += chunk
        if len(self._body) > self.body_limit():
            self._body = bytearray()
            self._body_refused = self.too_large(None)
            refused = self._body_refused
            self.send_error(refused.status, exc_info=(type(refused), refused, None))

    @property
    def body(self) -> bytes:
        if self._body_refused is not None:
            raise self._body_refused
        return bytes(self._body)

    def json_body(self) -> dict[str, Any]:
        return parse_json_object(self.body)

    def query_text(self, name: str, max_length: int = 200) -> str:
        """A query argument as text a store can search for, or a 400."""
        value = self.get_query_argument(name, "")
        if len(value) > max_length:
            raise InvalidRequest(f"{name} is longer than {max_length} characters.")
        return check_text(value, name)

    @property
    def app(self) -> TutorFeatures:
        return self.extensionapp  # type: ignore[return-value]

    @property
    def user_id(self) -> str:
        """The student everything is kept under (``identity/students.py`` decides)."""
        return self.app.students.id_of(self.current_user)

    @property
    def role(self) -> str:
        user = self.current_user
        return self.app.roles.role_of(self.user_id, user_groups(user), user_is_hub_admin(user))

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
        self._body = bytearray()
        declared = self.request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.body_limit():
            raise self.too_large(int(declared))
        await super().prepare()
        if self.request.method != "OPTIONS":
            await self.app.store.ready()

    def reply(self, value: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(to_json(value))

    def reply_with_notebook(self, value: dict[str, Any], notebook: JSONText | None) -> None:
        """``value`` with its ``notebook_state``, the stored text spliced in as it is."""
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        head = to_json(value)[:-1]
        self.finish(f'{head}, "notebook_state": {notebook if notebook is not None else "null"}}}')
