"""INSERT … ON CONFLICT for the two dialects we support (both spell it the same way)."""

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_or_update(dialect_name: str, table: Table) -> Any:
    """An ``insert()`` construct that has ``on_conflict_do_update`` for this dialect."""
    if dialect_name == "postgresql":
        return postgresql.insert(table)
    if dialect_name == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"jupyter-tutor supports SQLite and Postgres, not {dialect_name}")
