"""Bring a database to the newest schema with Alembic, safely from many servers at once."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncConnection

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Any constant works; it only has to be the same for every jupyter-tutor server on a hub.
_PG_MIGRATION_LOCK = 0x6A7475746F72


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def upgrade_to_head(connection: AsyncConnection) -> None:
    """Apply pending migrations inside the caller's transaction.

    On Postgres an advisory lock serialises the single-user servers of a hub that
    start together, so only one of them runs each migration.
    """
    if connection.dialect.name == "postgresql":
        await connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
        )
    await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), "head"))
