"""A personal server's earlier anonymous users become its one student, once, on start.

Before a personal server had one stable student, jupyter-server made a new random user
for every browser (``uuid4().hex``), and work was saved under each. Those rows are given
to the local user rather than lost: per module the newest saved notebook becomes the
current state and every other one a saved version ("history"); conversations merge;
usage and load logs follow. Nothing is deleted but rows emptied into another and
history past the snapshot limit (never a state that was current).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, delete, desc, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from ..store.models import (
    STATUSES,
    ChatMessage,
    ChatSession,
    PackageLoadLog,
    ProgressSnapshot,
    TutorUsage,
    UserModuleProgress,
)

P = UserModuleProgress.__table__
S = ProgressSnapshot.__table__
SESSIONS = ChatSession.__table__
MESSAGES = ChatMessage.__table__
LOGGED = (TutorUsage.__table__, PackageLoadLog.__table__)

# jupyter-server's anonymous user names: uuid.uuid4().hex.
ANONYMOUS_USER = re.compile(r"[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}")


def is_anonymous(user_id: str) -> bool:
    return ANONYMOUS_USER.fullmatch(user_id) is not None


@dataclass(frozen=True)
class Adopted:
    """What one adoption moved, for the log."""

    users: int = 0
    modules: int = 0
    conversations: int = 0

    def __bool__(self) -> bool:
        return self.users > 0


async def adopt_anonymous_users(
    connection: AsyncConnection, local_user: str, snapshot_limit: int
) -> Adopted:
    """Give every anonymous user's rows to ``local_user``, inside the caller's transaction.

    Idempotent: once adopted no anonymous rows are left, and a second run finds nothing.
    """
    anonymous = await _anonymous_users(connection)
    if not anonymous:
        return Adopted()
    owners = [*anonymous, local_user]
    modules = await _merge_progress(connection, owners, local_user, snapshot_limit)
    conversations = await _merge_sessions(connection, owners, local_user)
    for table in LOGGED:
        await connection.execute(
            update(table).where(table.c.user_id.in_(anonymous)).values(user_id=local_user)
        )
    return Adopted(len(anonymous), modules, conversations)


async def _anonymous_users(connection: AsyncConnection) -> list[str]:
    found: set[str] = set()
    for table in (P, SESSIONS, *LOGGED):
        names = await connection.scalars(select(table.c.user_id).distinct())
        found.update(name for name in names if is_anonymous(name))
    return sorted(found)


def _grouped(rows: Iterable[Row], *columns: str) -> list[list[Row]]:
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in rows:
        groups[tuple(getattr(row, column) for column in columns)].append(row)
    return list(groups.values())


async def _merge_progress(
    connection: AsyncConnection, owners: list[str], local_user: str, snapshot_limit: int
) -> int:
    rows = await connection.execute(
        select(
            P.c.id,
            P.c.user_id,
            P.c.module_id,
            P.c.status,
            P.c.version,
            P.c.attempt_count,
            P.c.updated_at,
            P.c.notebook_state.is_not(None).label("has_state"),
        ).where(P.c.user_id.in_(owners))
    )
    merged = 0
    for group in _grouped(rows, "module_id"):
        if all(row.user_id == local_user for row in group):
            continue
        await _merge_module_progress(connection, group, local_user, snapshot_limit)
        merged += 1
    return merged


async def _merge_module_progress(
    connection: AsyncConnection, group: list[Row], local_user: str, snapshot_limit: int
) -> None:
    # The newest saved notebook is the work the student last saw (and the file on disk).
    current = max(group, key=lambda row: (row.has_state, row.updated_at, row.version, row.id))
    others = [row.id for row in group if row.id != current.id]
    if others:
        await connection.execute(
            insert(S).from_select(
                ["progress_id", "version", "reason", "notebook_state", "size_bytes", "created_at"],
                select(
                    literal(current.id),
                    P.c.version,
                    literal("history"),
                    P.c.notebook_state,
                    P.c.state_bytes,
                    P.c.updated_at,
                )
                .where(P.c.id.in_(others), P.c.notebook_state.is_not(None))
                .order_by(P.c.updated_at, P.c.id),
            )
        )
        states = sum(row.has_state for row in group if row.id != current.id)
        await connection.execute(
            update(S).where(S.c.progress_id.in_(others)).values(progress_id=current.id)
        )
        await connection.execute(delete(P).where(P.c.id.in_(others)))
        await _prune(connection, current.id, "history", max(snapshot_limit, states))
        await _prune(connection, current.id, "conflict", snapshot_limit)
    await connection.execute(
        update(P)
        .where(P.c.id == current.id)
        .values(
            user_id=local_user,
            # Started or completed in any browser stays so.
            status=max((row.status for row in group), key=STATUSES.index),
            version=max(row.version for row in group),
            attempt_count=sum(row.attempt_count for row in group),
        )
    )


async def _prune(connection: AsyncConnection, progress_id: int, reason: str, keep: int) -> None:
    newest = (
        select(S.c.id)
        .where(S.c.progress_id == progress_id, S.c.reason == reason)
        .order_by(desc(S.c.id))
        .limit(keep)
    )
    await connection.execute(
        delete(S).where(
            S.c.progress_id == progress_id,
            S.c.reason == reason,
            S.c.id.not_in(newest.scalar_subquery()),
        )
    )


async def _merge_sessions(connection: AsyncConnection, owners: list[str], local_user: str) -> int:
    rows = await connection.execute(
        select(SESSIONS.c.id, SESSIONS.c.user_id, SESSIONS.c.session_type, SESSIONS.c.module_id)
        .where(SESSIONS.c.user_id.in_(owners))
        .order_by(SESSIONS.c.id)
    )
    merged = 0
    for group in _grouped(rows, "session_type", "module_id"):
        if all(row.user_id == local_user for row in group):
            continue
        # The local user's own conversation if it has one, else the oldest; message ids
        # are global, so the merged conversation reads in the order it was written.
        kept = next((row for row in group if row.user_id == local_user), group[0])
        others = [row.id for row in group if row.id != kept.id]
        await connection.execute(
            update(MESSAGES).where(MESSAGES.c.session_id.in_(others)).values(session_id=kept.id)
        )
        await connection.execute(delete(SESSIONS).where(SESSIONS.c.id.in_(others)))
        await connection.execute(
            update(SESSIONS).where(SESSIONS.c.id == kept.id).values(user_id=local_user)
        )
        merged += 1
    return merged
