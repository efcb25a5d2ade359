"""How long tutor conversations are kept: the newest messages of each, younger than an age.

Applied to a conversation each time a message is stored in it, and to all of them (or
one user's) by ``jupyter tutor-server prune-history``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..store.models import ChatMessage, ChatSession, as_utc, utcnow


@dataclass(frozen=True)
class Retention:
    max_messages: int = 0  # per conversation (one student, one module); 0: keep all
    max_age: timedelta | None = None  # None: keep forever

    @classmethod
    def of_settings(cls, max_messages: int, max_age_days: int) -> "Retention":
        """From the settings, where 0 days means forever."""
        return cls(max_messages, timedelta(days=max_age_days) if max_age_days else None)

    @property
    def keeps_all(self) -> bool:
        return not self.max_messages and self.max_age is None

    def cutoff(self, now: datetime) -> datetime | None:
        """Messages created before this are not kept."""
        return None if self.max_age is None else now - self.max_age


@dataclass(frozen=True)
class Kept:
    """What a conversation still holds after pruning: messages from ``first_id`` on,
    created at or after ``since``."""

    first_id: int | None = None
    since: datetime | None = None

    def where(self) -> list[ColumnElement[bool]]:
        """The same rule as query conditions on ``chat_messages``."""
        conditions = []
        if self.first_id is not None:
            conditions.append(ChatMessage.id >= self.first_id)
        if self.since is not None:
            conditions.append(ChatMessage.created_at >= self.since)
        return conditions

    def holds(self, message: ChatMessage) -> bool:
        return (self.first_id is None or message.id >= self.first_id) and (
            self.since is None or as_utc(message.created_at) >= self.since
        )


async def prune_conversation(
    db: AsyncSession, session_id: int, retention: Retention, now: datetime
) -> tuple[int, Kept]:
    """Delete what ``retention`` does not keep of one conversation; how many went."""
    messages = ChatMessage.__table__
    deleted = 0
    first_id = None
    if retention.max_messages:
        first_id = await db.scalar(
            select(messages.c.id)
            .where(messages.c.session_id == session_id)
            .order_by(messages.c.id.desc())
            .offset(retention.max_messages - 1)
            .limit(1)
        )
        if first_id is not None:
            result = await db.execute(
                delete(messages).where(
                    messages.c.session_id == session_id, messages.c.id < first_id
                )
            )
            deleted += result.rowcount
    since = retention.cutoff(now)
    if since is not None:
        result = await db.execute(
            delete(messages).where(
                messages.c.session_id == session_id, messages.c.created_at < since
            )
        )
        deleted += result.rowcount
    return deleted, Kept(first_id, since)


async def prune_history(
    sessions: async_sessionmaker, retention: Retention, user_id: str | None = None
) -> tuple[int, int]:
    """Apply ``retention`` to every conversation (or ``user_id``'s): (messages deleted,
    conversations changed). A changed conversation's ``history_epoch`` goes up, so a
    server holding it in memory reads it again."""
    now = utcnow()
    query = select(ChatSession.id).order_by(ChatSession.id)
    if user_id is not None:
        query = query.where(ChatSession.user_id == user_id)
    async with sessions() as db:
        session_ids = list(await db.scalars(query))
    total = changed = 0
    for session_id in session_ids:
        async with sessions.begin() as db:
            deleted, _ = await prune_conversation(db, session_id, retention, now)
            if deleted:
                await db.execute(
                    update(ChatSession)
                    .where(ChatSession.id == session_id)
                    .values(history_epoch=ChatSession.history_epoch + 1)
                )
        total += deleted
        changed += bool(deleted)
    return total, changed
