"""The course notebooks: valid, declared as modules, runnable, every exercise declared with
checks that its reference solution passes and its starter fails, in a real kernel."""

import ast
import base64
import json
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

from jupyter_tutor.exercises.declaration import scan_exercises

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 60

COURSE_MODULES: dict[str, dict[str, Any]] = {
    "module_01_intro_to_numpy.ipynb": {
        "id": "intro-to-numpy",
        "title": "Introduction to NumPy",
        "order": 1,
    },
    "module_02_linear_algebra.ipynb": {
        "id": "linear-algebra-basics",
        "title": "Linear Algebra Basics",
        "order": 2,
    },
    "module_03_interpolation.ipynb": {
        "id": "interpolation-methods",
        "title": "Interpolation Methods",
        "order": 3,
    },
}


def read(path: Path) -> NotebookNode:
    """Read a notebook as nbformat 4."""
    return nbformat.read(path, as_version=4)


def module_of(notebook: NotebookNode) -> dict[str, Any]:
    """The notebook's ``metadata.jupyter_tutor.module`` declaration."""
    return notebook.metadata["jupyter_tutor"]["module"]


def execute(notebook: NotebookNode, workdir: Path) -> NotebookNode:
    """Run every cell top to bottom with the python3 kernel; raises on the first error."""
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return notebook


def exercise_count(notebook: NotebookNode) -> int:
    """How many exercises the notebook states (markdown headings "### Exercise N")."""
    return sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "markdown" and cell.source.startswith("### Exercise ")
    )


# Runs one exercise's checks where the Check button would, right after its cell: the checks
# travel as base64 JSON data, so the code sent is this text and the base64 alphabet.
CHECK_RUNNER = """import base64 as _b64, json as _json
_failures = []
for _code in _json.loads(_b64.b64decode("{payload}").decode()):
    try:
        exec(_code, globals())
    except Exception as _error:
        _failures.append(f"{{type(_error).__name__}}: {{_error}}")
    else:
        _failures.append(None)
print(_json.dumps(_failures))
"""


def with_check_runs(notebook: NotebookNode, solved: bool) -> tuple[NotebookNode, list[str]]:
    """The notebook with each exercise cell (its solution if ``solved``) followed by a cell
    that runs its checks; and the exercise ids in order."""
    found = scan_exercises(notebook)
    cells, order = [], []
    for index, cell in enumerate(notebook.cells):
        exercise = found.by_cell.get(index)
        if exercise is None:
            cells.append(cell)
            continue
        if solved:
            cell.source = exercise.solution
        codes = json.dumps([check.code for check in exercise.checks]).encode()
        payload = base64.b64encode(codes).decode()
        cells += [cell, nbformat.v4.new_code_cell(CHECK_RUNNER.format(payload=payload))]
        order.append(exercise.slug)
    notebook.cells = cells
    return notebook, order


def check_results(notebook: NotebookNode) -> list[list[str | None]]:
    """Each check runner's output: per check, None (passed) or what it raised."""
    return [
        json.loads("".join(out.text for out in cell.outputs if out.output_type == "stream"))
        for cell in notebook.cells
        if cell.cell_type == "code" and cell.source.startswith("import base64 as _b64")
    ]


def errors(notebook: NotebookNode) -> list[str]:
    return [
        f"{out.ename}: {out.evalue}"
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]


def test_the_three_course_notebooks_exist() -> None:
    """notebooks/ holds the three course modules."""
    names = {path.name for path in NOTEBOOKS}
    assert set(COURSE_MODULES) <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_valid_and_stored_clean(path: Path) -> None:
    """Valid nbformat 4.5 with cell ids, a python3 kernelspec and no stored outputs."""
    notebook = read(path)
    nbformat.validate(notebook)
    assert (notebook.nbformat, notebook.nbformat_minor) == (4, 5)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["kernelspec"]["language"] == "python"
    ids = [cell.id for cell in notebook.cells]
    assert len(ids) == len(set(ids))
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_declares_a_module(path: Path) -> None:
    """Every notebook declares id, title, description and order in its metadata."""
    module = module_of(read(path))
    assert set(module) == {"id", "title", "description", "order"}
    assert isinstance(module["id"], str) and module["id"]
    assert isinstance(module["title"], str) and module["title"].strip()
    assert isinstance(module["description"], str) and module["description"].strip()
    assert isinstance(module["order"], int) and not isinstance(module["order"], bool)
    expected = COURSE_MODULES.get(path.name)
    if expected is not None:
        assert {key: module[key] for key in ("id", "title", "order")} == expected


def test_module_ids_are_distinct_and_ordered() -> None:
    """The three course modules have distinct ids and the orders 1, 2, 3."""
    modules = [module_of(read(NOTEBOOK_DIR / name)) for name in COURSE_MODULES]
    ids = [module["id"] for module in modules]
    assert len(set(ids)) == len(ids)
    assert sorted(module["order"] for module in modules) == [1, 2, 3]
    all_ids = [module_of(read(path))["id"] for path in NOTEBOOKS]
    assert len(set(all_ids)) == len(all_ids)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_uses_numpy_and_the_standard_library_only(path: Path) -> None:
    """Course notebooks must run with numpy alone."""
    allowed = set(sys.stdlib_module_names) | {"numpy"}
    for cell in read(path).cells:
        if cell.cell_type != "code" or not cell.source:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_exercise_is_declared_with_checks_and_a_solution(path: Path) -> None:
    """Each "### Exercise N" has its exercise cell: a valid declaration, at least three checks
    with messages, a reference solution; no leftover self-check or empty solution cells."""
    notebook = read(path)
    found = scan_exercises(notebook)
    assert found.problems == []
    assert 3 <= len(found.exercises) == exercise_count(notebook)
    for exercise in found.exercises:
        assert exercise.title and exercise.solution.strip() and len(exercise.checks) >= 3
        assert exercise.statement.splitlines()[-1].strip(), "the statement ends with its task"
    for cell in notebook.cells:
        assert "Self-check" not in cell.source
        assert cell.cell_type != "code" or cell.source.strip()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_starter_fails_a_check_and_the_notebook_runs(path: Path, tmp_path: Path) -> None:
    """Run top to bottom as a student first finds it: no cell errors, and every exercise's
    checks, run right after its cell, fail at least once."""
    notebook, order = with_check_runs(read(path), solved=False)
    executed = execute(notebook, tmp_path)
    assert errors(executed) == []
    results = check_results(executed)
    assert len(results) == len(order)
    for exercise, failures in zip(order, results, strict=True):
        assert any(failures), f"{path.name}: the starter of {exercise} passes every check"
        assert failures[0], f"{path.name}: {exercise}'s first check should catch the starter"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_every_reference_solution_passes_all_its_checks(path: Path, tmp_path: Path) -> None:
    """With each exercise cell replaced by its reference solution, every check passes."""
    notebook, order = with_check_runs(read(path), solved=True)
    executed = execute(notebook, tmp_path)
    assert errors(executed) == []
    results = check_results(executed)
    assert dict(zip(order, results, strict=True)) == {
        e: [None] * len(r) for e, r in zip(order, results, strict=True)
    }
