"""The dashboard's summaries from aggregate rows alone, and the CSV cells: no server."""

from datetime import UTC, datetime

from jupyter_tutor.exercises.declaration import Check, Exercise
from jupyter_tutor.instructor.class_summary import (
    class_exercises,
    class_students,
    median_of_histogram,
    status_counts,
)
from jupyter_tutor.instructor.rows import (
    AttemptsRow,
    ChecksRow,
    ErrorRow,
    ExerciseCountsRow,
    FailingCheckRow,
    ProgressRow,
    QuestionsRow,
)
from jupyter_tutor.instructor.safe_csv import safe_cell, to_csv

EARLY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LATE = datetime(2026, 12, 1, 10, 0)  # as SQLite hands it back: no zone, written in UTC


def test_students_merge_the_three_aggregates_and_take_the_latest_activity():
    students = class_students(
        [ProgressRow("ada", "in_progress", EARLY)],
        [ChecksRow("ada", 1, LATE), ChecksRow("bob", 2, EARLY)],
        [QuestionsRow("cy", 3, 4, EARLY)],
        exercises_total=2,
    )
    assert [s.as_json() for s in students] == [
        {
            "user_id": "ada",
            "status": "in_progress",
            "exercises_passed": 1,
            "exercises_total": 2,
            "questions": 0,
            "highest_hint_level": None,
            "last_activity": LATE.replace(tzinfo=UTC),
        },
        {
            "user_id": "bob",
            "status": "not_started",
            "exercises_passed": 2,
            "exercises_total": 2,
            "questions": 0,
            "highest_hint_level": None,
            "last_activity": EARLY,
        },
        {
            "user_id": "cy",
            "status": "not_started",
            "exercises_passed": 0,
            "exercises_total": 2,
            "questions": 3,
            "highest_hint_level": 4,
            "last_activity": EARLY,
        },
    ]
    assert status_counts(students) == {"not_started": 2, "in_progress": 1, "completed": 0}


def test_the_median_of_a_histogram():
    assert median_of_histogram({}) is None
    assert median_of_histogram({3: 1}) == 3.0
    assert median_of_histogram({1: 2, 4: 1}) == 1.0
    assert median_of_histogram({1: 1, 2: 1, 9: 2}) == 5.5


def test_exercises_rank_failing_checks_and_drop_ones_the_notebook_lost():
    exercise = Exercise("e", (Check("a", "first"), Check("b", "second")), "E")
    untried = Exercise("f", (Check("c", "only"),))
    summary = class_exercises(
        [exercise, untried],
        class_size=4,
        counts=[ExerciseCountsRow("e", 3, 1, 1), ExerciseCountsRow("gone", 2, 2, 0)],
        attempts=[AttemptsRow("e", 3, 1)],
        failing=[
            FailingCheckRow("e", 0, 1),
            FailingCheckRow("e", 1, 2),
            FailingCheckRow("e", 7, 5),
        ],
        errors=[
            ErrorRow("e", "NameError: name 'x' is not defined", 2),
            ErrorRow("e", "NameError: name 'grid' is not defined", 1),
            ErrorRow("e", "AssertionError", 2),
        ],
    )
    assert summary == [
        {
            "id": "e",
            "title": "E",
            "tried": 3,
            "passed": 1,
            "pass_rate": 0.25,
            "median_attempts_to_pass": 3.0,
            "stuck": 1,
            "failing_checks": [
                {"check": 1, "message": "second", "students": 2},
                {"check": 0, "message": "first", "students": 1},
            ],
            "errors": [
                {"name": "NameError", "message": "name '…' is not defined", "runs": 3},
                {"name": "AssertionError", "message": "", "runs": 2},
            ],
        },
        {
            "id": "f",
            "title": "",
            "tried": 0,
            "passed": 0,
            "pass_rate": 0.0,
            "median_attempts_to_pass": None,
            "stuck": 0,
            "failing_checks": [],
            "errors": [],
        },
    ]
    assert class_exercises([untried], 0, [], [], [], [])[0]["pass_rate"] is None


def test_cells_that_would_be_formulas_are_prefixed():
    for text in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert safe_cell(text) == f"'{text}"
    assert safe_cell("ada") == "ada" and safe_cell(None) == "" and safe_cell(3) == "3"
    assert safe_cell(LATE) == "2026-12-01T10:00:00Z"
    assert to_csv(["a", "b"], [["=x", 'say "hi", ok']]) == 'a,b\r\n\'=x,"say ""hi"", ok"\r\n'
