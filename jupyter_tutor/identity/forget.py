"""Delete everything the store keeps about one student, in one transaction (an admin's
``jupyter tutor-server delete-student``): progress and its saved versions, check runs,
tutor conversations and usage, help requests, package load logs, sign-in tokens."""

from dataclasses import dataclass

from sqlalchemy import Table, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..store.models import (
    ChatMessage,
    ChatSession,
    CheckRunRecord,
    ExerciseProgress,
    HelpRequest,
    LoadLogCount,
    PackageLoadLog,
    ProgressSnapshot,
    StudentToken,
    TutorLimitLock,
    TutorUsage,
    UserModuleProgress,
)

# The tables keyed by the student, with the column naming them; what hangs off a row
# (saved versions, messages) is listed first and deleted before it.
OWNED: tuple[tuple[str, Table, str], ...] = (
    ("saved versions", ProgressSnapshot.__table__, "progress"),
    ("progress rows", UserModuleProgress.__table__, "user_id"),
    ("check results", ExerciseProgress.__table__, "user_id"),
    ("check history", CheckRunRecord.__table__, "user_id"),
    ("tutor messages", ChatMessage.__table__, "session"),
    ("tutor conversations", ChatSession.__table__, "user_id"),
    ("tutor usage rows", TutorUsage.__table__, "user_id"),
    ("help requests", HelpRequest.__table__, "user_id"),
    ("package load logs", PackageLoadLog.__table__, "user_id"),
    ("load log counts", LoadLogCount.__table__, "user_id"),
    ("limit locks", TutorLimitLock.__table__, "user_id"),
    ("sign-in tokens", StudentToken.__table__, "username"),
)


@dataclass(frozen=True)
class StudentData:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        return ", ".join(f"{count} {what}" for what, count in self.counts.items() if count)


def _rows_of(table: Table, column: str, user_id: str):  # noqa: ANN202 - a SQL condition
    if column == "progress":
        owned = select(UserModuleProgress.id).where(UserModuleProgress.user_id == user_id)
        return table.c.progress_id.in_(owned)
    if column == "session":
        owned = select(ChatSession.id).where(ChatSession.user_id == user_id)
        return table.c.session_id.in_(owned)
    return table.c[column] == user_id


async def _count(db: AsyncSession, user_id: str) -> StudentData:
    counts = {}
    for what, table, column in OWNED:
        counts[what] = await db.scalar(
            select(func.count()).select_from(table).where(_rows_of(table, column, user_id))
        )
    return StudentData(counts)


async def student_data(sessions: async_sessionmaker, user_id: str) -> StudentData:
    """What would be deleted, table by table."""
    async with sessions() as db:
        return await _count(db, user_id)


async def delete_student(sessions: async_sessionmaker, user_id: str) -> StudentData:
    """Delete it all, or nothing: what was deleted."""
    async with sessions.begin() as db:
        found = await _count(db, user_id)
        for _, table, column in OWNED:
            await db.execute(delete(table).where(_rows_of(table, column, user_id)))
    return found
