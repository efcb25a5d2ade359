"""Per-student limits on the tutor: questions per minute, model tokens per day (pure).

Both are checked against what the database holds, reservations of answers still under
way included (see ``usage.py``), so parallel questions cannot pass them together.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# Per chat message, what an endpoint adds around its text (role, separators).
MESSAGE_OVERHEAD_TOKENS = 8
# What the completion may use when no max_tokens is sent (an estimate, not a bound).
UNBOUNDED_COMPLETION_ESTIMATE = 1000


class LimitReached(Exception):
    def __init__(
        self, code: str, message: str, reset_at: datetime, *, retryable: bool = False
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reset_at = reset_at
        self.retryable = retryable


def prompt_tokens_bound(messages: Iterable[str]) -> int:
    """At most this many prompt tokens: a byte-level BPE token covers at least one byte."""
    return sum(len(text.encode()) + MESSAGE_OVERHEAD_TOKENS for text in messages)


def completion_tokens_bound(max_tokens: int) -> int:
    return max_tokens or UNBOUNDED_COMPLETION_ESTIMATE


def midnight(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Limits:
    requests_per_minute: int = 0  # 0: no limit; counts offline hints too
    tokens_per_day: int = 0  # 0: no limit

    def applies(self, tokens: int) -> bool:
        """Whether a question reserving ``tokens`` needs the check (and the lock)."""
        return bool(self.requests_per_minute or (self.tokens_per_day and tokens))

    def check_rate(self, asked: list[datetime], now: datetime) -> None:
        """``asked``: when the student's questions of the last minute came, oldest first."""
        if not self.requests_per_minute or len(asked) < self.requests_per_minute:
            return
        reset = asked[-self.requests_per_minute] + timedelta(minutes=1)
        seconds = max(1, round((reset - now).total_seconds()))
        raise LimitReached(
            "rate_limited",
            f"You have asked the tutor {len(asked)} questions in the last minute "
            f"(the limit is {self.requests_per_minute}). You can ask again in {seconds} s.",
            reset,
        )

    def check_tokens(self, used: int, reserved: int, needed: int, now: datetime) -> None:
        """``used`` today, ``reserved`` by answers under way, ``needed`` by this one."""
        if not self.tokens_per_day or not needed or used + reserved + needed <= self.tokens_per_day:
            return
        allowance = self.tokens_per_day
        if used + needed > allowance:
            raise LimitReached(
                "token_limit",
                f"You have used today's tutor allowance ({used:,} of {allowance:,} tokens; "
                f"an answer here may need up to {needed:,}). It resets at midnight UTC.",
                midnight(now) + timedelta(days=1),
            )
        raise LimitReached(
            "token_limit",
            "Your other questions being answered now may use the rest of today's tutor "
            f"allowance ({used:,} of {allowance:,} tokens used). Ask again when they are done.",
            now,
            retryable=True,
        )
