"""The async SQLAlchemy engine: SQLite by default, Postgres (or any async URL) for hubs."""

from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool

from .json_text import serialize

# How long an SQLite writer waits for another one before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000

_SYNC_TO_ASYNC_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
}


def async_url(url: str) -> str:
    """Accept the plain URLs admins write (``postgresql://…``) and pick the async driver."""
    parsed = make_url(url)
    driver = _SYNC_TO_ASYNC_DRIVERS.get(parsed.drivername)
    if driver is not None:
        parsed = parsed.set(drivername=driver)
    return parsed.render_as_string(hide_password=False)


def create_engine(
    url: str,
    *,
    pool_size: int = 5,
    max_overflow: int = 10,
    application_name: str = "jupyter-tutor",
) -> AsyncEngine:
    """An engine for ``url``. For a database server: ``pool_size`` connections stay open
    (0: none, each session opens and closes its own, as behind PgBouncer) and up to
    ``max_overflow`` more under load; asyncpg connections carry ``application_name``,
    so they can be told apart in ``pg_stat_activity``."""
    url = async_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        pool: dict[str, Any] = (
            {"poolclass": NullPool}
            if pool_size == 0
            else {"pool_size": pool_size, "max_overflow": max_overflow}
        )
        asyncpg = parsed.get_driver_name() == "asyncpg"
        connect_args = (
            {"server_settings": {"application_name": application_name}} if asyncpg else {}
        )
        engine = create_async_engine(
            url,
            # asyncpg notices a connection the server closed by itself (see below); other
            # drivers ask the server on each checkout.
            pool_pre_ping=not asyncpg,
            connect_args=connect_args,
            json_serializer=serialize,
            **pool,
        )
        if asyncpg:
            event.listen(engine.sync_engine.pool, "checkout", _refuse_closed_connection)
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        json_serializer=serialize,
    )
    event.listen(engine.sync_engine, "connect", _configure_sqlite)
    return engine


def _refuse_closed_connection(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    # A pooled connection the server closed (a restart, an idle timeout, an admin's
    # pg_terminate_backend) was already seen closing by asyncpg's protocol: the pool drops
    # it and checks out another, without a round trip per request as a pre-ping costs.
    if dbapi_connection.driver_connection.is_closed():
        raise exc.DisconnectionError("the database server closed this connection")


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers and one writer work at once; the busy timeout makes a second
    # writer wait instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_sessions(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
