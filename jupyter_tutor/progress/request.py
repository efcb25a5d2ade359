"""Validate a progress update from a client before anything is stored (pure)."""

from dataclasses import dataclass
from typing import Any

from ..errors import InvalidRequest, PayloadTooLarge
from ..store.models import STATUSES
from ..web.body import parse_json_object

ALLOWED_FIELDS = ("status", "notebook_state", "base_version")
CELL_TYPES = ("code", "markdown", "raw")


@dataclass(frozen=True)
class ProgressUpdate:
    status: str | None = None
    notebook_state: dict[str, Any] | None = None
    base_version: int | None = None
    state_bytes: int = 0


def parse_base_version(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidRequest(
            "base_version must be the version of the saved state you started from "
            f"(a whole number ≥ 0), got {value!r}."
        )
    return value


def check_notebook(state: Any) -> dict[str, Any]:
    """A cheap structural check: enough to restore it later as a notebook file."""
    if not isinstance(state, dict):
        raise InvalidRequest("notebook_state must be a notebook JSON object.")
    if state.get("nbformat") != 4:
        raise InvalidRequest("notebook_state must be an nbformat 4 notebook (nbformat: 4).")
    if not isinstance(state.get("metadata"), dict):
        raise InvalidRequest("notebook_state.metadata must be an object.")
    cells = state.get("cells")
    if not isinstance(cells, list):
        raise InvalidRequest("notebook_state.cells must be a list.")
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") not in CELL_TYPES:
            raise InvalidRequest(
                f"notebook_state.cells[{index}] must be a cell with cell_type "
                f"{', '.join(CELL_TYPES)}."
            )
        if not isinstance(cell.get("source"), str | list):
            raise InvalidRequest(f"notebook_state.cells[{index}].source must be text.")
    return state


def parse_progress_update(body: bytes, max_notebook_bytes: int) -> ProgressUpdate:
    if len(body) > max_notebook_bytes:
        raise PayloadTooLarge(
            f"This save is {len(body):,} bytes; the limit is {max_notebook_bytes:,} bytes. "
            "Clear large outputs (for example images) and try again.",
            max_bytes=max_notebook_bytes,
        )
    fields = parse_json_object(body)
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
        raise InvalidRequest(f"Unknown status {status!r}. Use one of: {', '.join(STATUSES)}.")
    if state is None:
        return ProgressUpdate(status=status)
    if "base_version" not in fields:
        raise InvalidRequest(
            "base_version is required with notebook_state, so a stale copy can never "
            "overwrite newer work."
        )
    return ProgressUpdate(
        status=status,
        notebook_state=check_notebook(state),
        base_version=parse_base_version(fields["base_version"]),
        state_bytes=len(body),
    )
