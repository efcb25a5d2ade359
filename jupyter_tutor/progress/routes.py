"""REST routes for progress: GET/PUT progress/{id}, the list, and snapshots."""

from typing import Any

from tornado import web

from ..errors import PayloadTooLarge
from ..exercises.routes import statuses_json
from ..store.models import UserModuleProgress
from ..web.base import TutorHandler, path_id
from ..web.paths import MODULE_IN_PATH
from .request import parse_base_version, parse_progress_update, too_large
from .service import ProgressSummary


def progress_json(
    module_slug: str, row: UserModuleProgress | ProgressSummary | None
) -> dict[str, Any]:
    """A progress row for the client; no row means the module was never started."""
    return {
        "module_id": module_slug,
        "status": row.status if row else "not_started",
        "version": row.version if row else 0,
        "attempt_count": row.attempt_count if row else 0,
        "updated_at": row.updated_at if row else None,
    }


class ProgressListHandler(TutorHandler):
    @web.authenticated
    async def get(self) -> None:
        rows = await self.app.progress.get_all_progress(self.user_id)
        self.reply({"progress": [progress_json(row.module_slug, row) for row in rows]})


class ProgressHandler(TutorHandler):
    def body_limit(self) -> int:
        return self.app.max_notebook_bytes

    def too_large(self, size: int | None) -> PayloadTooLarge:
        return too_large(size, self.body_limit())

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        row = await self.app.progress.get_progress(self.user_id, module)
        state = await self.app.progress.saved_state(self.user_id, module) if row else None
        exercises = await self.app.exercises.statuses(self.user_id, module)
        value = {**progress_json(module.slug, row), "exercises": statuses_json(exercises)}
        self.reply_with_notebook(value, state)

    @web.authenticated
    async def put(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        body = self.body
        change = await self.app.off_loop.run(
            len(body), parse_progress_update, body, self.app.max_notebook_bytes
        )
        row = await self.app.progress.update_progress(self.user_id, module, change)
        self.reply(progress_json(module.slug, row))


class SnapshotListHandler(TutorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        rows = await self.app.progress.list_snapshots(self.user_id, module)
        self.reply({"snapshots": [row._asdict() for row in rows]})


class SnapshotHandler(TutorHandler):
    @web.authenticated
    async def get(self, module_id: str, snapshot_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        snapshot = await self.app.progress.get_snapshot(
            self.user_id, module, path_id(snapshot_id, "saved snapshot")
        )
        summary = {
            "id": snapshot.id,
            "version": snapshot.version,
            "reason": snapshot.reason,
            "created_at": snapshot.created_at,
            "size_bytes": snapshot.size_bytes,
        }
        self.reply_with_notebook(summary, snapshot.notebook_state)


class SnapshotRestoreHandler(TutorHandler):
    @web.authenticated
    async def post(self, module_id: str, snapshot_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        base_version = parse_base_version(self.json_body().get("base_version"))
        row = await self.app.progress.restore_snapshot(
            self.user_id, module, path_id(snapshot_id, "saved snapshot"), base_version
        )
        self.reply(progress_json(module.slug, row))


def progress_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    module = MODULE_IN_PATH
    snapshot = r"(?P<snapshot_id>\d+)"
    return [
        (f"{api}/progress", ProgressListHandler),
        (f"{api}/progress/{module}", ProgressHandler),
        (f"{api}/progress/{module}/snapshots", SnapshotListHandler),
        (f"{api}/progress/{module}/snapshots/{snapshot}", SnapshotHandler),
        (f"{api}/progress/{module}/snapshots/{snapshot}/restore", SnapshotRestoreHandler),
    ]
