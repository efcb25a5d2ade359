"""An instructor re-reads the course folder: edited exercise declarations count for the next
Check without a restart. Runs on SQLite and on Postgres."""

import json
from pathlib import Path

import pytest
from conftest import payload
from exercise_notebook import code_cell

INSTRUCTOR = "ivy"
CHECK = {"code": "assert answer == 42", "message": "`answer` should be 42"}


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"]["instructor_users"] = {INSTRUCTOR}
    return jp_server_config


async def declare(api, modules_dir: Path, exercise: dict) -> None:
    """What the editor does, then the instructor saves: a declaration in the source notebook
    (after the server synced the course on its start)."""
    assert payload(await api("modules", "alpha", "exercises"))["exercises"] == []
    path = modules_dir / "module_01_alpha.ipynb"
    notebook = json.loads(path.read_text())
    notebook["cells"].append(code_cell("new", "answer = None", exercise))
    path.write_text(json.dumps(notebook))


async def test_a_learner_may_not_resync_and_nothing_changes(api, modules_dir):
    await declare(api, modules_dir, {"id": "answer", "checks": [CHECK]})
    refused = await api("sync", "modules", method="POST")
    assert refused.code == 403 and "instructor" in payload(refused)["message"]
    listed = payload(await api("modules", "alpha", "exercises"))
    assert listed["exercises"] == []


async def test_a_resync_makes_a_new_declaration_checkable(api, modules_dir):
    await declare(api, modules_dir, {"id": "answer", "checks": [CHECK], "solution": "answer = 42"})
    synced = payload(await api("sync", "modules", method="POST", user=INSTRUCTOR))
    assert synced == {"modules": 3, "exercises": 1, "problems": []}

    listed = payload(await api("modules", "alpha", "exercises"))
    assert [(e["id"], e["checks"]) for e in listed["exercises"]] == [("answer", [CHECK])]
    assert "answer = 42" not in json.dumps(listed)
    run = await api(
        "modules", "alpha", "exercises", "answer", "checks", method="POST",
        body={"passed": False, "failed_check": 0},
    )  # fmt: skip
    assert payload(run)["failed_message"] == CHECK["message"]


async def test_a_broken_declaration_is_reported_and_left_out(api, modules_dir):
    await declare(api, modules_dir, {"id": "answer", "checks": [{"code": "assert answer"}]})
    synced = payload(await api("sync", "modules", method="POST", user=INSTRUCTOR))
    assert synced["exercises"] == 0
    assert synced["problems"] == [
        {
            "notebook_filename": "module_01_alpha.ipynb",
            "reason": "cell 2: exercise.checks[0] needs message (exercise skipped)",
        }
    ]
    assert payload(await api("modules", "alpha"))["title"] == "Alpha"
