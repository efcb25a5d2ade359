"""Tutor conversations in the database: one session per student and module."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..store.models import ChatMessage, ChatSession, TutorUsage, utcnow
from ..store.upsert import insert_or_update
from .llm import Usage

SESSION_TYPE = "tutor"


@dataclass(frozen=True)
class NewMessage:
    role: str
    content: str
    cell_code: str = ""
    error_output: str = ""
    level: int | None = None
    same_problem: bool | None = None
    provider: str | None = None
    partial: bool = False
    embedding: list[float] | None = None


class TutorHistory:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def session_id(self, user_id: str, module_id: int) -> int:
        """The student's tutor session for this module, created on first use."""
        async with self._sessions.begin() as db:
            statement = insert_or_update(db.bind.dialect.name, ChatSession.__table__).values(
                user_id=user_id, session_type=SESSION_TYPE, module_id=module_id, created_at=utcnow()
            )
            await db.execute(
                statement.on_conflict_do_nothing(
                    index_elements=["user_id", "session_type", "module_id"]
                )
            )
            return await db.scalar(
                select(ChatSession.id).where(
                    ChatSession.user_id == user_id,
                    ChatSession.session_type == SESSION_TYPE,
                    ChatSession.module_id == module_id,
                )
            )

    async def messages(self, session_id: int, limit: int | None = None) -> list[ChatMessage]:
        """Oldest first; with ``limit``, only the newest ``limit`` messages."""
        async with self._sessions() as db:
            query = select(ChatMessage).where(ChatMessage.session_id == session_id)
            rows = await db.scalars(query.order_by(ChatMessage.id.desc()).limit(limit))
            return list(reversed(list(rows)))

    async def add(self, session_id: int, message: NewMessage) -> ChatMessage:
        async with self._sessions.begin() as db:
            row = ChatMessage(session_id=session_id, created_at=utcnow(), **message.__dict__)
            db.add(row)
        return row

    async def start_usage(self, user_id: str, module_id: int, provider: str) -> int:
        """Count a question when it is asked, so failed answers count towards the limits."""
        async with self._sessions.begin() as db:
            row = TutorUsage(
                user_id=user_id, module_id=module_id, provider=provider, created_at=utcnow()
            )
            db.add(row)
            await db.flush()
            return row.id

    async def finish_usage(self, usage_id: int, usage: Usage) -> None:
        async with self._sessions.begin() as db:
            await db.execute(
                update(TutorUsage)
                .where(TutorUsage.id == usage_id)
                .values(
                    prompt_tokens=usage.prompt_tokens,
                    completion_tokens=usage.completion_tokens,
                    total_tokens=usage.total_tokens,
                )
            )

    async def questions_since(self, user_id: str, since: datetime) -> list[datetime]:
        """When the student asked the model, oldest first (for the per-minute limit)."""
        async with self._sessions() as db:
            rows = await db.scalars(
                select(TutorUsage.created_at)
                .where(
                    TutorUsage.user_id == user_id,
                    TutorUsage.provider == "llm",
                    TutorUsage.created_at >= since,
                )
                .order_by(TutorUsage.created_at)
            )
            return list(rows)

    async def tokens_since(self, user_id: str, since: datetime) -> int:
        async with self._sessions() as db:
            total = await db.scalar(
                select(func.coalesce(func.sum(TutorUsage.total_tokens), 0)).where(
                    TutorUsage.user_id == user_id, TutorUsage.created_at >= since
                )
            )
            return int(total or 0)
