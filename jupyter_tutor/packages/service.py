"""The catalog, load logs and package sets in the database."""

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from ..errors import Conflict, NotFound, TooManyRequests
from ..store.models import LoadLogCount, PackageLoadLog, PackageSet, PythonPackage, utcnow
from ..store.upsert import insert_or_update
from .catalog import CatalogEntry

# The seed's monitoring queries stay readable with a bounded answer.
ANALYTICS_ROWS = 50


async def seed_catalog(connection: AsyncConnection, entries: list[CatalogEntry]) -> None:
    """Insert or refresh every lock/curated entry; packages admins added stay as they are."""
    table = PythonPackage.__table__
    rows = [{**asdict(entry), "imports": list(entry.imports)} for entry in entries]
    statement = insert_or_update(connection.dialect.name, table)
    refreshed = {key: statement.excluded[key] for key in rows[0] if key != "name"}
    await connection.execute(
        statement.on_conflict_do_update(
            index_elements=["name"], set_=refreshed, where=table.c.source != "admin"
        ),
        rows,
    )


class PackageService:
    def __init__(self, sessions: async_sessionmaker, load_logs_per_day: int = 0) -> None:
        self._sessions = sessions
        self._load_logs_per_day = load_logs_per_day  # 0: no limit

    async def list_packages(
        self, text: str = "", category: str = "", compatible_only: bool = False
    ) -> list[PythonPackage]:
        query = select(PythonPackage).order_by(PythonPackage.name)
        if text:
            pattern = f"%{text.lower()}%"
            query = query.where(
                or_(
                    func.lower(PythonPackage.name).like(pattern),
                    func.lower(PythonPackage.display_name).like(pattern),
                    func.lower(PythonPackage.description).like(pattern),
                    func.lower(PythonPackage.category).like(pattern),
                )
            )
        if category:
            query = query.where(PythonPackage.category == category)
        if compatible_only:
            query = query.where(PythonPackage.pyodide_compatible)
        async with self._sessions() as db:
            return list(await db.scalars(query))

    async def known_names(self) -> set[str]:
        async with self._sessions() as db:
            return set(await db.scalars(select(PythonPackage.name)))

    async def add_package(self, entry: CatalogEntry) -> PythonPackage:
        row = PythonPackage(**{**asdict(entry), "imports": list(entry.imports)})
        try:
            async with self._sessions.begin() as db:
                db.add(row)
        except IntegrityError:
            raise Conflict(f"{entry.name} is already in the catalog.") from None
        return row

    async def record_loads(self, user_id: str, logs: list[dict[str, Any]]) -> int:
        now = utcnow()
        async with self._sessions.begin() as db:
            if self._load_logs_per_day:
                await self._count_against_cap(db, user_id, now.date(), len(logs))
            db.add_all(PackageLoadLog(user_id=user_id, created_at=now, **log) for log in logs)
        return len(logs)

    async def _count_against_cap(
        self, db: AsyncSession, user_id: str, today: date, adding: int
    ) -> None:
        """Bound what one user adds to the course's analytics, however they post.

        The day's counter is raised only if it stays within the cap, in one statement in
        the transaction that inserts the logs: parallel posts wait for each other's row
        (Postgres) or the writer lock (SQLite), so together they never pass the cap.
        """
        cap = self._load_logs_per_day
        counts = LoadLogCount.__table__
        statement = insert_or_update(db.bind.dialect.name, counts).values(
            user_id=user_id, day=today, count=adding
        )
        raised = statement.on_conflict_do_update(
            index_elements=["user_id", "day"],
            set_={"count": counts.c.count + statement.excluded.count},
            where=counts.c.count + statement.excluded.count <= cap,
        ).returning(counts.c.count)
        if adding > cap or (await db.execute(raised)).first() is None:
            recorded = await db.scalar(
                select(counts.c.count).where(counts.c.user_id == user_id, counts.c.day == today)
            )
            raise TooManyRequests(
                f"{recorded or 0} package load attempts are recorded for you today, and at "
                f"most {cap} are kept per day; these {adding} were not recorded. The count "
                "starts again at midnight UTC."
            )
        await db.execute(delete(counts).where(counts.c.user_id == user_id, counts.c.day < today))

    async def analytics(self) -> dict[str, list[dict[str, Any]]]:
        """Most-failed packages and average load times (of successful loads)."""
        log = PackageLoadLog
        failures = func.sum(case((log.success.is_(False), 1), else_=0))
        async with self._sessions() as db:
            failed = await db.execute(
                select(log.package, failures.label("failures"), func.count().label("attempts"))
                .group_by(log.package)
                .having(failures > 0)
                .order_by(failures.desc(), log.package)
                .limit(ANALYTICS_ROWS)
            )
            timing = await db.execute(
                select(
                    log.package,
                    func.avg(log.load_time_ms).label("average_ms"),
                    func.count().label("loads"),
                )
                .where(log.success.is_(True))
                .group_by(log.package)
                .order_by(func.avg(log.load_time_ms).desc(), log.package)
                .limit(ANALYTICS_ROWS)
            )
            return {
                "most_failed": [
                    {
                        "package": row.package,
                        "failures": int(row.failures),
                        "attempts": row.attempts,
                        "failure_rate": round(int(row.failures) / row.attempts, 4),
                    }
                    for row in failed
                ],
                "load_times": [
                    {
                        "package": row.package,
                        "average_ms": round(float(row.average_ms), 1),
                        "loads": row.loads,
                    }
                    for row in timing
                ],
            }

    async def list_sets(self) -> list[PackageSet]:
        async with self._sessions() as db:
            return list(await db.scalars(select(PackageSet).order_by(PackageSet.name)))

    async def save_set(
        self, set_id: int | None, values: dict[str, Any], user_id: str
    ) -> PackageSet:
        """Create (no id) or replace a set; one default at most."""
        try:
            async with self._sessions.begin() as db:
                if values.get("is_default"):
                    await db.execute(update(PackageSet).values(is_default=False))
                if set_id is None:
                    row = PackageSet(**values, updated_by=user_id, updated_at=utcnow())
                    db.add(row)
                else:
                    row = await db.get(PackageSet, set_id)
                    if row is None:
                        raise NotFound(f"There is no package set {set_id}.")
                    for key, value in values.items():
                        setattr(row, key, value)
                    row.updated_by, row.updated_at = user_id, utcnow()
        except IntegrityError:
            raise Conflict(f"A package set named {values['name']!r} already exists.") from None
        return row

    async def delete_set(self, set_id: int) -> None:
        async with self._sessions.begin() as db:
            deleted = await db.execute(delete(PackageSet).where(PackageSet.id == set_id))
            if deleted.rowcount == 0:
                raise NotFound(f"There is no package set {set_id}.")
