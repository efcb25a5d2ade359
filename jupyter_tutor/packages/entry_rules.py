"""The rules a package list entry must follow, from ``entry_rules.json`` (pure).

The browser applies the same file (``labextension/src/packages/entryRules.ts``), because a
list can reach a kernel inside a notebook that never went through this server. Names and
specifiers are made only of their own characters (no spaces inside a name, no quotes, ``$``,
braces, backticks or ``;``), so no entry can carry shell or IPython syntax.
"""

import json
import re
from pathlib import Path
from typing import Any

RULES_FILE = Path(__file__).with_name("entry_rules.json")
RULES: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
_PART = re.compile(r"\{([a-z]+)\}")


def _expanded(name: str) -> str:
    return _PART.sub(lambda part: _expanded(part.group(1)), RULES["patterns"][name])


NAME = re.compile(_expanded("name"))
SPECIFIER = re.compile(_expanded("specifier"))
FIELDS: tuple[str, ...] = tuple(RULES["fields"])
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def utf16_length(text: str) -> int:
    """Length as the browser counts it, so both sides clip at the same place."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def quoted(value: str) -> str:
    """The text in double quotes, as ``JSON.stringify`` writes it."""
    text = json.dumps(value, ensure_ascii=False)
    return _LONE_SURROGATE.sub(lambda char: f"\\u{ord(char.group()):04x}", text)


def message(key: str, value: str | None = None, **extra: Any) -> str:
    if value is not None:
        extra["value"] = quoted(value)
    return _PART.sub(lambda part: str(extra[part.group(1)]), RULES["messages"][key])


def is_name(value: str) -> bool:
    return NAME.fullmatch(value) is not None


def name_problem(name: Any) -> str | None:
    """Why ``name`` is not a distribution name, or None."""
    if not isinstance(name, str):
        return message("name_not_text")
    if utf16_length(name) > RULES["max_name_length"]:
        return message("name_too_long", max=RULES["max_name_length"])
    return None if is_name(name) else message("bad_name", name)


def specifier_problem(version: Any) -> str | None:
    """Why ``version`` is not a specifier this project installs, or None."""
    if not isinstance(version, str):
        return message("version_not_text")
    if utf16_length(version) > RULES["max_specifier_length"]:
        return message("version_too_long", max=RULES["max_specifier_length"])
    return None if SPECIFIER.fullmatch(version) else message("bad_version", version)
