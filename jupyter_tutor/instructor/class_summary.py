"""The dashboard's summaries, computed from the aggregate rows alone (no database, no
server): what the routes send, the CSV export and the tests share."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

from ..exercises.declaration import Exercise
from ..store.models import STATUSES, as_utc
from .error_kinds import ErrorKind, error_kind
from .rows import (
    AttemptsRow,
    ChecksRow,
    ErrorRow,
    ExerciseCountsRow,
    FailingCheckRow,
    ProgressRow,
    QuestionsRow,
)

# The failing checks listed per exercise, most frequent first.
TOP_FAILING_CHECKS = 3
# The error kinds listed per exercise, most frequent first.
TOP_ERRORS = 3


@dataclass(frozen=True)
class StudentSummary:
    user_id: str
    status: str
    exercises_passed: int
    exercises_total: int
    questions: int
    highest_hint_level: int | None
    last_activity: datetime | None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _latest(*moments: datetime | None) -> datetime | None:
    known = [as_utc(moment) for moment in moments if moment is not None]
    return max(known, default=None)


def class_students(
    progress: list[ProgressRow],
    checks: list[ChecksRow],
    questions: list[QuestionsRow],
    exercises_total: int,
) -> list[StudentSummary]:
    """Every student with a record in the module (progress, a check run or a question),
    by user id."""
    by_progress = {row.user_id: row for row in progress}
    by_checks = {row.user_id: row for row in checks}
    by_questions = {row.user_id: row for row in questions}
    students = sorted(set(by_progress) | set(by_checks) | set(by_questions))
    summaries = []
    for user in students:
        state, ran, asked = by_progress.get(user), by_checks.get(user), by_questions.get(user)
        summaries.append(
            StudentSummary(
                user_id=user,
                status=state.status if state else "not_started",
                exercises_passed=ran.passed if ran else 0,
                exercises_total=exercises_total,
                questions=asked.questions if asked else 0,
                highest_hint_level=asked.highest_level if asked else None,
                last_activity=_latest(
                    state.updated_at if state else None,
                    ran.last_run_at if ran else None,
                    asked.last_asked_at if asked else None,
                ),
            )
        )
    return summaries


def status_counts(students: list[StudentSummary]) -> dict[str, int]:
    counted = Counter(student.status for student in students)
    return {status: counted[status] for status in STATUSES}


def median_of_histogram(values: dict[int, int]) -> float | None:
    """The median of values given as value → how many times it occurs."""
    expanded = [value for value, times in sorted(values.items()) for _ in range(times)]
    return float(median(expanded)) if expanded else None


def frequent_errors(rows: list[ErrorRow]) -> dict[str, list[dict[str, Any]]]:
    """Exercise → its most frequent error kinds (``error_kinds.py``), by failing runs,
    most first (ties by name and message)."""
    runs: dict[str, Counter[ErrorKind]] = {}
    for row in rows:
        runs.setdefault(row.exercise_slug, Counter())[error_kind(row.error)] += row.runs
    return {
        slug: [
            {"name": kind.name, "message": kind.message, "runs": count}
            for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))[
                :TOP_ERRORS
            ]
        ]
        for slug, kinds in runs.items()
    }


def class_exercises(
    exercises: list[Exercise],
    class_size: int,
    counts: list[ExerciseCountsRow],
    attempts: list[AttemptsRow],
    failing: list[FailingCheckRow],
    errors: list[ErrorRow],
) -> list[dict[str, Any]]:
    """Each declared exercise, in order: pass rate over the class, median attempts to pass
    the first time, students stuck (``stuck.py``), the most frequent failing checks and
    errors."""
    errors_by_slug = frequent_errors(errors)
    by_slug = {row.exercise_slug: row for row in counts}
    histograms: dict[str, dict[int, int]] = {}
    for row in attempts:
        histograms.setdefault(row.exercise_slug, {})[row.attempts_to_pass] = row.students
    failing_by_slug: dict[str, list[FailingCheckRow]] = {}
    for row in failing:
        failing_by_slug.setdefault(row.exercise_slug, []).append(row)
    summaries = []
    for exercise in exercises:
        row = by_slug.get(exercise.slug, ExerciseCountsRow(exercise.slug, 0, 0, 0))
        # A check the notebook no longer has names nothing; it is left out.
        known = [
            f
            for f in failing_by_slug.get(exercise.slug, [])
            if f.failed_check < len(exercise.checks)
        ]
        known.sort(key=lambda f: (-f.students, f.failed_check))
        summaries.append(
            {
                "id": exercise.slug,
                "title": exercise.title,
                "tried": row.tried,
                "passed": row.passed,
                "pass_rate": row.passed / class_size if class_size else None,
                "median_attempts_to_pass": median_of_histogram(histograms.get(exercise.slug, {})),
                "stuck": row.stuck,
                "failing_checks": [
                    {
                        "check": f.failed_check,
                        "message": exercise.checks[f.failed_check].message,
                        "students": f.students,
                    }
                    for f in known[:TOP_FAILING_CHECKS]
                ],
                "errors": errors_by_slug.get(exercise.slug, []),
            }
        )
    return summaries
