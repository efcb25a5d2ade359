"""The policy routes for a learner, an instructor and an admin (SQLite and Postgres), and
the tutor socket obeying them against a real local model server."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import payload
from contract_shapes import conform
from exercise_notebook import exercise_notebook
from fake_openai import FakeOpenAI
from model_server import with_model
from sqlalchemy import insert
from tutor_client import ask, start_of

from jupyter_tutor.policy import service as policy_service
from jupyter_tutor.store.models import AiPolicyOverride, utcnow

INSTRUCTOR, ADMIN = "ivy", "root"
HOUR = timedelta(hours=1)


def local(moment: Any) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def window_now(mode: str = "off", reason: str = "exam") -> dict[str, Any]:
    now = utcnow()
    return {
        "mode": mode,
        "from": local(now - HOUR),
        "until": local(now + HOUR),
        "timezone": "UTC",
        "reason": reason,
    }


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    notebook = exercise_notebook()
    notebook["metadata"]["jupyter_tutor"]["tutor"] = {
        "max_level": 3,
        "policy": {
            "mode": "hints",
            "windows": [{"mode": "off", "from": "x", "until": "y", "timezone": "UTC"}],
            "exercises": {"passing": {"mode": "full"}, "evens-and-grid": {"mode": "off"}},
        },
    }
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(notebook))
    return modules_dir


@pytest.fixture
def jp_server_config(jp_server_config: dict, fake_llm: FakeOpenAI, tutor_config: dict) -> dict:
    jp_server_config["TutorApp"]["instructor_users"] = {INSTRUCTOR}
    jp_server_config["TutorApp"]["admin_users"] = {ADMIN}
    return with_model(jp_server_config, fake_llm, tutor_config)


async def put_policy(api: Any, policy: Any, user: str = INSTRUCTOR) -> Any:
    path = ("instructor", "modules", "delta", "policy")
    return await api(*path, method="PUT", body={"policy": policy}, user=user)


async def test_the_learner_sees_the_notebook_policy_in_force(api):
    response = await api("modules", "delta", "policy")
    assert response.code == 200
    body = payload(response)
    conform("ModulePolicy", body)
    assert body["module"] == {
        "mode": "hints",
        "max_level": 3,
        "code_allowed_level": 4,
        "until": None,
        "reason": "",
        "set_by": None,
        "next_change": None,
    }
    assert body["exercises"]["passing"]["mode"] == "full"
    assert body["exercises"]["passing"]["max_level"] == 4
    assert body["exercises"]["evens-and-grid"]["mode"] == "off"


@pytest.mark.parametrize("method", ["GET", "PUT"])
async def test_a_learner_may_not_read_or_set_the_override(api, method):
    body = {"policy": {"mode": "off"}} if method == "PUT" else None
    path = ("instructor", "modules", "delta", "policy")
    response = await api(*path, method=method, body=body, user="ada")
    assert response.code == 403
    assert "instructor" in payload(response)["message"]


@pytest.mark.parametrize("user", [INSTRUCTOR, ADMIN])
async def test_instructors_and_admins_set_the_override_and_it_wins(api, user):
    before = payload(await api("instructor", "modules", "delta", "policy", user=user))
    conform("InstructorPolicy", before)
    assert before["override"] is None
    assert "window skipped" in before["problems"][0], "the broken notebook window is reported"

    response = await put_policy(api, {"windows": [window_now()]}, user)
    assert response.code == 200, response.body
    stored = payload(response)
    conform("InstructorPolicy", stored)
    assert stored["override"]["set_by"] == user
    learner = payload(await api("modules", "delta", "policy"))
    assert learner["module"]["mode"] == "off" and learner["module"]["set_by"] == user
    assert learner["module"]["reason"] == "exam" and learner["module"]["until"]
    assert learner["exercises"]["passing"]["mode"] == "off", "the window beats its mode"

    cleared = await put_policy(api, None, user)
    assert cleared.code == 200 and payload(cleared)["override"] is None
    assert payload(await api("modules", "delta", "policy"))["module"]["mode"] == "hints"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"policy": {"mode": "maybe"}}, "mode must be one of"),
        ({"policy": {"windows": [{**window_now(), "timezone": "Nowhere/City"}]}}, "time zone"),
        ({"policy": {"windows": [{**window_now(), "until": "2000-01-01T00:00"}]}}, "after from"),
        ({"policy": {"exercises": {"nope": {"mode": "off"}}}}, "declares no exercise 'nope'"),
        ({"policy": {"max_level": 2}}, "needs mode 'hints'"),
        ({"policy": [1]}, "must be an object"),
        ({"mode": "off"}, 'must be {"policy"'),
    ],
)
async def test_a_bad_override_is_refused_and_nothing_is_written(api, body, message):
    await put_policy(api, {"mode": "full"})
    path = ("instructor", "modules", "delta", "policy")
    response = await api(*path, method="PUT", body=body, user=INSTRUCTOR)
    assert response.code == 400
    assert message in payload(response)["message"]
    kept = payload(await api(*path, user=INSTRUCTOR))
    assert kept["override"]["policy"] == {"mode": "full"}


async def test_an_unknown_module_is_404(api):
    response = await api("instructor", "modules", "nope", "policy", user=INSTRUCTOR)
    assert response.code == 404
    assert (await api("modules", "nope", "policy")).code == 404


async def test_an_override_stored_by_another_process_applies_once_the_cached_one_ages(
    api, tutor, monkeypatch
):
    async def mode() -> str:
        return payload(await api("modules", "delta", "policy"))["module"]["mode"]

    assert await mode() == "hints"
    module = await tutor.modules.require_module("delta")
    async with tutor.engine.begin() as connection:  # as another service process would
        await connection.execute(
            insert(AiPolicyOverride).values(
                module_id=module.id, policy={"mode": "off"}, set_by=INSTRUCTOR, set_at=utcnow()
            )
        )
    assert await mode() == "hints"  # still the override read just now (none)
    monkeypatch.setattr(policy_service, "OVERRIDE_CACHE_SECONDS", 0.0)
    assert await mode() == "off"


async def test_off_answers_politely_and_the_model_is_not_called(api, connect, fake_llm):
    await put_policy(api, {"mode": "hints", "windows": [window_now()]})
    ws = await connect("delta")
    frames = await ask(ws, "help me")
    assert [frame["type"] for frame in frames] == ["error"]
    assert frames[0]["code"] == "tutor_off" and frames[0]["retryable"] is False
    message = frames[0]["message"]
    assert "switched off" in message and "your instructor" in message
    assert "(UTC)" in message and "exam" in message
    assert fake_llm.chat_requests() == []


async def test_the_notebook_switches_an_exercise_off_for_your_course(connect, fake_llm):
    ws = await connect("delta")
    frames = await ask(ws, "help me", exercise_id="evens-and-grid")
    assert frames[0]["code"] == "tutor_off" and "your course" in frames[0]["message"]
    assert "until" not in frames[0]["message"]
    assert start_of(await ask(ws, "and this one?", exercise_id="passing"))["max_level"] == 4
    assert len(fake_llm.chat_requests()) == 1


async def test_hints_cap_the_level_and_full_lifts_it(api, connect, fake_llm):
    await put_policy(api, {"mode": "hints", "max_level": 1})
    ws = await connect("delta")
    for _ in range(3):
        frames = await ask(ws, "more help please, I need more help", more_help=True)
        assert start_of(frames)["level"] == 1 and start_of(frames)["max_level"] == 1
    await put_policy(api, {"mode": "full"})
    levels = []
    for _ in range(4):
        frames = await ask(ws, "more help please", more_help=True)
        levels.append(start_of(frames)["level"])
    assert start_of(frames)["max_level"] == 4 and max(levels) == 4
    assert len(fake_llm.chat_requests()) == 7
