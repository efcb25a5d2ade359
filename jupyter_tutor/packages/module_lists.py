"""The package list of a module lives in its source notebook, in ``modules_dir``."""

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ..errors import NotFound
from ..store.models import LearningModule

# The first indented key of a pretty-printed notebook: its indentation is the file's.
INDENTED_KEY = re.compile(r"^([ \t]+)\"", re.MULTILINE)


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
    original = path.read_text(encoding="utf-8")
    notebook = json.loads(original)
    block = notebook.setdefault("metadata", {}).setdefault("jupyter_tutor", {})
    if packages is None:
        block.pop("packages", None)
    else:
        block["packages"] = packages
    text = _dumps_like(notebook, original)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _dumps_like(notebook: dict[str, Any], original: str) -> str:
    """Write the notebook in the layout its file had (indentation, escapes, final newline),
    so that in a course's version control the save changes the package lines only."""
    indent_match = INDENTED_KEY.search(original)
    indent = indent_match.group(1) if indent_match else None
    escaped = original.isascii() and "\\u" in original
    text = json.dumps(notebook, indent=indent, ensure_ascii=escaped)
    return text + "\n" if original.endswith("\n") else text
