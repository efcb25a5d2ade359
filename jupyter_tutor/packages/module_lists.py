"""The package list of a module lives in its source notebook, in ``modules_dir``."""

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import NotFound
from ..store.models import LearningModule


def _path(modules_dir: Path, module: LearningModule) -> Path:
    return modules_dir / module.notebook_filename


def read_module_list(modules_dir: Path, module: LearningModule) -> Any:
    """The raw ``metadata.jupyter_tutor.packages`` (None when the instructor set none)."""
    try:
        notebook = json.loads(_path(modules_dir, module).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NotFound(
            f"The notebook of module {module.slug!r} cannot be read: {error}."
        ) from error
    return notebook.get("metadata", {}).get("jupyter_tutor", {}).get("packages")


def write_module_list(
    modules_dir: Path, module: LearningModule, packages: list[dict[str, Any]] | None
) -> None:
    """Replace the list in the source notebook atomically (None: back to the default set);
    everything else stays as it was."""
    path = _path(modules_dir, module)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    block = notebook.setdefault("metadata", {}).setdefault("jupyter_tutor", {})
    if packages is None:
        block.pop("packages", None)
    else:
        block["packages"] = packages
    text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
