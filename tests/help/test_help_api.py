"""The help queue's routes: a student asks their instructor, the instructor answers and
resolves; every route for a learner, an instructor and an admin; a student reads only their
own requests; limits, refusals and retention. Runs on SQLite and on Postgres."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import payload
from contract_shapes import conform
from exercise_notebook import CHECKS_ONE, exercise_notebook
from sqlalchemy import select, update

from jupyter_tutor.store.models import HelpRequest, utcnow
from jupyter_tutor.tutor.history import NewMessage

INSTRUCTOR, ADMIN = "ivy", "root"


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(exercise_notebook()))
    return modules_dir


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"]["instructor_users"] = {INSTRUCTOR}
    jp_server_config["TutorApp"]["admin_users"] = {ADMIN}
    jp_server_config["TutorApp"]["help_open_requests_per_module"] = 2
    jp_server_config["TutorApp"]["help_max_age_days"] = 30
    return jp_server_config


async def ask(api: Any, user: str = "ada", **fields: Any) -> Any:
    body = {"module_id": "delta", "question": "Why does **this** fail?", **fields}
    return await api("help", "requests", method="POST", body=body, user=user)


async def queue(api: Any, user: str = INSTRUCTOR, **params: str) -> Any:
    return await api("instructor", "modules", "delta", "help-requests", user=user, params=params)


async def act(api: Any, request_id: int, action: str, user: str = INSTRUCTOR, **body: Any):
    path = ("instructor", "help-requests", str(request_id), action)
    return await api(*path, method="POST", body=body, user=user)


async def converse(tutor: Any, user: str) -> None:
    module = await tutor.modules.require_module("delta")
    session = await tutor.tutor.history.session_id(user, module.id)
    await tutor.tutor.history.add(session, NewMessage("user", "what is arange?", level=1))
    await tutor.tutor.history.add(session, NewMessage("assistant", "a hint", level=1))


async def test_ask_answer_and_resolve(api, tutor):
    await converse(tutor, "ada")
    check = {"passed": False, "failed_check": 1}
    checks = ("modules", "delta", "exercises", "evens-and-grid", "checks")
    assert (await api(*checks, method="POST", body=check, user="ada")).code == 200
    asked = await ask(
        api, cell_code="evens = None", error_output="AssertionError", exercise_id="evens-and-grid"
    )
    assert asked.code == 200, asked.body
    request = payload(asked)
    conform("HelpRequest", request)
    assert request["status"] == "open" and request["answer"] is None
    # The check result is the server's, from the student's latest run.
    assert request["check_result"]["status"] == "failing"
    assert request["check_result"]["failed_message"] == CHECKS_ONE[1]["message"]

    listed = payload(await queue(api))
    conform("HelpQueue", listed)
    (seen,) = listed["requests"]
    assert seen["user_id"] == "ada" and seen["cell_code"] == "evens = None"
    # The tutor conversation is the one the server holds.
    assert [m["content"] for m in seen["conversation"]] == ["what is arange?", "a hint"]

    answered = await act(api, request["id"], "answer", answer="Look at `arange`'s *stop*.")
    assert answered.code == 200, answered.body
    conform("QueuedHelpRequest", payload(answered))
    mine = payload(await api("help", "requests", params={"module_id": "delta"}))
    conform("HelpRequestList", mine)
    (got,) = mine["requests"]
    assert got["status"] == "answered" and got["answer"] == "Look at `arange`'s *stop*."
    assert got["answered_at"]
    assert "answered_by" not in got and "conversation" not in got

    resolved = payload(await act(api, request["id"], "resolve"))
    assert resolved["status"] == "resolved" and resolved["resolved_at"]
    assert payload(await queue(api, status="open"))["requests"] == []
    assert [r["id"] for r in payload(await queue(api, status="resolved"))["requests"]] == [
        request["id"]
    ]
    again = await act(api, request["id"], "answer", answer="more")
    assert again.code == 409


async def test_the_queue_is_newest_first_and_only_the_modules(api):
    first = payload(await ask(api, question="first"))
    second = payload(await ask(api, user="bob", question="second"))
    await api(
        "help", "requests", method="POST", body={"module_id": "alpha", "question": "elsewhere"}
    )
    ids = [r["id"] for r in payload(await queue(api))["requests"]]
    assert ids == [second["id"], first["id"]]


@pytest.mark.parametrize("user", ["ada", INSTRUCTOR])
async def test_nobody_reads_another_students_request(api, user):
    request = payload(await ask(api, user="bob"))
    one = await api("help", "requests", str(request["id"]), user=user)
    assert one.code == 404
    assert payload(await api("help", "requests", params={"module_id": "delta"}, user=user)) == {
        "requests": []
    }
    own = await api("help", "requests", str(request["id"]), user="bob")
    assert payload(own)["id"] == request["id"]


@pytest.mark.parametrize(("user", "allowed"), [("ada", False), (INSTRUCTOR, True), (ADMIN, True)])
async def test_instructor_routes_by_role(api, user, allowed):
    request = payload(await ask(api, user="bob"))
    responses = [
        await queue(api, user=user),
        await act(api, request["id"], "answer", user=user, answer="Try again."),
        await act(api, request["id"], "resolve", user=user),
    ]
    for response in responses:
        assert response.code == (200 if allowed else 403), response.body
        if not allowed:
            assert payload(response)["error"] == "forbidden"
    status = payload(await api("help", "requests", str(request["id"]), user="bob"))["status"]
    assert status == ("resolved" if allowed else "open")


async def test_a_learner_may_ask_and_list(api):
    assert (await ask(api)).code == 200
    listed = await api("help", "requests", params={"module_id": "delta"})
    assert listed.code == 200 and len(payload(listed)["requests"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"question": "no module"},
        {"module_id": 3, "question": "x"},
        {"module_id": "delta"},
        {"module_id": "delta", "question": "   "},
        {"module_id": "delta", "question": 7},
        {"module_id": "delta", "question": "x" * 4001},
        {"module_id": "delta", "question": "x", "cell_code": ["a"]},
        {"module_id": "delta", "question": "x", "exercise_id": "Not A Slug"},
        {"module_id": "delta", "question": "x", "conversation": [{"role": "user"}]},
        {"module_id": "delta", "question": "x", "check_result": {"status": "passed"}},
    ],
)
async def test_bad_requests_are_refused_saying_why(api, body):
    response = await api("help", "requests", method="POST", body=body)
    assert response.code == 400 and payload(response)["message"]
    assert payload(await queue(api))["requests"] == []


async def test_unknown_modules_and_requests_are_404(api):
    assert (await ask(api, module_id="nope")).code == 404
    assert (await api("help", "requests", params={"module_id": "nope"})).code == 404
    assert (await api("instructor", "modules", "nope", "help-requests", user=ADMIN)).code == 404
    assert (await act(api, 999, "answer", answer="x")).code == 404
    assert (await act(api, 99999999999, "resolve")).code == 404
    assert (await api("help", "requests", "999")).code == 404


async def test_bad_answers_and_filters_are_refused(api):
    request = payload(await ask(api))
    for body in ({}, {"answer": ""}, {"answer": 1}, {"answer": "x" * 20001}, {"x": 1}):
        path = ("instructor", "help-requests", str(request["id"]), "answer")
        response = await api(*path, method="POST", body=body, user=INSTRUCTOR)
        assert response.code == 400, body
    assert (await queue(api, status="closed")).code == 400


async def test_open_requests_per_module_are_limited(api):
    first = payload(await ask(api))
    assert (await ask(api)).code == 200
    refused = await ask(api)
    assert refused.code == 429
    answer = payload(refused)
    assert answer["error"] == "rate_limited" and "the limit is 2" in answer["message"]
    # Another module, another student: their own allowance.
    assert (await ask(api, module_id="alpha")).code == 200
    assert (await ask(api, user="bob")).code == 200
    # An answered request no longer waits.
    await act(api, first["id"], "answer", answer="See the docs.")
    assert (await ask(api)).code == 200


async def test_requests_past_the_retention_are_gone(api, tutor):
    old = payload(await ask(api, question="old"))
    async with tutor.engine.begin() as db:
        await db.execute(
            update(HelpRequest)
            .where(HelpRequest.id == old["id"])
            .values(created_at=utcnow() - timedelta(days=31))
        )
    assert payload(await queue(api))["requests"] == []
    assert (await api("help", "requests", str(old["id"]))).code == 404
    assert (await act(api, old["id"], "answer", answer="late")).code == 404
    # The next request stored prunes it.
    assert (await ask(api, question="new")).code == 200
    async with tutor.engine.connect() as db:
        kept = list(await db.scalars(select(HelpRequest.question)))
    assert kept == ["new"]
