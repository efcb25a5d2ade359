"""With no language model configured, the tutor explains the student's actual error."""

import pytest
from conftest import payload
from tutor_client import ask, start_of, text_of

from jupyter_tutor.tutor.offline.provider import offline_hint, parse_error

TRACEBACK = """---------------------------------------------------------------------------
NameError                                 Traceback (most recent call last)
Cell In[3], line 3
      1 import numpy as np
      2 A = np.array([[1, 2], [3, 4]])
----> 3 result = A * B

NameError: name 'B' is not defined"""
CELL = "import numpy as np\nA = np.array([[1, 2], [3, 4]])\nresult = A * B"

ERROR_FAMILIES = [
    (
        "NameError",
        "x = y + 1",
        "NameError: name 'y' is not defined",
        "A name Python does not know",
        "`y`",
    ),
    (
        "TypeError",
        "[1, 2] - [1, 1]",
        "TypeError: unsupported operand type(s) for -: 'list' and 'list'",
        "A value of the wrong type",
        "unsupported operand",
    ),
    (
        "IndexError",
        "a = np.arange(3)\na[3]",
        "IndexError: index 3 is out of bounds for axis 0 with size 3",
        "An index past the end",
        "a[3]",
    ),
    ("KeyError", "d = {}\nd['k']", "KeyError: 'k'", "A key that is not in the dictionary", "'k'"),
    (
        "broadcast",
        "np.ones((3, 2)) + np.ones(3)",
        "ValueError: operands could not be broadcast together with shapes (3,2) (3,) ",
        "Shapes that do not broadcast",
        "(3,2) (3,)",
    ),
    (
        "matmul",
        "A @ B",
        "ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0",
        "Matrix shapes that do not multiply",
        "A @ B",
    ),
    (
        "ZeroDivisionError",
        "1 / 0",
        "ZeroDivisionError: division by zero",
        "Division by zero",
        "1 / 0",
    ),
    (
        "SyntaxError",
        "for i in range(3)\n    print(i)",
        "  Cell In[1], line 1\n    for i in range(3)\n         ^\nSyntaxError: expected ':'",
        "Code Python cannot read",
        "line 1",
    ),
    (
        "IndentationError",
        "def f(x):\nreturn x",
        "  Cell In[2], line 2\n    return x\n    ^\nIndentationError: expected an indented block",
        "Indentation Python does not expect",
        "indent",
    ),
    (
        "ModuleNotFoundError",
        "import sklearn",
        "ModuleNotFoundError: No module named 'sklearn'",
        "A package that is not available",
        "`sklearn`",
    ),
    (
        "LinAlgError",
        "np.linalg.inv(M)",
        "LinAlgError: Singular matrix",
        "A linear-algebra operation that cannot be done",
        "Singular matrix",
    ),
    (
        "AttributeError",
        "[1].shape",
        "AttributeError: 'list' object has no attribute 'shape'",
        "An attribute that does not exist",
        "`.shape`",
    ),
]


@pytest.mark.parametrize(
    ("family", "code", "error", "title", "mentions"),
    ERROR_FAMILIES,
    ids=[f[0] for f in ERROR_FAMILIES],
)
def test_each_error_family_gets_its_own_hint_at_every_level(family, code, error, title, mentions):
    hints = [offline_hint(level, code, error) for level in (1, 2, 3, 4)]
    for hint in hints:
        assert hint.startswith(f"**Offline hint** · {title}")
    assert mentions in hints[0] + hints[1], hints[:2]
    assert len(set(hints)) == 4, "each level says something different"
    assert "```" not in "".join(hints[:3]), "no code blocks below the worked example"
    assert "```python" in hints[3]


def test_a_traceback_is_read_for_its_error_and_line():
    parsed = parse_error("\x1b[0;31mNameError\x1b[0m: name 'B' is not defined\n" + TRACEBACK)
    assert (parsed.error_type, parsed.message, parsed.line_number) == (
        "NameError",
        "name 'B' is not defined",
        3,
    )
    assert parse_error("numpy.linalg.LinAlgError: Singular matrix").error_type.endswith(
        "LinAlgError"
    )
    assert parse_error("all fine") is None


def test_without_an_error_the_hint_is_general():
    assert offline_hint(1, "x = 1", "").startswith("**Offline hint** · Working it out step by step")


async def test_the_demo_tutor_answers_offline_and_escalates_on_the_same_error(jp_ws_fetch, api):
    ws = await jp_ws_fetch(
        "jupyter-tutor",
        "api",
        "tutor",
        params={"module_id": "alpha"},
        headers={"X-Test-User": "ada"},
    )
    first = await ask(ws, "why is this wrong?", cell_code=CELL, error_output=TRACEBACK)
    start = start_of(first)
    assert (start["provider"], start["level"], start["same_problem"]) == ("offline", 1, False)
    assert "Offline hint" in text_of(first) and "`B`" in text_of(first)

    second = await ask(ws, "I still don't see it", cell_code=CELL, error_output=TRACEBACK)
    start = start_of(second)
    assert (start["level"], start["same_problem"]) == (2, True)
    assert "NameError" in text_of(second) and "result = A * B" in text_of(second)
    assert second[-1]["type"] == "end"

    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert history["provider"] == "offline" and history["level"] == 2
