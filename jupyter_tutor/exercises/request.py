"""Validate a check run a student's browser reports (pure)."""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import InvalidRequest
from ..web.body import whole_number
from .declaration import STATUSES_FILE, Exercise

CHECK_RUN_FIELDS = ("passed", "failed_check", "error")


@cache
def max_error_length() -> int:
    return int(json.loads(STATUSES_FILE.read_text(encoding="utf-8"))["max_error_length"])


@dataclass(frozen=True)
class CheckRun:
    passed: bool
    failed_check: int | None = None
    # What the failing check raised (its assertion message, or e.g. a NameError), clipped.
    error: str | None = None


def parse_check_run(fields: dict[str, Any], exercise: Exercise) -> CheckRun:
    """``{passed, failed_check?, error?}``: a failed run names its first failing check."""
    unknown = sorted(str(name)[:40] for name in fields if name not in CHECK_RUN_FIELDS)
    if unknown:
        raise InvalidRequest(
            f"Unknown field(s): {', '.join(unknown[:5])}. Allowed: {', '.join(CHECK_RUN_FIELDS)}."
        )
    passed = fields.get("passed")
    if not isinstance(passed, bool):
        raise InvalidRequest("passed must be true or false: did every check pass?")
    failed = fields.get("failed_check")
    error = fields.get("error")
    if passed:
        if failed is not None or error is not None:
            raise InvalidRequest("A run that passed has no failed_check and no error.")
        return CheckRun(passed=True)
    if failed is None:
        raise InvalidRequest(
            "A failed run needs failed_check: the index of its first failing check."
        )
    index = whole_number(
        failed,
        "failed_check",
        meaning="the index of the first failing check",
        maximum=len(exercise.checks) - 1,
    )
    if error is not None and not isinstance(error, str):
        raise InvalidRequest("error must be text: what the failing check raised.")
    clipped = error[: max_error_length()] if error else None
    return CheckRun(passed=False, failed_check=index, error=clipped)
