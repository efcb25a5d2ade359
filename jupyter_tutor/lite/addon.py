"""The JupyterLite addon (entry point ``jupyterlite.addon.v0``) that makes a course site.

In every site: the course notebooks under ``files/course/`` (released: no solutions, no
instructor hints) and the build-time catalog ``jupyter-tutor/catalog.json``. Online, the
kernel loads Pyodide and its packages from the Pyodide CDN. Offline, the site carries the
Pyodide runtime, the packages it could get and a lock of exactly those, and turns off the
PyPI fallback.
"""

import json
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from jupyter_core.paths import jupyter_path
from jupyterlite_core.addons.base import BaseAddon
from jupyterlite_core.constants import JUPYTERLITE_JSON
from jupyterlite_core.manager import LiteManager
from packaging.requirements import Requirement
from traitlets import Dict, Enum, List, Unicode, default

from ..exercises.release import released_notebook
from ..modules.catalog import shipped_modules_dir
from ..packages.catalog import build_catalog, load_curated
from ..packages.lock import LOCK_FILE, lock_version, read_lock
from ..packages.package_list import DEFAULT_PACKAGES
from . import downloads
from .offline_bundle import LOCK_FILE_NAME, Bundle, Supplied, plan_bundle, write_bundle
from .site_catalog import (
    CATALOG_PATH,
    CONTENTS_DIR,
    WORKING_COPY_DIR,
    build_site_catalog,
    course_packages,
)

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_WHEEL_INDEX = "@jupyterlite/pyodide-kernel-extension/static/pypi/all.json"
CDN = "https://cdn.jsdelivr.net/pyodide/v{version}/full/pyodide.mjs"
REPORT_PATH = "jupyter-tutor/offline-bundle.json"
LABEXTENSION = "jupyter-tutor"
Task = dict[str, Any]  # a doit task


def release(source: Path, target: Path) -> None:
    """A course notebook as the site's learners get it: a static site keeps no secret, so
    solutions and instructor hints stay out of it."""
    notebook = released_notebook(json.loads(source.read_text(encoding="utf-8")))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


class JupyterTutorAddon(BaseAddon):
    # The build phases jupyterlite calls on this addon.
    __all__: ClassVar[list[str]] = ["build", "post_build"]

    mode = Enum(
        ("online", "offline"),
        "online",
        help="""online: Pyodide and its packages load from the Pyodide CDN. offline: the site
        carries them and contacts no other host.""",
    ).tag(config=True)
    notebooks_dir = Unicode(
        help="Folder of course notebooks (default: the course shipped with jupyter-tutor)."
    ).tag(config=True)
    pyodide_dir = Unicode(
        "",
        help="""Offline: a Pyodide distribution folder (e.g. the release's full tarball,
        unpacked) to take the runtime and compiled packages from, instead of npm's core.""",
    ).tag(config=True)
    wheels_dir = Unicode(
        "",
        help="""Offline: a folder of wheels to ship. Files named like a lock entry replace
        it (compiled packages such as numpy); others are served through piplite.""",
    ).tag(config=True)
    offline_packages = List(
        Unicode(),
        help="""Offline: packages to bundle besides the modules' lists, e.g. pure-Python
        teaching packages students may %pip install.""",
    ).tag(config=True)
    default_packages = List(
        Unicode(),
        list(DEFAULT_PACKAGES),
        help="""Packages of a module notebook that declares no list, like the server's
        TutorApp.default_packages.""",
    ).tag(config=True)
    package_sets = List(
        Dict(),
        help="Package sets offered to instructors: {name, description?, is_default?, packages}.",
    ).tag(config=True)

    @default("notebooks_dir")
    def _default_notebooks_dir(self) -> str:
        return str(shipped_modules_dir())

    def _path(self, value: str) -> Path:
        return (Path(self.manager.lite_dir) / value).resolve()

    @property
    def notebooks(self) -> list[Path]:
        return sorted(self._path(self.notebooks_dir).glob("*.ipynb"))

    @property
    def output_dir(self) -> Path:
        return Path(self.manager.output_dir)

    def build(self, manager: LiteManager) -> Iterator[Task]:
        for notebook in self.notebooks:
            target = self.output_dir / "files" / CONTENTS_DIR / notebook.name
            yield self.task(
                name=f"copy:{CONTENTS_DIR}/{notebook.name}",
                file_dep=[notebook],
                targets=[target],
                actions=[(release, [notebook, target])],
            )
        # Listed by the contents addon like the course folder: the browser then finds the
        # folder the working copies go to in the site's index instead of asking for it.
        working_copies = self.output_dir / "files" / WORKING_COPY_DIR
        yield self.task(
            name=f"folder:{WORKING_COPY_DIR}",
            targets=[working_copies],
            actions=[(working_copies.mkdir, [], {"parents": True, "exist_ok": True})],
        )
        report = self.output_dir / REPORT_PATH
        if self.mode == "offline":
            yield self.task(
                name="offline-bundle",
                doc="the Pyodide runtime, packages and lock the offline site needs",
                targets=[report, self.output_dir / "static/pyodide" / LOCK_FILE_NAME],
                actions=[self.write_offline_bundle],
                uptodate=[False],
            )
        yield self.task(
            name="catalog",
            doc="the module and package catalog the frontend reads without a server",
            file_dep=[*self.notebooks, *([report] if self.mode == "offline" else [])],
            targets=[self.output_dir / CATALOG_PATH],
            actions=[self.write_catalog],
            uptodate=[False],
        )

    def post_build(self, manager: LiteManager) -> Iterator[Task]:
        yield self.task(
            name="check:labextension",
            doc="a course site without jupyter-tutor's frontend is no course site",
            actions=[self.check_labextension],
            uptodate=[False],
        )
        yield self.task(
            name=f"patch:{JUPYTERLITE_JSON}",
            doc="point the Pyodide kernel at the CDN, or at the site's own files",
            file_dep=[self.output_dir / JUPYTERLITE_JSON],
            actions=[self.patch_kernel_settings],
            uptodate=[False],
        )

    @cached_property
    def distribution(self) -> Path:
        """The Pyodide folder the offline site is made from (the runtime and its lock)."""
        if self.pyodide_dir:
            return self._path(self.pyodide_dir)
        return downloads.pyodide_core(lock_version(), downloads.cache_root())

    def site_lock(self) -> dict[str, Any]:
        path = self.distribution / LOCK_FILE_NAME if self.mode == "offline" else LOCK_FILE
        return json.loads(path.read_text(encoding="utf-8"))

    def pyodide_version(self) -> str:
        if self.mode == "offline" and (self.distribution / "package.json").is_file():
            package = json.loads((self.distribution / "package.json").read_text(encoding="utf-8"))
            return str(package["version"])
        return lock_version()

    def wanted(self) -> list[Requirement]:
        """Every package of every module's list, and the configured extras."""
        course = course_packages(self._path(self.notebooks_dir), self.default_packages)
        return [Requirement(name) for name in self.offline_packages] + [
            Requirement(entry.name + entry.version) for entry in course
        ]

    def kernel_wheels(self) -> list[str]:
        """Projects the Pyodide kernel extension ships as wheels of its own."""
        for folder in jupyter_path("labextensions"):
            index = Path(folder) / KERNEL_WHEEL_INDEX
            if index.is_file():
                return list(json.loads(index.read_text(encoding="utf-8")))
        raise FileNotFoundError(f"{KERNEL_WHEEL_INDEX}: is jupyterlite-pyodide-kernel installed?")

    def offline_bundle(self, lock: dict[str, Any]) -> Bundle:
        cache = downloads.cache_root()
        python = lock["info"]["python"]
        wheels = self._path(self.wheels_dir) if self.wheels_dir else None
        pyodide = self.distribution if self.pyodide_dir else None
        return plan_bundle(
            lock,
            self.wanted(),
            provided=self.kernel_wheels(),
            supplied=Supplied.from_dirs(lock, pyodide, wheels),
            fetch_pinned=lambda pins: downloads.pure_wheels(pins, cache, python),
            fetch_latest=lambda req: downloads.latest_pure_wheel(req, cache, python),
        )

    def write_offline_bundle(self) -> None:
        lock = self.site_lock()
        bundle = self.offline_bundle(lock)
        out = self.output_dir
        report = write_bundle(bundle, lock, self.distribution, out / "static/pyodide", out / "pypi")
        for problem in report["unavailable"]:
            self.log.warning("[jupyter-tutor] offline: %(name)s: %(reason)s", problem)
        available = sorted({*bundle.lock_files, *bundle.piplite_wheels, *bundle.provided})
        self._write_json(REPORT_PATH, {**report, "available": available})

    def write_catalog(self) -> None:
        available = None
        if self.mode == "offline":
            report = json.loads((self.output_dir / REPORT_PATH).read_text(encoding="utf-8"))
            names = frozenset(report["available"])
            available = names.__contains__
        catalog = build_site_catalog(
            self._path(self.notebooks_dir),
            build_catalog(read_lock(self.site_lock()), load_curated()),
            mode=self.mode,
            pyodide_version=self.pyodide_version(),
            available_offline=available,
            package_sets=self.package_sets,
            default_packages=self.default_packages,
        )
        self._write_json(CATALOG_PATH, catalog)

    def patch_kernel_settings(self) -> None:
        config = self.output_dir / JUPYTERLITE_JSON
        settings = self.get_lite_plugin_settings(config, KERNEL_PLUGIN)
        if self.mode == "offline":
            # The site's own runtime and lock; a package missing here must fail, not
            # fall back to PyPI (another host).
            settings.update(pyodideUrl="./static/pyodide/pyodide.mjs", disablePyPIFallback=True)
        else:
            # The runtime whose lock the catalog was built from, unless the site chose one.
            settings.setdefault("pyodideUrl", CDN.format(version=lock_version()))
        self.set_lite_plugin_settings(config, KERNEL_PLUGIN, settings)

    def check_labextension(self) -> None:
        if not (self.output_dir / "extensions" / LABEXTENSION / "package.json").is_file():
            raise FileNotFoundError(
                f"the site lacks the {LABEXTENSION} labextension: install jupyter-tutor in "
                "this environment (jupyter labextension list must show it)"
            )

    def _write_json(self, relative: str, value: Any) -> None:
        path = self.output_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value, indent=1) + "\n", encoding="utf-8")
