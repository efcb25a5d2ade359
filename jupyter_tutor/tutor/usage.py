"""Tutor usage in the database: reserved before the model is asked, settled after.

A question that a limit applies to reserves its row in ``tutor_usage`` (with the tokens
its answer may use) in one transaction that first writes the student's row of
``tutor_limit_locks``: Postgres makes the student's other reservations wait for that row
lock, SQLite for its writer lock. Each check therefore sees every question already
admitted, on any server sharing the database, and parallel questions cannot pass a
limit together. The answer then settles the row to what it really used.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..store.models import TutorLimitLock, TutorUsage, as_utc, utcnow
from ..store.upsert import insert_or_update
from .limits import Limits, midnight
from .llm import Usage


@dataclass
class Reservation:
    """A question's claim on the limits; ``usage_id`` is None when none applied."""

    user_id: str
    module_id: int
    provider: str
    tokens: int = 0
    usage_id: int | None = None


class UsageLedger:
    def __init__(self, sessions: async_sessionmaker, limits: Limits) -> None:
        self._sessions = sessions
        self.limits = limits

    async def reserve(
        self, user_id: str, module_id: int, provider: str, tokens: int
    ) -> Reservation:
        """Admit a question that may use ``tokens``, or raise :class:`LimitReached`."""
        reservation = Reservation(user_id, module_id, provider, tokens)
        if not self.limits.applies(tokens):
            return reservation  # nothing to check: the row is written once, when settled
        now = utcnow()
        async with self._sessions.begin() as db:
            await self.take_turn(db, user_id, now)
            asked = await db.scalars(
                select(TutorUsage.created_at)
                .where(
                    TutorUsage.user_id == user_id,
                    TutorUsage.created_at >= now - timedelta(minutes=1),
                )
                .order_by(TutorUsage.created_at)
            )
            self.limits.check_rate([as_utc(moment) for moment in asked], now)
            used, reserved = await self._today(db, user_id, now)
            self.limits.check_tokens(used, reserved, tokens, now)
            row = TutorUsage(
                user_id=user_id,
                module_id=module_id,
                provider=provider,
                reserved_tokens=tokens,
                created_at=now,
            )
            db.add(row)
        reservation.usage_id = row.id
        return reservation

    async def reserve_more(self, reservation: Reservation, tokens: int) -> bool:
        """Raise a reservation for a second model call (the rewrite pass), if it fits
        today's allowance; False (and nothing changed) if it does not."""
        if reservation.usage_id is None or not self.limits.tokens_per_day:
            return True
        now = utcnow()
        async with self._sessions.begin() as db:
            await self.take_turn(db, reservation.user_id, now)
            used, reserved = await self._today(db, reservation.user_id, now)
            if used + reserved + tokens > self.limits.tokens_per_day:
                return False
            await db.execute(
                update(TutorUsage)
                .where(TutorUsage.id == reservation.usage_id)
                .values(reserved_tokens=TutorUsage.reserved_tokens + tokens)
            )
        reservation.tokens += tokens
        return True

    async def settle(self, reservation: Reservation, usage: Usage) -> None:
        """Record what the answer used; its reservation no longer counts."""
        used = {
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": usage.total_tokens,
        }
        async with self._sessions.begin() as db:
            if reservation.usage_id is None:
                db.add(
                    TutorUsage(
                        user_id=reservation.user_id,
                        module_id=reservation.module_id,
                        provider=reservation.provider,
                        created_at=utcnow(),
                        **used,
                    )
                )
                return
            await db.execute(
                update(TutorUsage)
                .where(TutorUsage.id == reservation.usage_id)
                .values(reserved_tokens=0, **used)
            )

    @staticmethod
    async def take_turn(db: AsyncSession, user_id: str, now: datetime) -> None:
        """Write the student's lock row first: their other reservations wait for it."""
        locks = TutorLimitLock.__table__
        statement = insert_or_update(db.bind.dialect.name, locks).values(
            user_id=user_id, reserved_at=now
        )
        await db.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id"], set_={"reserved_at": statement.excluded.reserved_at}
            )
        )

    @staticmethod
    async def _today(db: AsyncSession, user_id: str, now: datetime) -> tuple[int, int]:
        """Tokens the student used today, and those reserved by answers under way."""
        row = (
            await db.execute(
                select(
                    func.coalesce(func.sum(TutorUsage.total_tokens), 0),
                    func.coalesce(func.sum(TutorUsage.reserved_tokens), 0),
                ).where(TutorUsage.user_id == user_id, TutorUsage.created_at >= midnight(now))
            )
        ).one()
        return int(row[0]), int(row[1])
