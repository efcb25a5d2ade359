"""Cost of checking a saved notebook against nbformat's schema, per save.

The same notebook goes through nbformat's own validator and through jupyter-tutor's
per-cell check (``progress/notebook_schema.py``), alternating in one run: a course-like
notebook of about 33 KB as JupyterLab sends it (sources as text, a stream output and a
result on every code cell). Prints the median time of each and their ratio (goal: the
per-cell check at most half of nbformat's).

    python benchmarks/notebook_check.py [--rounds 40]
"""

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from nbformat.validator import get_validator

from jupyter_tutor.progress.notebook_schema import notebook_schema

REPEAT = 20


def course_notebook(cells: int) -> dict[str, Any]:
    def code(index: int) -> dict[str, Any]:
        return {
            "id": f"code-{index}",
            "cell_type": "code",
            "metadata": {"tags": ["exercise"]},
            "execution_count": index,
            "source": "import numpy as np\nvalues = np.arange(10)\nvalues.mean()\n" * 3,
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "0 1 2 3 4\n" * 4},
                {
                    "output_type": "execute_result",
                    "execution_count": index,
                    "data": {"text/plain": "np.float64(4.5)"},
                    "metadata": {},
                },
            ],
        }

    def prose(index: int) -> dict[str, Any]:
        text = "## Means\nThe mean of an array is its sum over its length. " * 4
        return {"id": f"text-{index}", "cell_type": "markdown", "metadata": {}, "source": text}

    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "cells": [code(i) if i % 2 else prose(i) for i in range(cells)],
    }


def timed(check: Callable[[], Any]) -> float:
    started = time.perf_counter()
    for _ in range(REPEAT):
        check()
    return (time.perf_counter() - started) / REPEAT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds
    notebook = course_notebook(80)
    nbformat_validator = get_validator(version=4, version_minor=5)
    per_cell = notebook_schema(5)
    assert not list(nbformat_validator.iter_errors(notebook))
    assert per_cell.problem(notebook) is None
    theirs, ours = [], []
    for _ in range(rounds):
        theirs.append(timed(lambda: list(nbformat_validator.iter_errors(notebook))))
        ours.append(timed(lambda: per_cell.problem(notebook)))
    nbformat_ms, per_cell_ms = statistics.median(theirs) * 1000, statistics.median(ours) * 1000
    size = len(json.dumps(notebook))
    print(f"notebook: {len(notebook['cells'])} cells, {size:,} bytes")
    print(f"nbformat validator: {nbformat_ms:.3f} ms, per-cell check: {per_cell_ms:.3f} ms")
    print(f"ratio per-cell / nbformat: {per_cell_ms / nbformat_ms:.2f} (goal <= 0.5)")


if __name__ == "__main__":
    main()
