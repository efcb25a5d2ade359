"""Check runs recorded per student and exercise, summarised, and a module completing itself.
Runs on SQLite and on Postgres."""

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import payload
from exercise_notebook import CHECKS_ONE, SOLUTION_ONE, STATEMENT_ONE, exercise_notebook
from test_bad_input import stored

INSTRUCTOR = "ivy"


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(exercise_notebook()))
    epsilon = exercise_notebook("epsilon", 5, completes=False)
    (modules_dir / "module_05_epsilon.ipynb").write_text(json.dumps(epsilon))
    return modules_dir


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"]["instructor_users"] = {INSTRUCTOR}
    return jp_server_config


def check(api: Any, exercise: str, module: str = "delta", user: str = "ada", **body: Any) -> Any:
    return api(
        "modules", module, "exercises", exercise, "checks", method="POST", body=body, user=user
    )


async def test_learners_get_the_released_exercises_with_their_standing(api):
    listed = payload(await api("modules", "delta", "exercises"))
    assert listed["module_id"] == "delta" and listed["complete_when_exercises_pass"] is True
    assert listed["summary"] == {"passed": 0, "total": 2}
    first, second = listed["exercises"]
    assert first == {
        "id": "evens-and-grid",
        "title": "Creating arrays",
        "checks": CHECKS_ONE,
        "progress": {
            "id": "evens-and-grid",
            "status": "not_tried",
            "attempts": 0,
            "first_passed_at": None,
            "last_run_at": None,
            "failed_check": None,
            "failed_message": None,
            "error": None,
        },
    }
    assert second["id"] == "passing" and "title" not in second
    assert SOLUTION_ONE not in json.dumps(listed) and "hints" not in json.dumps(listed)


async def test_runs_update_status_attempts_and_keep_the_first_pass(api):
    failed = payload(
        await check(api, "evens-and-grid", passed=False, failed_check=1, error="AssertionError")
    )
    assert failed["status"] == "failing" and failed["attempts"] == 1
    assert failed["failed_check"] == 1 and failed["failed_message"] == CHECKS_ONE[1]["message"]
    assert failed["error"] == "AssertionError" and failed["first_passed_at"] is None
    assert failed["module_completed"] is False

    passed = payload(await check(api, "evens-and-grid", passed=True))
    assert passed["status"] == "passed" and passed["attempts"] == 2
    assert passed["first_passed_at"] == passed["last_run_at"] is not None
    assert passed["failed_check"] is None and passed["error"] is None

    again = payload(await check(api, "evens-and-grid", passed=False, failed_check=0))
    assert again["status"] == "failing" and again["attempts"] == 3
    assert again["first_passed_at"] == passed["first_passed_at"]
    assert again["last_run_at"] > passed["last_run_at"]

    await check(api, "passing", passed=True)
    modules = {m["id"]: m for m in payload(await api("modules"))["modules"]}
    assert modules["delta"]["exercises"] == {"passed": 1, "total": 2}
    assert modules["alpha"]["exercises"] == {"passed": 0, "total": 0}
    assert payload(await api("modules", "delta"))["exercises"] == {"passed": 1, "total": 2}
    progress = payload(await api("progress", "delta"))
    assert [(e["id"], e["status"], e["attempts"]) for e in progress["exercises"]] == [
        ("evens-and-grid", "failing", 3),
        ("passing", "passed", 1),
    ]
    bob = payload(await api("progress", "delta", user="bob"))
    assert [e["status"] for e in bob["exercises"]] == ["not_tried", "not_tried"]


async def test_a_module_completes_itself_when_every_exercise_passes(api):
    assert payload(await check(api, "passing", passed=True))["module_completed"] is False
    assert payload(await api("modules", "delta"))["status"] == "not_started"
    done = payload(await check(api, "evens-and-grid", passed=True))
    assert done["module_completed"] is True
    assert payload(await api("modules", "delta"))["status"] == "completed"
    assert payload(await api("modules", "delta", user="bob"))["status"] == "not_started"


async def test_without_the_setting_the_module_does_not_complete_itself(api):
    for exercise in ("evens-and-grid", "passing"):
        assert (
            payload(await check(api, exercise, "epsilon", passed=True))["module_completed"] is False
        )
    assert payload(await api("modules", "epsilon"))["status"] == "not_started"
    assert payload(await api("modules", "epsilon"))["exercises"] == {"passed": 2, "total": 2}


async def test_the_statement_solution_and_hints_are_for_instructors_only(api):
    refused = await api("modules", "delta", "exercises", "source")
    assert refused.code == 403 and SOLUTION_ONE not in refused.body.decode()
    source = payload(await api("modules", "delta", "exercises", "source", user=INSTRUCTOR))
    first = source["exercises"][0]
    assert first["solution"] == SOLUTION_ONE and first["statement"] == f"# Delta\n\n{STATEMENT_ONE}"
    assert first["hints"] == {
        "1": "Instructor hint: arange excludes its stop value, so stop at 22."
    }


BAD_RUNS: list[tuple[dict[str, Any], str]] = [
    ({}, "passed must be true or false"),
    ({"passed": "yes"}, "passed must be true or false"),
    ({"passed": 1}, "passed must be true or false"),
    ({"passed": True, "failed_check": 0}, "has no failed_check"),
    ({"passed": True, "error": "x"}, "has no failed_check"),
    ({"passed": False}, "needs failed_check"),
    ({"passed": False, "failed_check": 2}, "from 0 to 1"),
    ({"passed": False, "failed_check": -1}, "from 0 to 1"),
    ({"passed": False, "failed_check": True}, "from 0 to 1"),
    ({"passed": False, "failed_check": "0"}, "from 0 to 1"),
    ({"passed": False, "failed_check": 0, "error": ["x"]}, "error must be text"),
    ({"passed": True, "student": "bob"}, "Unknown field(s): student"),
    ({"passed": True, "at": "2020-01-01"}, "Unknown field(s): at"),
]


async def test_bad_runs_are_refused_with_a_reason_and_store_nothing(api, tutor):
    await check(api, "evens-and-grid", passed=False, failed_check=0)
    before = await stored(tutor)
    for body, reason in BAD_RUNS:
        response = await check(api, "evens-and-grid", **body)
        assert response.code == 400, (body, response.body)
        assert reason in payload(response)["message"], (body, payload(response)["message"])
    for path in [("delta", "unknown"), ("nope", "evens-and-grid"), ("alpha", "evens-and-grid")]:
        response = await check(api, path[1], path[0], passed=True)
        assert response.code == 404, path
    for raw in [b"[]", b"{not json", b'{"passed": true, "error": "\\u0000"}']:
        response = await api(
            "modules", "delta", "exercises", "evens-and-grid", "checks", method="POST", raw=raw
        )
        assert response.code == 400
    assert await stored(tutor) == before


async def test_an_error_text_is_clipped_not_refused(api):
    recorded = payload(await check(api, "passing", passed=False, failed_check=0, error="e" * 5000))
    assert recorded["error"] == "e" * 2000
