"""Personal student tokens: issued once in clear, stored as SHA-256, resolved per request."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..errors import InvalidRequest, NotFound
from ..store.models import StudentToken, utcnow

# Lets a leaked token be recognised (e.g. by secret scanners) for what it is.
TOKEN_PREFIX = "jtt_"
_NAME = re.compile(r"[\w.@+-]{1,255}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(kind: str, value: str) -> str:
    if not _NAME.fullmatch(value):
        raise InvalidRequest(
            f"{kind} {value!r} must be 1-255 letters, digits or . _ @ + - (no spaces)."
        )
    return value


@dataclass(frozen=True)
class TokenInfo:
    """What is known about a token; never the token itself."""

    id: int
    username: str
    groups: tuple[str, ...]
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, row: StudentToken) -> "TokenInfo":
        return cls(row.id, row.username, tuple(row.groups), row.created_at, row.revoked_at)


class StudentTokens:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def issue(self, username: str, groups: list[str] | None = None) -> tuple[str, TokenInfo]:
        """A new token for ``username``: the clear token (shown once) and what is stored."""
        check_name("User name", username)
        groups = sorted({check_name("Group", group) for group in groups or []})
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = StudentToken(token_hash=token_hash(token), username=username, groups=groups)
        async with self._sessions() as session, session.begin():
            session.add(row)
        return token, TokenInfo.of(row)

    async def resolve(self, token: str) -> TokenInfo | None:
        """The token's record, revoked or not; None if no such token was ever issued."""
        async with self._sessions() as session:
            row = await session.scalar(
                select(StudentToken).where(StudentToken.token_hash == token_hash(token))
            )
        return TokenInfo.of(row) if row else None

    async def list_tokens(self, *, include_revoked: bool = False) -> list[TokenInfo]:
        query = select(StudentToken).order_by(StudentToken.username, StudentToken.id)
        if not include_revoked:
            query = query.where(StudentToken.revoked_at.is_(None))
        async with self._sessions() as session:
            return [TokenInfo.of(row) for row in await session.scalars(query)]

    async def revoke(self, token_id: int) -> TokenInfo:
        async with self._sessions() as session, session.begin():
            row = await session.get(StudentToken, token_id)
            if row is None:
                raise NotFound(f"There is no token with id {token_id}.")
            row.revoked_at = row.revoked_at or utcnow()
        return TokenInfo.of(row)

    async def revoke_user(self, username: str) -> int:
        """Revoke every live token of ``username``; returns how many there were."""
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(StudentToken)
                .where(StudentToken.username == username, StudentToken.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
        return result.rowcount
