"""Read a Pyodide lock file: which packages are built for Pyodide, their imports (pure)."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

DATA = Path(__file__).parent / "data"
LOCK_FILE = DATA / "pyodide-lock.json"


@dataclass(frozen=True)
class LockedPackage:
    name: str  # canonical (PEP 503) name
    version: str
    imports: tuple[str, ...]
    depends: tuple[str, ...]
    file_name: str


def read_lock(raw: dict[str, Any]) -> list[LockedPackage]:
    """Importable packages of a lock; test bundles and shared libraries are not packages."""
    packages = []
    for entry in raw["packages"].values():
        if entry.get("package_type", "package") != "package" or entry["name"].endswith("-tests"):
            continue
        packages.append(
            LockedPackage(
                name=canonicalize_name(entry["name"]),
                version=entry["version"],
                imports=tuple(entry.get("imports", [])),
                depends=tuple(canonicalize_name(d) for d in entry.get("depends", [])),
                file_name=entry["file_name"],
            )
        )
    return sorted(packages, key=lambda package: package.name)


def load_lock(path: Path = LOCK_FILE) -> list[LockedPackage]:
    return read_lock(json.loads(path.read_text(encoding="utf-8")))


def lock_version() -> str:
    return json.loads((DATA / "lock-source.json").read_text(encoding="utf-8"))["pyodide"]
