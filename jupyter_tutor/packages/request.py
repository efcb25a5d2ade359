"""Validate package requests from clients before anything is stored (pure)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidRequest
from ..modules.catalog import SLUG
from ..web.body import bounded_text, whole_number
from .catalog import CATEGORIES, CatalogEntry
from .entry_rules import NAME, RULES, name_problem
from .package_list import PackageRequest, parse_package_list

MAX_LOGS = 200
MAX_NAME = RULES["max_name_length"]
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


# What one load attempt may carry. Text is bounded so a post cannot fill the shared
# database; the error text alone is clipped (it is a message, and the rest still counts).
MAX_LOAD_TIME_MS = 3_600_000  # an hour: anything longer is not a package load
MAX_ERROR_CHARS = 2000
KERNEL_NAME = re.compile(r"[a-z0-9._-]+", re.IGNORECASE)  # as jupyter_client names them
VERSION = re.compile(r"[A-Za-z0-9.+!_-]+")
MAX_NOTEBOOK_PATH = 1000
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class LogText:
    """How one text field of a load log is checked."""

    describe: str
    max_length: int
    pattern: re.Pattern[str] | None = None  # None: any text without control characters

    def accepts(self, value: str) -> bool:
        if not 0 < len(value) <= self.max_length:
            return False
        if self.pattern is not None:
            return bool(self.pattern.fullmatch(value))
        return not CONTROL.search(value)


LOG_TEXT = {
    "package": LogText(f"a PEP 508 name of at most {MAX_NAME} characters", MAX_NAME, NAME),
    "kernel_name": LogText("a kernel name: 1-100 letters, digits or . _ -", 100, KERNEL_NAME),
    "python_version": LogText("a version: 1-50 letters, digits or . + ! _ -", 50, VERSION),
    "pyodide_version": LogText("a version: 1-50 letters, digits or . + ! _ -", 50, VERSION),
    "module_slug": LogText("a module id (a-z, 0-9, -) of at most 100 characters", 100, SLUG),
    "notebook_path": LogText(
        f"a path of at most {MAX_NOTEBOOK_PATH} characters without control characters",
        MAX_NOTEBOOK_PATH,
    ),
}
LOG_FIELDS = {**dict.fromkeys(LOG_TEXT, str), "error": str, "load_time_ms": int, "success": bool}
LOG_REQUIRED = ("package", "load_time_ms", "success", "kernel_name")


def clip_error(text: str) -> str:
    """The first MAX_ERROR_CHARS of an error message; NUL (which Postgres cannot store) dropped."""
    return text.replace("\x00", "")[:MAX_ERROR_CHARS]


def parse_load_log(index: int, log: Any) -> dict[str, Any]:
    if not isinstance(log, dict):
        raise InvalidRequest(f"logs[{index}] must be an object.")
    missing = [key for key in LOG_REQUIRED if log.get(key) is None]
    unknown = sorted(str(key) for key in set(log) - set(LOG_FIELDS))
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
    for key, rule in LOG_TEXT.items():
        if log.get(key) is not None and not rule.accepts(log[key]):
            raise InvalidRequest(f"logs[{index}].{key} must be {rule.describe}.")
    if not 0 <= log["load_time_ms"] <= MAX_LOAD_TIME_MS:
        raise InvalidRequest(
            f"logs[{index}].load_time_ms must be between 0 and {MAX_LOAD_TIME_MS}."
        )
    if log.get("error") is not None:
        log = {**log, "error": clip_error(log["error"])}
    return log


def parse_load_logs(body: dict[str, Any]) -> list[dict[str, Any]]:
    logs = body.get("logs")
    if not isinstance(logs, list) or not logs:
        raise InvalidRequest("Send {logs: [...]} with at least one load attempt.")
    if len(logs) > MAX_LOGS:
        raise InvalidRequest(f"At most {MAX_LOGS} load attempts per request.")
    return [parse_load_log(index, log) for index, log in enumerate(logs)]


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
