"""REST routes for packages: catalog, module lists, detection, load logs, analytics, sets."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tornado import web

from ..errors import InvalidRequest
from ..store.models import PackageSet, PythonPackage
from ..web.base import TutorHandler, path_id
from ..web.paths import MODULE_IN_PATH
from .module_lists import read_module_list, write_module_list
from .package_list import SCHEMA, detect_packages, parse_package_list
from .request import (
    parse_catalog_entry,
    parse_load_logs,
    parse_package_set,
    strict_package_list,
)


def package_json(row: PythonPackage) -> dict[str, Any]:
    return {
        "name": row.name,
        "display_name": row.display_name,
        "description": row.description,
        "category": row.category,
        "pyodide_compatible": row.pyodide_compatible,
        "install_via_micropip": row.install_via_micropip,
        "load_time_estimate": row.load_time_estimate,
        "docs_url": row.docs_url,
        "size_bytes": row.size_bytes,
        "version": row.version,
        "imports": row.imports,
    }


def set_json(row: PackageSet) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "description": row.description,
        "is_default": row.is_default,
        "packages": row.packages,
        "updated_by": row.updated_by,
        "updated_at": row.updated_at,
    }


class CatalogHandler(TutorHandler):
    @web.authenticated
    async def get(self) -> None:
        rows = await self.app.packages.list_packages(
            text=self.query_text("q").strip(),
            category=self.query_text("category"),
            compatible_only=self.query_text("compatible_only") in ("1", "true"),
        )
        self.reply(
            {"packages": [package_json(row) for row in rows], "pyodide": self.app.pyodide_version}
        )

    @web.authenticated
    async def post(self) -> None:
        self.require_role("admin")
        entry = parse_catalog_entry(self.json_body())
        self.reply(package_json(await self.app.packages.add_package(entry)), status=201)


class SchemaHandler(TutorHandler):
    @web.authenticated
    def get(self) -> None:
        self.reply(SCHEMA)


def checked_list_json(raw: Any, default: Sequence[str]) -> dict[str, Any]:
    """A list as declared in notebook metadata (``None``: none declared), as loading sees it."""
    entries, problems = parse_package_list(raw, default)
    return {
        "packages": [entry.as_json() for entry in entries],
        "problems": [{"index": p.index, "reason": p.reason} for p in problems],
        "is_default": raw is None,
    }


class CheckListHandler(TutorHandler):
    """Validate any notebook's own list; nothing is stored, so every role may ask."""

    @web.authenticated
    def post(self) -> None:
        body = self.json_body()
        if "packages" not in body:
            raise InvalidRequest("Send {packages: [...]}, or {packages: null} for no list.")
        self.reply(checked_list_json(body["packages"], self.app.default_packages))


class ModulePackagesHandler(TutorHandler):
    """The list that counts for a module: the one in its source notebook."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        raw = read_module_list(Path(self.app.modules_dir), module)
        self.reply(
            {
                "module_id": module.slug,
                **checked_list_json(raw, self.app.default_packages),
                "can_edit": self.role != "learner",
            }
        )

    @web.authenticated
    async def put(self, module_id: str) -> None:
        self.require_role("instructor")
        module = await self.app.modules.require_module(module_id)
        body = self.json_body()
        if "packages" not in body:
            raise InvalidRequest("Send {packages: [...]}, or {packages: null} for the default set.")
        raw = body["packages"]
        packages = None if raw is None else [e.as_json() for e in strict_package_list(raw)]
        write_module_list(Path(self.app.modules_dir), module, packages)
        self.log.info("jupyter-tutor: %s changed the packages of %s", self.user_id, module.slug)
        entries, _ = parse_package_list(packages, self.app.default_packages)
        self.reply(
            {
                "module_id": module.slug,
                "packages": [e.as_json() for e in entries],
                "is_default": packages is None,
            }
        )


class DetectHandler(TutorHandler):
    """Propose packages the notebook's code imports but its list lacks."""

    @web.authenticated
    def post(self) -> None:
        body = self.json_body()
        cells = body.get("cells")
        if not isinstance(cells, list) or not all(isinstance(cell, str) for cell in cells):
            raise InvalidRequest("Send {cells: [code, ...], packages: [...]}.")
        listed = body.get("packages") or []
        if not isinstance(listed, list):
            raise InvalidRequest("packages must be the notebook's current list (or left out).")
        current, _ = parse_package_list(listed)
        proposed = detect_packages(cells, self.app.pyodide_lock, current)
        self.reply({"proposed": [entry.as_json() for entry in proposed]})


class LoadLogHandler(TutorHandler):
    @web.authenticated
    async def post(self) -> None:
        logs = parse_load_logs(self.json_body())
        recorded = await self.app.packages.record_loads(self.user_id, logs)
        self.reply({"recorded": recorded}, status=201)


class AnalyticsHandler(TutorHandler):
    @web.authenticated
    async def get(self) -> None:
        self.require_role("instructor")
        self.reply(await self.app.packages.analytics())


class PackageSetsHandler(TutorHandler):
    @web.authenticated
    async def get(self) -> None:
        self.reply({"sets": [set_json(row) for row in await self.app.packages.list_sets()]})

    @web.authenticated
    async def post(self) -> None:
        self.require_role("admin")
        values = parse_package_set(self.json_body())
        row = await self.app.packages.save_set(None, values, self.user_id)
        self.reply(set_json(row), status=201)


class PackageSetHandler(TutorHandler):
    @web.authenticated
    async def put(self, set_id: str) -> None:
        self.require_role("admin")
        values = parse_package_set(self.json_body())
        self.reply(
            set_json(
                await self.app.packages.save_set(
                    path_id(set_id, "package set"), values, self.user_id
                )
            )
        )

    @web.authenticated
    async def delete(self, set_id: str) -> None:
        self.require_role("admin")
        await self.app.packages.delete_set(path_id(set_id, "package set"))
        self.set_status(204)
        self.finish()


def package_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    module = MODULE_IN_PATH
    return [
        (f"{api}/packages", CatalogHandler),
        (f"{api}/packages/schema", SchemaHandler),
        (f"{api}/packages/detect", DetectHandler),
        (f"{api}/packages/check", CheckListHandler),
        (f"{api}/packages/load-logs", LoadLogHandler),
        (f"{api}/packages/analytics", AnalyticsHandler),
        (f"{api}/package-sets", PackageSetsHandler),
        (f"{api}/package-sets/(?P<set_id>\\d+)", PackageSetHandler),
        (f"{api}/modules/{module}/packages", ModulePackagesHandler),
    ]
