"""Per-student limits on the language model: questions per minute, tokens per day."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..store.models import as_utc, utcnow
from .history import TutorHistory


class LimitReached(Exception):
    def __init__(self, code: str, message: str, reset_at: datetime) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reset_at = reset_at


@dataclass(frozen=True)
class Limits:
    requests_per_minute: int = 0  # 0: no limit
    tokens_per_day: int = 0  # 0: no limit

    async def check(self, history: TutorHistory, user_id: str) -> None:
        now = utcnow()
        if self.requests_per_minute:
            asked = await history.questions_since(user_id, now - timedelta(minutes=1))
            if len(asked) >= self.requests_per_minute:
                reset = as_utc(asked[-self.requests_per_minute]) + timedelta(minutes=1)
                seconds = max(1, round((reset - now).total_seconds()))
                raise LimitReached(
                    "rate_limited",
                    f"You have asked the tutor {len(asked)} questions in the last minute "
                    f"(the limit is {self.requests_per_minute}). You can ask again in "
                    f"{seconds} s.",
                    reset,
                )
        if self.tokens_per_day:
            midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
            used = await history.tokens_since(user_id, midnight)
            if used >= self.tokens_per_day:
                raise LimitReached(
                    "token_limit",
                    f"You have used today's tutor allowance ({used:,} of "
                    f"{self.tokens_per_day:,} tokens). It resets at midnight UTC.",
                    midnight + timedelta(days=1),
                )
