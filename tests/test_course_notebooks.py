"""The course notebooks: valid, declared as modules, runnable, and their self-checks correct."""

import ast
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode

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

# Correct answers, keyed by notebook and exercise number. Each one is written into the empty
# solution cell that follows the exercise's starter cell.
SOLUTIONS: dict[str, dict[int, str]] = {
    "module_01_intro_to_numpy.ipynb": {
        1: "evens = np.arange(0, 21, 2)\ngrid_points = np.linspace(0.0, 1.0, 5)",
        2: "inner = board[1:4, 1:4]\nlast_col = board[:, -1]\nreversed_row = board[2, ::-1]",
        3: (
            "passing = scores[scores >= 50]\n"
            "n_passing = np.sum(scores >= 50)\n"
            "curved = scores.copy()\n"
            "curved[curved < 50] += 5"
        ),
        4: "col_means = measurements.mean(axis=0)\ncentered = measurements - col_means",
    },
    "module_02_linear_algebra.ipynb": {
        1: "AB = A1 @ B1\nBA = B1 @ A1",
        2: "det_M = np.linalg.det(M)\nN_is_singular = np.isclose(np.linalg.det(N), 0.0)",
        3: (
            "A_sys = np.array([[2.0, 1.0, -1.0], [-3.0, -1.0, 2.0], [-2.0, 1.0, 2.0]])\n"
            "b_sys = np.array([8.0, -11.0, -3.0])\n"
            "x_sol = np.linalg.solve(A_sys, b_sys)\n"
            "residual_norm = np.linalg.norm(A_sys @ x_sol - b_sys)"
        ),
        4: (
            "eigenvalues, eigenvectors = np.linalg.eigh(S)\n"
            "lam_max = eigenvalues[-1]\n"
            "v_max = eigenvectors[:, -1]"
        ),
    },
    "module_03_interpolation.ipynb": {
        1: (
            "def lagrange_eval(x_nodes, y_nodes, x):\n"
            "    return sum(y_nodes[j] * lagrange_basis(x_nodes, j, x)"
            " for j in range(len(x_nodes)))"
        ),
        2: (
            "def divided_differences(x_nodes, y_nodes):\n"
            "    x = np.asarray(x_nodes, dtype=float)\n"
            "    c = np.array(y_nodes, dtype=float)\n"
            "    n = len(x) - 1\n"
            "    for k in range(1, n + 1):\n"
            "        for i in range(n, k - 1, -1):\n"
            "            c[i] = (c[i] - c[i - 1]) / (x[i] - x[i - k])\n"
            "    return c"
        ),
        3: (
            "coeffs_quad = np.polyfit(t_meas, h_meas, 2)\n"
            "g_estimate = -2 * coeffs_quad[0]\n"
            "h_at_2_5 = np.polyval(coeffs_quad, 2.5)"
        ),
        4: (
            "nodes_equi = np.linspace(-1.0, 1.0, n + 1)\n"
            "nodes_cheb = np.cos((2 * k + 1) * np.pi / (2 * (n + 1)))\n"
            "p_equi = np.polyfit(nodes_equi, runge(nodes_equi), n)\n"
            "p_cheb = np.polyfit(nodes_cheb, runge(nodes_cheb), n)\n"
            "max_err_equi = np.max(np.abs(runge(x_fine) - np.polyval(p_equi, x_fine)))\n"
            "max_err_cheb = np.max(np.abs(runge(x_fine) - np.polyval(p_cheb, x_fine)))"
        ),
    },
}


def read(path: Path) -> NotebookNode:
    """Read a notebook as nbformat 4."""
    return nbformat.read(path, as_version=4)


def module_of(notebook: NotebookNode) -> dict[str, Any]:
    """The notebook's ``metadata.jupyter_tutor.module`` declaration."""
    return notebook.metadata["jupyter_tutor"]["module"]


def solution_cells(notebook: NotebookNode) -> list[NotebookNode]:
    """The empty code cells in which the student writes the exercise solutions, in order."""
    return [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source == ""]


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


def self_check_output(notebook: NotebookNode) -> str:
    """The text printed by the final Self-check cell."""
    cell = notebook.cells[-1]
    assert cell.cell_type == "code" and "Self-check" in cell.source
    return "".join(out.text for out in cell.outputs if out.output_type == "stream")


def exercise_count(notebook: NotebookNode) -> int:
    """How many exercises the notebook states (markdown headings "### Exercise N")."""
    return sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "markdown" and cell.source.startswith("### Exercise ")
    )


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
def test_unsolved_notebook_runs_and_reports_every_exercise_open(path: Path, tmp_path: Path) -> None:
    """The starter notebook runs top to bottom; the self-check marks every exercise ✘."""
    notebook = execute(read(path), tmp_path)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not [out for out in cell.outputs if out.output_type == "error"]
    count = exercise_count(notebook)
    assert 3 <= count <= 4
    assert len(solution_cells(read(path))) == count
    report = self_check_output(notebook)
    for number in range(1, count + 1):
        assert f"✘ Exercise {number}: not done yet" in report
    assert "✔" not in report


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
def test_correct_solutions_pass_the_self_check(name: str, tmp_path: Path) -> None:
    """With correct solutions in the empty cells the self-check marks every exercise ✔."""
    notebook = read(NOTEBOOK_DIR / name)
    solutions = SOLUTIONS[name]
    cells = solution_cells(notebook)
    assert len(cells) == exercise_count(notebook) == len(solutions)
    for number, cell in enumerate(cells, start=1):
        cell.source = solutions[number]
    report = self_check_output(execute(notebook, tmp_path))
    for number in solutions:
        assert f"✔ Exercise {number}: correct" in report, report
    assert "✘" not in report, report
