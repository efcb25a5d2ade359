"""Find the module declarations in a folder of course notebooks (pure, no database)."""

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..exercises.declaration import Exercise, scan_exercises
from ..policy.rules import parse_policy
from ..tutor.pedagogy.settings import parse_tutor_settings

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
PACKAGE_DIR = Path(__file__).parents[1]


def shipped_modules_dir() -> Path:
    """The course notebooks inside the wheel, or ``notebooks/`` in a source checkout."""
    bundled = PACKAGE_DIR / "course_notebooks"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / "notebooks"


@dataclass(frozen=True)
class ModuleSpec:
    slug: str
    title: str
    description: str
    notebook_filename: str
    order: int
    tutor_settings: dict[str, Any] | None = None
    exercises: tuple[Exercise, ...] = ()
    # The module completes itself once every exercise's latest check run passed.
    complete_when_exercises_pass: bool = False


@dataclass(frozen=True)
class CatalogProblem:
    notebook_filename: str
    reason: str


@dataclass(frozen=True)
class Catalog:
    modules: list[ModuleSpec]
    problems: list[CatalogProblem]


def tutor_block(notebook: dict[str, Any]) -> dict[str, Any]:
    return notebook.get("metadata", {}).get("jupyter_tutor", {})


def parse_declaration(filename: str, declaration: Any) -> ModuleSpec:
    """Turn ``metadata.jupyter_tutor.module`` into a spec, or say what is wrong with it."""
    if not isinstance(declaration, dict):
        raise ValueError("jupyter_tutor.module must be an object")
    slug = declaration.get("id")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise ValueError(f"id must be a slug like 'intro-to-numpy', got {slug!r}")
    title = declaration.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("title must be a non-empty string")
    description = declaration.get("description", "")
    if not isinstance(description, str):
        raise ValueError("description must be a string")
    order = declaration.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        raise ValueError(f"order must be an integer, got {order!r}")
    completes = declaration.get("complete_when_exercises_pass", False)
    if not isinstance(completes, bool):
        raise ValueError("complete_when_exercises_pass must be true or false")
    return ModuleSpec(
        slug,
        title.strip(),
        description.strip(),
        filename,
        order,
        complete_when_exercises_pass=completes,
    )


def scan(modules_dir: Path) -> Catalog:
    """Every ``.ipynb`` directly in ``modules_dir`` that declares a module.

    Notebooks without a declaration are ignored; broken declarations, unreadable
    notebooks and duplicate ids are reported instead of stopping the server.
    """
    modules: dict[str, ModuleSpec] = {}
    problems: list[CatalogProblem] = []
    for path in sorted(modules_dir.glob("*.ipynb")):
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            block = tutor_block(notebook)
            if block.get("module") is None:
                continue
            spec = parse_declaration(path.name, block["module"])
        except (OSError, ValueError, AttributeError) as error:
            problems.append(CatalogProblem(path.name, str(error)))
            continue
        try:
            parse_tutor_settings(block.get("tutor"))
            spec = replace(spec, tutor_settings=block.get("tutor"))
        except ValueError as error:
            # The module stays available; only its tutor falls back to the defaults.
            problems.append(CatalogProblem(path.name, f"{error} (tutor defaults used)"))
        else:
            # A broken window or entry is skipped; the rest of the policy applies.
            tutor = block.get("tutor") or {}
            problems += [CatalogProblem(path.name, p) for p in parse_policy(tutor.get("policy"))[1]]
        declared = scan_exercises(notebook)
        # A broken exercise is skipped; the module and its other exercises keep working.
        problems += [
            CatalogProblem(path.name, f"{problem} (exercise skipped)")
            for problem in declared.problems
        ]
        spec = replace(spec, exercises=tuple(declared.exercises))
        if spec.slug in modules:
            problems.append(
                CatalogProblem(
                    path.name,
                    f"id {spec.slug!r} is already used by {modules[spec.slug].notebook_filename}",
                )
            )
            continue
        modules[spec.slug] = spec
    ordered = sorted(modules.values(), key=lambda spec: (spec.order, spec.title))
    return Catalog(ordered, problems)
