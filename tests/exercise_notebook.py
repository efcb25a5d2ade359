"""A module notebook declaring exercises, with solutions and instructor hints to keep secret."""

from typing import Any

from conftest import fixture_notebook

SOLUTION_ONE = "evens = np.arange(0, 21, 2)\ngrid_points = np.linspace(0.0, 1.0, 5)"
SOLUTION_TWO = (
    "passing = scores[scores >= 50]\n"
    "n_passing = np.sum(scores >= 50)\n"
    "curved = scores.copy()\n"
    "curved[curved < 50] += 5"
)
HINT_ONE = "Instructor hint: arange excludes its stop value, so stop at 22."
HINT_TWO = "Instructor hint: a mask from a comparison indexes the array directly."
SECRETS = [SOLUTION_ONE, SOLUTION_TWO, HINT_ONE, HINT_TWO, "np.arange(0, 21, 2)"]
STARTER_ONE = "evens = None\ngrid_points = None"
STARTER_TWO = "scores = np.array([72, 45, 88, 50])\npassing = None\nn_passing = None\ncurved = None"
STATEMENT_ONE = "Create `evens`, the even numbers 0 to 20, and `grid_points`."
CHECKS_ONE = [
    {"code": "assert evens is not None", "message": "`evens` is still None"},
    {
        "code": "assert list(evens) == list(range(0, 21, 2))",
        "message": "`evens` should hold 0, 2, …, 20",
    },
]
CHECKS_TWO = [{"code": "assert n_passing == 3", "message": "three students pass"}]


def code_cell(cell_id: str, source: str, exercise: dict[str, Any] | None = None) -> dict:
    return {
        "id": cell_id,
        "cell_type": "code",
        "metadata": {"jupyter_tutor": {"exercise": exercise}} if exercise else {},
        "source": source,
        "outputs": [],
        "execution_count": None,
    }


def exercise_notebook(slug: str = "delta", order: int = 4, *, completes: bool = True) -> dict:
    notebook = fixture_notebook(slug, slug.title(), order)
    notebook["metadata"]["jupyter_tutor"]["module"]["complete_when_exercises_pass"] = completes
    notebook["cells"] += [
        {"id": "s1", "cell_type": "markdown", "metadata": {}, "source": STATEMENT_ONE},
        code_cell(
            "e1",
            STARTER_ONE,
            {
                "id": "evens-and-grid",
                "title": "Creating arrays",
                "checks": CHECKS_ONE,
                "solution": SOLUTION_ONE,
                "hints": {"1": HINT_ONE},
            },
        ),
        {"id": "s2", "cell_type": "markdown", "metadata": {}, "source": "Count the passes."},
        code_cell(
            "e2",
            STARTER_TWO,
            {
                "id": "passing",
                "checks": CHECKS_TWO,
                "solution": SOLUTION_TWO,
                "hints": {"2": HINT_TWO},
            },
        ),
    ]
    return notebook
