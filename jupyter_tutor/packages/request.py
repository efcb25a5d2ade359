"""Validate package requests from clients before anything is stored (pure)."""

import re
from typing import Any

from ..errors import InvalidRequest
from .catalog import CATEGORIES, CatalogEntry
from .package_list import NAME, PackageRequest, parse_package_list

MAX_LOGS = 200
URL = re.compile(r"^https?://\S+$")


def _field(
    body: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any = None
) -> Any:
    value = body.get(key, default)
    if value is not None and (
        not isinstance(value, kind) or (isinstance(value, bool) and kind is int)
    ):
        raise InvalidRequest(f"{key} has the wrong type.")
    return value


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
    if not isinstance(name, str) or not NAME.match(name):
        raise InvalidRequest(f"{name!r} is not a valid package name (PEP 508).")
    category = body.get("category", "other")
    if category not in CATEGORIES:
        raise InvalidRequest(f"category must be one of: {', '.join(CATEGORIES)}.")
    docs_url = _field(body, "docs_url", str)
    if docs_url and not URL.match(docs_url):
        raise InvalidRequest("docs_url must be an http(s) address.")
    load_time = _field(body, "load_time_estimate", int)
    size = _field(body, "size_bytes", int)
    if (load_time is not None and load_time < 0) or (size is not None and size < 0):
        raise InvalidRequest("load_time_estimate and size_bytes cannot be negative.")
    micropip = _field(body, "install_via_micropip", bool, True)
    return CatalogEntry(
        name=name.lower(),
        display_name=_field(body, "display_name", str) or name,
        description=_field(body, "description", str, ""),
        category=category,
        pyodide_compatible=_field(body, "pyodide_compatible", bool, True),
        install_via_micropip=micropip,
        load_time_estimate=load_time,
        docs_url=docs_url,
        size_bytes=size,
        version=None,
        imports=tuple(_field(body, "imports", list, [name.replace("-", "_")])),
        source="admin",
    )


LOG_FIELDS = {
    "package": str,
    "load_time_ms": int,
    "success": bool,
    "error": str,
    "kernel_name": str,
    "python_version": str,
    "pyodide_version": str,
    "module_slug": str,
    "notebook_path": str,
}
LOG_REQUIRED = ("package", "load_time_ms", "success", "kernel_name")


def parse_load_logs(body: dict[str, Any]) -> list[dict[str, Any]]:
    logs = body.get("logs")
    if not isinstance(logs, list) or not logs:
        raise InvalidRequest("Send {logs: [...]} with at least one load attempt.")
    if len(logs) > MAX_LOGS:
        raise InvalidRequest(f"At most {MAX_LOGS} load attempts per request.")
    parsed = []
    for index, log in enumerate(logs):
        if not isinstance(log, dict):
            raise InvalidRequest(f"logs[{index}] must be an object.")
        missing = [key for key in LOG_REQUIRED if key not in log]
        unknown = sorted(set(log) - set(LOG_FIELDS))
        if missing or unknown:
            raise InvalidRequest(
                f"logs[{index}]: missing {', '.join(missing) or 'nothing'}; "
                f"unknown {', '.join(unknown) or 'nothing'}."
            )
        for key, kind in LOG_FIELDS.items():
            value = log.get(key)
            if value is not None and (
                not isinstance(value, kind) or (kind is int and isinstance(value, bool))
            ):
                raise InvalidRequest(f"logs[{index}].{key} has the wrong type.")
        if log["load_time_ms"] < 0:
            raise InvalidRequest(f"logs[{index}].load_time_ms cannot be negative.")
        parsed.append(log)
    return parsed


def parse_package_set(body: dict[str, Any]) -> dict[str, Any]:
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidRequest("A package set needs a name.")
    return {
        "name": name.strip(),
        "description": _field(body, "description", str, ""),
        "is_default": _field(body, "is_default", bool, False),
        "packages": [entry.as_json() for entry in strict_package_list(body.get("packages"))],
    }
