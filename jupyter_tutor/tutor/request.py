"""Validate the frames a student's panel sends over the tutor socket (pure)."""

from dataclasses import dataclass
from typing import Any

from ..errors import InvalidRequest

MAX_QUESTION = 4000
MAX_CONTEXT = 20_000


@dataclass(frozen=True)
class Ask:
    id: str
    content: str
    cell_code: str = ""
    error_output: str = ""
    more_help: bool = False
    retry: bool = False


def _text(frame: dict[str, Any], key: str, limit: int) -> str:
    value = frame.get(key) or ""
    if not isinstance(value, str):
        raise InvalidRequest(f"{key} must be text.")
    return value[:limit]


def frame_id(frame: Any) -> str:
    value = frame.get("id") if isinstance(frame, dict) else None
    if not isinstance(value, str) or not value or len(value) > 100:
        raise InvalidRequest("Every message needs an id (a short string).")
    return value


def parse_ask(frame: dict[str, Any]) -> Ask:
    ask = Ask(
        id=frame_id(frame),
        content=_text(frame, "content", MAX_QUESTION).strip(),
        cell_code=_text(frame, "cell_code", MAX_CONTEXT),
        error_output=_text(frame, "error_output", MAX_CONTEXT),
        more_help=bool(frame.get("more_help")),
        retry=bool(frame.get("retry")),
    )
    if not ask.content and not ask.retry:
        raise InvalidRequest("Ask the tutor something: the question is empty.")
    return ask
