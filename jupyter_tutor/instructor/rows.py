"""The rows the dashboard's aggregate queries return: one shape per GROUP BY."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ProgressRow:
    """A student's module status (``user_module_progress``)."""

    user_id: str
    status: str
    updated_at: datetime | None


@dataclass(frozen=True)
class ChecksRow:
    """A student's check runs in the module: declared exercises passed, latest run."""

    user_id: str
    passed: int
    last_run_at: datetime | None


@dataclass(frozen=True)
class QuestionsRow:
    """A student's tutor questions in the module: how many, highest hint level, latest."""

    user_id: str
    questions: int
    highest_level: int | None
    last_asked_at: datetime | None


@dataclass(frozen=True)
class ExerciseCountsRow:
    """One exercise: students who ran its checks, whose latest run passed, who are stuck."""

    exercise_slug: str
    tried: int
    passed: int
    stuck: int


@dataclass(frozen=True)
class AttemptsRow:
    """How many students took ``attempts_to_pass`` attempts to pass an exercise."""

    exercise_slug: str
    attempts_to_pass: int
    students: int


@dataclass(frozen=True)
class FailingCheckRow:
    """How many students' latest run of an exercise failed at ``failed_check``."""

    exercise_slug: str
    failed_check: int
    students: int


@dataclass(frozen=True)
class ErrorRow:
    """How many failing check runs of an exercise raised this exact error text."""

    exercise_slug: str
    error: str
    runs: int


@dataclass(frozen=True)
class QuestionsDayRow:
    """How many tutor questions the module's students asked on a UTC day (YYYY-MM-DD)."""

    day: str
    questions: int
