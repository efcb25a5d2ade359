"""The frames the server sends on the tutor socket, each built by its one constructor.

Their shapes are the contract's (``TutorStartFrame``… in ``contract/schema.json``, the types
the browser is generated from); tests check every constructor, and every frame a test
socket receives, against it. ``code`` and ``provider`` are the contract's names.
"""

from datetime import datetime
from typing import Literal, NotRequired, TypedDict

from .llm import Usage
from .pedagogy.levels import HintLevel


class UsageCounts(TypedDict):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class StartFrame(TypedDict):
    type: Literal["start"]
    id: str
    level: int
    level_name: str
    max_level: int
    same_problem: bool
    provider: str


class DeltaFrame(TypedDict):
    type: Literal["delta"]
    id: str
    text: str


class ReplaceFrame(TypedDict):
    type: Literal["replace"]
    id: str
    text: str


class EndFrame(TypedDict):
    type: Literal["end"]
    id: str
    message_id: int | None
    usage: UsageCounts
    guarded: bool
    stopped: bool


class ErrorFrame(TypedDict):
    type: Literal["error"]
    id: str | None
    code: str
    message: str
    retryable: bool
    partial: bool
    reset_at: NotRequired[datetime]  # sent as ISO 8601


Frame = StartFrame | DeltaFrame | ReplaceFrame | EndFrame | ErrorFrame


def start_frame(
    ask_id: str, level: HintLevel, *, max_level: int, same_problem: bool, provider: str
) -> StartFrame:
    return {
        "type": "start",
        "id": ask_id,
        "level": level.number,
        "level_name": level.name,
        "max_level": max_level,
        "same_problem": same_problem,
        "provider": provider,
    }


def delta_frame(ask_id: str, text: str) -> DeltaFrame:
    return {"type": "delta", "id": ask_id, "text": text}


def replace_frame(ask_id: str, text: str) -> ReplaceFrame:
    return {"type": "replace", "id": ask_id, "text": text}


def end_frame(
    ask_id: str, usage: Usage, *, message_id: int | None, guarded: bool, stopped: bool
) -> EndFrame:
    return {
        "type": "end",
        "id": ask_id,
        "message_id": message_id,
        "usage": {
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": usage.total_tokens,
        },
        "guarded": guarded,
        "stopped": stopped,
    }


def error_frame(
    ask_id: str | None,
    code: str,
    message: str,
    *,
    retryable: bool = False,
    partial: bool = False,
    reset_at: datetime | None = None,
) -> ErrorFrame:
    frame: ErrorFrame = {
        "type": "error",
        "id": ask_id,
        "code": code,
        "message": message,
        "retryable": retryable,
        "partial": partial,
    }
    if reset_at is not None:
        frame["reset_at"] = reset_at
    return frame
