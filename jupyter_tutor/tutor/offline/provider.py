"""Offline hints: explain the student's actual error at each hint level, no model needed."""

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..pedagogy.settings import TutorSettings

RULES_FILE = Path(__file__).with_name("rules.json")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ERROR_LINE = re.compile(r"^\s*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception)):\s?(.*)$")
ARROW_LINE = re.compile(r"^-+>\s*(\d+)")
FILE_LINE = re.compile(r"line (\d+)")
LABEL = "**Offline hint** · {title}\n\n"
PLACEHOLDER = re.compile(r"\{(name|detail|line|line_number|message)\}")


@dataclass(frozen=True)
class ParsedError:
    error_type: str
    message: str
    line_number: int | None


def parse_error(error_output: str) -> ParsedError | None:
    """The last ``SomethingError: message`` line of a traceback, and where it happened."""
    lines = ANSI.sub("", error_output).splitlines()
    found = None
    for line in reversed(lines):
        match = ERROR_LINE.match(line)
        if match:
            found = match
            break
    if found is None:
        return None
    line_number = None
    for line in reversed(lines):
        arrow = ARROW_LINE.match(line.strip()) or FILE_LINE.search(line)
        if arrow:
            line_number = int(arrow.group(1))
            break
    return ParsedError(found.group(1), found.group(2).strip(), line_number)


@cache
def load_rules(path: Path = RULES_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _short_type(error_type: str) -> str:
    return error_type.rsplit(".", 1)[-1]


def _find_rule(parsed: ParsedError, rules: dict[str, Any]) -> tuple[dict[str, Any], str]:
    for rule in rules["rules"]:
        types = {_short_type(name) for name in rule["error_types"]}
        if _short_type(parsed.error_type) not in types:
            continue
        match = re.search(rule["message_pattern"], parsed.message)
        if match:
            name = next((group for group in match.groups() if group), parsed.message)
            return rule, name
    return rules["fallback"], parsed.message


def _offending_line(
    cell_code: str, parsed: ParsedError | None, name: str
) -> tuple[str, int | None]:
    lines = cell_code.splitlines()
    if parsed and parsed.line_number and 0 < parsed.line_number <= len(lines):
        return lines[parsed.line_number - 1].strip(), parsed.line_number
    # Without a line number, the last line using the name is where it went wrong.
    for number, line in reversed(list(enumerate(lines, start=1))):
        if name and name in line:
            return line.strip(), number
    code = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    return (code[-1][1].strip(), code[-1][0]) if code else ("this cell", None)


def offline_hint(
    level: int, cell_code: str, error_output: str, failing_check: str | None = None
) -> str:
    """The hint for ``level`` (1 to 4) about this code and error, labelled as offline.

    Without an error, the message of the exercise's failing check (``failing_check``)
    says what is still wrong; an error in the cell comes first.
    """
    rules = load_rules()
    parsed = parse_error(error_output) if error_output else None
    rule, name = _find_rule(parsed, rules) if parsed else (rules["fallback"], "")
    if parsed is None and failing_check:
        rule = rules["failing_check"]
    line, line_number = _offending_line(cell_code, parsed, name)
    text = rule["levels"][min(max(level, 1), len(rule["levels"])) - 1]
    values = {
        "name": name,
        "detail": parsed.message if parsed else "",
        "line": line,
        "line_number": line_number or "?",
        "message": failing_check or "",
    }
    # Only our placeholders are filled: the texts' own code examples contain braces.
    filled = PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)
    return LABEL.format(title=rule["title"]) + filled


def offline_guard_settings(settings: TutorSettings) -> TutorSettings:
    """The guard's rules for offline hints: mask avoided words, no code budget.

    The hints are written to teach, never to solve; the code they show is the student's
    own line or a generic example, which the budget (there for models) would mask at
    random. The browser tutor applies the same rules, so both answer alike.
    """
    return replace(settings, code_allowed_level=1)
