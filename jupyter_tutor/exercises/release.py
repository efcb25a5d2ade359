"""A module notebook as learners receive it: solutions and instructor hints removed (pure).

Working copies, the JupyterLite site and every learner's response are made from this. A
valid declaration keeps only its released fields (id, title, checks: they run in the
student's kernel); a broken one is dropped whole, since what it holds was never checked.
"""

import copy
from typing import Any

from .declaration import declaration_of, scan_exercises


def released_notebook(notebook: dict[str, Any]) -> dict[str, Any]:
    found = scan_exercises(notebook)
    released = copy.deepcopy(notebook)
    cells = released.get("cells")
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        if declaration_of(cell) is None:
            continue
        block = cell["metadata"]["jupyter_tutor"]
        exercise = found.by_cell.get(index)
        if exercise is None:
            del block["exercise"]
        else:
            block["exercise"] = exercise.released()
    return released
