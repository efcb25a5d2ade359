"""The browser tutor answers offline as the server does.

``offline_parity.json`` holds conversations and what the tutor answers at each turn: the hint
level, whether it is the same problem (and the similarity that decided it), the hint text. These
tests hold the Python side to it — its offline provider and pedagogy, and the real tutor socket
for the levels; ``jlpm test`` holds the TypeScript port (labextension/src/backend/lite/tutor/)
to the same file. After changing the rules or the pedagogy on purpose, rewrite the expectations
with ``python tests/pedagogy/test_offline_parity.py`` and review the diff.
"""

import json
from pathlib import Path
from typing import Any

import pytest

from jupyter_tutor.errors import InvalidRequest
from jupyter_tutor.tutor.offline.provider import RULES_FILE, offline_guard_settings, offline_hint
from jupyter_tutor.tutor.pedagogy.escalation import asks_for_more_help, next_level
from jupyter_tutor.tutor.pedagogy.guardrail import guard
from jupyter_tutor.tutor.pedagogy.levels import level
from jupyter_tutor.tutor.pedagogy.settings import parse_tutor_settings
from jupyter_tutor.tutor.request import parse_ask
from jupyter_tutor.tutor.similarity.local_embedding import embed
from jupyter_tutor.tutor.similarity.same_problem import (
    DEFAULT_THRESHOLD,
    cosine,
    same_failing_check,
    turn_text,
)

FIXTURE = Path(__file__).with_name("offline_parity.json")


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def failing_after(run: dict[str, Any] | None, checks: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The failing check (index, message) after the latest check run; None when it passed."""
    if run is None or run["passed"]:
        return None, None
    return run["failed_check"], checks[run["failed_check"]]["message"]


def expected_turns(conversation: dict[str, Any]) -> list[dict[str, Any]]:
    """What the tutor answers, turn by turn, from the Python pedagogy and offline provider.

    A conversation may declare an exercise; a turn's ``check_run`` is recorded before it
    is asked, and a question naming the exercise gets its failing check."""
    settings = parse_tutor_settings(conversation["settings"])
    guard_settings = offline_guard_settings(settings)
    previous: tuple[int, Any] | None = None  # the last stored question's level and embedding
    previous_failing: tuple[Any, Any] = (None, None)  # its exercise and failing check
    exercise = conversation.get("exercise")
    run: dict[str, Any] | None = None
    expected = []
    for turn in conversation["turns"]:
        run = turn.get("check_run", run)
        if turn["ask"].get("retry"):  # every earlier question here was answered
            expected.append({"error": "bad_request"})
            continue
        try:
            ask = parse_ask({"id": "q", **turn["ask"]})
        except InvalidRequest:
            expected.append({"error": "bad_request"})
            continue
        vector = embed(turn_text(ask.content, ask.cell_code, ask.error_output))
        similarity = cosine(previous[1], vector) if previous else None
        asked = exercise is not None and ask.exercise_id == exercise["id"]
        failed, message = failing_after(run, exercise["checks"]) if asked else (None, None)
        failing = (ask.exercise_id, failed) if asked else (None, None)
        same = (similarity is not None and similarity >= DEFAULT_THRESHOLD) or (
            previous is not None and same_failing_check(previous_failing, failing)
        )
        number = next_level(
            previous[0] if previous else None,
            same_problem=same,
            more_help=ask.more_help or asks_for_more_help(ask.content),
            max_level=settings.max_level,
        )
        hint = offline_hint(number, ask.cell_code, ask.error_output, message)
        text, violations = guard(hint, level(number), guard_settings, ask.cell_code)
        expected.append(
            {
                "level": number,
                "level_name": level(number).name,
                "max_level": settings.max_level,
                "same_problem": same,
                "similarity": None if similarity is None else round(similarity, 6),
                "text": text,
                "guarded": bool(violations),
            }
        )
        previous = (number, vector)
        previous_failing = failing
    return expected


def test_the_fixture_is_what_the_python_tutor_answers():
    for conversation in load_fixture()["conversations"]:
        expected = expected_turns(conversation)
        found = [turn["expect"] for turn in conversation["turns"]]
        for turn, (want, got) in enumerate(zip(expected, found, strict=True), start=1):
            if "similarity" in want and want["similarity"] is not None:
                assert got["similarity"] == pytest.approx(want["similarity"], abs=1e-5)
                got = {**got, "similarity": want["similarity"]}
            assert got == want, f"{conversation['name']}, turn {turn}"


def test_the_fixture_covers_every_rule_at_every_level():
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    titles = {
        rule["title"] for rule in [*rules["rules"], rules["fallback"], rules["failing_check"]]
    }
    seen: dict[str, set[int]] = {title: set() for title in titles}
    answers = [turn["expect"] for c in load_fixture()["conversations"] for turn in c["turns"]]
    for answer in answers:
        if "text" in answer:
            title = answer["text"].split("\n", 1)[0].removeprefix("**Offline hint** · ")
            seen[title].add(answer["level"])
    assert {title: levels for title, levels in seen.items() if levels != {1, 2, 3, 4}} == {}
    assert any(answer.get("guarded") for answer in answers)
    assert any(answer.get("same_problem") for answer in answers)
    assert any("error" in answer for answer in answers)


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    """One module per conversation, with its tutor settings and exercise."""
    from conftest import fixture_notebook  # importable under pytest only, like tutor_client
    from exercise_notebook import code_cell

    for number, conversation in enumerate(load_fixture()["conversations"], start=1):
        notebook = fixture_notebook(f"parity-{number}", conversation["name"], 10 + number)
        if conversation["settings"] is not None:
            notebook["metadata"]["jupyter_tutor"]["tutor"] = conversation["settings"]
        if "exercise" in conversation:
            notebook["cells"].append(code_cell("e1", "", conversation["exercise"]))
        (modules_dir / f"parity_{number:02d}.ipynb").write_text(json.dumps(notebook))
    return modules_dir


async def test_the_server_answers_as_the_fixture(jp_ws_fetch, api):
    from tutor_client import ask, text_of

    for number, conversation in enumerate(load_fixture()["conversations"], start=1):
        module = f"parity-{number}"
        ws = await jp_ws_fetch(
            "jupyter-tutor",
            "api",
            "tutor",
            params={"module_id": module},
            headers={"X-Test-User": "ada"},
        )
        for turn in conversation["turns"]:
            if "check_run" in turn:
                exercise = conversation["exercise"]["id"]
                path = ("modules", module, "exercises", exercise, "checks")
                recorded = await api(*path, method="POST", body=turn["check_run"])
                assert recorded.code == 200, conversation["name"]
            frames = await ask(ws, **turn["ask"])
            want = turn["expect"]
            if "error" in want:
                assert frames[-1]["code"] == want["error"], conversation["name"]
                continue
            start = frames[0]
            assert start["type"] == "start" and start["provider"] == "offline"
            got = {key: start[key] for key in ("level", "level_name", "max_level", "same_problem")}
            text = text_of(frames)
            got |= {"text": text, "guarded": frames[-1]["guarded"]}
            assert got == {key: want[key] for key in got}, conversation["name"]
        ws.close()


if __name__ == "__main__":
    fixture = load_fixture()
    for conversation in fixture["conversations"]:
        for turn, expect in zip(conversation["turns"], expected_turns(conversation), strict=True):
            turn["expect"] = expect
    FIXTURE.write_text(json.dumps(fixture, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
