"""Build the package catalog from the Pyodide lock and the curated teaching list (pure)."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

from .lock import DATA, LockedPackage

CURATED_FILE = DATA / "curated.json"
CATEGORIES = ("data-science", "visualization", "ml", "scientific", "web", "utilities", "other")
# Packages built for Pyodide load in a second or two unless the curated list knows better.
DEFAULT_LOAD_SECONDS = 2


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    display_name: str
    description: str
    category: str
    pyodide_compatible: bool
    install_via_micropip: bool
    load_time_estimate: int | None
    docs_url: str | None
    size_bytes: int | None
    version: str | None
    imports: tuple[str, ...]
    source: str


def load_curated(path: Path = CURATED_FILE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["packages"]


def build_catalog(lock: list[LockedPackage], curated: list[dict[str, Any]]) -> list[CatalogEntry]:
    """Every locked package, described where the curated list knows it; curated packages
    missing from the lock are pure Python and install with micropip."""
    notes = {canonicalize_name(item["name"]): item for item in curated}
    entries = []
    for package in lock:
        note = notes.pop(package.name, {})
        entries.append(
            CatalogEntry(
                name=package.name,
                display_name=note.get("display_name", package.name),
                description=note.get("description", ""),
                category=note.get("category", "other"),
                pyodide_compatible=True,
                install_via_micropip=False,
                load_time_estimate=note.get("load_time_estimate", DEFAULT_LOAD_SECONDS),
                docs_url=note.get("docs_url"),
                size_bytes=note.get("size_bytes"),
                version=package.version,
                imports=package.imports,
                source="pyodide-lock",
            )
        )
    for name, note in notes.items():
        entries.append(
            CatalogEntry(
                name=name,
                display_name=note["display_name"],
                description=note["description"],
                category=note["category"],
                pyodide_compatible=True,
                install_via_micropip=True,
                load_time_estimate=note.get("load_time_estimate"),
                docs_url=note.get("docs_url"),
                size_bytes=note.get("size_bytes"),
                version=None,
                imports=tuple(note.get("imports", [name.replace("-", "_")])),
                source="curated",
            )
        )
    return sorted(entries, key=lambda entry: entry.name)
