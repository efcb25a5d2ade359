"""Exercise declarations are judged by one schema, on the server and in the browser.

``declarations.json`` holds declarations and what the check makes of them: valid (and its
released form) or the reason it is refused. These tests hold the Python side to it; the
browser's editor reads the same ``exercise.schema.json`` (a copy, see
``tests/test_shared_data.py``) and ``labextension/test/exercises/editor/declarationParity.spec.ts``
replays the same file. After changing the schema on purpose, rewrite the expectations with
``python tests/exercises/test_declaration_parity.py`` and review the diff.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from jupyter_tutor.exercises.declaration import parse_exercise

FIXTURE = Path(__file__).with_name("declarations.json")
CHECK = {"code": "assert x == 1", "message": "x should be 1"}

CASES: list[tuple[str, Any]] = [
    ("minimal", {"id": "first", "checks": [CHECK]}),
    ("everything", {
        "id": "evens-and-grid", "title": "Creating arrays", "checks": [CHECK, CHECK],
        "solution": "x = 1", "hints": {"1": "Look at x.", "3": "x is a number."},
    }),
    ("not an object", ["id", "first"]),
    ("null checks", {"id": "first", "checks": None}),
    ("no id", {"checks": [CHECK]}),
    ("no checks", {"id": "first"}),
    ("empty checks", {"id": "first", "checks": []}),
    ("id with capitals", {"id": "First", "checks": [CHECK]}),
    ("id with a space", {"id": "a b", "checks": [CHECK]}),
    ("id with a trailing newline", {"id": "first\n", "checks": [CHECK]}),
    ("id starting with a dash", {"id": "-first", "checks": [CHECK]}),
    ("id too long", {"id": "a" * 101, "checks": [CHECK]}),
    ("id a number", {"id": 7, "checks": [CHECK]}),
    ("blank title", {"id": "first", "title": "  ", "checks": [CHECK]}),
    ("check without message", {"id": "first", "checks": [{"code": "assert x"}]}),
    ("check with blank code", {"id": "first", "checks": [{"code": " \n", "message": "m"}]}),
    ("check with an unknown field", {"id": "first", "checks": [{**CHECK, "shell": "id"}]}),
    ("check message too long", {"id": "first", "checks": [{**CHECK, "message": "m" * 501}]}),
    ("unknown field", {"id": "first", "checks": [CHECK], "answer": "x = 1"}),
    ("solution not text", {"id": "first", "checks": [CHECK], "solution": ["x = 1"]}),
    ("hint level 0", {"id": "first", "checks": [CHECK], "hints": {"0": "nope"}}),
    ("hint level 5", {"id": "first", "checks": [CHECK], "hints": {"5": "nope"}}),
    ("hint 0 beside hint 1", {"id": "first", "checks": [CHECK], "hints": {"1": "a", "0": "b"}}),
    ("id and checks missing, an unknown field", {"answer": "x = 1"}),
    ("two broken checks", {"id": "first", "checks": [{"code": "", "message": "m"}, {"code": "x"}]}),
    ("title too long", {"id": "first", "title": "t" * 201, "checks": [CHECK]}),
    ("code too long", {"id": "first", "checks": [{**CHECK, "code": "x" * 10001}]}),
    ("too many checks", {"id": "first", "checks": [CHECK] * 51}),
    ("blank hint", {"id": "first", "checks": [CHECK], "hints": {"2": " "}}),
    ("hints a list", {"id": "first", "checks": [CHECK], "hints": ["a", "b"]}),
]  # fmt: skip


def judged(raw: Any) -> dict[str, Any]:
    try:
        return {"valid": True, "released": parse_exercise(raw).released()}
    except ValueError as error:
        return {"valid": False, "reason": str(error)}


def expectations() -> list[dict[str, Any]]:
    return [{"case": name, "declaration": raw, **judged(raw)} for name, raw in CASES]


@pytest.mark.parametrize("case", json.loads(FIXTURE.read_text()), ids=lambda case: case["case"])
def test_the_server_judges_each_declaration_as_the_fixture_says(case):
    assert judged(case["declaration"]) == {k: v for k, v in case.items() if k in judged_keys(case)}


def judged_keys(case: dict[str, Any]) -> set[str]:
    return {"valid", "released"} if case["valid"] else {"valid", "reason"}


def test_the_fixture_is_current():
    assert json.loads(FIXTURE.read_text()) == expectations(), "run this file to rewrite it"


def test_the_released_form_never_holds_solution_or_hints():
    for case in json.loads(FIXTURE.read_text()):
        if case["valid"]:
            assert set(case["released"]) <= {"id", "title", "checks"}


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(expectations(), indent=1, ensure_ascii=False) + "\n")
