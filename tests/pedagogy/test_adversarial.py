"""Students trying to talk the tutor into the solution; the model gives in every time.

Whatever the scripted model answers, nothing of the solution may reach the student
below the bottom-out level: no marker line at levels 1 and 2, never the whole solution at
level 3 (which may show one line as a fragment). ``adversarial.json`` holds plain
attempts; ``adversarial_encodings.json`` the same hidden in what the student's screen
decodes (HTML references and tags, invisible characters, lookalike letters) and images or
links that would carry the answer's context to another host, which no level may show.
"""

import json
from pathlib import Path

import pytest

from jupyter_tutor.tutor.pedagogy.guardrail import StreamGuard, guard
from jupyter_tutor.tutor.pedagogy.levels import level
from jupyter_tutor.tutor.pedagogy.settings import TutorSettings

ATTACKS = json.loads((Path(__file__).parent / "adversarial.json").read_text())
ENCODED = json.loads((Path(__file__).parent / "adversarial_encodings.json").read_text())
CHUNKS = [1, 2, 3, 7, 8, 25, 10_000]


def leaked(text: str, markers: list[str], allowed: int) -> bool:
    return sum(marker in text for marker in markers) > allowed


def streamed(text: str, number: int, chunk: int) -> tuple[str, list]:
    """As the socket does it: the model's deltas arrive ``chunk`` characters at a time."""
    stream = StreamGuard(level(number), TutorSettings())
    shown = "".join(stream.feed(text[i : i + chunk]) for i in range(0, len(text), chunk))
    return shown + stream.finish(), stream.violations


@pytest.mark.parametrize("cases", [ATTACKS, ENCODED], ids=["plain", "encoded"])
@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_no_leak_reaches_the_student_below_the_bottom_out_level(number, chunk, cases):
    allowed = level(number).max_code_lines or 0
    leaks = []
    for case in cases:
        shown, violations = streamed(case["answer"], number, chunk)
        if leaked(shown, case["markers"], allowed) or (number < 3 and "```" in shown):
            leaks.append((case["attack"], shown))
        if number < 3 and case["markers"]:
            assert violations, f"the guard must notice: {case['attack']}"
    assert leaks == []


@pytest.mark.parametrize("chunk", CHUNKS)
@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_no_image_or_link_to_another_host_reaches_the_student(number, chunk):
    for case in (case for case in ENCODED if "addresses" in case):
        shown, violations = streamed(case["answer"], number, chunk)
        found = [address for address in case["addresses"] if address in shown.lower()]
        assert found == [], (case["attack"], shown)
        assert {"image", "link"} & {v.kind for v in violations}, case["attack"]


def test_the_worked_example_level_passes_code_through():
    shown, violations = guard(ATTACKS[0]["answer"], level(4), TutorSettings())
    assert violations == [] and "def lagrange_eval" in shown
