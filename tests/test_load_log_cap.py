"""The daily cap on package load attempts recorded per user (``load_logs_per_day``)."""

from typing import Any

import pytest
from conftest import payload


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
