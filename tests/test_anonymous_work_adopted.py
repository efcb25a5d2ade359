"""Work saved under earlier anonymous browsers is given to the personal server's student."""

import uuid
from typing import Any

import pytest
from conftest import fixture_notebook, payload
from sqlalchemy import func, select
from tutor_client import ask

from jupyter_tutor.identity.adopt import adopt_anonymous_users
from jupyter_tutor.identity.students import Students
from jupyter_tutor.store.models import (
    ChatSession,
    PackageLoadLog,
    TutorUsage,
    UserModuleProgress,
)

FIRST, SECOND, THIRD = (uuid.uuid4().hex for _ in range(3))
ME = "me"


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["TutorApp"]["snapshot_limit"] = 1
    return jp_server_config


async def save_all(api, user: str, module: str, *sources: str) -> None:
    version = payload(await api("progress", module, user=user))["version"]
    for source in sources:
        body = {
            "notebook_state": fixture_notebook(module, module, 1, source),
            "base_version": version,
        }
        version = payload(await api("progress", module, method="PUT", body=body, user=user))[
            "version"
        ]


async def question(jp_ws_fetch, user: str, content: str, module: str = "alpha") -> None:
    socket = await jp_ws_fetch(
        "jupyter-tutor",
        "api",
        "tutor",
        params={"module_id": module},
        headers={"X-Test-User": user},
    )
    assert (await ask(socket, content))[-1]["type"] == "end"
    socket.close()


async def load_log(api, user: str) -> None:
    logs = [{"package": "numpy", "load_time_ms": 5, "success": True, "kernel_name": "python3"}]
    posted = await api("packages", "load-logs", method="POST", body={"logs": logs}, user=user)
    assert posted.code == 201


async def browsers_of_work(api, jp_ws_fetch) -> None:
    """Three anonymous browsers worked on alpha, the first one last; the first alone on beta."""
    await save_all(api, FIRST, "alpha", "a = 1", "a = 2", "a = 3")
    await api("progress", "alpha", method="PUT", body={"status": "completed"}, user=FIRST)
    await question(jp_ws_fetch, FIRST, "first browser asks")
    await save_all(api, SECOND, "alpha", "b = 1", "b = 2")
    await question(jp_ws_fetch, SECOND, "second browser asks")
    await save_all(api, THIRD, "alpha", "c = 1")
    await question(jp_ws_fetch, FIRST, "first browser asks again")
    await save_all(api, FIRST, "beta", "beta = 1")
    await load_log(api, FIRST)
    await load_log(api, SECOND)


async def adopt(tutor, user: str = ME) -> Any:
    async with tutor.engine.begin() as connection:
        return await adopt_anonymous_users(connection, user, tutor.snapshot_limit)


def source_of(state: dict[str, Any]) -> str:
    return state["cells"][1]["source"]


async def snapshot_sources(api, module: str) -> list[str]:
    listed = payload(await api("progress", module, "snapshots", user=ME))["snapshots"]
    return [
        source_of(
            payload(await api("progress", module, "snapshots", str(s["id"]), user=ME))[
                "notebook_state"
            ]
        )
        for s in listed
        if s["reason"] == "history"
    ]


async def test_the_newest_work_is_current_and_the_rest_saved_versions(api, jp_ws_fetch, tutor):
    await browsers_of_work(api, jp_ws_fetch)
    adopted = await adopt(tutor)
    assert (adopted.users, adopted.modules, adopted.conversations) == (3, 2, 1)

    # The browser used last holds the current work.
    alpha = payload(await api("progress", "alpha", user=ME))
    assert source_of(alpha["notebook_state"]) == "a = 3"
    # Completed in one browser stays completed; every tutor question counted.
    assert alpha["status"] == "completed" and alpha["attempt_count"] == 3
    assert alpha["version"] == 3
    # One saved version is the limit, yet the other browsers' current work is kept, newest
    # first; only older saved versions make room.
    assert await snapshot_sources(api, "alpha") == ["c = 1", "b = 2"]
    beta = payload(await api("progress", "beta", user=ME))
    assert source_of(beta["notebook_state"]) == "beta = 1"

    history = payload(await api("tutor", "history", params={"module_id": "alpha"}, user=ME))
    assert [m["content"] for m in history["messages"] if m["role"] == "user"] == [
        "first browser asks",
        "second browser asks",
        "first browser asks again",
    ]
    async with tutor.engine.connect() as db:
        for table in (UserModuleProgress, ChatSession, TutorUsage, PackageLoadLog):
            owners = set(await db.scalars(select(table.user_id).distinct()))
            assert owners == {ME}, table.__tablename__
        assert await db.scalar(select(func.count()).select_from(PackageLoadLog)) == 2
        assert await db.scalar(select(func.count()).select_from(TutorUsage)) == 3


async def test_adopting_twice_changes_nothing_and_keeps_the_local_users_own_work(
    api, jp_ws_fetch, tutor
):
    await save_all(api, ME, "alpha", "mine = 1", "mine = 2")
    await question(jp_ws_fetch, ME, "my question")
    await save_all(api, FIRST, "alpha", "theirs = 1")
    await question(jp_ws_fetch, FIRST, "their question")
    await adopt(tutor)
    before = payload(await api("progress", "alpha", user=ME))
    assert source_of(before["notebook_state"]) == "theirs = 1"
    assert await snapshot_sources(api, "alpha") == ["mine = 2"]

    assert not await adopt(tutor)
    assert payload(await api("progress", "alpha", user=ME)) == before
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}, user=ME))
    assert [m["content"] for m in history["messages"] if m["role"] == "user"] == [
        "my question",
        "their question",
    ]


async def test_a_named_users_work_is_never_adopted(api, tutor):
    await save_all(api, "ada", "alpha", "ada = 1")
    await save_all(api, FIRST, "alpha", "anonymous = 1")
    await adopt(tutor)
    ada = payload(await api("progress", "alpha", user="ada"))
    assert source_of(ada["notebook_state"]) == "ada = 1"


async def test_the_start_of_a_personal_server_adopts_once_in_its_store_preparation(
    api, jp_ws_fetch, tutor
):
    await browsers_of_work(api, jp_ws_fetch)
    # As if the server started again, now knowing its one student.
    tutor.students = Students(ME)
    await tutor.store.again()
    assert source_of(payload(await api("progress", "alpha", user=ME))["notebook_state"]) == "a = 3"
    assert payload(await api("progress", "alpha", user=FIRST))["version"] == 0


async def test_a_server_with_many_students_adopts_nothing(api, jp_ws_fetch, tutor):
    await browsers_of_work(api, jp_ws_fetch)
    assert tutor.students.local_user is None
    await tutor.store.again()
    assert payload(await api("progress", "alpha", user=FIRST))["version"] == 3
    assert payload(await api("progress", "alpha", user=SECOND))["version"] == 2
    assert payload(await api("progress", "alpha", user=THIRD))["version"] == 1
