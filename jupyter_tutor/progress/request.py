"""Validate a progress update from a client before anything is stored (pure).

Large saves run here in a worker process (see ``web/off_loop.py``), so the result is plain,
picklable data: the notebook comes back as validated ``JSONText``.
"""

import json
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidRequest, PayloadTooLarge
from ..store.json_text import JSONText
from ..store.models import STATUSES
from ..web.body import parse_json_object, whole_number
from .notebook_schema import notebook_schema

ALLOWED_FIELDS = ("status", "notebook_state", "base_version")
# Notebooks nest deeper than request bodies (outputs, widget state); the body adds one level.
NOTEBOOK_MAX_DEPTH = 64
# A schema message names the place, not the (possibly huge) value.
MESSAGE_LIMIT = 300


@dataclass(frozen=True)
class ProgressUpdate:
    status: str | None = None
    notebook_state: JSONText | None = None
    base_version: int | None = None
    state_bytes: int = 0


def parse_base_version(value: Any) -> int:
    return whole_number(
        value, "base_version", meaning="the version of the saved state you started from"
    )


def too_large(size: int | None, limit: int) -> PayloadTooLarge:
    said = f"This save is {size:,} bytes" if size is not None else "This save is too large"
    return PayloadTooLarge(
        f"{said}; the limit is {limit:,} bytes. Clear large outputs (for example images) "
        "and try again.",
        max_bytes=limit,
    )


# The notebook format JupyterLab writes today (4.5): most saves are validated against it.
CURRENT_NBFORMAT_MINOR = 5


def compile_notebook_schema() -> None:
    """The schema is compiled on first use (tens of ms): a long-running service does
    it before the first save, instead of making that save wait."""
    notebook_schema(CURRENT_NBFORMAT_MINOR)


def check_notebook(state: Any) -> JSONText:
    """A notebook nbformat's own schema accepts, so that every stored state reopens."""
    if not isinstance(state, dict):
        raise InvalidRequest("notebook_state must be a notebook JSON object.")
    minor = state.get("nbformat_minor")
    if state.get("nbformat") != 4 or not isinstance(minor, int) or isinstance(minor, bool):
        raise InvalidRequest(
            "notebook_state must be an nbformat 4 notebook (nbformat: 4, nbformat_minor: a "
            "whole number)."
        )
    problem = notebook_schema(min(max(minor, 0), CURRENT_NBFORMAT_MINOR)).problem(state)
    if problem is not None:
        where = problem.replace("data", "notebook_state", 1)
        raise InvalidRequest(
            f"notebook_state is not a valid notebook (nbformat 4.{minor}): {where[:MESSAGE_LIMIT]}"
        )
    return JSONText(json.dumps(state, ensure_ascii=False, separators=(",", ":")))


def parse_progress_update(body: bytes, max_notebook_bytes: int) -> ProgressUpdate:
    if len(body) > max_notebook_bytes:
        raise too_large(len(body), max_notebook_bytes)
    fields = parse_json_object(body, max_depth=NOTEBOOK_MAX_DEPTH + 1)
    unknown = sorted(set(fields) - set(ALLOWED_FIELDS))
    if unknown:
        raise InvalidRequest(
            f"Unknown field(s): {', '.join(unknown)}. Allowed: {', '.join(ALLOWED_FIELDS)}."
        )
    status = fields.get("status")
    state = fields.get("notebook_state")
    if status is None and state is None:
        raise InvalidRequest("Send at least one of status or notebook_state.")
    if status is not None and status not in STATUSES:
        shown = json.dumps(status)[:40]
        raise InvalidRequest(f"Unknown status {shown}. Use one of: {', '.join(STATUSES)}.")
    if state is None:
        return ProgressUpdate(status=status)
    if "base_version" not in fields:
        raise InvalidRequest(
            "base_version is required with notebook_state, so a stale copy can never "
            "overwrite newer work."
        )
    base_version = parse_base_version(fields["base_version"])
    text = check_notebook(state)
    return ProgressUpdate(
        status=status,
        notebook_state=text,
        base_version=base_version,
        state_bytes=len(text.encode("utf-8")),
    )
