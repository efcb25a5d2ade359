"""Property tests of every validator of client input: whatever comes in, the result is clean
or the refusal is a typed 4xx error with a message (never another exception)."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jupyter_tutor.errors import TutorError
from jupyter_tutor.help.request import MAX_ANSWER, parse_help_answer, parse_help_ask
from jupyter_tutor.modules.catalog import parse_declaration
from jupyter_tutor.packages.package_list import parse_package_list
from jupyter_tutor.packages.request import (
    parse_catalog_entry,
    parse_load_logs,
    parse_package_set,
    strict_package_list,
)
from jupyter_tutor.progress.request import parse_progress_update
from jupyter_tutor.tutor.pedagogy.settings import parse_tutor_settings
from jupyter_tutor.tutor.request import MAX_CONTEXT, MAX_QUESTION, parse_frame
from jupyter_tutor.web.body import SAFE_INTEGER, parse_json

# Texts with the characters that break stores and parsers, numbers at every edge.
texts = st.text() | st.sampled_from(["\x00", "\ud800", "a\udfffb", "", " ", "===1", "$(id)"])
numbers = (
    st.integers()
    | st.sampled_from([2**31, 2**31 - 1, 2**53, -1, 0, 10**30])
    | st.floats(allow_nan=True, allow_infinity=True)
)
scalars = st.none() | st.booleans() | numbers | texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def objects_with(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects whose keys are mostly the validator's own, with any values."""
    return st.dictionaries(st.sampled_from(fields) | texts, json_values, max_size=len(fields) + 1)


def refused_cleanly(validate: Callable[[], Any]) -> Any:
    try:
        return validate()
    except TutorError as error:
        assert 400 <= error.status < 500 and error.message
        return None


def storable(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" not in value and not any(0xD800 <= ord(char) <= 0xDFFF for char in value)
    if isinstance(value, bool) or value is None:
        return True
    if isinstance(value, int):
        return abs(value) <= SAFE_INTEGER
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, list):
        return all(map(storable, value))
    if isinstance(value, dict):
        return all(storable(key) and storable(member) for key, member in value.items())
    return False


@given(st.binary(max_size=200) | texts.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_parse_to_storable_json_or_a_400(data: bytes) -> None:
    value = refused_cleanly(lambda: parse_json(data))
    assert value is None or storable(value)


@given(json_values)
def test_any_json_value_is_parsed_back_storable_or_refused(value: Any) -> None:
    try:
        data = json.dumps(value)
    except ValueError:
        return
    parsed = refused_cleanly(lambda: parse_json(data.encode("utf-8", "surrogatepass")))
    assert parsed is None or storable(parsed)


notebooks = st.fixed_dictionaries(
    {"nbformat": st.just(4) | numbers, "nbformat_minor": st.just(5) | numbers},
    optional={"metadata": json_values, "cells": st.lists(json_values, max_size=3)},
)


@given(objects_with(["status", "notebook_state", "base_version"]), notebooks)
def test_progress_updates(body: dict[str, Any], notebook: dict[str, Any]) -> None:
    for candidate in (body, {**body, "notebook_state": notebook}):
        try:
            raw = json.dumps(candidate).encode("utf-8", "surrogatepass")
        except ValueError:
            continue
        update = refused_cleanly(lambda raw=raw: parse_progress_update(raw, 10**6))
        if update is not None and update.notebook_state is not None:
            assert storable(json.loads(update.notebook_state))
            assert 0 <= update.base_version <= 2**31 - 1


LOG_FIELDS = ["package", "load_time_ms", "success", "kernel_name", "error", "module_slug"]


@pytest.mark.parametrize(
    "validate",
    [
        lambda body: parse_load_logs({"logs": [body]}),
        parse_load_logs,
        parse_catalog_entry,
        parse_package_set,
        lambda body: strict_package_list(body.get("packages")),
    ],
    ids=["load log", "load logs", "catalog entry", "package set", "strict list"],
)
@given(
    body=objects_with(
        ["name", "packages", "logs", "category", "docs_url", "size_bytes", "imports",
         "description", "is_default", *LOG_FIELDS]
    )
)  # fmt: skip
def test_package_requests(validate: Callable[[dict[str, Any]], Any], body: dict[str, Any]):
    result = refused_cleanly(lambda: validate(body))
    assert result is None or storable(json.loads(json.dumps(result, default=repr)))


@given(json_values)
def test_any_package_list_from_a_notebook_gives_entries_and_problems(raw: Any) -> None:
    entries, problems = parse_package_list(raw)
    assert all(problem.reason for problem in problems)
    assert all(storable(entry.name + entry.version) for entry in entries)


@given(objects_with(["type", "id", "content", "cell_code", "error_output", "more_help", "retry"]))
def test_tutor_frames(frame: dict[str, Any]) -> None:
    for candidate in (frame, {**frame, "type": "ask"}, {**frame, "type": "stop"}):
        try:
            raw = json.dumps(candidate)
        except ValueError:
            continue
        parsed = refused_cleanly(lambda raw=raw: parse_frame(raw))
        assert parsed is None or (0 < len(parsed.id) <= 100)


HELP_FIELDS = ["module_id", "question", "cell_code", "error_output", "exercise_id"]


@given(objects_with(HELP_FIELDS), st.sampled_from(HELP_FIELDS), texts)
def test_help_requests(body: dict[str, Any], field: str, text: str) -> None:
    valid = {"module_id": "m", "question": "why?"}
    for candidate in (body, {**valid, **body}, {**valid, field: text}):
        ask = refused_cleanly(lambda candidate=candidate: parse_help_ask(candidate))
        if ask is not None:
            assert ask.question.strip() and len(ask.question) <= MAX_QUESTION
            assert len(ask.cell_code) <= MAX_CONTEXT and len(ask.error_output) <= MAX_CONTEXT
            assert ask.module_id and all(map(storable, vars(ask).values()))


@given(objects_with(["answer"]))
def test_help_answers(body: dict[str, Any]) -> None:
    answer = refused_cleanly(lambda: parse_help_answer(body))
    assert answer is None or (answer.strip() and len(answer) <= MAX_ANSWER)


@given(json_values)
def test_notebook_declarations_are_modules_or_a_reason(declaration: Any) -> None:
    for validate in (
        lambda: parse_declaration("module.ipynb", declaration),
        lambda: parse_tutor_settings(declaration),
    ):
        try:
            validate()
        except ValueError as error:
            assert str(error)
