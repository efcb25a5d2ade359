"""The dashboard's aggregate queries: GROUP BY over one module's rows, never its notebooks.
Each query is served by an index of migration 0007."""

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..store.models import (
    ChatMessage,
    ChatSession,
    CheckRunRecord,
    ExerciseProgress,
    UserModuleProgress,
)
from ..tutor.history import SESSION_TYPE
from ..tutor.retention import Kept
from .rows import (
    AttemptsRow,
    ChecksRow,
    ErrorRow,
    ExerciseCountsRow,
    FailingCheckRow,
    ProgressRow,
    QuestionsDayRow,
    QuestionsRow,
)
from .stuck import HIGHEST_LEVEL

E = ExerciseProgress
M = ChatMessage
S = ChatSession
P = UserModuleProgress
R = CheckRunRecord


def _questions_of(module_id: int, kept_since: datetime | None) -> Select:
    """A module's tutor questions: the students' messages in its tutor sessions, those
    the retention keeps (as the tutor's own reads do, before the next prune)."""
    return (
        select()
        .select_from(S)
        .join(M, M.session_id == S.id)
        .where(S.module_id == module_id, S.session_type == SESSION_TYPE, M.role == "user")
        .where(*Kept(since=kept_since).where())
    )


async def progress_rows(db: AsyncSession, module_id: int) -> list[ProgressRow]:
    rows = await db.execute(
        select(P.user_id, P.status, P.updated_at).where(P.module_id == module_id)
    )
    return [ProgressRow(*row) for row in rows]


async def checks_rows(
    db: AsyncSession, module_id: int, declared: Collection[str]
) -> list[ChecksRow]:
    passed = func.sum(case((and_(E.passed, E.exercise_slug.in_(declared)), 1), else_=0))
    rows = await db.execute(
        select(E.user_id, passed, func.max(E.last_run_at))
        .where(E.module_id == module_id)
        .group_by(E.user_id)
    )
    return [ChecksRow(user, int(count or 0), last) for user, count, last in rows]


async def questions_rows(
    db: AsyncSession, module_id: int, kept_since: datetime | None
) -> list[QuestionsRow]:
    rows = await db.execute(
        _questions_of(module_id, kept_since)
        .add_columns(S.user_id, func.count(M.id), func.max(M.level), func.max(M.created_at))
        .group_by(S.user_id)
    )
    return [QuestionsRow(*row) for row in rows]


async def exercise_counts_rows(
    db: AsyncSession, module_id: int, failing_since: datetime, kept_since: datetime | None
) -> list[ExerciseCountsRow]:
    # The highest hint level each student's questions about each exercise reached.
    levels = (
        _questions_of(module_id, kept_since)
        .add_columns(S.user_id, M.exercise_id, func.max(M.level).label("level"))
        .where(M.exercise_id.is_not(None))
        .group_by(S.user_id, M.exercise_id)
        .subquery()
    )
    stuck = and_(
        ~E.passed,
        E.first_passed_at.is_(None),
        or_(levels.c.level >= HIGHEST_LEVEL, E.first_run_at <= failing_since),
    )
    rows = await db.execute(
        select(
            E.exercise_slug,
            func.count(E.id),
            func.sum(case((E.passed, 1), else_=0)),
            func.sum(case((stuck, 1), else_=0)),
        )
        .select_from(E)
        .outerjoin(
            levels,
            and_(levels.c.user_id == E.user_id, levels.c.exercise_id == E.exercise_slug),
        )
        .where(E.module_id == module_id)
        .group_by(E.exercise_slug)
    )
    return [
        ExerciseCountsRow(slug, tried, int(passed or 0), int(stuck_count or 0))
        for slug, tried, passed, stuck_count in rows
    ]


async def attempts_rows(db: AsyncSession, module_id: int) -> list[AttemptsRow]:
    rows = await db.execute(
        select(E.exercise_slug, E.attempts_to_pass, func.count(E.id))
        .where(E.module_id == module_id, E.attempts_to_pass.is_not(None))
        .group_by(E.exercise_slug, E.attempts_to_pass)
    )
    return [AttemptsRow(*row) for row in rows]


async def failing_check_rows(db: AsyncSession, module_id: int) -> list[FailingCheckRow]:
    rows = await db.execute(
        select(E.exercise_slug, E.failed_check, func.count(E.id))
        .where(E.module_id == module_id, ~E.passed, E.failed_check.is_not(None))
        .group_by(E.exercise_slug, E.failed_check)
    )
    return [FailingCheckRow(*row) for row in rows]


async def error_rows(db: AsyncSession, module_id: int) -> list[ErrorRow]:
    """How many of the module's kept check runs raised each exact error text; folding
    texts into kinds is ``error_kinds.py``'s."""
    rows = await db.execute(
        select(R.exercise_slug, R.error, func.count(R.id))
        .where(R.module_id == module_id, ~R.passed, R.error.is_not(None))
        .group_by(R.exercise_slug, R.error)
    )
    return [ErrorRow(*row) for row in rows]


def _utc_day(db: AsyncSession, column: Any) -> Any:
    """The UTC calendar day of a timestamp, as 'YYYY-MM-DD' text on either database."""
    if db.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")
    # SQLite stores the UTC moment as text; its first ten characters are the day.
    return func.substr(column, 1, 10)


async def questions_per_day_rows(
    db: AsyncSession, module_id: int, kept_since: datetime | None
) -> list[QuestionsDayRow]:
    day = _utc_day(db, M.created_at).label("day")
    rows = await db.execute(
        _questions_of(module_id, kept_since)
        .add_columns(day, func.count(M.id))
        .group_by(day)
        .order_by(day)
    )
    return [QuestionsDayRow(*row) for row in rows]
