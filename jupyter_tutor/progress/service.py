"""Progress rows: versioned notebook saves, snapshot history, kept-aside conflicts."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Text, cast, delete, insert, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker
from sqlalchemy.orm import defer

from ..errors import NotFound, VersionConflict
from ..store.json_text import JSONText
from ..store.models import LearningModule, ProgressSnapshot, UserModuleProgress, utcnow
from ..store.upsert import insert_or_update
from .request import ProgressUpdate

P = UserModuleProgress
S = ProgressSnapshot
# Writes go through these tables (SQLAlchemy Core): a save is the hot path of a class,
# and the ORM's unit of work costs more CPU than the statements themselves.
PROGRESS = UserModuleProgress.__table__
SNAPSHOTS = ProgressSnapshot.__table__
# What a write gives back (RETURNING): the row's summary, never its notebook.
SUMMARY = (
    PROGRESS.c.id,
    PROGRESS.c.status,
    PROGRESS.c.version,
    PROGRESS.c.attempt_count,
    PROGRESS.c.updated_at,
)


@dataclass(frozen=True)
class ProgressSummary:
    """A progress row without its (possibly large) notebook."""

    module_slug: str
    status: str
    version: int
    attempt_count: int
    updated_at: datetime | None

    @classmethod
    def of(
        cls, module_slug: str, row: "UserModuleProgress | ProgressSummary | Row[Any]"
    ) -> "ProgressSummary":
        return cls(module_slug, row.status, row.version, row.attempt_count, row.updated_at)


@dataclass(frozen=True)
class SnapshotState:
    """A kept snapshot, its notebook as the stored JSON text."""

    id: int
    version: int
    reason: str
    created_at: datetime
    size_bytes: int
    notebook_state: JSONText


@dataclass(frozen=True)
class _LostRace:
    current_version: int
    updated_at: datetime | None


class _Conflict(Exception):
    def __init__(self, race: _LostRace) -> None:
        self.race = race


class ProgressService:
    def __init__(
        self, engine: AsyncEngine, sessions: async_sessionmaker, snapshot_limit: int
    ) -> None:
        self._engine = engine
        self._sessions = sessions
        self._snapshot_limit = snapshot_limit

    async def get_progress(self, user_id: str, module: LearningModule) -> UserModuleProgress | None:
        """The row without its notebook (which may be large: see ``saved_state``)."""
        async with self._sessions() as session:
            return await session.scalar(_row(user_id, module.id))

    async def saved_state(self, user_id: str, module: LearningModule) -> JSONText | None:
        """The saved notebook as stored JSON text, never parsed here."""
        async with self._sessions() as session:
            text = await session.scalar(
                select(_as_text(P.notebook_state)).where(*_owned(user_id, module.id))
            )
        return JSONText(text) if text is not None else None

    async def get_all_progress(self, user_id: str) -> list[ProgressSummary]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(LearningModule.slug, P.status, P.version, P.attempt_count, P.updated_at)
                .join(LearningModule, LearningModule.id == P.module_id)
                .where(P.user_id == user_id)
                .order_by(LearningModule.order)
            )
            return [ProgressSummary(*row) for row in rows]

    async def update_progress(
        self, user_id: str, module: LearningModule, change: ProgressUpdate, *, retry: bool = True
    ) -> ProgressSummary:
        """Upsert status and/or notebook; a save based on a stale version is kept aside."""
        try:
            async with self._engine.begin() as connection:
                saved = None
                if change.notebook_state is not None:
                    saved = await self._save_state(connection, user_id, module.id, change)
                if change.status is not None:
                    await upsert_progress(connection, user_id, module.id, status=change.status)
                    saved = None  # the status changed after the save: read the row again
                if saved is None:
                    saved = (await connection.execute(_summary(user_id, module.id))).one()
                return ProgressSummary.of(module.slug, saved)
        except _Conflict as conflict:
            raise await self._keep_conflict(user_id, module, change, conflict.race) from None
        except IntegrityError:
            if not retry:
                raise
            # Another request created the row between our check and insert: retry once,
            # now against the row it created (which may well be a conflict).
            return await self.update_progress(user_id, module, change, retry=False)

    async def increment_attempt(self, user_id: str, module: LearningModule) -> ProgressSummary:
        async with self._engine.begin() as connection:
            await upsert_progress(connection, user_id, module.id, add_attempt=True)
            row = (await connection.execute(_summary(user_id, module.id))).one()
        return ProgressSummary.of(module.slug, row)

    async def list_snapshots(self, user_id: str, module: LearningModule) -> list[Any]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(S.id, S.version, S.reason, S.created_at, S.size_bytes)
                .join(P, P.id == S.progress_id)
                .where(P.user_id == user_id, P.module_id == module.id)
                .order_by(S.id.desc())
            )
            return list(rows)

    async def rejected_since_last_save(self, user_id: str, module: LearningModule) -> bool:
        """A stale copy tried to save after the current state was accepted."""
        async with self._sessions() as session:
            found = await session.scalar(
                select(S.id)
                .join(P, P.id == S.progress_id)
                .where(
                    P.user_id == user_id,
                    P.module_id == module.id,
                    S.reason == "conflict",
                    S.created_at >= P.updated_at,
                )
                .limit(1)
            )
            return found is not None

    async def get_snapshot(
        self, user_id: str, module: LearningModule, snapshot_id: int
    ) -> SnapshotState:
        async with self._sessions() as session:
            found = (
                await session.execute(
                    select(
                        S.id,
                        S.version,
                        S.reason,
                        S.created_at,
                        S.size_bytes,
                        _as_text(S.notebook_state),
                    )
                    .join(P, P.id == S.progress_id)
                    .where(S.id == snapshot_id, P.user_id == user_id, P.module_id == module.id)
                )
            ).first()
        if found is None:
            raise NotFound(f"There is no saved snapshot {snapshot_id} for module {module.slug!r}.")
        *summary, text = found
        return SnapshotState(*summary, notebook_state=JSONText(text))

    async def restore_snapshot(
        self, user_id: str, module: LearningModule, snapshot_id: int, base_version: int
    ) -> ProgressSummary:
        snapshot = await self.get_snapshot(user_id, module, snapshot_id)
        change = ProgressUpdate(
            notebook_state=snapshot.notebook_state,
            base_version=base_version,
            state_bytes=snapshot.size_bytes,
        )
        return await self.update_progress(user_id, module, change)

    async def _save_state(
        self, connection: AsyncConnection, user_id: str, module_id: int, change: ProgressUpdate
    ) -> Row[Any]:
        """The saved row's summary; ``_Conflict`` if the save is based on another version."""
        base = change.base_version
        matching = (*_owned(user_id, module_id), PROGRESS.c.version == base)
        if connection.dialect.name == "postgresql":
            saved = (await connection.execute(self._save_statement(matching, change))).first()
        else:
            saved = await self._save_step_by_step(connection, matching, change)
        if saved is not None:
            return saved
        current = (
            await connection.execute(
                select(PROGRESS.c.version, PROGRESS.c.updated_at).where(*_owned(user_id, module_id))
            )
        ).first()
        if current is not None or base != 0:
            raise _Conflict(
                _LostRace(
                    current.version if current else 0, current.updated_at if current else None
                )
            )
        created = await connection.execute(
            insert(PROGRESS)
            .values(
                user_id=user_id,
                module_id=module_id,
                status="not_started",
                notebook_state=change.notebook_state,
                state_bytes=change.state_bytes,
                version=1,
                attempt_count=0,
                updated_at=utcnow(),
            )
            .returning(*SUMMARY)
        )
        return created.one()

    async def _save_step_by_step(
        self, connection: AsyncConnection, matching: tuple[Any, ...], change: ProgressUpdate
    ) -> Row[Any] | None:
        # Archive first: on SQLite the first write takes the lock, so no other save
        # can slip in between the version check and the update.
        await connection.execute(
            insert(SNAPSHOTS).from_select(
                ARCHIVED,
                select(*_archived(PROGRESS.c)).where(
                    *matching, PROGRESS.c.notebook_state.is_not(None)
                ),
            )
        )
        saved = (
            await connection.execute(
                update(PROGRESS).where(*matching).values(_saved(change)).returning(*SUMMARY)
            )
        ).first()
        if saved is not None:
            await self._prune(connection, saved.id, "history")
        return saved

    def _save_statement(self, matching: tuple[Any, ...], change: ProgressUpdate) -> Any:
        """Postgres: lock the row at the base version, archive it, update it and prune its
        history in one statement (one round trip instead of three). The statement sees the
        history as it was before, so it keeps one fewer than the limit besides the new one."""
        row = PROGRESS.c
        locked = (
            select(row.id, row.version, row.notebook_state, row.state_bytes, row.updated_at)
            .where(*matching)
            .with_for_update()
            .cte("locked")
        )
        saved = (
            update(PROGRESS)
            .where(PROGRESS.c.id == locked.c.id)
            .values(_saved(change))
            .returning(*SUMMARY)
            .cte("saved")
        )
        stored = locked.c.notebook_state.is_not(None)
        archived = (
            insert(SNAPSHOTS)
            .from_select(ARCHIVED, select(*_archived(locked.c)).where(stored))
            .cte("archived")
        )
        # Pruned only when a snapshot was added.
        pruning = select(locked.c.id).where(stored)
        history = (SNAPSHOTS.c.reason == "history", SNAPSHOTS.c.progress_id.in_(pruning))
        kept = (
            select(SNAPSHOTS.c.id)
            .where(*history)
            .order_by(SNAPSHOTS.c.id.desc())
            .limit(self._snapshot_limit - 1)
        )
        pruned = delete(SNAPSHOTS).where(*history, SNAPSHOTS.c.id.not_in(kept)).cte("pruned")
        return select(*saved.c).add_cte(archived, pruned)

    async def _keep_conflict(
        self, user_id: str, module: LearningModule, change: ProgressUpdate, race: _LostRace
    ) -> VersionConflict:
        """Store the rejected save as a conflict snapshot so it is never lost."""
        async with self._sessions.begin() as session:
            connection = await session.connection()
            await upsert_progress(connection, user_id, module.id)
            progress_id = await session.scalar(select(P.id).where(*_owned(user_id, module.id)))
            snapshot = S(
                progress_id=progress_id,
                version=change.base_version or 0,
                reason="conflict",
                notebook_state=change.notebook_state,
                size_bytes=change.state_bytes,
                created_at=utcnow(),
            )
            session.add(snapshot)
            await session.flush()
            await self._prune(connection, progress_id, "conflict")
        return VersionConflict(
            "This notebook was saved from another tab or machine after you opened it. "
            "Your copy was kept aside and nothing was overwritten; reopen the module to "
            "get the newer work.",
            current_version=race.current_version,
            updated_at=race.updated_at,
            conflict_snapshot_id=snapshot.id,
        )

    async def _prune(self, connection: AsyncConnection, progress_id: int, reason: str) -> None:
        kept = (SNAPSHOTS.c.progress_id == progress_id, SNAPSHOTS.c.reason == reason)
        newest = (
            select(SNAPSHOTS.c.id)
            .where(*kept)
            .order_by(SNAPSHOTS.c.id.desc())
            .limit(self._snapshot_limit)
        )
        await connection.execute(
            delete(SNAPSHOTS).where(*kept, SNAPSHOTS.c.id.not_in(newest.scalar_subquery()))
        )


# A history snapshot: the row as it was before a save.
ARCHIVED = ["progress_id", "version", "reason", "notebook_state", "size_bytes", "created_at"]


def _archived(row: Any) -> tuple[Any, ...]:
    """The ``ARCHIVED`` values taken from a progress row (the table or a CTE of it)."""
    return (
        row.id,
        row.version,
        literal("history"),
        row.notebook_state,
        row.state_bytes,
        row.updated_at,
    )


def _saved(change: ProgressUpdate) -> dict[str, Any]:
    return {
        "notebook_state": change.notebook_state,
        "state_bytes": change.state_bytes,
        "version": PROGRESS.c.version + 1,
        "updated_at": utcnow(),
    }


def _owned(user_id: str, module_id: int) -> tuple[Any, Any]:
    """One student's row of one module (table columns: ORM and Core statements alike)."""
    return (PROGRESS.c.user_id == user_id, PROGRESS.c.module_id == module_id)


def _summary(user_id: str, module_id: int) -> Any:
    return select(*SUMMARY).where(*_owned(user_id, module_id))


def _row(user_id: str, module_id: int) -> Any:
    # The notebook stays in the database: reading it is saved_state's job.
    return (
        select(P)
        .options(defer(P.notebook_state, raiseload=True))
        .where(*_owned(user_id, module_id))
    )


def _as_text(column: Any) -> Any:
    """A JSON column read as text (cast by the database), with no parsing on the way."""
    return cast(column, Text)


async def upsert_progress(
    connection: AsyncConnection,
    user_id: str,
    module_id: int,
    *,
    status: str | None = None,
    add_attempt: bool = False,
) -> None:
    """Create the row if it is missing; set ``status`` and/or count one more attempt."""
    now = utcnow()
    statement = insert_or_update(connection.dialect.name, PROGRESS).values(
        user_id=user_id,
        module_id=module_id,
        status=status or "not_started",
        version=0,
        attempt_count=1 if add_attempt else 0,
        state_bytes=0,
        updated_at=now,
    )
    updates: dict[str, Any] = {}
    if status is not None:
        updates["status"] = status
    if add_attempt:
        updates["attempt_count"] = PROGRESS.c.attempt_count + 1
    if updates:
        updates["updated_at"] = now
        statement = statement.on_conflict_do_update(
            index_elements=["user_id", "module_id"], set_=updates
        )
    else:
        statement = statement.on_conflict_do_nothing(index_elements=["user_id", "module_id"])
    await connection.execute(statement)
