"""Learning modules in the database: sync from the catalog, list, look up."""

import json
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


class ModuleService:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def sync(self, specs: Iterable[ModuleSpec]) -> None:
        """``sync_modules`` in one transaction: every module changes, or none."""
        async with self._sessions() as session, session.begin():
            await sync_modules(await session.connection(), specs)

    async def list_modules(self) -> list[LearningModule]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(LearningModule)
                .where(LearningModule.active)
                .order_by(LearningModule.order, LearningModule.title)
            )
            return list(rows)

    async def get_module(self, slug: str) -> LearningModule | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(LearningModule).where(LearningModule.slug == slug, LearningModule.active)
            )

    async def require_module(self, slug: str) -> LearningModule:
        # Anything but a slug names no module: it never reaches the database.
        module = await self.get_module(slug) if SLUG.fullmatch(slug) else None
        if module is None:
            raise NotFound(f"There is no learning module with id {json.dumps(slug[:100])}.")
        return module
