"""Hostile input against a live server, route by route and on the tutor socket.

Every request below is refused with a 4xx and a message that says what is wrong, nothing
stored changes, and the log holds no traceback. Runs on SQLite and on Postgres.
"""

import json
import logging
from typing import Any

import pytest
from conftest import fixture_notebook, payload
from sqlalchemy import select
from tutor_client import receive

from jupyter_tutor.store.models import Base

NOTEBOOK_LIMIT = 200_000
REQUEST_LIMIT = 20_000


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"].update(
        {"max_notebook_bytes": NOTEBOOK_LIMIT, "max_request_bytes": REQUEST_LIMIT}
    )
    return jp_server_config


def notebook(source: Any = "x = 1") -> dict[str, Any]:
    return fixture_notebook("alpha", "Alpha", 1, source=source)


def save_body(**changes: Any) -> dict[str, Any]:
    return {"notebook_state": notebook(), "base_version": 1, **changes}


def log_entry(**changes: Any) -> dict[str, Any]:
    entry = {"package": "numpy", "load_time_ms": 10, "success": True, "kernel_name": "python3"}
    return {"logs": [{**entry, **changes}]}


def package_set(packages: Any = None, **changes: Any) -> dict[str, Any]:
    return {
        "name": "Set",
        "packages": [{"name": "numpy"}] if packages is None else packages,
        **changes,
    }


def catalog_entry(**changes: Any) -> dict[str, Any]:
    return {"name": "newpkg", "category": "other", **changes}


DEEP = "[" * 5_000 + "]" * 5_000
# Bodies no route may accept, raw.
RAW_BODIES = [
    b"{not json",
    b'{"a": 1',
    b"\xff\xfe{}",
    b'{"a": "\xed\xa0\x80"}',  # a surrogate encoded in UTF-8
    DEEP.encode(),
    b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}",
    b'{"a": NaN}',
    b'{"a": Infinity}',
    b'{"a": 1e400}',
    b'{"a": ' + b"9" * 5000 + b"}",
    b'{"a": 9007199254740993}',
    b'{"a": "\\u0000"}',
    b'{"a\\u0000": 1}',
    b'{"a": "\\ud800"}',
    b'{"a": "\\udfff x"}',
    b"[]",
    b'"text"',
    b"null",
    b"12",
]

# Routes with a body: (method, path), and bodies that are JSON objects but wrong for the route.
BODY_ROUTES: list[tuple[str, tuple[str, ...], list[Any]]] = [
    (
        "PUT",
        ("progress", "alpha"),
        [
            {},
            {"status": ["completed"]},
            {"status": "completed\u0000"},
            {"colour": "red", "status": "completed"},
            save_body(base_version=2**31),
            save_body(base_version=2**53),
            save_body(base_version=-1),
            save_body(base_version=1.5),
            save_body(base_version=True),
            save_body(base_version="1"),
            save_body(base_version=None),
            save_body(notebook_state=notebook("x = '\u0000'")),
            save_body(notebook_state=notebook("x = '\ud800'")),
            save_body(notebook_state={**notebook(), "nbformat_minor": "5"}),
            save_body(notebook_state={**notebook(), "cells": [{"cell_type": "code"}]}),
            save_body(notebook_state={**notebook(), "cells": "x"}),
            save_body(notebook_state={**notebook(), "metadata": []}),
            save_body(notebook_state={**notebook(), "nbformat": 3}),
            save_body(notebook_state={"nbformat": 4, "nbformat_minor": 5}),
            save_body(notebook_state=[]),
            save_body(notebook_state="nb"),
        ],
    ),
    (
        "POST",
        ("progress", "alpha", "snapshots", "1", "restore"),
        [{}, {"base_version": 2**40}, {"base_version": -3}, {"base_version": "0"}],
    ),
    (
        "POST",
        ("packages", "check"),
        [
            {},
            {"packages": [{"name": "numpy\u0000"}]},
        ],
    ),
    (
        "POST",
        ("packages", "detect"),
        [{}, {"cells": "import x"}, {"cells": [1]}, {"cells": ["x"], "packages": "numpy"}],
    ),
    (
        "POST",
        ("packages", "load-logs"),
        [
            {},
            {"logs": []},
            {"logs": "x"},
            log_entry(load_time_ms=2**40),
            log_entry(load_time_ms=-1),
            log_entry(load_time_ms=1.5),
            log_entry(success="yes"),
            log_entry(package="x; rm -rf /"),
            log_entry(package="numpy\u0000"),
            log_entry(package="a" * 300),
            log_entry(kernel_name=["python3"]),
            log_entry(notebook_path=7),
            log_entry(kernel_name=None),
            log_entry(kernel_name="k" * 101),
            log_entry(error=["x"]),
            log_entry(surprise=1),
            {"logs": [log_entry()["logs"][0]] * 201},
        ],
    ),
    (
        "POST",
        ("packages",),
        [
            {},
            catalog_entry(name="bad name"),
            catalog_entry(name="x\u0000"),
            catalog_entry(category="weapons"),
            catalog_entry(size_bytes=2**40),
            catalog_entry(size_bytes=-1),
            catalog_entry(load_time_estimate="slow"),
            catalog_entry(docs_url="javascript:alert(1)"),
            catalog_entry(imports=[1]),
            catalog_entry(imports=["os; import sys"]),
            catalog_entry(imports="numpy"),
            catalog_entry(display_name="d" * 201),
            catalog_entry(docs_url="https://x.org/\nmore"),
        ],
    ),
    (
        "POST",
        ("package-sets",),
        [
            {},
            package_set(name=""),
            package_set(name=["x"]),
            package_set(packages="numpy"),
            package_set(packages=[{"name": "x", "version": ">=1; id"}]),
            package_set(is_default="yes"),
            package_set(name="n" * 201),
        ],
    ),
    ("PUT", ("package-sets", "1"), [{}, package_set(packages=[{"name": "$(id)"}])]),
    (
        "PUT",
        ("modules", "alpha", "packages"),
        [
            {},
            {"packages": "numpy"},
            {"packages": [{"name": "numpy", "version": "===`id`"}]},
            {"packages": [{"name": "x\ny"}]},
        ],
    ),
]

# Requests without a body whose path or query is hostile.
QUERY_REQUESTS: list[tuple[str, tuple[str, ...], dict[str, str], int]] = [
    # (tornado removes control characters such as NUL from query arguments itself)
    ("GET", ("packages",), {"q": "x" * 5000}, 400),
    ("GET", ("tutor", "history"), {"module_id": "\u0000"}, 404),
    ("GET", ("tutor", "history"), {"module_id": "a" * 5000}, 404),
    ("GET", ("progress", "alpha", "snapshots", "99999999999999999999"), {}, 404),
    ("POST", ("progress", "alpha", "snapshots", "4294967296", "restore"), {}, 404),
    ("DELETE", ("package-sets", "99999999999999999999"), {}, 404),
    ("GET", ("modules", "a" * 5000), {}, 404),
]


async def stored(tutor: Any) -> dict[str, list[tuple]]:
    """Every row of every table."""
    async with tutor.engine.connect() as connection:
        return {
            table.name: sorted(map(repr, (await connection.execute(select(table))).all()))
            for table in Base.metadata.sorted_tables
        }


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.exc_info or "Traceback" in record.getMessage() or record.levelno >= logging.ERROR
    ]


@pytest.fixture
def seeded(api, tutor, jp_asyncio_loop) -> Any:
    """A class with some of everything, so that "nothing changed" means something."""

    async def seed() -> None:
        first = await api("progress", "alpha", method="PUT", body=save_body(base_version=0))
        assert first.code == 200
        await api("progress", "alpha", method="PUT", body=save_body(base_version=1))
        await api("packages", "load-logs", method="POST", body=log_entry())
        await api("package-sets", method="POST", body=package_set(), user="root")

    jp_asyncio_loop.run_until_complete(seed())
    return tutor


def refused(response: Any, status: int | None = None) -> str:
    assert 400 <= response.code < 500, (response.code, response.body[:300])
    if status is not None:
        assert response.code == status, (response.code, response.body[:300])
    message = payload(response)["message"]
    assert isinstance(message, str) and len(message) > 10
    return message


@pytest.mark.parametrize(("method", "path"), [(method, path) for method, path, _ in BODY_ROUTES])
async def test_no_route_accepts_a_body_that_is_not_storable_json(api, seeded, caplog, method, path):
    before = await stored(seeded)
    for raw in RAW_BODIES:
        refused(await api(*path, method=method, raw=raw, user="root"), 400)
    assert await stored(seeded) == before
    assert tracebacks(caplog) == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [(method, path, body) for method, path, bodies in BODY_ROUTES for body in bodies],
    ids=lambda value: json.dumps(value)[:60] if isinstance(value, dict) else str(value),
)
async def test_every_route_refuses_wrong_fields_with_a_reason(
    api, seeded, caplog, method, path, body
):
    before = await stored(seeded)
    refused(await api(*path, method=method, body=body, user="root"))
    assert await stored(seeded) == before
    assert tracebacks(caplog) == []


@pytest.mark.parametrize(("method", "path", "params", "status"), QUERY_REQUESTS)
async def test_hostile_paths_and_queries_are_refused(
    api, seeded, caplog, method, path, params, status
):
    before = await stored(seeded)
    body = {"base_version": 1} if method == "POST" else None
    refused(await api(*path, method=method, params=params, body=body, user="root"), status)
    assert await stored(seeded) == before
    assert tracebacks(caplog) == []


@pytest.mark.parametrize(
    ("method", "path", "limit"),
    [
        ("PUT", ("progress", "alpha"), NOTEBOOK_LIMIT),
        ("POST", ("packages", "load-logs"), REQUEST_LIMIT),
        ("POST", ("packages", "check"), REQUEST_LIMIT),
        ("PUT", ("modules", "alpha", "packages"), REQUEST_LIMIT),
        ("POST", ("package-sets",), REQUEST_LIMIT),
    ],
)
async def test_bodies_over_the_route_limit_get_413(api, seeded, caplog, method, path, limit):
    before = await stored(seeded)
    big = save_body(notebook_state=notebook("y" * limit))
    error = payload(await api(*path, method=method, body=big, user="root"))
    assert error["error"] == "too_large" and error["max_bytes"] == limit
    assert await stored(seeded) == before
    assert tracebacks(caplog) == []


@pytest.fixture
def connect(jp_ws_fetch):
    async def open_socket(module_id: str = "alpha"):
        return await jp_ws_fetch(
            "jupyter-tutor", "api", "tutor", params={"module_id": module_id},
            headers={"X-Test-User": "ada"},
        )  # fmt: skip

    return open_socket


BAD_FRAMES: list[tuple[str | bytes, str]] = [
    ("not json", "not valid JSON"),
    (DEEP, "nested more than"),
    ('{"type": "ask", "id": "q1", "content": "\\u0000"}', "NUL character"),
    ('{"type": "ask", "id": "q1", "content": "hi \\ud800"}', "lone surrogate"),
    ('{"type": "ask", "id": "q1", "content": NaN}', "not a number JSON allows"),
    ('{"type": "ask", "id": "q1", "content": 1e999}', "too large"),
    ("[]", "must be a JSON object"),
    ('{"type": "launch", "id": "q1"}', "Unknown message type"),
    ('{"type": "ask", "id": "q1", "content": "hi", "shell": "id"}', "Unknown field"),
    ('{"type": "ask", "id": "q1", "content": ["hi"]}', "content must be text"),
    ('{"type": "ask", "id": "q1", "content": "hi", "cell_code": 5}', "cell_code must be text"),
    ('{"type": "ask", "id": "q1", "content": "hi", "more_help": "yes"}', "true or false"),
    ('{"type": "ask", "id": "q1", "content": "hi", "exercise_id": "a b"}', "exercise_id must be"),
    ('{"type": "ask", "id": "q1", "content": "hi", "exercise_id": 7}', "exercise_id must be"),
    ('{"type": "ask", "id": "' + "i" * 500 + '", "content": "hi"}', "needs an id"),
    ('{"type": "ask", "id": 7, "content": "hi"}', "needs an id"),
    ('{"type": "ask", "id": "q1", "content": "   "}', "question is empty"),
    ('{"type": "stop", "id": "q1", "extra": 1}', "Unknown field"),
]


async def test_bad_frames_get_an_error_frame_and_the_socket_stays_open(connect, seeded, caplog):
    before = await stored(seeded)
    ws = await connect()
    for frame, message in BAD_FRAMES:
        ws.write_message(frame)
        answer = await receive(ws)
        assert answer["type"] == "error" and answer["code"] == "bad_request", answer
        assert message in answer["message"], (frame[:60], answer["message"])
    # The socket still answers a good question.
    ws.write_message(json.dumps({"type": "ask", "id": "ok", "content": "why?"}))
    frames = [await receive(ws)]
    while frames[-1]["type"] not in ("end", "error"):
        frames.append(await receive(ws))
    assert frames[-1]["type"] == "end"
    ws.close()
    after = await stored(seeded)
    changed = {name for name in after if after[name] != before[name]}
    # Only the good question's turn was stored.
    assert changed <= {"chat_sessions", "chat_messages", "tutor_usage", "user_module_progress"}
    assert tracebacks(caplog) == []


async def test_an_oversized_frame_closes_the_socket_without_a_traceback(connect, seeded, caplog):
    ws = await connect()
    ws.write_message(json.dumps({"type": "ask", "id": "big", "content": "x" * 2_000_000}))
    assert await ws.read_message() is None
    assert ws.close_code == 1009
    assert tracebacks(caplog) == []
