"""Connections to a database server: how many each jupyter-tutor server keeps open.

On a hub every student's server has its own pool, so what one keeps open is multiplied
by the number of students: these tests count connections in ``pg_stat_activity``.
"""

import asyncio
import uuid

import pytest
from conftest import POSTGRES_URL
from sqlalchemy import text

from jupyter_tutor.store.engine import create_engine

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="TUTOR_TEST_DATABASE_URL is not set")


async def open_connections(name: str) -> int:
    observer = create_engine(POSTGRES_URL, pool_size=0, application_name="observer")
    try:
        async with observer.connect() as connection:
            query = "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"
            return await connection.scalar(text(query), {"name": name})
    finally:
        await observer.dispose()


async def busy(engine, sessions: int = 4) -> None:
    """Several requests at once, each holding a connection for a moment."""

    async def one() -> None:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT pg_sleep(0.2)"))

    await asyncio.gather(*(one() for _ in range(sessions)))


@pytest.mark.parametrize(("pool_size", "max_overflow", "kept"), [(0, 0, 0), (1, 4, 1), (2, 0, 2)])
async def test_a_server_keeps_only_its_pool_open(pool_size: int, max_overflow: int, kept: int):
    name = f"jupyter-tutor-test-{uuid.uuid4().hex[:8]}"
    engine = create_engine(
        POSTGRES_URL, pool_size=pool_size, max_overflow=max_overflow, application_name=name
    )
    try:
        await busy(engine)
        assert await open_connections(name) == kept
    finally:
        await engine.dispose()
    assert await open_connections(name) == 0


async def test_connections_the_server_closed_are_replaced_without_an_error():
    name = f"jupyter-tutor-test-{uuid.uuid4().hex[:8]}"
    engine = create_engine(POSTGRES_URL, pool_size=4, application_name=name)
    observer = create_engine(POSTGRES_URL, pool_size=0, application_name="observer")
    try:
        await busy(engine)  # the pool holds four connections
        async with observer.connect() as connection:
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name"
                ),
                {"name": name},
            )
        await asyncio.sleep(0.2)  # the closing reaches each pooled connection
        await busy(engine)  # each checkout gets a live connection: no error
        assert await open_connections(name) == 4
    finally:
        await observer.dispose()
        await engine.dispose()
