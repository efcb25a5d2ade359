"""Validate package requests from clients before anything is stored (pure)."""

import re
from collections.abc import Callable
from typing import Any

from ..errors import InvalidRequest
from ..web.body import bounded_text, whole_number
from .catalog import CATEGORIES, CatalogEntry
from .entry_rules import name_problem
from .package_list import PackageRequest, parse_package_list

MAX_LOGS = 200
MAX_IMPORTS = 20
MAX_DESCRIPTION = 5000
URL = re.compile(r"https?://\S+")
MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def _optional(
    body: dict[str, Any],
    key: str,
    check: Callable[[Any, str], Any],
    default: Any = None,
    *,
    name: str = "",
) -> Any:
    value = body.get(key)
    return default if value is None else check(value, name or key)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidRequest(f"{name} must be true or false.")
    return value


def _text(max_length: int) -> Callable[[Any, str], str]:
    return lambda value, name: bounded_text(value, name, max_length)


def _count(value: Any, name: str) -> int:
    return whole_number(value, name)


def _imports(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_IMPORTS:
        raise InvalidRequest(f"{name} must be a list of 1 to {MAX_IMPORTS} module names.")
    for item in value:
        if not isinstance(item, str) or len(item) > 100 or not MODULE_NAME.fullmatch(item):
            raise InvalidRequest(f"{name} must hold module names such as 'numpy.linalg'.")
    return tuple(value)


def strict_package_list(raw: Any) -> list[PackageRequest]:
    """A list from an instructor's editor: every entry must be valid."""
    if not isinstance(raw, list):
        raise InvalidRequest("packages must be a list of {name, version?, required}.")
    entries, problems = parse_package_list(raw)
    if problems:
        details = "; ".join(f"entry {p.index + 1}: {p.reason}" for p in problems)
        raise InvalidRequest(
            f"The package list has problems: {details}.",
            problems=[{"index": p.index, "reason": p.reason} for p in problems],
        )
    return entries


def parse_catalog_entry(body: dict[str, Any]) -> CatalogEntry:
    name = body.get("name")
    problem = name_problem(name)
    if problem:
        raise InvalidRequest(f"{problem}.")
    category = body.get("category", "other")
    if category not in CATEGORIES:
        raise InvalidRequest(f"category must be one of: {', '.join(CATEGORIES)}.")
    docs_url = _optional(body, "docs_url", _text(500))
    if docs_url and not URL.fullmatch(docs_url):
        raise InvalidRequest("docs_url must be an http(s) address.")
    return CatalogEntry(
        name=name.lower(),
        display_name=_optional(body, "display_name", _text(200)) or name,
        description=_optional(body, "description", _text(MAX_DESCRIPTION), ""),
        category=category,
        pyodide_compatible=_optional(body, "pyodide_compatible", _flag, True),
        install_via_micropip=_optional(body, "install_via_micropip", _flag, True),
        load_time_estimate=_optional(body, "load_time_estimate", _count),
        docs_url=docs_url,
        size_bytes=_optional(body, "size_bytes", _count),
        version=None,
        imports=_optional(body, "imports", _imports, (name.replace("-", "_"),)),
        source="admin",
    )


# Each field of a load attempt, with the check that bounds it to its column.
LOG_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "load_time_ms": _count,
    "success": _flag,
    "kernel_name": _text(100),
    "python_version": _text(50),
    "pyodide_version": _text(50),
    "module_slug": _text(100),
    "notebook_path": _text(1000),
}
LOG_REQUIRED = ("package", "load_time_ms", "success", "kernel_name")
# A failure's reason is kept, clipped: the start says what went wrong.
ERROR_CHARACTERS = 2000


def _load_log(log: Any, where: str) -> dict[str, Any]:
    if not isinstance(log, dict):
        raise InvalidRequest(f"{where} must be an object.")
    missing = [key for key in LOG_REQUIRED if key not in log]
    unknown = sorted(set(log) - {*LOG_FIELDS, "package", "error"})
    if missing or unknown:
        raise InvalidRequest(
            f"{where}: missing {', '.join(missing) or 'nothing'}; "
            f"unknown {', '.join(name[:40] for name in unknown[:5]) or 'nothing'}."
        )
    problem = name_problem(log["package"])
    if problem:
        raise InvalidRequest(f"{where}.package: {problem}.")
    parsed: dict[str, Any] = {"package": log["package"]}
    for key, check in LOG_FIELDS.items():
        name = f"{where}.{key}"
        parsed[key] = (
            check(log[key], name) if key in LOG_REQUIRED else _optional(log, key, check, name=name)
        )
    error = log.get("error")
    if error is not None and not isinstance(error, str):
        raise InvalidRequest(f"{where}.error must be text.")
    parsed["error"] = error[:ERROR_CHARACTERS] if error else None
    return parsed


def parse_load_logs(body: dict[str, Any]) -> list[dict[str, Any]]:
    logs = body.get("logs")
    if not isinstance(logs, list) or not logs:
        raise InvalidRequest("Send {logs: [...]} with at least one load attempt.")
    if len(logs) > MAX_LOGS:
        raise InvalidRequest(f"At most {MAX_LOGS} load attempts per request.")
    return [_load_log(log, f"logs[{index}]") for index, log in enumerate(logs)]


def parse_package_set(body: dict[str, Any]) -> dict[str, Any]:
    name = _optional(body, "name", _text(200), "")
    if not name.strip():
        raise InvalidRequest("A package set needs a name.")
    return {
        "name": name.strip(),
        "description": _optional(body, "description", _text(MAX_DESCRIPTION), ""),
        "is_default": _optional(body, "is_default", _flag, False),
        "packages": [entry.as_json() for entry in strict_package_list(body.get("packages"))],
    }
