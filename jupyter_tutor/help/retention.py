"""How long help requests are kept: those younger than an age (``help_max_age_days``).

Applied each time a request is stored, on every read, and by ``jupyter tutor-server
prune-history`` to all of them (or one user's).
"""

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, true
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..store.models import HelpRequest, utcnow


def help_cutoff(max_age: timedelta | None, now: datetime) -> datetime | None:
    """Requests created before this are not kept (None: kept forever)."""
    return None if max_age is None else now - max_age


def kept(cutoff: datetime | None) -> ColumnElement[bool]:
    return true() if cutoff is None else HelpRequest.created_at >= cutoff


async def prune_in(db: AsyncSession, cutoff: datetime | None, user_id: str | None = None) -> int:
    """Delete the requests older than ``cutoff`` (``user_id``'s only, if given)."""
    if cutoff is None:
        return 0
    statement = delete(HelpRequest).where(HelpRequest.created_at < cutoff)
    if user_id is not None:
        statement = statement.where(HelpRequest.user_id == user_id)
    return (await db.execute(statement)).rowcount


async def prune_help_requests(
    sessions: async_sessionmaker, max_age: timedelta, user_id: str | None = None
) -> int:
    async with sessions.begin() as db:
        return await prune_in(db, help_cutoff(max_age, utcnow()), user_id)
