"""Domain errors every feature raises; the web layer turns them into HTTP answers."""

from typing import Any


class TutorError(Exception):
    """An error whose message is fit to show to the person who caused it."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in a worker process too (web/off_loop.py): keep the extra fields across.
        return (_rebuilt, (type(self), self.message, self.extra))


def _rebuilt(kind: type[TutorError], message: str, extra: dict[str, Any]) -> TutorError:
    return kind(message, **extra)


class InvalidRequest(TutorError):
    status = 400
    code = "bad_request"


class NotFound(TutorError):
    status = 404
    code = "not_found"


class VersionConflict(TutorError):
    status = 409
    code = "conflict"


class PayloadTooLarge(TutorError):
    status = 413
    code = "too_large"


class TooManyRequests(TutorError):
    status = 429
    code = "rate_limited"


class StoreUnavailable(TutorError):
    status = 503
    code = "store_unavailable"


class Forbidden(TutorError):
    status = 403
    code = "forbidden"


class Conflict(TutorError):
    status = 409
    code = "conflict"


class InvalidToken(TutorError):
    """A sign-in token was sent, but it is unknown or revoked."""

    status = 401
    code = "invalid_token"


class ServiceUnavailable(TutorError):
    """The hub's jupyter-tutor service (or the hub itself) cannot be reached."""

    status = 503
    code = "service_unavailable"
