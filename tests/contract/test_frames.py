"""Every frame the tutor socket sends is built by one constructor of the contract's shape."""

from datetime import UTC, datetime
from typing import Any

import pytest
from contract_shapes import conform

from jupyter_tutor.contract import SCHEMA, names
from jupyter_tutor.tutor.frames import (
    DeltaFrame,
    EndFrame,
    ErrorFrame,
    ReplaceFrame,
    StartFrame,
    UsageCounts,
    delta_frame,
    end_frame,
    error_frame,
    replace_frame,
    start_frame,
)
from jupyter_tutor.tutor.llm import Usage
from jupyter_tutor.tutor.pedagogy.levels import LEVELS

TYPED = {
    "TutorStartFrame": StartFrame,
    "TutorDeltaFrame": DeltaFrame,
    "TutorReplaceFrame": ReplaceFrame,
    "TutorEndFrame": EndFrame,
    "TutorErrorFrame": ErrorFrame,
    "TutorUsage": UsageCounts,
}


@pytest.mark.parametrize("definition", TYPED)
def test_each_typed_frame_has_the_contract_fields(definition: str) -> None:
    typed: Any = TYPED[definition]
    shape = SCHEMA["$defs"][definition]
    assert set(typed.__annotations__) == set(shape["properties"])
    assert set(typed.__required_keys__) == set(shape["required"])


@pytest.mark.parametrize("level", LEVELS, ids=lambda level: level.name)
@pytest.mark.parametrize("provider", names("TutorProvider"))
def test_a_start_frame_is_the_contract_shape(level: Any, provider: str) -> None:
    frame = start_frame("q1", level, max_level=4, same_problem=True, provider=provider)
    conform("TutorStartFrame", frame)


def test_text_frames_are_the_contract_shape() -> None:
    conform("TutorDeltaFrame", delta_frame("q1", "Look at line 3."))
    conform("TutorReplaceFrame", replace_frame("q1", ""))


@pytest.mark.parametrize("message_id", [None, 7])
def test_an_end_frame_is_the_contract_shape(message_id: int | None) -> None:
    frame = end_frame(
        "q1", Usage(12, 30), message_id=message_id, guarded=True, stopped=message_id is None
    )
    conform("TutorEndFrame", frame)
    assert frame["usage"]["total_tokens"] == 42


@pytest.mark.parametrize("code", [c for c in names("TutorErrorCode") if c != "disconnected"])
def test_an_error_frame_is_the_contract_shape(code: str) -> None:
    conform("TutorErrorFrame", error_frame(None, code, "Why."))
    reset = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    conform("TutorErrorFrame", error_frame("q1", code, "Why.", retryable=True, reset_at=reset))


def test_a_frame_the_contract_lacks_is_refused() -> None:
    with pytest.raises(AssertionError, match="not a TutorFrame"):
        conform("TutorFrame", {**delta_frame("q1", "x"), "extra": 1})
    with pytest.raises(AssertionError, match="not a TutorErrorFrame"):
        conform("TutorErrorFrame", error_frame("q1", "no_such_code", "Why."))
