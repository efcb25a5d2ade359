"""Plan and write the Pyodide files of an offline site, and the lock that describes them.

The kernel boots from the site alone only if every file it asks for is there, and
micropip trusts the lock: an entry whose file is missing makes ``%pip install`` fetch
it, get a 404 and give up quietly. So the site's lock is regenerated for the files
actually shipped (their own sha256: PyPI's wheels of the pure-Python lock entries have
Pyodide's file names but are other builds) and everything else is left out and reported.
"""

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.parser import Parser
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from .downloads import DownloadError

# What the Pyodide kernel's worker installs before the first cell runs, in its order:
# micropip from the lock, then (through piplite) the rest.
BOOT_PACKAGES = ("micropip", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython")
LOCK_FILE_NAME = "pyodide-lock.json"
NOT_RUNTIME = (".whl", ".map", ".d.ts", ".html", ".md")
COMPILED = (
    "compiled for Pyodide and not on any registry the build can reach: supply the Pyodide "
    "distribution (--pyodide DIR) or the file (--wheels DIR)"
)

# Fetchers: exact pure-Python versions (name → version) → files found; a requirement →
# the newest pure-Python wheel meeting it (DownloadError if none).
FetchPinned = Callable[[dict[str, str]], dict[str, Path]]
FetchLatest = Callable[[Requirement], Path]


class BundleError(RuntimeError):
    """The site could not work offline; the message says what is missing."""


@dataclass(frozen=True)
class Supplied:
    """Files the builder brought: lock entries by file name, other wheels by project."""

    lock_files: dict[str, Path] = field(default_factory=dict)
    wheels: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def from_dirs(cls, lock: dict[str, Any], *folders: Path | None) -> "Supplied":
        entries = lock_entries(lock)
        lock_names = {entry["file_name"] for entry in entries.values()}
        lock_files: dict[str, Path] = {}
        wheels: dict[str, Path] = {}
        for folder in folders:
            if folder is None:
                continue
            for path in sorted(folder.iterdir()):
                if path.name in lock_names:
                    lock_files[path.name] = path
                elif path.suffix == ".whl":
                    name = canonicalize_name(parse_wheel_filename(path.name)[0])
                    if name in entries:
                        # micropip would load the lock's file for this name, never this one.
                        pinned = entries[name]["file_name"]
                        raise ValueError(f"{path}: the Pyodide lock pins {pinned} for {name}")
                    wheels[name] = path
        return cls(lock_files, wheels)


@dataclass
class Bundle:
    lock_files: dict[str, Path]  # canonical name → file shipped for that lock entry
    piplite_wheels: dict[str, Path]  # canonical name → wheel served through piplite
    provided: frozenset[str]  # installed from the kernel extension's own wheels
    unavailable: dict[str, str]  # canonical name → why it is not in the site

    def available(self, name: str) -> bool:
        key = canonicalize_name(name)
        return key in self.lock_files or key in self.piplite_wheels or key in self.provided


def lock_entries(lock: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {canonicalize_name(entry["name"]): entry for entry in lock["packages"].values()}


def pyodide_environment(lock: dict[str, Any]) -> dict[str, str]:
    """PEP 508 marker values inside Pyodide, to pick a wheel's dependencies."""
    python = lock["info"]["python"]
    return {
        "python_version": ".".join(python.split(".")[:2]),
        "python_full_version": python,
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "platform_machine": "wasm32",
        "os_name": "posix",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }


def wheel_requirements(wheel: Path, environment: dict[str, str]) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(archive.read(metadata).decode("utf-8"))
    requirements = []
    for line in headers.get_all("Requires-Dist") or []:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.marker is None or requirement.marker.evaluate(environment):
            requirements.append(requirement)
    return requirements


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _closure(entries: dict[str, dict[str, Any]], names: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    todo = [name for name in names if name in entries]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += [d for d in map(canonicalize_name, entries[name]["depends"]) if d in entries]
    return seen


def _drop_incomplete(
    members: dict[str, Path],
    depends: dict[str, list[str]],
    available: Callable[[str], bool],
    unavailable: dict[str, str],
) -> None:
    """Remove members needing something unavailable, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for name in sorted(members):
            missing = [d for d in depends[name] if not (d in members or available(d))]
            if missing:
                del members[name]
                unavailable.setdefault(name, f"needs {', '.join(missing)}, which is unavailable")
                changed = True


def supplied_lock_names(entries: dict[str, dict[str, Any]], supplied: Supplied) -> set[str]:
    """Lock entries the builder supplied a file for (test suites are not shipped)."""
    return {
        name
        for name, entry in entries.items()
        if entry["file_name"] in supplied.lock_files and not name.endswith("-tests")
    }


@dataclass
class _Plan:
    """A bundle being worked out: ``unavailable`` collects the reasons as they come."""

    lock: dict[str, Any]
    supplied: Supplied
    given: frozenset[str]
    entries: dict[str, dict[str, Any]] = field(init=False)
    unavailable: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.entries = lock_entries(self.lock)

    def piplite(
        self, wanted: list[Requirement], fetch_latest: FetchLatest
    ) -> tuple[dict[str, Path], dict[str, list[str]], set[str]]:
        """Wheels for what the lock lacks (and every supplied wheel), with their
        dependencies; and the lock entries all of these need."""
        environment = pyodide_environment(self.lock)
        wheels: dict[str, Path] = {}
        depends: dict[str, list[str]] = {}
        from_lock: set[str] = set()
        queue = [*wanted, *(Requirement(name) for name in self.supplied.wheels)]
        while queue:
            requirement = queue.pop(0)
            name = canonicalize_name(requirement.name)
            if name in self.given or name in wheels or name in self.unavailable:
                continue
            if name in self.entries:
                from_lock.add(name)
                continue
            try:
                wheels[name] = self.supplied.wheels.get(name) or fetch_latest(requirement)
            except DownloadError as error:
                self.unavailable[name] = f"no pure-Python wheel on PyPI ({error})"
                continue
            requirements = wheel_requirements(wheels[name], environment)
            depends[name] = [canonicalize_name(r.name) for r in requirements]
            queue += requirements
        return wheels, depends, from_lock

    def lock_files(self, names: set[str], fetch_pinned: FetchPinned) -> dict[str, Path]:
        """Files for these lock entries and their dependencies: supplied, else the
        pure-Python ones from PyPI at the locked version."""
        members = _closure(self.entries, names)
        by_file = self.supplied.lock_files
        files = {n: by_file[e] for n in members if (e := self.entries[n]["file_name"]) in by_file}
        pure = {
            name: self.entries[name]["version"]
            for name in members - set(files)
            if self.entries[name]["file_name"].endswith("-none-any.whl")
        }
        files.update(fetch_pinned(pure) if pure else {})
        for name in sorted(members - set(files)):
            version = self.entries[name]["version"]
            self.unavailable[name] = (
                f"PyPI has no pure-Python wheel of {name}=={version}" if name in pure else COMPILED
            )
        depends = {n: [canonicalize_name(d) for d in self.entries[n]["depends"]] for n in files}
        _drop_incomplete(files, depends, lambda _: False, self.unavailable)
        return files


def plan_bundle(
    lock: dict[str, Any],
    wanted: Iterable[Requirement],
    *,
    provided: Iterable[str],
    supplied: Supplied,
    fetch_pinned: FetchPinned,
    fetch_latest: FetchLatest,
) -> Bundle:
    """Which files make ``wanted`` and the kernel's boot packages work offline; everything
    the builder supplied is shipped too.

    Lock entries come with their lock dependencies; packages outside the lock are served
    through piplite (a supplied wheel, else PyPI's newest pure-Python one) with theirs.
    Whatever lacks a file, or needs something that does, is left out with the reason.
    """
    given = frozenset(canonicalize_name(name) for name in provided)
    plan = _Plan(lock, supplied, given)
    boot = [Requirement(name) for name in BOOT_PACKAGES]
    wheels, wheel_depends, from_lock = plan.piplite([*boot, *wanted], fetch_latest)
    files = plan.lock_files(from_lock | supplied_lock_names(plan.entries, supplied), fetch_pinned)
    _drop_incomplete(wheels, wheel_depends, lambda d: d in files or d in given, plan.unavailable)
    bundle = Bundle(files, wheels, given, plan.unavailable)
    missing = [name for name in BOOT_PACKAGES if not bundle.available(name)]
    if missing:
        reasons = "; ".join(f"{n}: {plan.unavailable.get(n, 'not found')}" for n in missing)
        raise BundleError(f"the kernel could not start offline, it lacks {reasons}")
    return bundle


def regenerate_lock(lock: dict[str, Any], files: dict[str, Path]) -> dict[str, Any]:
    """The lock of the files shipped: their names and sha256; nothing else listed."""
    packages = {}
    for key, entry in lock["packages"].items():
        path = files.get(canonicalize_name(entry["name"]))
        if path is not None:
            packages[key] = {**entry, "file_name": path.name, "sha256": sha256_of(path)}
    return {**lock, "packages": packages}


def core_files(distribution: Path, lock: dict[str, Any]) -> list[Path]:
    """The runtime of a Pyodide folder: not the lock, its packages (or their metadata),
    other wheels, source maps, typings or demo pages."""
    package_files = tuple(entry["file_name"] for entry in lock["packages"].values())
    return [
        path
        for path in sorted(distribution.iterdir())
        if path.is_file()
        and path.name != LOCK_FILE_NAME
        and not path.name.endswith(NOT_RUNTIME)
        and not path.name.startswith(package_files)
    ]


def write_bundle(
    bundle: Bundle, lock: dict[str, Any], distribution: Path, pyodide_out: Path, pypi_out: Path
) -> dict[str, Any]:
    """Copy the runtime, the packages and the regenerated lock; return the report."""
    pyodide_out.mkdir(parents=True, exist_ok=True)
    for path in [*core_files(distribution, lock), *bundle.lock_files.values()]:
        shutil.copy2(path, pyodide_out / path.name)
    site_lock = regenerate_lock(lock, bundle.lock_files)
    (pyodide_out / LOCK_FILE_NAME).write_text(json.dumps(site_lock), encoding="utf-8")
    if bundle.piplite_wheels:
        pypi_out.mkdir(parents=True, exist_ok=True)
    for wheel in bundle.piplite_wheels.values():
        shutil.copy2(wheel, pypi_out / wheel.name)
    return {
        "lock_packages": sorted(bundle.lock_files),
        "piplite_wheels": sorted(wheel.name for wheel in bundle.piplite_wheels.values()),
        "unavailable": [
            {"name": name, "reason": reason} for name, reason in sorted(bundle.unavailable.items())
        ],
    }
