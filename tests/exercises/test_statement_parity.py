"""An exercise's statement is found by one rule, on the server and in the editor.

``statements.json`` holds notebooks and the statement of each valid exercise cell; this
test holds ``scan_exercises`` to it and ``labextension/test/exercises/editor/statement.spec.ts``
holds the browser's ``statementBefore`` to the same file.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from jupyter_tutor.exercises.declaration import scan_exercises

FIXTURE = Path(__file__).with_name("statements.json")


@pytest.mark.parametrize("case", json.loads(FIXTURE.read_text()), ids=lambda case: case["case"])
def test_the_server_finds_each_statement_as_the_fixture_says(case: dict[str, Any]) -> None:
    found = scan_exercises({"cells": case["cells"]}).by_cell
    assert {str(index): exercise.statement for index, exercise in found.items()} == case[
        "statements"
    ]
