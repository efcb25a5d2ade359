"""The solution-overlap guard on the labelled set that chose its threshold.

``solution_overlap.json`` holds answers to six course exercises: 19 that give the reference
solution away (verbatim, renamed, reformatted, in prose, all but a line) and 16 that a hint
level allows (a nudge, steps in words, one line of it, the student's own lines quoted back,
an analogous example). Run this file to print each answer's overlap and the gap the
threshold sits in (docs/tutor.md quotes it).
"""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jupyter_tutor.tutor.pedagogy.guardrail import REMOVED_SOLUTION, StreamGuard, guard
from jupyter_tutor.tutor.pedagogy.levels import level
from jupyter_tutor.tutor.pedagogy.settings import TutorSettings
from jupyter_tutor.tutor.pedagogy.solution_overlap import (
    SOLUTION_OVERLAP_THRESHOLD,
    SolutionMatcher,
    StreamedOverlap,
    tokens,
)

CASES = json.loads((Path(__file__).parent / "solution_overlap.json").read_text())
MARGIN = 0.05


def overlap(case: dict) -> float:
    return SolutionMatcher(case["solution"], case["student_code"]).overlap(case["answer"])


def test_the_threshold_separates_every_labelled_answer_with_a_margin():
    scores = [(overlap(case), case["leak"], case["note"]) for case in CASES]
    wrong = [row for row in scores if (row[0] >= SOLUTION_OVERLAP_THRESHOLD) != row[1]]
    assert wrong == []
    assert min(s for s, leak, _ in scores if leak) - SOLUTION_OVERLAP_THRESHOLD >= MARGIN
    assert SOLUTION_OVERLAP_THRESHOLD - max(s for s, leak, _ in scores if not leak) >= MARGIN


def test_the_set_has_both_kinds():
    labels = [case["leak"] for case in CASES]
    assert labels.count(True) >= 15 and labels.count(False) >= 15


def test_names_layout_and_comments_do_not_change_the_tokens():
    assert tokens("x = f(a,\n      b)  # note") == tokens("total=f( y , z )")
    assert tokens("a = 1\nb = 2") == tokens("a = 1; b = 2")
    assert tokens("np.linalg.solve(A, b)") == [
        "_",
        ".",
        "linalg",
        ".",
        "solve",
        "(",
        "_",
        ",",
        "_",
        ")",
    ]
    assert tokens("`sum(x)` or \\(y\\)") == ["sum", "(", "_", ")", "or", "(", "_", ")"]


def test_a_solution_the_student_already_wrote_has_nothing_to_give_away():
    code = "x = np.arange(10)\ny = x * 2"
    assert not SolutionMatcher(code, code).active
    assert SolutionMatcher(code, code).overlap(code) == 0.0


@pytest.mark.parametrize("chunk", [1, 3, 8, 10_000])
@pytest.mark.parametrize("number", [3])
def test_the_stream_stops_before_the_solution_is_shown(chunk, number):
    for case in (c for c in CASES if c["leak"]):
        stream = StreamGuard(
            level(number), TutorSettings(), case["student_code"], solution=case["solution"]
        )
        text = case["answer"]
        shown = "".join(stream.feed(text[i : i + chunk]) for i in range(0, len(text), chunk))
        shown += stream.finish()
        matcher = SolutionMatcher(case["solution"], case["student_code"])
        assert matcher.overlap(shown) < SOLUTION_OVERLAP_THRESHOLD, (case["note"], shown)


def test_at_the_code_allowed_level_the_solution_passes():
    case = CASES[0]
    shown, violations = guard(case["answer"], level(4), TutorSettings(), solution=case["solution"])
    assert case["solution"] in shown and violations == []


def test_a_withheld_answer_says_so():
    case = next(c for c in CASES if c["note"] == "one line with a semicolon")
    shown, violations = guard(case["answer"], level(3), TutorSettings(), solution=case["solution"])
    assert REMOVED_SOLUTION in shown and [v.kind for v in violations][-1] == "solution"


if __name__ == "__main__":
    rows = sorted((round(overlap(case), 3), case["leak"], case["note"]) for case in CASES)
    for score, leak, note in rows:
        print(f"{score:5.3f}  {'leak' if leak else 'ok  '}  {note}")
    allowed = max(s for s, leak, _ in rows if not leak)
    leaking = min(s for s, leak, _ in rows if leak)
    print(f"allowed answers ≤ {allowed}, leaks ≥ {leaking}: threshold {SOLUTION_OVERLAP_THRESHOLD}")


@given(st.sampled_from(CASES), st.lists(st.integers(1, 40), min_size=1, max_size=8))
def test_a_streamed_answer_measures_as_its_whole_text_at_every_piece(case, sizes):
    matcher = SolutionMatcher(case["solution"], case["student_code"])
    stream = StreamedOverlap(matcher)
    text, start, count = case["answer"], 0, 0
    while start < len(text):
        end = start + sizes[count % len(sizes)]
        tried = stream.attempt(text[start:end])
        assert tried.overlap == matcher.overlap(text[:end])
        stream.accept(tried)
        start, count = end, count + 1
