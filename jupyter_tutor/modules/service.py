"""Learning modules in the database: sync from the catalog, list, look up."""

import json
import time
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection, async_sessionmaker

from ..errors import NotFound
from ..store.models import LearningModule
from ..store.upsert import insert_or_update
from .catalog import SLUG, ModuleSpec


async def sync_modules(connection: AsyncConnection, specs: Iterable[ModuleSpec]) -> None:
    """Insert new modules, update changed ones, retire missing ones; never touch progress."""
    specs = list(specs)
    table = LearningModule.__table__
    for spec in specs:
        values = {
            "slug": spec.slug,
            "title": spec.title,
            "description": spec.description,
            "notebook_filename": spec.notebook_filename,
            "order": spec.order,
            "tutor_settings": spec.tutor_settings,
            "exercises": [exercise.as_json() for exercise in spec.exercises],
            "complete_when_exercises_pass": spec.complete_when_exercises_pass,
            "active": True,
        }
        statement = insert_or_update(connection.dialect.name, table).values(**values)
        statement = statement.on_conflict_do_update(index_elements=["slug"], set_=values)
        await connection.execute(statement)
    await connection.execute(
        update(LearningModule)
        .where(LearningModule.slug.not_in([spec.slug for spec in specs]))
        .values(active=False)
    )


# Every save and answer looks its module up, and modules change only when synced: a
# module read is reused this long. A sync in this process applies at once; one in
# another service process on the same database, after at most this long.
MODULE_CACHE_SECONDS = 5.0


class ModuleService:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions
        # slug -> (module, when it was read): active modules only, so at most the course.
        self._cached: dict[str, tuple[LearningModule, float]] = {}

    async def sync(self, specs: Iterable[ModuleSpec]) -> None:
        """``sync_modules`` in one transaction: every module changes, or none."""
        try:
            async with self._sessions() as session, session.begin():
                await sync_modules(await session.connection(), specs)
        finally:
            self.forget()

    def forget(self) -> None:
        """Read modules from the database again (they were synced, or it changed)."""
        self._cached.clear()

    async def list_modules(self) -> list[LearningModule]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(LearningModule)
                .where(LearningModule.active)
                .order_by(LearningModule.order, LearningModule.title)
            )
            return list(rows)

    async def get_module(self, slug: str) -> LearningModule | None:
        cached = self._cached.get(slug)
        if cached is not None and time.monotonic() - cached[1] < MODULE_CACHE_SECONDS:
            return cached[0]
        async with self._sessions() as session:
            module = await session.scalar(
                select(LearningModule).where(LearningModule.slug == slug, LearningModule.active)
            )
        if module is None:
            self._cached.pop(slug, None)
        else:
            self._cached[slug] = (module, time.monotonic())
        return module

    async def require_module(self, slug: str) -> LearningModule:
        # Anything but a slug names no module: it never reaches the database.
        module = await self.get_module(slug) if SLUG.fullmatch(slug) else None
        if module is None:
            raise NotFound(f"There is no learning module with id {json.dumps(slug[:100])}.")
        return module
