"""The class dashboard's routes: a seeded class whose aggregates are computed by hand, every
route for a learner (refused), an instructor and an admin, the CSV export. Runs on SQLite
and on Postgres."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import fixture_notebook, payload
from exercise_notebook import CHECKS_ONE, CHECKS_TWO, exercise_notebook
from sqlalchemy import update

from jupyter_tutor.store.models import ChatMessage, ExerciseProgress, utcnow
from jupyter_tutor.tutor.history import NewMessage

INSTRUCTOR, ADMIN = "ivy", "root"
ROUTES = ["students", "students.csv", "exercises", "exercises.csv", "questions", "students/ada"]
NAME_ERROR = "NameError: name 'evens' is not defined"


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(exercise_notebook()))
    return modules_dir


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"]["instructor_users"] = {INSTRUCTOR}
    jp_server_config["TutorApp"]["admin_users"] = {ADMIN}
    jp_server_config["TutorApp"]["history_max_age_days"] = 30
    return jp_server_config


async def check(
    api: Any,
    user: str,
    exercise: str,
    passed: bool,
    failed: int | None = None,
    error: str | None = None,
):
    body: dict[str, Any] = {"passed": passed}
    if failed is not None:
        body["failed_check"] = failed
    if error is not None:
        body["error"] = error
    response = await api(
        "modules", "delta", "exercises", exercise, "checks", method="POST", body=body, user=user
    )
    assert response.code == 200, response.body


async def ask(tutor: Any, user: str, level: int, exercise: str | None = None) -> None:
    module = await tutor.modules.require_module("delta")
    session = await tutor.tutor.history.session_id(user, module.id)
    question = NewMessage("user", "help?", level=level, exercise_id=exercise)
    await tutor.tutor.history.add(session, question)
    await tutor.tutor.history.add(session, NewMessage("assistant", "a hint", level=level))


ADA_NOTEBOOK = fixture_notebook("delta", "Delta", 4, source="evens = [2, 4]")


async def seed_class(api: Any, tutor: Any) -> None:
    """ada in progress (1 of 2 passed, 2 questions up to level 2, a saved notebook), bob
    completed (both passed), cy in progress and failing for long, dee failing at the
    highest hint level (no progress row: not started), eve only asked one question.
    Errors of evens-and-grid: two NameErrors of different names (one kind), one
    AssertionError."""
    work = {"status": "in_progress", "notebook_state": ADA_NOTEBOOK, "base_version": 0}
    await api("progress", "delta", method="PUT", body=work, user="ada")
    await check(api, "ada", "evens-and-grid", False, 1, "AssertionError: expected 4, got 3")
    await check(api, "ada", "evens-and-grid", True)
    await check(api, "ada", "passing", False, 0)
    await ask(tutor, "ada", 1, "passing")
    await ask(tutor, "ada", 2, "passing")
    await check(api, "bob", "evens-and-grid", True)
    await check(api, "bob", "passing", False, 0)
    await check(api, "bob", "passing", True)
    await api("progress", "delta", method="PUT", body={"status": "in_progress"}, user="cy")
    await check(api, "cy", "evens-and-grid", False, 0)
    async with tutor.engine.begin() as db:
        await db.execute(
            update(ExerciseProgress)
            .where(ExerciseProgress.user_id == "cy")
            .values(first_run_at=utcnow() - timedelta(hours=2))
        )
    await check(api, "dee", "evens-and-grid", False, 1, NAME_ERROR)
    await check(api, "dee", "evens-and-grid", False, 1, "NameError: name 'grid' is not defined")
    for level in (1, 2, 3, 4):
        await ask(tutor, "dee", level, "evens-and-grid")
    await ask(tutor, "eve", 1)


EXPECTED_STUDENTS = {
    # user: status, passed, questions, highest hint level
    "ada": ("in_progress", 1, 2, 2),
    "bob": ("completed", 2, 0, None),
    "cy": ("in_progress", 0, 0, None),
    "dee": ("not_started", 0, 4, 4),
    "eve": ("not_started", 0, 1, 1),
}


async def test_the_students_of_a_seeded_class(api, tutor):
    await seed_class(api, tutor)
    answer = payload(await api("instructor", "modules", "delta", "students", user=INSTRUCTOR))
    assert answer["module_id"] == "delta"
    assert answer["counts"] == {"not_started": 2, "in_progress": 2, "completed": 1}
    got = {
        s["user_id"]: (s["status"], s["exercises_passed"], s["questions"], s["highest_hint_level"])
        for s in answer["students"]
    }
    assert got == EXPECTED_STUDENTS
    assert all(s["exercises_total"] == 2 and s["last_activity"] for s in answer["students"])


async def test_the_exercises_of_a_seeded_class(api, tutor):
    await seed_class(api, tutor)
    answer = payload(await api("instructor", "modules", "delta", "exercises", user=INSTRUCTOR))
    assert answer["students"] == 5
    evens, passing = answer["exercises"]
    assert evens == {
        "id": "evens-and-grid",
        "title": "Creating arrays",
        "tried": 4,
        "passed": 2,
        "pass_rate": 0.4,
        "median_attempts_to_pass": 1.5,
        # cy failing for two hours, dee at the highest hint level.
        "stuck": 2,
        "failing_checks": [
            {"check": 0, "message": CHECKS_ONE[0]["message"], "students": 1},
            {"check": 1, "message": CHECKS_ONE[1]["message"], "students": 1},
        ],
        # Every failing run counts: dee's two NameErrors are one kind.
        "errors": [
            {"name": "NameError", "message": "name '…' is not defined", "runs": 2},
            {"name": "AssertionError", "message": "expected N, got N", "runs": 1},
        ],
    }
    assert passing == {
        "id": "passing",
        "title": "",
        "tried": 2,
        "passed": 1,
        "pass_rate": 0.2,
        "median_attempts_to_pass": 2.0,
        # ada fails, but recently and only up to level 2.
        "stuck": 0,
        "failing_checks": [{"check": 0, "message": CHECKS_TWO[0]["message"], "students": 1}],
        "errors": [],
    }


async def test_a_module_nobody_started_has_an_empty_class(api):
    students = payload(await api("instructor", "modules", "alpha", "students", user=ADMIN))
    assert students == {
        "module_id": "alpha",
        "counts": {"not_started": 0, "in_progress": 0, "completed": 0},
        "students": [],
    }
    exercises = payload(await api("instructor", "modules", "alpha", "exercises", user=ADMIN))
    assert exercises == {"module_id": "alpha", "students": 0, "exercises": []}


async def test_questions_past_the_retention_age_are_not_counted(api, tutor):
    await seed_class(api, tutor)
    async with tutor.engine.begin() as db:
        # dee's level-4 question is older than the 30 days kept (not yet pruned).
        await db.execute(
            update(ChatMessage)
            .where(ChatMessage.level == 4)
            .values(created_at=utcnow() - timedelta(days=31))
        )
    students = payload(await api("instructor", "modules", "delta", "students", user=ADMIN))
    dee = next(s for s in students["students"] if s["user_id"] == "dee")
    assert (dee["questions"], dee["highest_hint_level"]) == (3, 3)
    exercises = payload(await api("instructor", "modules", "delta", "exercises", user=ADMIN))
    # Only cy, failing for long, is stuck now.
    assert exercises["exercises"][0]["stuck"] == 1


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("user", "code"), [("ada", 403), (INSTRUCTOR, 200), (ADMIN, 200)])
async def test_every_route_is_for_instructors_and_admins(api, route, user, code):
    await check(api, "ada", "passing", True)
    response = await api("instructor", "modules", "delta", route, user=user)
    assert response.code == code
    if code == 403:
        assert payload(response)["error"] == "forbidden"


async def test_a_students_notebook_check_history_and_conversation(api, tutor):
    await seed_class(api, tutor)
    answer = payload(
        await api("instructor", "modules", "delta", "students", "ada", user=INSTRUCTOR)
    )
    assert (answer["module_id"], answer["user_id"], answer["status"]) == (
        "delta",
        "ada",
        "in_progress",
    )
    assert answer["notebook_state"]["cells"] == ADA_NOTEBOOK["cells"]
    runs = [
        (r["exercise_id"], r["passed"], r["failed_check"], r["failed_message"], r["error"])
        for r in answer["checks"]
    ]
    assert runs == [
        (
            "evens-and-grid",
            False,
            1,
            CHECKS_ONE[1]["message"],
            "AssertionError: expected 4, got 3",
        ),
        ("evens-and-grid", True, None, None, None),
        ("passing", False, 0, CHECKS_TWO[0]["message"], None),
    ]
    assert all(r["at"].endswith("Z") or "+00:00" in r["at"] for r in answer["checks"])
    talk = [(m["role"], m["content"], m["level"]) for m in answer["conversation"]]
    assert talk == [
        ("user", "help?", 1),
        ("assistant", "a hint", 1),
        ("user", "help?", 2),
        ("assistant", "a hint", 2),
    ]
    assert answer["conversation"][0]["exercise_id"] == "passing"


async def test_a_student_without_saved_work_or_questions(api, tutor):
    await seed_class(api, tutor)
    dee = payload(await api("instructor", "modules", "delta", "students", "dee", user=ADMIN))
    assert (dee["status"], dee["notebook_state"], len(dee["checks"])) == ("not_started", None, 2)
    assert [m["level"] for m in dee["conversation"] if m["role"] == "user"] == [1, 2, 3, 4]
    bob = payload(await api("instructor", "modules", "delta", "students", "bob", user=ADMIN))
    assert (bob["status"], bob["conversation"], len(bob["checks"])) == ("completed", [], 3)


async def test_an_unknown_student_is_a_404(api, tutor):
    await seed_class(api, tutor)
    for user in ("zed", "ada.lovelace", "x@y"):
        response = await api("instructor", "modules", "delta", "students", user, user=ADMIN)
        assert (response.code, payload(response)["error"]) == (404, "not_found")
    # Nobody's work is another module's.
    response = await api("instructor", "modules", "alpha", "students", "ada", user=ADMIN)
    assert response.code == 404


async def test_the_check_history_keeps_the_newest_runs(api, tutor, monkeypatch):
    monkeypatch.setattr("jupyter_tutor.exercises.service.CHECK_HISTORY_PER_EXERCISE", 3)
    for failed in (0, 1, 0, 1):
        await check(api, "ada", "evens-and-grid", False, failed)
    await check(api, "ada", "passing", True)
    ada = payload(await api("instructor", "modules", "delta", "students", "ada", user=ADMIN))
    assert [(r["exercise_id"], r["failed_check"]) for r in ada["checks"]] == [
        ("evens-and-grid", 1),
        ("evens-and-grid", 0),
        ("evens-and-grid", 1),
        ("passing", None),
    ]


async def test_questions_per_utc_day(api, tutor):
    await seed_class(api, tutor)
    async with tutor.engine.begin() as db:
        await db.execute(
            update(ChatMessage)
            .where(ChatMessage.level == 1)
            .values(created_at=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
        )
        await db.execute(
            update(ChatMessage)
            .where(ChatMessage.level == 2)
            .values(created_at=datetime(2026, 12, 1, 0, 30, tzinfo=UTC))
        )
    answer = payload(await api("instructor", "modules", "delta", "questions", user=INSTRUCTOR))
    today = utcnow().date().isoformat()
    # Level 1: ada, dee, eve; level 2: ada, dee; levels 3 and 4: dee, today.
    assert answer == {
        "module_id": "delta",
        "days": [
            {"day": "2026-11-30", "questions": 3},
            {"day": "2026-12-01", "questions": 2},
            {"day": today, "questions": 2},
        ],
    }


async def test_the_exercises_csv(api, tutor):
    await seed_class(api, tutor)
    await check(api, "=cmd", "passing", False, 0, "=HYPERLINK(1)")
    response = await api("instructor", "modules", "delta", "exercises.csv", user=INSTRUCTOR)
    assert response.headers["Content-Type"] == "text/csv; charset=UTF-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="delta-exercises.csv"'
    header, evens, passing = list(csv.reader(io.StringIO(response.body.decode("utf-8"))))
    assert header == [
        "id",
        "title",
        "tried",
        "passed",
        "pass_rate",
        "median_attempts_to_pass",
        "stuck",
        "failing_checks",
        "errors",
    ]
    assert evens[:7] == [
        "evens-and-grid",
        "Creating arrays",
        "4",
        "2",
        "0.3333333333333333",
        "1.5",
        "2",
    ]
    assert evens[7] == (
        f"check 1: {CHECKS_ONE[0]['message']} (1); check 2: {CHECKS_ONE[1]['message']} (1)"
    )
    assert evens[8] == (
        "NameError: name '…' is not defined (2); AssertionError: expected N, got N (1)"
    )
    # A message that would start a formula gets its cell prefixed.
    assert passing[8] == "'=HYPERLINK(N) (1)"


@pytest.mark.parametrize("route", ROUTES)
async def test_an_unknown_module_is_a_404(api, route):
    response = await api("instructor", "modules", "nope", route, user=INSTRUCTOR)
    assert (response.code, payload(response)["error"]) == (404, "not_found")


async def test_the_csv_has_one_row_per_student_and_no_formulas(api, tutor):
    await seed_class(api, tutor)
    for hostile in ("=HYPERLINK(1)", "+1", "-2", "@sum"):
        await check(api, hostile, "passing", True)
    response = await api("instructor", "modules", "delta", "students.csv", user=INSTRUCTOR)
    assert response.headers["Content-Type"] == "text/csv; charset=UTF-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="delta-students.csv"'
    header, *rows = list(csv.reader(io.StringIO(response.body.decode("utf-8"))))
    assert header == [
        "user_id",
        "status",
        "exercises_passed",
        "exercises_total",
        "questions",
        "highest_hint_level",
        "last_activity",
    ]
    by_user = {row[0]: row for row in rows}
    assert len(rows) == 9
    assert by_user["ada"][1:6] == ["in_progress", "1", "2", "2", "2"]
    assert by_user["bob"][1:6] == ["completed", "2", "2", "0", ""]
    assert by_user["ada"][6].endswith("Z")
    assert {"'=HYPERLINK(1)", "'+1", "'-2", "'@sum"} <= set(by_user)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
