"""The output guardrail on single answers (pure)."""

from jupyter_tutor.tutor.pedagogy.guardrail import (
    REMOVED_BLOCK,
    StreamGuard,
    guard,
    looks_like_code,
)
from jupyter_tutor.tutor.pedagogy.levels import level
from jupyter_tutor.tutor.pedagogy.settings import TutorSettings

DEFAULT = TutorSettings()


def test_code_detection_keeps_prose_apart():
    for code in [
        "x = 5",
        "print(x)",
        "for i in range(3):",
        "def f(x):",
        "    return x * 2",
        "A @ B",
    ]:
        assert looks_like_code(code), code
    for prose in ["Look at line 3.", "not really", "Hint 2", "np.linalg", "What is `B`?", ""]:
        assert not looks_like_code(prose), prose


def test_prose_and_the_students_own_lines_pass():
    text = "Look at this line of yours:\n```python\nresult = A * B\n```\nWhat is `B` there?"
    shown, violations = guard(text, level(1), DEFAULT, student_code="A = 1\nresult = A * B")
    assert shown == text and violations == []


def test_level_three_allows_one_line_of_code_and_no_more():
    one = "Try something like:\n```python\nB = np.eye(2)\n```\n"
    assert guard(one, level(3), DEFAULT)[0] == one
    two = "Try:\n```python\nB = np.eye(2)\nresult = A @ B\n```\n"
    shown, violations = guard(two, level(3), DEFAULT)
    assert REMOVED_BLOCK in shown and violations[0].kind == "code_block"


def test_inline_code_is_masked_but_names_are_fine():
    shown, violations = guard("Use `np.dot` here, like `np.dot(A, B)`.\n", level(2), DEFAULT)
    assert shown == "Use `np.dot` here, like `…`.\n"
    assert [v.kind for v in violations] == ["inline_code"]


def test_code_allowed_level_lets_instructors_allow_code_earlier():
    settings = TutorSettings(code_allowed_level=2)
    text = "```python\nB = np.eye(2)\nresult = A @ B\n```\n"
    assert guard(text, level(2), settings) == (text, [])


def test_avoided_phrases_are_masked_even_split_across_deltas():
    stream = StreamGuard(level(4), TutorSettings(avoid=("least squares",)))
    text = "This is a least squares problem, solved by least   squares? No: by least squares."
    shown = "".join(stream.feed(text[i : i + 3]) for i in range(0, len(text), 3)) + stream.finish()
    assert "least squares" not in shown.lower()
    assert shown.count("…") == 2  # the irregular spacing is not the phrase


def test_prose_streams_before_the_line_ends():
    stream = StreamGuard(level(1), DEFAULT)
    assert (
        stream.feed("Have a look at the shape of each array") == "Have a look at the shape of each "
    )
    assert stream.feed(" you add.") == "array you "
    assert stream.finish() == "add."


def test_a_statement_is_held_until_its_line_is_complete():
    stream = StreamGuard(level(1), DEFAULT)
    assert stream.feed("print the value of x") == ""  # starts like code: wait for the line
    assert stream.feed("\n") == "print the value of x\n"
