"""Per-module tutor settings from notebook metadata ``jupyter_tutor.tutor`` (pure)."""

from dataclasses import dataclass, field
from typing import Any

from ...contract import fields
from .levels import MAX_LEVEL


@dataclass(frozen=True)
class TutorSettings:
    # Highest hint level the tutor may reach for this module.
    max_level: int = MAX_LEVEL
    # From this level on answers may contain code blocks (the worked example).
    code_allowed_level: int = MAX_LEVEL
    # Words the tutor must not use (e.g. the name of the function that solves it).
    avoid: tuple[str, ...] = field(default_factory=tuple)
    # Extra instructions from the instructor for the model.
    instructions: str = ""


def _level(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_LEVEL:
        raise ValueError(
            f"tutor.{name} must be a whole number from 1 to {MAX_LEVEL}, got {value!r}"
        )
    return value


def parse_tutor_settings(raw: Any) -> TutorSettings:
    """Validate ``metadata.jupyter_tutor.tutor``; a missing block means the defaults."""
    if raw is None:
        return TutorSettings()
    if not isinstance(raw, dict):
        raise ValueError("jupyter_tutor.tutor must be an object")
    unknown = sorted(set(raw) - fields("TutorSettingsBlock"))
    if unknown:
        raise ValueError(f"unknown tutor setting(s): {', '.join(unknown)}")
    max_level = _level(raw.get("max_level", MAX_LEVEL), "max_level")
    code_level = _level(raw.get("code_allowed_level", MAX_LEVEL), "code_allowed_level")
    avoid = raw.get("avoid", [])
    if not isinstance(avoid, list) or not all(isinstance(w, str) and w.strip() for w in avoid):
        raise ValueError("tutor.avoid must be a list of words or phrases")
    instructions = raw.get("instructions", "")
    if not isinstance(instructions, str):
        raise ValueError("tutor.instructions must be text")
    return TutorSettings(
        max_level=max_level,
        code_allowed_level=code_level,
        avoid=tuple(w.strip() for w in avoid),
        instructions=instructions.strip(),
    )
