"""Validate the bodies of the help queue's routes (pure).

A request is read like a tutor question: the same fields of the same types, the cell's code
and error clipped to what the tutor reads. The question itself is what the instructor is
asked, so one past the limit is refused rather than cut.
"""

from dataclasses import dataclass
from typing import Any

from ..contract import constant, fields, names
from ..errors import InvalidRequest
from ..tutor.request import MAX_CONTEXT, MAX_QUESTION, clipped_text, exercise_slug
from ..web.body import check_text

MAX_ANSWER: int = constant("MAX_HELP_ANSWER_CHARS")
ASK_FIELDS = fields("HelpAsk")
ANSWER_FIELDS = fields("HelpAnswer")
STATUSES = names("HelpStatus")


@dataclass(frozen=True)
class HelpAsk:
    module_id: str
    question: str
    cell_code: str = ""
    error_output: str = ""
    exercise_id: str | None = None


def _only(body: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(body) - allowed)
    if unknown:
        shown = ", ".join(name[:40] for name in unknown[:5])
        raise InvalidRequest(f"Unknown field(s): {shown}.")


def _markdown(body: dict[str, Any], key: str, limit: int, what: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise InvalidRequest(f"{key} must be text.")
    value = value.strip()
    if not value:
        raise InvalidRequest(f"The {what} is empty.")
    if len(value) > limit:
        raise InvalidRequest(f"The {what} has {len(value):,} characters; at most {limit:,}.")
    return check_text(value, key)


def parse_help_ask(body: dict[str, Any]) -> HelpAsk:
    _only(body, ASK_FIELDS)
    module_id = body.get("module_id")
    if not isinstance(module_id, str) or not module_id:
        raise InvalidRequest("module_id must be the id of a module.")
    return HelpAsk(
        module_id=check_text(module_id, "module_id"),
        question=_markdown(body, "question", MAX_QUESTION, "question"),
        # Parsed bodies hold no unstorable text already; checked again for any caller.
        cell_code=check_text(clipped_text(body, "cell_code", MAX_CONTEXT), "cell_code"),
        error_output=check_text(clipped_text(body, "error_output", MAX_CONTEXT), "error_output"),
        exercise_id=exercise_slug(body),
    )


def parse_help_answer(body: dict[str, Any]) -> str:
    _only(body, ANSWER_FIELDS)
    return _markdown(body, "answer", MAX_ANSWER, "answer")


def status_filter(value: str) -> str | None:
    """``?status=`` of the instructor's queue: one status, or empty for all."""
    if value and value not in STATUSES:
        raise InvalidRequest(f"status must be one of {', '.join(STATUSES)}, or left out.")
    return value or None
