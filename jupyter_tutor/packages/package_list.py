"""A notebook's package list, ``metadata.jupyter_tutor.packages`` (pure).

An ordered list of ``{name, version?, required}``; the order is the load order.
Invalid entries are reported with the reason and left out; they never stop loading.
"""

import ast
import re
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

from .lock import LockedPackage

DEFAULT_PACKAGES = ("numpy", "pandas", "matplotlib")
NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)  # PEP 508
MAX_NAME = 100  # the longest name the catalog and the load logs store
PEP723 = re.compile(r"(?m)^# /// script\s*$\n(?P<body>(?:^#(?: .*)?$\n)+?)^# ///\s*$")

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "jupyter-tutor notebook package list (metadata.jupyter_tutor.packages)",
    "description": "Packages the notebook needs, in load order.",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "name": {"type": "string", "description": "Distribution name (PEP 508)."},
            "version": {"type": "string", "description": "PEP 440 specifier, e.g. '>=1.26'."},
            "required": {"type": "boolean", "default": True},
        },
    },
}


@dataclass(frozen=True)
class PackageRequest:
    name: str
    version: str = ""
    required: bool = True

    def as_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {"name": self.name, "required": self.required}
        if self.version:
            value["version"] = self.version
        return value


@dataclass(frozen=True)
class ListProblem:
    index: int
    reason: str


def parse_entry(entry: Any) -> PackageRequest:
    if not isinstance(entry, dict):
        raise ValueError('each package must be an object like {"name": "numpy"}')
    unknown = sorted(set(entry) - {"name", "version", "required"})
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"{name!r} is not a valid package name")
    version = entry.get("version", "") or ""
    if not isinstance(version, str):
        raise ValueError("version must be a text specifier such as '>=1.26'")
    try:
        SpecifierSet(version)
    except InvalidSpecifier:
        raise ValueError(f"{version!r} is not a valid version specifier (PEP 440)") from None
    required = entry.get("required", True)
    if not isinstance(required, bool):
        raise ValueError("required must be true or false")
    return PackageRequest(name, version.strip(), required)


def parse_package_list(
    raw: Any, default: Sequence[str] = DEFAULT_PACKAGES
) -> tuple[list[PackageRequest], list[ListProblem]]:
    """The valid entries in order, and what is wrong with the others; duplicates count once.

    ``None`` (no list declared) stands for the ``default`` packages, all required.
    """
    if raw is None:
        return [PackageRequest(name) for name in default], []
    if not isinstance(raw, list):
        return [], [ListProblem(-1, "jupyter_tutor.packages must be a list")]
    entries: list[PackageRequest] = []
    problems: list[ListProblem] = []
    seen: set[str] = set()
    for index, item in enumerate(raw):
        try:
            entry = parse_entry(item)
        except ValueError as error:
            problems.append(ListProblem(index, str(error)))
            continue
        key = canonicalize_name(entry.name)
        if key in seen:
            problems.append(ListProblem(index, f"{entry.name} is listed twice"))
            continue
        seen.add(key)
        entries.append(entry)
    return entries, problems


def _imports(source: str) -> list[str]:
    # Notebook cells may hold magics and shell escapes; scan the Python around them.
    python = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        tree = ast.parse("\n".join(python))
    except SyntaxError:
        return []  # the student sees the syntax error when they run the cell
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module.split(".")[0])
    return found


def script_dependencies(source: str) -> list[str]:
    """Dependencies of a PEP 723 ``# /// script`` block, if the text has one."""
    match = PEP723.search(source)
    if not match:
        return []
    body = "\n".join(
        line[2:] if line.startswith("# ") else line[1:] for line in match["body"].splitlines()
    )
    try:
        return list(tomllib.loads(body).get("dependencies", []))
    except tomllib.TOMLDecodeError:
        return []


def detect_packages(
    code_cells: list[str], lock: list[LockedPackage], current: list[PackageRequest]
) -> list[PackageRequest]:
    """Packages the code imports (or declares in PEP 723) that the list lacks."""
    by_import = {name: package.name for package in lock for name in package.imports}
    have = {canonicalize_name(entry.name) for entry in current}
    proposed: list[PackageRequest] = []

    def propose(name: str, version: str = "") -> None:
        key = canonicalize_name(name)
        if key not in have:
            have.add(key)
            proposed.append(PackageRequest(name, version))

    for source in code_cells:
        for requirement in script_dependencies(source):
            try:
                parsed = Requirement(requirement)
            except InvalidRequirement:
                continue
            propose(parsed.name, str(parsed.specifier))
        for module in _imports(source):
            if module in sys.stdlib_module_names:
                continue
            propose(by_import.get(module, module))
    return proposed
