"""The daily cap on package load attempts recorded per user (``load_logs_per_day``)."""

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from conftest import payload
from sqlalchemy import func, insert, select

from jupyter_tutor.store.models import LoadLogCount, PackageLoadLog, utcnow


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"].update({"load_logs_per_day": 3, "instructor_users": {"teach"}})
    return jp_server_config


LOG = {"package": "numpy", "load_time_ms": 5, "success": False, "kernel_name": "python3"}


async def test_one_user_cannot_flood_the_load_analytics(api: Any):
    def post(count: int, user: str):
        return api("packages", "load-logs", method="POST", body={"logs": [LOG] * count}, user=user)

    assert (await post(2, "lea")).code == 201
    refused = await post(2, "lea")
    assert refused.code == 429
    assert payload(refused)["error"] == "rate_limited"
    assert "2 package load attempts are recorded for you today" in payload(refused)["message"]
    assert (await post(1, "lea")).code == 201
    assert (await post(1, "lea")).code == 429
    # One user's count holds back no one else, and nothing refused was kept.
    assert (await post(3, "max")).code == 201
    analytics = payload(await api("packages", "analytics", user="teach"))
    assert analytics["most_failed"] == [
        {"package": "numpy", "failures": 6, "attempts": 6, "failure_rate": 1.0}
    ]


async def test_parallel_posts_of_one_user_record_exactly_the_cap(api: Any, tutor: Any):
    # Twenty posts at once, one attempt each, against a cap of 3: every post checks and
    # raises the day's counter in one statement, so none slips past the others.
    replies = await asyncio.gather(
        *(
            api("packages", "load-logs", method="POST", body={"logs": [LOG]}, user="lea")
            for _ in range(20)
        )
    )
    assert sorted(reply.code for reply in replies) == [201] * 3 + [429] * 17
    async with tutor.engine.connect() as connection:
        recorded = await connection.scalar(
            select(func.count()).select_from(PackageLoadLog).where(PackageLoadLog.user_id == "lea")
        )
        counter = await connection.scalar(
            select(LoadLogCount.count).where(LoadLogCount.user_id == "lea")
        )
    assert (recorded, counter) == (3, 3)


async def test_only_todays_counter_is_kept(api: Any, tutor: Any):
    yesterday = utcnow().date() - timedelta(days=1)
    async with tutor.engine.begin() as connection:
        await connection.execute(insert(LoadLogCount).values(user_id="lea", day=yesterday, count=3))
    # Yesterday's full counter holds nothing back today, and is then dropped.
    assert (
        await api("packages", "load-logs", method="POST", body={"logs": [LOG]}, user="lea")
    ).code == 201
    async with tutor.engine.connect() as connection:
        rows = (await connection.execute(select(LoadLogCount.day, LoadLogCount.count))).all()
    assert [(day, count) for day, count in rows] == [(utcnow().date(), 1)]
