"""Property tests of the exercise validator and the release step (Hypothesis)."""

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jupyter_tutor.errors import TutorError
from jupyter_tutor.exercises.declaration import Check, Exercise, parse_exercise, scan_exercises
from jupyter_tutor.exercises.release import released_notebook
from jupyter_tutor.exercises.request import parse_check_run

texts = st.text() | st.sampled_from(["", " ", "\n", "x\n", "\x00", "$(id)", "a" * 600])
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["id", "title", "checks", "solution", "hints"]
slugs = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z")
words = st.text(st.characters(codec="utf-8"), min_size=1, max_size=40).filter(str.strip)
checks = st.lists(st.fixed_dictionaries({"code": words, "message": words}), min_size=1, max_size=4)
valid = st.fixed_dictionaries(
    {"id": slugs, "checks": checks},
    optional={
        "title": words,
        "solution": words,
        "hints": st.dictionaries(st.sampled_from("1234"), words, max_size=4),
    },
)


def judged(raw: Any) -> Exercise | str:
    try:
        return parse_exercise(raw)
    except ValueError as error:
        return str(error)


@given(st.dictionaries(st.sampled_from(FIELDS) | texts, json_values, max_size=6) | json_values)
def test_any_value_is_an_exercise_or_a_short_reason(raw):
    outcome = judged(raw)
    if isinstance(outcome, str):
        assert outcome.startswith("exercise") and len(outcome) <= 200
    else:
        assert set(outcome.released()) <= {"id", "title", "checks"}


@given(valid)
def test_every_valid_declaration_is_accepted_and_round_trips(raw):
    exercise = parse_exercise(raw)
    assert exercise.slug == raw["id"] and len(exercise.checks) == len(raw["checks"])
    assert Exercise.from_json(json.loads(json.dumps(exercise.as_json()))) == exercise
    assert "solution" not in exercise.released() and "hints" not in exercise.released()


@given(valid, st.sampled_from(["id", "checks"]))
def test_a_missing_required_field_is_named(raw, field):
    del raw[field]
    assert judged(raw) == f"exercise needs {field}"


@given(valid, st.sampled_from(FIELDS), st.none() | st.integers() | st.booleans())
def test_a_wrong_type_is_refused_naming_the_field(raw, field, value):
    raw[field] = value
    outcome = judged(raw)
    assert isinstance(outcome, str) and outcome.startswith(f"exercise.{field}")


@given(st.lists(valid | json_values, max_size=6), st.data())
def test_no_released_notebook_holds_a_solution_or_hint(declarations, data):
    cells = []
    for number, raw in enumerate(declarations):
        if isinstance(raw, dict):
            raw = {**raw, "solution": f"SECRET-SOLUTION-{number}"}
            if data.draw(st.booleans()):
                raw["hints"] = {"2": f"SECRET-HINT-{number}"}
        metadata = {"jupyter_tutor": {"exercise": raw}}
        kind = data.draw(st.sampled_from(["code", "code", "markdown"]))
        cells.append({"cell_type": kind, "metadata": metadata, "source": ""})
    notebook = {"cells": cells}
    released = json.dumps(released_notebook(notebook))
    assert "SECRET-" not in released
    assert len(scan_exercises(json.loads(released)).exercises) == len(
        scan_exercises(notebook).exercises
    )


EXERCISE = Exercise("one", (Check("assert x", "x"), Check("assert y", "y")))


@given(st.dictionaries(st.sampled_from(["passed", "failed_check", "error"]) | texts, json_values))
def test_a_check_run_is_valid_or_refused_with_a_4xx(fields):
    try:
        run = parse_check_run(fields, EXERCISE)
    except TutorError as error:
        assert 400 <= error.status < 500 and error.message
        return
    assert isinstance(run.passed, bool)
    if run.passed:
        assert run.failed_check is None and run.error is None
    else:
        assert run.failed_check in (0, 1)
        assert run.error is None or len(run.error) <= 2000
