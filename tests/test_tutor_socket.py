"""The tutor WebSocket against a real local OpenAI-compatible server."""

import json
import socket
from pathlib import Path

import pytest
from conftest import fixture_notebook, payload
from fake_openai import FakeOpenAI
from model_server import SECRET_KEY, with_model
from tornado.httpclient import HTTPClientError
from tutor_client import ask, receive, start_of, text_of

NAME_ERROR = "NameError: name 'B' is not defined"
CELL = "import numpy as np\nA = np.array([[1, 2], [3, 4]])\nresult = A * B"


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    capped = fixture_notebook("delta", "Delta", 4)
    capped["metadata"]["jupyter_tutor"]["tutor"] = {
        "max_level": 2,
        "avoid": ["polyfit"],
        "instructions": "Refer to the Vandermonde matrix.",
    }
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(capped))
    return modules_dir


@pytest.fixture
def jp_server_config(jp_server_config: dict, fake_llm: FakeOpenAI, tutor_config: dict) -> dict:
    return with_model(jp_server_config, fake_llm, tutor_config)


async def test_an_answer_streams_with_start_deltas_and_end(connect, fake_llm):
    fake_llm.script({"text": "What value did you give `B` before this line?", "chunk_size": 5})
    ws = await connect()
    frames = await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    assert frames[0]["type"] == "start"
    assert sum(f["type"] == "delta" for f in frames) > 3, "the answer is streamed"
    start = start_of(frames)
    assert start["level"] == 1 and start["level_name"] == "Nudge" and start["max_level"] == 4
    assert start["same_problem"] is False and start["provider"] == "llm"
    assert text_of(frames) == "What value did you give `B` before this line?"
    end = frames[-1]
    assert end["type"] == "end" and end["stopped"] is False and end["guarded"] is False
    assert isinstance(end["message_id"], int)
    assert (
        end["usage"]["total_tokens"]
        == end["usage"]["prompt_tokens"] + end["usage"]["completion_tokens"]
    )


async def test_the_model_is_asked_with_the_key_and_for_the_usage(connect, fake_llm):
    await ask(await connect(), "why is this wrong?")
    (request,) = [r for r in fake_llm.requests if r["path"].endswith("/chat/completions")]
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["authorization"] == f"Bearer {SECRET_KEY}"
    assert request["body"]["stream_options"] == {"include_usage": True}


async def test_cell_code_and_error_are_hidden_context(connect, fake_llm, api, tutor):
    ws = await connect()
    await ask(ws, "why is this wrong?", cell_code=CELL, error_output=NAME_ERROR)
    request = fake_llm.chat_requests()[0]
    assert request["model"] == "tutor-test-model" and request["stream"] is True
    system, *visible = request["messages"]
    assert system["role"] == "system"
    assert "Alpha" in system["content"] and "About Alpha." in system["content"]
    assert CELL in system["content"] and NAME_ERROR in system["content"]
    assert visible == [{"role": "user", "content": "why is this wrong?"}]

    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"]
    assert "cell_code" not in history["messages"][0] and "embedding" not in history["messages"][0]
    assert CELL not in json.dumps(history)

    session = await tutor.tutor.history.session_id(
        "ada", (await tutor.modules.require_module("alpha")).id
    )
    stored = (await tutor.tutor.history.messages(session))[0]
    assert stored.cell_code == CELL and stored.error_output == NAME_ERROR


async def test_follow_ups_on_the_same_problem_climb_and_a_new_problem_resets(connect):
    ws = await connect()
    levels = []
    for question in (
        "why is this wrong?",
        "I don't see it",
        "what should B be?",
        "and now?",
        "still?",
    ):
        start = start_of(await ask(ws, question, cell_code=CELL, error_output=NAME_ERROR))
        levels.append((start["level"], start["same_problem"]))
    assert levels == [(1, False), (2, True), (3, True), (4, True), (4, True)]

    other = start_of(
        await ask(
            ws,
            "why does this crash?",
            cell_code="arr = np.arange(3)\narr[5]",
            error_output="IndexError: index 5 is out of bounds for axis 0 with size 3",
        )
    )
    assert (other["level"], other["same_problem"]) == (1, False)


async def test_asking_for_more_help_climbs_even_without_context(connect):
    ws = await connect()
    await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    assert start_of(await ask(ws, "Could I have a bit more help?"))["level"] == 2
    assert start_of(await ask(ws, "ok", more_help=True))["level"] == 3


async def test_module_settings_cap_the_level_and_reach_the_prompt(connect, fake_llm):
    ws = await connect("delta")
    levels = [
        start_of(await ask(ws, cell_code=CELL, error_output=NAME_ERROR))["level"] for _ in range(3)
    ]
    assert levels == [1, 2, 2]
    system = fake_llm.chat_requests()[0]["messages"][0]["content"]
    assert "Refer to the Vandermonde matrix." in system and "polyfit" in system


async def test_a_code_fence_below_the_code_level_never_reaches_the_student(connect, fake_llm):
    leak = "Here is the fix:\n```python\nB = np.eye(2)\nresult = A * B\nprint(result)\n```\nDone."
    fake_llm.script({"text": leak}, {"text": "Think about where `B` should get its value."})
    ws = await connect()
    frames = await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    streamed = "".join(f["text"] for f in frames if f["type"] == "delta")
    assert "np.eye" not in streamed and "```" not in streamed
    assert text_of(frames) == "Think about where `B` should get its value."
    assert frames[-1]["guarded"] is True
    rewrite = fake_llm.chat_requests()[1]
    assert (
        rewrite.get("stream") in (None, False)
        and "B = np.eye(2)" in rewrite["messages"][1]["content"]
    )


async def test_when_the_rewrite_fails_the_guarded_text_stays(connect, fake_llm):
    leak = "Try this:\n```python\nB = np.eye(2)\n```\nIt defines B."
    fake_llm.script({"text": leak}, {"status": 500, "error": "boom"})
    ws = await connect()
    frames = await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    final = text_of(frames)
    assert "np.eye" not in final and "Try this:" in final and "left out" in final
    assert frames[-1]["type"] == "end" and frames[-1]["guarded"] is True


async def test_avoided_words_are_masked(connect, fake_llm):
    fake_llm.script(
        {"text": "You could use polyfit here.\n"}, {"text": "You could use polyfit again."}
    )
    ws = await connect("delta")
    frames = await ask(ws, cell_code="x = 1", error_output="")
    assert "polyfit" not in text_of(frames).lower()


@pytest.mark.parametrize("tutor_config", [{"tutor_link_hosts": ["course.example.org"]}])
async def test_only_links_to_the_configured_hosts_reach_the_student(connect, fake_llm):
    answer = (
        "Read [the notes](https://course.example.org/notes) and [numpy](https://numpy.org/doc/)."
        ' <img src="https://evil.example/x.png?c=result" alt="plot">'
    )
    fake_llm.script({"text": answer, "chunk_size": 3}, {"text": "Read the course notes."})
    ws = await connect()
    frames = await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    streamed = "".join(f["text"] for f in frames if f["type"] == "delta")
    assert streamed == "Read [the notes](https://course.example.org/notes) and numpy. plot"
    assert frames[-1]["guarded"] is True  # so the model was asked to rewrite it
    assert text_of(frames) == "Read the course notes."


@pytest.mark.parametrize("tutor_config", [{"requests_per_minute": 2}])
async def test_too_many_questions_a_minute_get_a_clear_message(connect, fake_llm):
    ws = await connect()
    await ask(ws, "one")
    await ask(ws, "two")
    frames = await ask(ws, "three")
    error = frames[-1]
    assert error["type"] == "error" and error["code"] == "rate_limited"
    assert "the limit is 2" in error["message"] and error["reset_at"].endswith("Z")
    assert error["retryable"] is False
    assert len(fake_llm.chat_requests()) == 2
    other_student = await connect(user="bob")
    assert (await ask(other_student, "hello"))[-1]["type"] == "end"


@pytest.mark.parametrize("tutor_config", [{"tokens_per_day": 20_000, "llm_max_tokens": 100}])
async def test_the_daily_token_allowance_is_enforced(connect, fake_llm):
    # An endpoint that reports more than the question reserved (it ignored max_tokens):
    # the real usage counts, and the next question is refused.
    fake_llm.script(
        {"text": "First hint.", "usage": {"prompt_tokens": 21_000, "completion_tokens": 1_000}}
    )
    ws = await connect()
    assert (await ask(ws, "one"))[-1]["type"] == "end"
    error = (await ask(ws, "two"))[-1]
    assert error["code"] == "token_limit" and "22,000 of 20,000 tokens" in error["message"]
    assert "midnight UTC" in error["message"] and error["retryable"] is False
    assert [request["max_tokens"] for request in fake_llm.chat_requests()] == [100]


@pytest.mark.parametrize(
    ("reply", "code", "retryable"),
    [
        ({"status": 500, "error": "overloaded"}, "llm_unavailable", True),
        ({"status": 401, "error": "bad key"}, "llm_auth", False),
        ({"hang": 1.5, "text": "late"}, "llm_timeout", True),
    ],
)
@pytest.mark.parametrize("tutor_config", [{"llm_timeout_seconds": 0.5}])
async def test_model_failures_become_plain_error_frames(connect, fake_llm, reply, code, retryable):
    fake_llm.script(reply)
    ws = await connect()
    error = (await ask(ws, cell_code=CELL, error_output=NAME_ERROR))[-1]
    assert error["type"] == "error" and error["code"] == code
    assert error["retryable"] is retryable and error["partial"] is False
    assert fake_llm.url not in error["message"] and SECRET_KEY not in error["message"]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    "tutor_config", [{"llm_base_url": f"http://127.0.0.1:{_closed_port()}/v1"}]
)
async def test_an_endpoint_that_is_down_gives_a_retryable_error(connect):
    ws = await connect()
    error = (await ask(ws, cell_code=CELL, error_output=NAME_ERROR))[-1]
    assert error["type"] == "error" and error["code"] == "llm_unavailable"
    assert error["retryable"] is True and "cannot be reached" in error["message"]
    assert "127.0.0.1" not in error["message"]


async def test_a_cut_stream_is_marked_partial_and_retry_answers_the_same_question(
    connect, fake_llm, api
):
    fake_llm.script({"text": "Start by looking at the line where", "chunk_size": 6, "cut_after": 3})
    ws = await connect()
    frames = await ask(ws, "what is wrong?", cell_code=CELL, error_output=NAME_ERROR)
    error = frames[-1]
    assert error["code"] == "stream_cut" and error["partial"] is True and error["retryable"]
    assert text_of(frames) == "Start by looking a"

    fake_llm.script({"text": "Which line gives `B` a value?"})
    retried = await ask(ws, "", retry=True)
    assert text_of(retried) == "Which line gives `B` a value?", retried
    assert text_of(retried) == "Which line gives `B` a value?"
    assert start_of(retried)["level"] == 1
    resent = fake_llm.chat_requests()[-1]["messages"]
    assert resent[-1] == {"role": "user", "content": "what is wrong?"}
    assert CELL in resent[0]["content"]

    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))["messages"]
    assert [(m["role"], m["partial"]) for m in history] == [
        ("user", False),
        ("assistant", True),
        ("assistant", False),
    ]


async def test_a_reset_connection_mid_answer_is_a_cut_stream(connect, fake_llm):
    fake_llm.script({"text": "Look at the line where B first appears.", "reset_after": 3})
    ws = await connect()
    frames = await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    error = frames[-1]
    assert error["type"] == "error" and error["code"] == "stream_cut"
    assert error["partial"] is True and error["retryable"] is True
    assert text_of(frames).startswith("Look")


async def test_retry_with_nothing_to_retry_is_refused(connect):
    ws = await connect()
    error = (await ask(ws, "", retry=True))[-1]
    assert error["code"] == "bad_request" and "no unanswered question" in error["message"]


async def test_stop_ends_the_answer_and_keeps_what_was_said(connect, fake_llm, api):
    fake_llm.script(
        {
            "text": "Look closely at every name on the last line of your cell.",
            "chunk_size": 4,
            "delay": 0.1,
        }
    )
    ws = await connect()
    ws.write_message(json.dumps({"type": "ask", "id": "s1", "content": "help", "cell_code": CELL}))
    frames = [await receive(ws), await receive(ws), await receive(ws)]
    assert frames[0]["type"] == "start" and frames[1]["type"] == "delta"
    ws.write_message(json.dumps({"type": "stop", "id": "s1"}))
    while frames[-1]["type"] != "end":
        frames.append(await receive(ws))
    assert frames[-1]["stopped"] is True
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))["messages"]
    assert history[-1]["role"] == "assistant" and history[-1]["partial"] is True
    assert len(history[-1]["content"]) < len(
        "Look closely at every name on the last line of your cell."
    )


async def test_stop_before_the_answer_starts_still_ends_it(connect):
    ws = await connect()
    ws.write_message(json.dumps({"type": "ask", "id": "early", "content": "help"}))
    ws.write_message(json.dumps({"type": "stop", "id": "early"}))
    frames = [await receive(ws)]
    while frames[-1]["type"] != "end":
        frames.append(await receive(ws))
    assert frames[-1]["id"] == "early" and frames[-1]["stopped"] is True
    assert (await ask(ws, "and now a question"))[-1]["type"] == "end"


async def test_history_survives_a_reconnect_and_is_per_student(connect, api):
    ws = await connect()
    await ask(ws, "first question", cell_code=CELL, error_output=NAME_ERROR)
    ws.close()
    again = await connect()
    await ask(again, "second question", cell_code=CELL, error_output=NAME_ERROR)
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert [m["content"] for m in history["messages"] if m["role"] == "user"] == [
        "first question",
        "second question",
    ]
    assert history["level"] == 2 and history["max_level"] == 4 and history["provider"] == "llm"
    assert [m["level_name"] for m in history["messages"]] == [
        "Nudge",
        "Nudge",
        "Pointer",
        "Pointer",
    ]
    assert (
        payload(await api("tutor", "history", params={"module_id": "alpha"}, user="bob"))[
            "messages"
        ]
        == []
    )


async def test_each_successful_answer_counts_an_attempt(connect, fake_llm, api):
    ws = await connect()
    await ask(ws, "one")
    fake_llm.script({"status": 500})
    await ask(ws, "two")
    await ask(ws, "", retry=True)
    assert payload(await api("progress", "alpha"))["attempt_count"] == 2


async def test_the_key_and_endpoint_never_reach_the_browser_or_the_log(connect, api, caplog):
    ws = await connect()
    await ask(ws, cell_code=CELL, error_output=NAME_ERROR)
    for response in [
        await api("config"),
        await api("tutor", "history", params={"module_id": "alpha"}),
    ]:
        assert SECRET_KEY not in response.body.decode()
        assert "127.0.0.1" not in response.body.decode()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET_KEY not in logged and "/v1" not in logged


async def test_bad_frames_get_error_frames_and_the_socket_stays_open(connect):
    ws = await connect()
    ws.write_message("not json")
    assert (await receive(ws))["code"] == "bad_request"
    ws.write_message(json.dumps({"type": "dance", "id": "x"}))
    assert "Unknown message type" in (await receive(ws))["message"]
    ws.write_message(json.dumps({"type": "ask", "id": "x", "content": "  "}))
    assert "question is empty" in (await receive(ws))["message"]
    assert (await ask(ws, "now a real one"))[-1]["type"] == "end"


async def test_one_answer_at_a_time(connect, fake_llm):
    fake_llm.script({"text": "slow answer here", "chunk_size": 2, "delay": 0.05})
    ws = await connect()
    ws.write_message(json.dumps({"type": "ask", "id": "a", "content": "first"}))
    ws.write_message(json.dumps({"type": "ask", "id": "b", "content": "second"}))
    frames = []
    while not (frames and frames[-1]["type"] == "end"):
        frames.append(await receive(ws))
    busy = [f for f in frames if f["id"] == "b"]
    assert busy and busy[0]["type"] == "error" and "still answering" in busy[0]["message"]


async def test_unknown_module_and_anonymous_sockets_are_refused(connect, jp_ws_fetch):
    with pytest.raises(HTTPClientError) as missing:
        await connect("nope")
    assert missing.value.code == 404
    with pytest.raises(HTTPClientError) as anonymous:
        await jp_ws_fetch(
            "jupyter-tutor",
            "api",
            "tutor",
            params={"module_id": "alpha"},
            headers={"Authorization": ""},
        )
    assert anonymous.value.code == 403
