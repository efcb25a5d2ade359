"""Validate the frames a student's panel sends over the tutor socket (pure).

A frame is one JSON object, read with the same rules as request bodies (``web/body.py``),
with only the fields its type defines, each of its type. Long texts are clipped to what
the tutor uses rather than refused: a student's large cell still gets an answer.
"""

import contextlib
from dataclasses import dataclass
from typing import Any

from ..contract import constant, fields
from ..errors import InvalidRequest
from ..exercises.declaration import SLUG
from ..web.body import parse_json_object

MAX_QUESTION: int = constant("MAX_QUESTION_CHARS")
MAX_CONTEXT: int = constant("MAX_CONTEXT_CHARS")
# Far above a question with its context (escapes included), far below a server's memory.
MAX_FRAME_BYTES = 1024 * 1024
ASK_FIELDS = fields("TutorAskFrame")
STOP_FIELDS = fields("TutorStopFrame")


@dataclass(frozen=True)
class Ask:
    id: str
    content: str
    cell_code: str = ""
    error_output: str = ""
    more_help: bool = False
    retry: bool = False
    # The exercise of the cell the question is about (its metadata's id), if any.
    exercise_id: str | None = None


@dataclass(frozen=True)
class Stop:
    id: str


def clipped_text(frame: dict[str, Any], key: str, limit: int) -> str:
    value = frame.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidRequest(f"{key} must be text.")
    return value[:limit]


def _flag(frame: dict[str, Any], key: str) -> bool:
    value = frame.get(key, False)
    if not isinstance(value, bool):
        raise InvalidRequest(f"{key} must be true or false.")
    return value


def exercise_slug(frame: dict[str, Any]) -> str | None:
    value = frame.get("exercise_id")
    if value is None:
        return None
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise InvalidRequest("exercise_id must be the id of an exercise (a slug) or null.")
    return value


def frame_id(frame: Any) -> str:
    value = frame.get("id") if isinstance(frame, dict) else None
    if not isinstance(value, str) or not value or len(value) > 100:
        raise InvalidRequest("Every message needs an id (a short string).")
    return value


def _only(frame: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(frame) - allowed)
    if unknown:
        shown = ", ".join(name[:40] for name in unknown[:5])
        raise InvalidRequest(f"Unknown field(s) in a {frame['type']} message: {shown}.")


def parse_ask(frame: dict[str, Any]) -> Ask:
    _only(frame, ASK_FIELDS)
    ask = Ask(
        id=frame_id(frame),
        content=clipped_text(frame, "content", MAX_QUESTION).strip(),
        cell_code=clipped_text(frame, "cell_code", MAX_CONTEXT),
        error_output=clipped_text(frame, "error_output", MAX_CONTEXT),
        more_help=_flag(frame, "more_help"),
        retry=_flag(frame, "retry"),
        exercise_id=exercise_slug(frame),
    )
    if not ask.content and not ask.retry:
        raise InvalidRequest("Ask the tutor something: the question is empty.")
    return ask


def parse_frame(message: str | bytes) -> Ask | Stop:
    """One client frame; otherwise ``InvalidRequest`` with the frame's ``id`` when it has one,
    so the panel can tell which question was refused."""
    frame = parse_json_object(message, "A tutor message")
    try:
        kind = frame.get("type")
        if kind == "ask":
            return parse_ask(frame)
        if kind == "stop":
            _only(frame, STOP_FIELDS)
            return Stop(frame_id(frame))
        raise InvalidRequest("Unknown message type; send 'ask' or 'stop'.")
    except InvalidRequest as error:
        with contextlib.suppress(InvalidRequest):
            error.extra["id"] = frame_id(frame)
        raise
