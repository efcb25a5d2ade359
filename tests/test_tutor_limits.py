"""The tutor's limits hold when one student asks from several sockets at once; open
sockets are capped; conversations are pruned, and a server holding one notices."""

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest
from conftest import payload
from fake_openai import DEFAULT_REPLY, FakeOpenAI
from model_server import with_model
from sqlalchemy import func, insert, select
from tutor_client import ask, receive

from jupyter_tutor.store.engine import create_sessions
from jupyter_tutor.store.models import (
    ChatMessage,
    ChatSession,
    LearningModule,
    TutorUsage,
    utcnow,
)
from jupyter_tutor.tutor.history import NewMessage, TutorHistory
from jupyter_tutor.tutor.retention import Retention, prune_history


@pytest.fixture
def jp_server_config(jp_server_config: dict, fake_llm: FakeOpenAI, tutor_config: dict) -> dict:
    return with_model(jp_server_config, fake_llm, tutor_config)


async def ask_together(sockets: list[Any], fake_llm: FakeOpenAI) -> list[list[dict]]:
    """One question on each socket at once. The model holds its answers until every
    question has been admitted or refused, so the admitted ones are all under way
    together; then they finish. Every socket's frames, in order."""
    for index, ws in enumerate(sockets):
        ws.write_message(json.dumps({"type": "ask", "id": f"p{index}", "content": "help"}))
    firsts = await asyncio.gather(*(receive(ws) for ws in sockets))
    fake_llm.release()

    async def rest(ws: Any, first: dict) -> list[dict]:
        frames = [first]
        while frames[-1]["type"] not in ("end", "error"):
            frames.append(await receive(ws))
        return frames

    pairs = zip(sockets, firsts, strict=True)
    return await asyncio.gather(*(rest(ws, first) for ws, first in pairs))


async def usage_rows(tutor: Any, user_id: str) -> list[Any]:
    async with tutor.engine.connect() as connection:
        result = await connection.execute(
            select(TutorUsage.total_tokens, TutorUsage.reserved_tokens).where(
                TutorUsage.user_id == user_id
            )
        )
        return list(result)


HELD = {"text": "Which value does each name have there?", "held": True}


@pytest.mark.parametrize(
    "tutor_config", [{"requests_per_minute": 3, "max_tutor_sockets_per_user": 0}]
)
async def test_parallel_questions_get_exactly_the_per_minute_limit(connect, fake_llm, tutor, api):
    fake_llm.script(*[HELD] * 7)
    sockets = [await connect() for _ in range(7)]
    answers = await ask_together(sockets, fake_llm)

    ends = [frames for frames in answers if frames[-1]["type"] == "end"]
    refused = [frames[-1] for frames in answers if frames[-1]["type"] == "error"]
    assert (len(ends), len(refused)) == (3, 4)
    assert {error["code"] for error in refused} == {"rate_limited"}
    assert all("the limit is 3" in error["message"] for error in refused)
    assert len(fake_llm.chat_requests()) == 3
    assert len(await usage_rows(tutor, "ada")) == 3
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    roles = sorted(m["role"] for m in history["messages"])  # parallel turns interleave
    assert roles == ["assistant"] * 3 + ["user"] * 3


@pytest.mark.parametrize(
    "tutor_config",
    [
        {
            # Each question reserves its prompt and 100,000 tokens of answer, so three
            # fit in the day's 350,000 while they are under way, a fourth does not.
            "tokens_per_day": 350_000,
            "llm_max_tokens": 100_000,
            "max_tutor_sockets_per_user": 0,
        }
    ],
)
async def test_parallel_questions_cannot_overrun_the_daily_tokens(connect, fake_llm, tutor):
    used = {"prompt_tokens": 900, "completion_tokens": 100}
    fake_llm.script(*[{**HELD, "usage": used}] * 7)
    sockets = [await connect() for _ in range(7)]
    answers = await ask_together(sockets, fake_llm)

    refused = [frames[-1] for frames in answers if frames[-1]["type"] == "error"]
    assert sum(frames[-1]["type"] == "end" for frames in answers) == 3
    assert len(refused) == 4 and {error["code"] for error in refused} == {"token_limit"}
    # Refused for the answers under way, not for the day: worth asking again soon.
    assert all(error["retryable"] and "Ask again" in error["message"] for error in refused)
    assert [request["max_tokens"] for request in fake_llm.chat_requests()] == [100_000] * 3
    # Settled: the real usage counts, nothing stays reserved, and there is room again.
    assert sorted(await usage_rows(tutor, "ada")) == [(1000, 0)] * 3
    assert (await ask(sockets[0], "and now?"))[-1]["type"] == "end"


@pytest.mark.parametrize(
    "tutor_config",
    [{"llm_base_url": None, "llm_api_key": None, "requests_per_minute": 2}],
)
async def test_offline_hints_count_for_the_minute_too(connect, api):
    ws = await connect()
    assert [(await ask(ws, text))[-1]["type"] for text in ("one", "two")] == ["end", "end"]
    refused = (await ask(ws, "three"))[-1]
    assert refused["code"] == "rate_limited"
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert len(history["messages"]) == 4  # nothing stored for the refused question


async def wait_until_open(tutor: Any, user: str, count: int) -> None:
    """The server notices a closed socket a moment after the client closes it."""
    for _ in range(500):
        if tutor.tutor_sockets.count(user) == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{user} still has {tutor.tutor_sockets.count(user)} sockets open")


@pytest.mark.parametrize("tutor_config", [{"max_tutor_sockets_per_user": 2}])
async def test_one_socket_too_many_is_refused_with_a_message(connect, tutor):
    first, second = await connect(), await connect()
    extra = await connect()
    refusal = await receive(extra)
    assert refusal["type"] == "error" and refusal["id"] is None
    assert refusal["code"] == "too_many_sockets" and "2 places" in refusal["message"]
    assert await extra.read_message() is None and extra.close_code == 4008

    # Another student is not affected; closing a tab makes room.
    assert (await ask(await connect(user="bob")))[-1]["type"] == "end"
    second.close()
    await wait_until_open(tutor, "ada", 1)
    again = await connect()
    assert (await ask(again))[-1]["type"] == "end"
    assert (await ask(first))[-1]["type"] == "end"


@pytest.mark.parametrize(
    "tutor_config",
    [{"llm_base_url": None, "llm_api_key": None, "history_max_messages_per_module": 10}],
)
async def test_a_conversation_keeps_its_newest_messages(connect, api, tutor):
    ws = await connect()
    for number in range(7):
        assert (await ask(ws, f"question {number}"))[-1]["type"] == "end"
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    questions = [m["content"] for m in history["messages"] if m["role"] == "user"]
    assert len(history["messages"]) == 10
    assert questions == [f"question {number}" for number in range(2, 7)]
    async with tutor.engine.connect() as connection:
        stored = await connection.scalar(select(func.count()).select_from(ChatMessage))
    assert stored == 10


async def old_conversation(tutor: Any, user: str, days_ago: int) -> None:
    """A conversation about alpha written ``days_ago``, before this server read it."""
    then = utcnow() - timedelta(days=days_ago)
    async with tutor.engine.begin() as connection:
        module_id = await connection.scalar(
            select(LearningModule.id).where(LearningModule.slug == "alpha")
        )
        session = await connection.execute(
            insert(ChatSession)
            .values(user_id=user, session_type="tutor", module_id=module_id, created_at=then)
            .returning(ChatSession.id)
        )
        session_id = session.scalar_one()
        for role, content in (("user", "an old question"), ("assistant", "an old hint")):
            await connection.execute(
                insert(ChatMessage).values(
                    session_id=session_id, role=role, content=content, created_at=then
                )
            )


def conversation_sent(fake_llm: FakeOpenAI) -> list[str]:
    """The visible conversation the model got with the last question."""
    return [m["content"] for m in fake_llm.chat_requests()[-1]["messages"][1:]]


@pytest.mark.parametrize("tutor_config", [{"history_max_age_days": 30}])
async def test_messages_past_the_age_limit_are_never_shown_and_pruned(
    connect, api, tutor, fake_llm
):
    await old_conversation(tutor, "ada", days_ago=40)
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert history["messages"] == []
    ws = await connect()
    assert (await ask(ws, "a new question"))[-1]["type"] == "end"
    assert conversation_sent(fake_llm) == ["a new question"]
    async with tutor.engine.connect() as connection:
        contents = set(await connection.scalars(select(ChatMessage.content)))
    assert "an old question" not in contents and "a new question" in contents


async def test_pruning_from_outside_reaches_a_server_holding_the_conversation(
    connect, api, tutor, fake_llm
):
    ws = await connect()
    await ask(ws, "first question")
    await ask(ws, "second question")
    hint = DEFAULT_REPLY["text"]
    assert conversation_sent(fake_llm) == ["first question", hint, "second question"]

    # What `jupyter tutor-server prune-history --user ada --older-than-days 0` does.
    deleted, conversations = await prune_history(
        create_sessions(tutor.engine), Retention(max_age=timedelta(0)), "ada"
    )
    assert (deleted, conversations) == (4, 1)
    await ask(ws, "third question")
    assert conversation_sent(fake_llm) == ["third question"]
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert [m["content"] for m in history["messages"] if m["role"] == "user"] == ["third question"]


async def test_a_message_stored_by_another_process_reaches_one_holding_the_conversation(
    connect, tutor, fake_llm
):
    ws = await connect()
    await ask(ws, "first question")
    module = await tutor.modules.require_module("alpha")
    session_id = await tutor.tutor.history.session_id("ada", module.id)
    elsewhere = TutorHistory(create_sessions(tutor.engine), tutor.retention)  # another process
    await elsewhere.add(session_id, NewMessage(role="user", content="asked in another tab"))
    await elsewhere.add(session_id, NewMessage(role="assistant", content="answered there"))
    await ask(ws, "third question")
    hint = DEFAULT_REPLY["text"]
    assert conversation_sent(fake_llm) == [
        "first question",
        hint,
        "asked in another tab",
        "answered there",
        "third question",
    ]


async def test_a_store_that_missed_a_change_elsewhere_reads_the_conversation_again(tutor):
    module = await tutor.modules.require_module("alpha")
    here = tutor.tutor.history
    session_id = await here.session_id("ada", module.id)
    await here.add(session_id, NewMessage(role="user", content="one"))
    assert [m.content for m in (await here.recent(session_id, 10))[0]] == ["one"]
    elsewhere = TutorHistory(create_sessions(tutor.engine), tutor.retention)
    await elsewhere.add(session_id, NewMessage(role="assistant", content="two"))
    await here.add(session_id, NewMessage(role="user", content="three"))  # no refresh between
    assert [m.content for m in (await here.recent(session_id, 10))[0]] == ["one", "two", "three"]
