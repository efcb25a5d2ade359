"""REST routes for modules: the list with the caller's status, one module, open, re-sync."""

import asyncio
import json
from pathlib import Path
from typing import Any

from tornado import web

from ..errors import NotFound
from ..exercises.routes import summary_json
from ..progress.request import ProgressUpdate
from ..progress.routes import progress_json
from ..progress.service import ProgressSummary
from ..store.json_text import JSONText
from ..store.models import LearningModule, UserModuleProgress
from ..web.base import TutorHandler, to_json
from ..web.paths import MODULE_IN_PATH
from .catalog import scan


def module_json(
    module: LearningModule, progress: ProgressSummary | None, exercises_passed: int
) -> dict[str, Any]:
    return {
        "id": module.slug,
        "title": module.title,
        "description": module.description,
        "notebook_filename": module.notebook_filename,
        "order": module.order,
        "status": progress.status if progress else "not_started",
        "updated_at": progress.updated_at if progress else None,
        "exercises": summary_json(module, exercises_passed),
    }


class ModuleListHandler(TutorHandler):
    @web.authenticated
    async def get(self) -> None:
        modules = await self.app.modules.list_modules()
        progress = {
            row.module_slug: row for row in await self.app.progress.get_all_progress(self.user_id)
        }
        passed = await self.app.exercises.passed_counts(self.user_id, modules)
        self.reply(
            {"modules": [module_json(m, progress.get(m.slug), passed[m.slug]) for m in modules]}
        )


class ModuleHandler(TutorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        row = await self.app.progress.get_progress(self.user_id, module)
        passed = await self.app.exercises.passed_counts(self.user_id, [module])
        summary = ProgressSummary.of(module.slug, row) if row else None
        self.reply(module_json(module, summary, passed[module.slug]))


async def start_module(
    handler: TutorHandler, module: LearningModule, row: UserModuleProgress | None
) -> UserModuleProgress | ProgressSummary | None:
    """Opening a module starts it, unless it was started already."""
    if row is None or row.status == "not_started":
        return await handler.app.progress.update_progress(
            handler.user_id, module, ProgressUpdate(status="in_progress")
        )
    return row


class ModuleOpenHandler(TutorHandler):
    """Open the student's working copy, restoring saved work; starts the module."""

    @web.authenticated
    async def post(self, module_id: str) -> None:
        if not self.app.server_working_copies:
            raise NotFound(
                "This service keeps no working copies (students share it): open the module "
                "notebook from your own files and mark it started with PUT progress/{id}."
            )
        module = await self.app.modules.require_module(module_id)
        row = await self.app.progress.get_progress(self.user_id, module)
        text = await self.app.progress.saved_state(self.user_id, module) if row else None
        saved = await self.app.off_loop.run(len(text), json.loads, text) if text else None
        opened = await self.app.working_copies.open(
            module,
            saved,
            row.updated_at if row else None,
            copy_is_stale=await self.app.progress.rejected_since_last_save(self.user_id, module),
        )
        row = await start_module(self, module, row)
        self.reply(
            {
                "path": opened.path,
                "created": opened.created,
                "restored": opened.restored,
                "backup_path": opened.backup_path,
                "progress": progress_json(module.slug, row),
            }
        )


class ModuleCheckoutHandler(TutorHandler):
    """The hub service's half of opening a module; starts it. The student's server
    (``hub/forward.py``) writes the working copy into the student's files from this:
    the saved work (``saved``) or else the module notebook, in ``notebook_state``."""

    @web.authenticated
    async def post(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        row = await self.app.progress.get_progress(self.user_id, module)
        text = await self.app.progress.saved_state(self.user_id, module) if row else None
        stale = await self.app.progress.rejected_since_last_save(self.user_id, module)
        saved_at = row.updated_at if row else None
        row = await start_module(self, module, row)
        notebook = text or JSONText(to_json(self.app.working_copies.module_notebook(module)))
        passed = await self.app.exercises.passed_counts(self.user_id, [module])
        value = {
            "module": module_json(
                module, ProgressSummary.of(module.slug, row) if row else None, passed[module.slug]
            ),
            "progress": progress_json(module.slug, row),
            "saved": text is not None,
            "saved_at": saved_at,
            "copy_is_stale": stale,
        }
        self.reply_with_notebook(value, notebook)


class ModuleSyncHandler(TutorHandler):
    """Read ``modules_dir`` again (instructors), as on start: an edited declaration
    counts for the next Check without a restart."""

    @web.authenticated
    async def post(self) -> None:
        self.require_role("instructor")
        catalog = await asyncio.to_thread(scan, Path(self.app.modules_dir))
        await self.app.modules.sync(catalog.modules)
        for problem in catalog.problems:
            self.log.warning(
                "jupyter-tutor: skipped %s: %s", problem.notebook_filename, problem.reason
            )
        self.log.info(
            "jupyter-tutor: %s re-synced %d learning modules", self.user_id, len(catalog.modules)
        )
        self.reply(
            {
                "modules": len(catalog.modules),
                "exercises": sum(len(spec.exercises) for spec in catalog.modules),
                "problems": [
                    {"notebook_filename": p.notebook_filename, "reason": p.reason}
                    for p in catalog.problems
                ],
            }
        )


def module_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    module = MODULE_IN_PATH
    return [
        (f"{api}/sync/modules", ModuleSyncHandler),
        (f"{api}/modules", ModuleListHandler),
        (f"{api}/modules/{module}", ModuleHandler),
        (f"{api}/modules/{module}/open", ModuleOpenHandler),
        (f"{api}/modules/{module}/checkout", ModuleCheckoutHandler),
    ]
