"""Exercises found in a module notebook: statements, problems, release (pure)."""

import json
from pathlib import Path

from jupyter_tutor.exercises.declaration import scan_exercises
from jupyter_tutor.exercises.release import released_notebook
from jupyter_tutor.modules.catalog import scan

CHECK = {"code": "assert x == 1", "message": "x should be 1"}


def markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(source: str = "x = None", exercise: object = None) -> dict:
    metadata = {} if exercise is None else {"jupyter_tutor": {"exercise": exercise}}
    return {
        "cell_type": "code",
        "metadata": metadata,
        "source": source,
        "outputs": [],
        "execution_count": None,
    }


def exercise(slug: str, **fields: object) -> dict:
    return {"id": slug, "checks": [CHECK], "solution": f"x = 1  # {slug} solution", **fields}


def notebook(*cells: dict) -> dict:
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)}


def test_the_statement_is_the_markdown_since_the_previous_exercise():
    found = scan_exercises(
        notebook(
            markdown("# Intro"),
            code("import numpy as np"),
            markdown(["### Exercise 1\n", "Make x one."]),
            code(exercise=exercise("one")),
            markdown("### Exercise 2"),
            code("data = [1]"),
            markdown("Now make it *two*."),
            code(exercise=exercise("two", title="Two")),
        )
    )
    assert found.problems == []
    first, second = found.exercises
    assert first.statement == "# Intro\n\n### Exercise 1\nMake x one."
    assert second.statement == "### Exercise 2\n\nNow make it *two*."
    assert (second.slug, second.title) == ("two", "Two")
    assert sorted(found.by_cell) == [3, 7]


def test_broken_declarations_are_reported_and_the_others_kept():
    found = scan_exercises(
        notebook(
            code(exercise=exercise("one")),
            code(exercise=exercise("one")),
            code(exercise={"id": "bad id", "checks": [CHECK]}),
            {**markdown("text"), "metadata": {"jupyter_tutor": {"exercise": exercise("md")}}},
            code(exercise=exercise("two", checks=[])),
            code(exercise=exercise("three", hints={"9": "x"})),
        )
    )
    assert [e.slug for e in found.exercises] == ["one"]
    assert [str(p) for p in found.problems] == [
        "cell 1: exercise.id 'one' is already used in this module",
        "cell 2: exercise.id must be a slug like 'evens-and-grid' (a-z, 0-9, -; at most 100)",
        "cell 3: an exercise is declared on a code cell",
        "cell 4: exercise.checks needs at least 1 entry",
        "cell 5: exercise.hints has unknown field(s): 9",
    ]


def test_hostile_notebook_shapes_give_no_exercises_and_no_crash():
    for shape in [None, [], {"cells": "x"}, {"cells": [None, 1, "x", {"metadata": []}]}]:
        assert scan_exercises(shape).exercises == []


def test_release_keeps_checks_and_drops_solutions_hints_and_broken_declarations():
    source = notebook(
        markdown("Make x one."),
        code(exercise=exercise("one", hints={"1": "instructor hint one"})),
        code(exercise={"id": "broken", "checks": "x", "solution": "secret broken solution"}),
        code(exercise=["secret list solution"]),
    )
    before = json.dumps(source)
    released = released_notebook(source)
    assert json.dumps(source) == before, "the source notebook is left as it was"
    text = json.dumps(released)
    for secret in ("one solution", "instructor hint one", "secret broken", "secret list"):
        assert secret not in text
    assert released["cells"][1]["metadata"]["jupyter_tutor"]["exercise"] == {
        "id": "one",
        "checks": [CHECK],
    }
    assert released["cells"][2]["metadata"]["jupyter_tutor"] == {}
    assert released["cells"][3]["metadata"]["jupyter_tutor"] == {}
    assert released["cells"][0] == source["cells"][0]


def test_a_module_with_a_broken_exercise_still_syncs(tmp_path: Path):
    nb = notebook(code(exercise=exercise("one")), code(exercise={"id": "two"}))
    nb["metadata"] = {"jupyter_tutor": {"module": {"id": "m", "title": "M", "order": 1}}}
    (tmp_path / "m.ipynb").write_text(json.dumps(nb))
    catalog = scan(tmp_path)
    assert [m.slug for m in catalog.modules] == ["m"]
    assert [e.slug for e in catalog.modules[0].exercises] == ["one"]
    assert [p.reason for p in catalog.problems] == [
        "cell 1: exercise needs checks (exercise skipped)"
    ]


def test_the_module_setting_to_complete_itself_is_validated(tmp_path: Path):
    module = {"id": "m", "title": "M", "order": 1, "complete_when_exercises_pass": "yes"}
    nb = notebook(code(exercise=exercise("one")))
    nb["metadata"] = {"jupyter_tutor": {"module": module}}
    (tmp_path / "m.ipynb").write_text(json.dumps(nb))
    assert [p.reason for p in scan(tmp_path).problems] == [
        "complete_when_exercises_pass must be true or false"
    ]
    module["complete_when_exercises_pass"] = True
    (tmp_path / "m.ipynb").write_text(json.dumps(nb))
    assert scan(tmp_path).modules[0].complete_when_exercises_pass is True
