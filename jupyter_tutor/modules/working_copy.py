"""The student's own copy of a module notebook, in their workspace.

Created from the saved progress (work done on another machine) or else from the
module notebook. When the saved progress is newer than an existing copy (or the copy
lost a save race to it) and differs from it, the copy is restored and the old file
kept beside it, so neither is lost.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from jupyter_core.utils import ensure_async

from ..errors import NotFound
from ..exercises.release import released_notebook
from ..store.models import LearningModule, as_utc

# Where students' copies go (relative to the server root, or a Lite site's contents).
DEFAULT_FOLDER = "learning-modules"


@dataclass(frozen=True)
class OpenedCopy:
    path: str
    created: bool
    restored: bool
    backup_path: str | None


def _cells(notebook: dict[str, Any]) -> list[tuple[str, str]]:
    def text(source: Any) -> str:
        return "".join(source) if isinstance(source, list) else str(source)

    return [
        (cell.get("cell_type", ""), text(cell.get("source", "")))
        for cell in notebook.get("cells", [])
    ]


class WorkingCopies:
    def __init__(self, contents_manager: Any, modules_dir: Path, folder: str) -> None:
        self._contents = contents_manager
        self._modules_dir = modules_dir
        self._folder = folder.strip("/")

    def path_of(self, module: LearningModule) -> str:
        return str(PurePosixPath(self._folder, module.notebook_filename))

    async def open(
        self,
        module: LearningModule,
        saved_state: dict[str, Any] | None,
        saved_at: datetime | None,
        *,
        copy_is_stale: bool = False,
        module_notebook: dict[str, Any] | None = None,
    ) -> OpenedCopy:
        """``copy_is_stale``: the copy on disk lost a save race, whatever its file time;
        ``module_notebook``: the module's notebook when another server holds the course."""
        path = self.path_of(module)
        if not await ensure_async(self._contents.file_exists(path)):
            await self._ensure_folder()
            await self._write(path, saved_state or module_notebook or self.module_notebook(module))
            return OpenedCopy(
                path, created=True, restored=saved_state is not None, backup_path=None
            )
        if saved_state is None or saved_at is None:
            return OpenedCopy(path, created=False, restored=False, backup_path=None)
        current = await ensure_async(self._contents.get(path, content=True, type="notebook"))
        newer = copy_is_stale or as_utc(saved_at) > as_utc(current["last_modified"])
        if not newer or _cells(current["content"]) == _cells(saved_state):
            return OpenedCopy(path, created=False, restored=False, backup_path=None)
        stem = PurePosixPath(module.notebook_filename).stem
        stamp = as_utc(current["last_modified"]).strftime("%Y-%m-%d %H%M%S")
        backup = str(PurePosixPath(self._folder, f"{stem} (before restore {stamp}).ipynb"))
        await ensure_async(self._contents.rename(path, backup))
        await self._write(path, saved_state)
        return OpenedCopy(path, created=False, restored=True, backup_path=backup)

    def module_notebook(self, module: LearningModule) -> dict[str, Any]:
        """The module notebook as released to learners: no solutions, no instructor hints."""
        source = self._modules_dir / module.notebook_filename
        try:
            return released_notebook(json.loads(source.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise NotFound(
                f"The notebook of module {module.slug!r} ({module.notebook_filename}) "
                f"cannot be read: {error}. Ask your instructor."
            ) from error

    async def _ensure_folder(self) -> None:
        if not await ensure_async(self._contents.dir_exists(self._folder)):
            await ensure_async(self._contents.save({"type": "directory"}, self._folder))

    async def _write(self, path: str, notebook: dict[str, Any]) -> None:
        model = {"type": "notebook", "format": "json", "content": notebook}
        await ensure_async(self._contents.save(model, path))
