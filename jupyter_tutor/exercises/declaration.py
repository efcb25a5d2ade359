"""Exercises declared in a module notebook's code cells (pure, no server).

A code cell whose ``metadata.jupyter_tutor.exercise`` passes ``exercise.schema.json`` (the
same file the browser reads) declares an exercise; its statement is the markdown between
the previous exercise cell (or the top) and this cell. Broken declarations are reported
with where and what, and the module keeps its other exercises.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

SCHEMA_FILE = Path(__file__).with_name("exercise.schema.json")
STATUSES_FILE = Path(__file__).with_name("statuses.json")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
# A problem names the place and the rule, never the (possibly huge) value.
MAX_SHOWN = 60


@dataclass(frozen=True)
class Check:
    code: str
    message: str


@dataclass(frozen=True)
class Exercise:
    slug: str
    checks: tuple[Check, ...]
    title: str = ""
    statement: str = ""
    # Instructor-only: never in a released notebook or a learner's response.
    solution: str = ""
    hints: dict[int, str] = field(default_factory=dict)

    def released(self) -> dict[str, Any]:
        """What a learner's copy carries: no solution, no instructor hints."""
        value: dict[str, Any] = {"id": self.slug}
        if self.title:
            value["title"] = self.title
        value["checks"] = [{"code": c.code, "message": c.message} for c in self.checks]
        return value

    def as_json(self) -> dict[str, Any]:
        """Everything, as stored for the server's own use (the tutor, instructors)."""
        return {
            **self.released(),
            "statement": self.statement,
            "solution": self.solution,
            "hints": {str(number): text for number, text in sorted(self.hints.items())},
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> "Exercise":
        return cls(
            slug=value["id"],
            checks=tuple(Check(c["code"], c["message"]) for c in value["checks"]),
            title=value.get("title", ""),
            statement=value.get("statement", ""),
            solution=value.get("solution", ""),
            hints={int(number): text for number, text in value.get("hints", {}).items()},
        )


@dataclass(frozen=True)
class ExerciseProblem:
    cell_index: int
    reason: str

    def __str__(self) -> str:
        return f"cell {self.cell_index}: {self.reason}"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def statuses() -> tuple[str, ...]:
    return tuple(json.loads(STATUSES_FILE.read_text(encoding="utf-8"))["statuses"])


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema())


def _where(error: ValidationError) -> str:
    place = "exercise"
    for part in error.absolute_path:
        place += f"[{part}]" if isinstance(part, int) else f".{str(part)[:MAX_SHOWN]}"
    return place


def _reason(error: ValidationError) -> str:
    """The broken rule in words; the schema stays the one source of the rules."""
    rule, expected = error.validator, error.validator_value
    where = _where(error)
    if rule == "required":
        missing = [name for name in expected if name not in error.instance]
        return f"{where} needs {', '.join(missing)}"
    if rule == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        unknown = sorted(
            str(name)[:MAX_SHOWN]
            for name in error.instance
            if name not in known and not any(p.search(str(name)) for p in patterns)
        )
        return f"{where} has unknown field(s): {', '.join(unknown[:5])}"
    if rule == "type":
        return f"{where} must be {'an' if expected in ('array', 'object') else 'a'} {expected}"
    if rule == "pattern" and where == "exercise.id":
        return _reason_for_slug()
    if rule in ("pattern", "minLength"):
        return f"{where} must not be blank"
    if rule == "maxLength":
        return f"{where} is longer than {expected:,} characters"
    if rule == "minItems":
        return f"{where} needs at least {expected} entry"
    if rule == "maxItems":
        return f"{where} has more than {expected} entries"
    return f"{where} is not valid ({rule})"


def _reason_for_slug() -> str:
    return "exercise.id must be a slug like 'evens-and-grid' (a-z, 0-9, -; at most 100)"


def parse_exercise(raw: Any, statement: str = "") -> Exercise:
    """One declaration, or ``ValueError`` saying what is wrong with it."""
    errors = sorted(_validator().iter_errors(raw), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise ValueError(_reason(errors[0]))
    if not SLUG.fullmatch(raw["id"]):  # Python's "$" also matches before a final newline
        raise ValueError(_reason_for_slug())
    return Exercise(
        slug=raw["id"],
        checks=tuple(Check(c["code"], c["message"]) for c in raw["checks"]),
        title=raw.get("title", "").strip(),
        statement=statement.strip(),
        solution=raw.get("solution", ""),
        hints={int(number): text for number, text in raw.get("hints", {}).items()},
    )


def _text(source: Any) -> str:
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def declaration_of(cell: Any) -> Any:
    """The cell's ``metadata.jupyter_tutor.exercise`` as written (None: not an exercise)."""
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    block = metadata.get("jupyter_tutor") if isinstance(metadata, dict) else None
    return block.get("exercise") if isinstance(block, dict) else None


@dataclass(frozen=True)
class NotebookExercises:
    exercises: list[Exercise]
    problems: list[ExerciseProblem]
    # Cell index → exercise, for the cells whose declaration is valid.
    by_cell: dict[int, Exercise]


def scan_exercises(notebook: Any) -> NotebookExercises:
    """Every exercise a notebook declares, in order, and what is wrong with the others."""
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    exercises: list[Exercise] = []
    problems: list[ExerciseProblem] = []
    by_cell: dict[int, Exercise] = {}
    statement: list[str] = []
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        raw = declaration_of(cell)
        if raw is None:
            if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
                statement.append(_text(cell.get("source")).strip())
            continue
        try:
            if cell.get("cell_type") != "code":
                raise ValueError("an exercise is declared on a code cell")
            exercise = parse_exercise(raw, "\n\n".join(part for part in statement if part))
            if any(other.slug == exercise.slug for other in exercises):
                raise ValueError(f"exercise.id {exercise.slug!r} is already used in this module")
        except ValueError as error:
            problems.append(ExerciseProblem(index, str(error)))
        else:
            exercises.append(exercise)
            by_cell[index] = exercise
        statement = []
    return NotebookExercises(exercises, problems, by_cell)
