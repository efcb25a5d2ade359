"""The tutor knows the exercise: statement, code and latest check in the prompt, the
reference solution kept from the student at every level below the code-allowed one, same
exercise and failing check as the same problem, offline hints from the check's message.

The model is a real local OpenAI-compatible server, scripted to paste the solution."""

import json
from pathlib import Path

import pytest
from exercise_notebook import (
    CHECKS_ONE,
    HINT_ONE,
    HINT_TWO,
    SOLUTION_TWO,
    STARTER_ONE,
    STARTER_TWO,
    exercise_notebook,
)
from fake_openai import FakeOpenAI
from model_server import with_model
from tutor_client import ask, start_of, text_of

from jupyter_tutor.tutor.pedagogy.solution_overlap import (
    SOLUTION_OVERLAP_THRESHOLD,
    SolutionMatcher,
)

PASTES = {
    "verbatim": f"Here is the answer:\n```python\n{SOLUTION_TWO}\n```\nThat's it.",
    "renamed": (
        "Try this:\n```python\nok = scores[scores >= 50]\ncount = np.sum(scores >= 50)\n"
        "bumped = scores.copy()\nbumped[bumped < 50] += 5\n```"
    ),
    "reformatted": (
        "passing=scores[ scores>=50 ]; n_passing=np.sum( scores>=50 ); "
        "curved=scores.copy(); curved[ curved<50 ]+=5"
    ),
    "in prose": (
        "Write passing = scores[scores >= 50] then n_passing = np.sum(scores >= 50), "
        "then curved = scores.copy() and finally curved[curved < 50] += 5 to finish."
    ),
}


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(exercise_notebook()))
    return modules_dir


def check_run(api, exercise: str, **body):
    return api("modules", "delta", "exercises", exercise, "checks", method="POST", body=body)


def leaked(text: str) -> bool:
    return SolutionMatcher(SOLUTION_TWO, STARTER_TWO).overlap(text) >= SOLUTION_OVERLAP_THRESHOLD


class TestWithAModel:
    @pytest.fixture
    def jp_server_config(self, jp_server_config: dict, fake_llm: FakeOpenAI, tutor_config: dict):
        return with_model(jp_server_config, fake_llm, tutor_config)

    async def test_the_prompt_carries_statement_code_and_failing_check(
        self, connect, fake_llm, api
    ):
        await check_run(
            api, "evens-and-grid", passed=False, failed_check=1, error="AssertionError: nope"
        )
        ws = await connect("delta")
        await ask(ws, "what is wrong?", cell_code=STARTER_ONE, exercise_id="evens-and-grid")
        system = fake_llm.chat_requests()[0]["messages"][0]["content"]
        assert "Create `evens`, the even numbers 0 to 20" in system
        assert STARTER_ONE in system
        assert "failed check 2 of 2" in system and CHECKS_ONE[1]["message"] in system
        assert "AssertionError: nope" in system
        assert "np.arange(0, 21, 2)" in system and "Never reveal it" in system
        assert HINT_ONE in system
        assert fake_llm.chat_requests()[0]["messages"][1:] == [
            {"role": "user", "content": "what is wrong?"}
        ]

    async def test_instructor_hints_come_in_at_their_level(self, connect, fake_llm):
        ws = await connect("delta")
        await ask(ws, "help", cell_code=STARTER_TWO, exercise_id="passing")
        await ask(ws, "more", cell_code=STARTER_TWO, exercise_id="passing", more_help=True)
        first, second = (r["messages"][0]["content"] for r in fake_llm.chat_requests())
        assert HINT_TWO not in first and HINT_TWO in second
        assert "has not run them yet" in first

    @pytest.mark.parametrize("paste", sorted(PASTES))
    @pytest.mark.parametrize("chunk", [3, 40])
    async def test_a_model_pasting_the_solution_leaks_nothing_below_the_code_level(
        self, connect, fake_llm, paste, chunk
    ):
        ws = await connect("delta")
        shown = {}
        for number in (1, 2, 3, 4):
            # The answer, then the rewrite pass pasting it again: the fallback must hold.
            fake_llm.script({"text": PASTES[paste], "chunk_size": chunk}, {"text": PASTES[paste]})
            frames = await ask(
                ws,
                "give me the code",
                cell_code=STARTER_TWO,
                exercise_id="passing",
                more_help=number > 1,
            )
            assert start_of(frames)["level"] == number
            shown[number] = (text_of(frames), json.dumps(frames))
        for number in (1, 2, 3):
            text, everything = shown[number]
            assert json.loads(everything)[-1]["guarded"] is True
            assert not leaked(text), (number, text)
            assert (
                SOLUTION_TWO not in everything and json.dumps(SOLUTION_TWO)[1:-1] not in everything
            )
        assert leaked(shown[4][0]), "at the code-allowed level the answer passes"

    async def test_the_same_failing_check_is_the_same_problem(self, connect, api):
        ws = await connect("delta")
        await check_run(api, "evens-and-grid", passed=False, failed_check=0)
        first = start_of(await ask(ws, "why?", cell_code=STARTER_ONE, exercise_id="evens-and-grid"))
        other = start_of(
            await ask(
                ws, "completely different words", cell_code="q = 7", exercise_id="evens-and-grid"
            )
        )
        assert (first["level"], other["level"], other["same_problem"]) == (1, 2, True)
        await check_run(api, "evens-and-grid", passed=False, failed_check=1)
        moved = start_of(
            await ask(ws, "and now what", cell_code="r = 9", exercise_id="evens-and-grid")
        )
        assert (moved["level"], moved["same_problem"]) == (1, False)

    async def test_an_unknown_exercise_is_answered_about_the_cell(self, connect, fake_llm):
        ws = await connect("delta")
        frames = await ask(ws, "help", cell_code="x = 1", exercise_id="no-such-exercise")
        assert frames[-1]["type"] == "end"
        assert "Never reveal" not in fake_llm.chat_requests()[0]["messages"][0]["content"]


async def test_offline_hints_quote_the_failing_check(connect, api):
    await check_run(api, "evens-and-grid", passed=False, failed_check=1)
    ws = await connect("delta")
    frames = await ask(ws, "help", cell_code=STARTER_ONE, exercise_id="evens-and-grid")
    assert CHECKS_ONE[1]["message"] in text_of(frames)
    error = "SyntaxError: '(' was never closed"
    with_error = await ask(
        ws, "help", cell_code="evens = (", error_output=error, exercise_id="evens-and-grid"
    )
    assert CHECKS_ONE[1]["message"] not in text_of(with_error)


async def test_a_bad_exercise_id_is_refused(connect):
    ws = await connect("delta")
    frames = await ask(ws, "help", exercise_id="Not A Slug")
    assert frames[-1]["code"] == "bad_request" and "exercise_id" in frames[-1]["message"]
