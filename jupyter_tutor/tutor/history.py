"""Tutor conversations in the database: one session per student and module."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import defer

from ..store.models import ChatMessage, ChatSession, TutorUsage, utcnow
from ..store.upsert import insert_or_update
from .llm import Usage

SESSION_TYPE = "tutor"
RECENT_KEPT = 20


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
        # Sessions are never deleted, so their ids can be remembered. A student's server
        # is the only writer of their sessions, so the newest messages are kept in memory
        # too: deciding the hint level then costs no database round trip.
        self._session_ids: dict[tuple[str, int], int] = {}
        self._recent: dict[int, tuple[list[ChatMessage], list[float] | None]] = {}

    async def session_id(self, user_id: str, module_id: int) -> int:
        """The student's tutor session for this module, created on first use."""
        key = (user_id, module_id)
        if key not in self._session_ids:
            self._session_ids[key] = await self._find_or_create_session(user_id, module_id)
        return self._session_ids[key]

    async def _find_or_create_session(self, user_id: str, module_id: int) -> int:
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
            query = (
                select(ChatMessage)
                .options(defer(ChatMessage.embedding))
                .where(ChatMessage.session_id == session_id)
            )
            rows = await db.scalars(query.order_by(ChatMessage.id.desc()).limit(limit))
            return list(reversed(list(rows)))

    async def recent(
        self, session_id: int, limit: int
    ) -> tuple[list[ChatMessage], list[float] | None]:
        """The newest messages (oldest first) and the last question's embedding."""
        if session_id not in self._recent:
            self._recent[session_id] = await self._load_recent(session_id, RECENT_KEPT)
        messages, embedding = self._recent[session_id]
        return messages[-limit:], embedding

    async def _load_recent(
        self, session_id: int, limit: int
    ) -> tuple[list[ChatMessage], list[float] | None]:
        messages = await self.messages(session_id, limit)
        async with self._sessions() as db:
            embedding = await db.scalar(
                select(ChatMessage.embedding)
                .where(ChatMessage.session_id == session_id, ChatMessage.role == "user")
                .order_by(ChatMessage.id.desc())
                .limit(1)
            )
        return messages, embedding

    async def add(self, session_id: int, message: NewMessage) -> ChatMessage:
        async with self._sessions.begin() as db:
            row = ChatMessage(session_id=session_id, created_at=utcnow(), **message.__dict__)
            db.add(row)
        if session_id in self._recent:
            messages, embedding = self._recent[session_id]
            if message.role == "user":
                embedding = message.embedding
            self._recent[session_id] = ([*messages, row][-RECENT_KEPT:], embedding)
        return row

    async def record_usage(self, user_id: str, module_id: int, provider: str, usage: Usage) -> None:
        async with self._sessions.begin() as db:
            db.add(
                TutorUsage(
                    user_id=user_id,
                    module_id=module_id,
                    provider=provider,
                    prompt_tokens=usage.prompt_tokens,
                    completion_tokens=usage.completion_tokens,
                    total_tokens=usage.total_tokens,
                    created_at=utcnow(),
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
