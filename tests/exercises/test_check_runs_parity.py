"""The check-run rules, replayed through the REST API from ``check_runs_parity.json``.

``jlpm test`` replays the same steps through the JupyterLite site's exercise store
(labextension/test/exercises/checkRunsParity.spec.ts): both must answer each step alike.
Runs on SQLite and on Postgres.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import fixture_notebook, payload
from contract_shapes import conform
from exercise_notebook import code_cell

FIXTURE = json.loads(Path(__file__).with_name("check_runs_parity.json").read_text(encoding="utf-8"))
MODULE = FIXTURE["module"]


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    notebook = fixture_notebook(MODULE["id"], "Parity", 9)
    block = notebook["metadata"]["jupyter_tutor"]["module"]
    block["complete_when_exercises_pass"] = MODULE["complete_when_exercises_pass"]
    for number, exercise in enumerate(MODULE["exercises"], start=1):
        notebook["cells"].append(code_cell(f"e{number}", "x = None", exercise))
    (modules_dir / "module_09_parity.ipynb").write_text(json.dumps(notebook))
    return modules_dir


def error_of(error: str | None) -> Any:
    """The fixture's shorthand: a long error by its length in code points."""
    return {"code_points": len(error)} if error and len(error) > 100 else error


def standing(body: dict[str, Any]) -> dict[str, Any]:
    conform("ExerciseStanding", {k: v for k, v in body.items() if k != "module_completed"})
    return {
        "id": body["id"],
        "status": body["status"],
        "attempts": body["attempts"],
        "failed_check": body["failed_check"],
        "failed_message": body["failed_message"],
        "error": error_of(body["error"]),
        "first_passed": body["first_passed_at"] is not None,
    }


async def test_the_server_answers_every_step_as_the_fixture(api):
    first_passed: dict[str, str] = {}
    for number, step in enumerate(FIXTURE["steps"], start=1):
        got = await replay(api, step)
        assert got["outcome"] == step["expect"], f"step {number}: {step}"
        # Once set, first_passed_at never changes.
        for one in got["standings"]:
            if one["first_passed_at"] is not None:
                kept = first_passed.setdefault(one["id"], one["first_passed_at"])
                assert one["first_passed_at"] == kept, f"step {number}"


async def replay(api, step: dict[str, Any]) -> dict[str, Any]:
    module = MODULE["id"]
    if step["do"] == "list":
        response = await api("modules", module, "exercises")
    elif step["do"] == "progress":
        response = await api("progress", module)
    else:
        path = ("modules", module, "exercises", step["exercise"], "checks")
        response = await api(*path, method="POST", body=step["body"])
    body = payload(response)
    if response.code >= 400:
        return {"outcome": {"status": response.code, "error": body["error"]}, "standings": []}
    if step["do"] == "progress":
        return {"outcome": {"status": 200, "module_status": body["status"]}, "standings": []}
    if step["do"] == "list":
        standings = [exercise["progress"] for exercise in body["exercises"]]
        outcome = {
            "status": 200,
            "summary": body["summary"],
            "exercises": [standing(one) for one in standings],
        }
        return {"outcome": outcome, "standings": standings}
    outcome = {"status": 200, **standing(body), "module_completed": body["module_completed"]}
    return {"outcome": outcome, "standings": [body]}
