"""Tutor conversations in the database: one session per student and module."""

from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.orm import defer

from ..store.models import ChatMessage, ChatSession, utcnow
from ..store.upsert import insert_or_update
from .retention import Kept, Retention, prune_conversation

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
    exercise_id: str | None = None
    failed_check: int | None = None


@dataclass
class _Recent:
    """A conversation's newest messages and its last question's embedding, as of the
    session's ``history_epoch``."""

    epoch: int
    messages: list[ChatMessage] = field(default_factory=list)
    embedding: list[float] | None = None

    def keep(self, kept: Kept) -> None:
        """Drop what pruning removed (or would remove), as a reload would find it."""
        question = next((m for m in reversed(self.messages) if m.role == "user"), None)
        if question is not None and not kept.holds(question):
            self.embedding = None
        self.messages = [m for m in self.messages if kept.holds(m)][-RECENT_KEPT:]


class TutorHistory:
    def __init__(self, sessions: async_sessionmaker, retention: Retention) -> None:
        self._sessions = sessions
        self.retention = retention
        # Sessions are never deleted, so their ids can be remembered. The newest messages
        # are kept in memory too: every change to a conversation (a message stored by
        # any process, the prune command) bumps its session's epoch, which each turn
        # reads (see ``refresh``), so several service processes can answer one student.
        self._session_ids: dict[tuple[str, int], int] = {}
        self._recent: dict[int, _Recent] = {}

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

    def _kept_now(self) -> Kept:
        """What reads may show: messages past the age limit are gone even before the
        next message prunes them."""
        return Kept(since=self.retention.cutoff(utcnow()))

    async def messages(self, session_id: int, limit: int | None = None) -> list[ChatMessage]:
        """Oldest first; with ``limit``, only the newest ``limit`` messages."""
        async with self._sessions() as db:
            query = (
                select(ChatMessage)
                .options(defer(ChatMessage.embedding))
                .where(ChatMessage.session_id == session_id, *self._kept_now().where())
            )
            rows = await db.scalars(query.order_by(ChatMessage.id.desc()).limit(limit))
            return list(reversed(list(rows)))

    async def refresh(self, session_id: int) -> None:
        """Forget the conversation held in memory if it changed elsewhere since."""
        cached = self._recent.get(session_id)
        if cached is None:
            return
        async with self._sessions() as db:
            epoch = await db.scalar(
                select(ChatSession.history_epoch).where(ChatSession.id == session_id)
            )
        if epoch != cached.epoch:
            del self._recent[session_id]

    async def recent(
        self, session_id: int, limit: int
    ) -> tuple[list[ChatMessage], list[float] | None]:
        """The newest messages (oldest first) and the last question's embedding."""
        if session_id not in self._recent:
            self._recent[session_id] = await self._load_recent(session_id, RECENT_KEPT)
        cached = self._recent[session_id]
        cached.keep(self._kept_now())
        return cached.messages[-limit:], cached.embedding

    async def _load_recent(self, session_id: int, limit: int) -> _Recent:
        async with self._sessions() as db:
            epoch = await db.scalar(
                select(ChatSession.history_epoch).where(ChatSession.id == session_id)
            )
            embedding = await db.scalar(
                select(ChatMessage.embedding)
                .where(
                    ChatMessage.session_id == session_id,
                    ChatMessage.role == "user",
                    *self._kept_now().where(),
                )
                .order_by(ChatMessage.id.desc())
                .limit(1)
            )
        return _Recent(epoch or 0, await self.messages(session_id, limit), embedding)

    async def add(self, session_id: int, message: NewMessage) -> ChatMessage:
        """Store a message, then drop what the retention settings no longer keep."""
        now = utcnow()
        kept = Kept()
        async with self._sessions.begin() as db:
            # First, so stores into one conversation take their turns (its row's lock).
            chat_sessions = ChatSession.__table__
            epoch = await db.scalar(
                update(chat_sessions)
                .where(chat_sessions.c.id == session_id)
                .values(history_epoch=chat_sessions.c.history_epoch + 1)
                .returning(chat_sessions.c.history_epoch)
            )
            row = ChatMessage(session_id=session_id, created_at=now, **message.__dict__)
            db.add(row)
            if not self.retention.keeps_all:
                await db.flush()
                _, kept = await prune_conversation(db, session_id, self.retention, now)
        cached = self._recent.get(session_id)
        if cached is not None and epoch != cached.epoch + 1:  # it changed elsewhere too
            del self._recent[session_id]
        elif cached is not None:
            cached.epoch = epoch
            if message.role == "user":
                cached.embedding = message.embedding
            cached.messages.append(row)
            cached.keep(kept)
        return row
