"""The catalog a JupyterLite site lists modules and packages from, without a server (pure).

It is built by the same code the server uses: ``modules.catalog.scan`` for the module
declarations, ``packages.package_list`` for each module's package list and
``packages.catalog`` for the package catalog, serialised by the REST routes' own
functions, so the frontend reads the same shapes in JupyterLab and in JupyterLite.
"""

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from ..errors import InvalidRequest
from ..modules.catalog import ModuleSpec, scan, tutor_block
from ..modules.working_copy import DEFAULT_FOLDER
from ..packages.catalog import CatalogEntry
from ..packages.package_list import DEFAULT_PACKAGES, PackageRequest, parse_package_list
from ..packages.request import parse_package_set
from ..packages.routes import package_json, set_json
from ..store.models import PackageSet, PythonPackage

FORMAT = 2
# Where the course notebooks go in the site's contents, and the catalog in the site.
CONTENTS_DIR = "course"
# Where the students' copies go; the site ships it empty, so the browser finds it listed.
WORKING_COPY_DIR = DEFAULT_FOLDER
CATALOG_PATH = "jupyter-tutor/catalog.json"

Mode = Literal["online", "offline"]
# Offline only: is this package's code in the site? (canonical name → bool)
OfflineCheck = Callable[[str], bool]


def declared_list(notebooks_dir: Path, spec: ModuleSpec) -> Any:
    """A module's ``jupyter_tutor.packages`` as written (None: the default set applies)."""
    notebook = json.loads((notebooks_dir / spec.notebook_filename).read_text(encoding="utf-8"))
    return tutor_block(notebook).get("packages")


def course_packages(
    notebooks_dir: Path, default: Sequence[str] = DEFAULT_PACKAGES
) -> list[PackageRequest]:
    """The valid entries of every module's list, as loading sees them."""
    lists = [declared_list(notebooks_dir, spec) for spec in scan(notebooks_dir).modules]
    return [entry for raw in lists for entry in parse_package_list(raw, default)[0]]


def module_json(notebooks_dir: Path, spec: ModuleSpec, default: Sequence[str]) -> dict[str, Any]:
    raw = declared_list(notebooks_dir, spec)
    entries, problems = parse_package_list(raw, default)
    return {
        "id": spec.slug,
        "title": spec.title,
        "description": spec.description,
        "order": spec.order,
        "notebook_filename": spec.notebook_filename,
        "notebook_path": f"{CONTENTS_DIR}/{spec.notebook_filename}",
        "tutor_settings": spec.tutor_settings,
        # Released, like GET modules/{id}/exercises: what the Check button runs.
        "exercises": [exercise.released() for exercise in spec.exercises],
        "complete_when_exercises_pass": spec.complete_when_exercises_pass,
        "packages": [entry.as_json() for entry in entries],
        # What GET modules/{id}/packages adds: the default set applies, skipped entries.
        "packages_is_default": raw is None,
        "package_problems": [{"index": p.index, "reason": p.reason} for p in problems],
    }


def package_sets_json(sets: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sets from the site configuration, checked like an admin's POST package-sets."""
    rows = []
    for number, raw in enumerate(sets, start=1):
        try:
            values = parse_package_set(raw)
        except InvalidRequest as error:
            raise ValueError(f"package set {number}: {error}") from None
        rows.append(set_json(PackageSet(id=number, updated_by=None, updated_at=None, **values)))
    if sum(row["is_default"] for row in rows) > 1:
        raise ValueError("at most one package set can be the default")
    return rows


def build_site_catalog(
    notebooks_dir: Path,
    packages: Sequence[CatalogEntry],
    *,
    mode: Mode,
    pyodide_version: str,
    available_offline: OfflineCheck | None = None,
    package_sets: Sequence[dict[str, Any]] = (),
    default_packages: Sequence[str] = DEFAULT_PACKAGES,
) -> dict[str, Any]:
    """The site's ``jupyter-tutor/catalog.json``; ``available_offline`` is required offline."""
    if (mode == "offline") != (available_offline is not None):
        raise ValueError("available_offline is given in offline mode, and only there")
    course = scan(notebooks_dir)
    catalog = []
    for entry in packages:
        row = PythonPackage(**{**asdict(entry), "imports": list(entry.imports)})
        offline = available_offline(entry.name) if available_offline else None
        catalog.append({**package_json(row), "available_offline": offline})
    return {
        "format": FORMAT,
        "modules": [module_json(notebooks_dir, m, default_packages) for m in course.modules],
        "working_copy_dir": WORKING_COPY_DIR,
        "problems": [
            {"notebook_filename": p.notebook_filename, "reason": p.reason} for p in course.problems
        ],
        "packages": catalog,
        "package_sets": package_sets_json(package_sets),
        # For notebooks outside the course that declare no list.
        "default_packages": list(default_packages),
        "mode": mode,
        "pyodide_version": pyodide_version,
    }
