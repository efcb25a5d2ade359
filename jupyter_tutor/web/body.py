"""JSON from clients: values every store can hold, or a 400 that says what is wrong (pure).

Strict UTF-8, no NaN or Infinity, numbers a browser reads back exactly, no NUL characters or
lone surrogates (Postgres cannot store them in JSON text), nesting bounded. The same rules
serve request bodies and WebSocket frames.
"""

import json
import math
import re
from collections.abc import Callable
from typing import Any

from ..errors import InvalidRequest

MAX_DEPTH = 32
# Integers beyond this lose precision in the browser.
SAFE_INTEGER = 2**53 - 1
# What an id, a version or a duration may be: an Integer column holds it.
MAX_WHOLE_NUMBER = 2**31 - 1
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# How JSON text spells one of those (or, harmlessly, an escaped backslash before "u0000").
_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


def _no_constants(name: str) -> Any:
    raise InvalidRequest(f"{name} is not a number JSON allows; send a finite number.")


def unstorable_text(text: str, what: str) -> str | None:
    """Why ``text`` cannot be stored, or None."""
    found = _UNSTORABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return f"{what} contains a NUL character (\\u0000), which cannot be stored."
    return f"{what} contains a lone surrogate (\\u{ord(found.group()):04x}): it is not valid text."


def check_text(text: str, what: str) -> str:
    problem = unstorable_text(text, what)
    if problem:
        raise InvalidRequest(problem)
    return text


def check_nesting(value: Any, what: str, max_depth: int = MAX_DEPTH) -> None:
    """Refuse a value nested more than ``max_depth`` levels (the value itself is level 1)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        members = item.values() if isinstance(item, dict) else item
        if members and depth >= max_depth:
            raise InvalidRequest(f"{what} is nested more than {max_depth} levels deep.")
        stack.extend((member, depth + 1) for member in members if isinstance(member, dict | list))


def check_texts(value: Any, what: str) -> None:
    """Refuse a text or key anywhere in ``value`` that a store cannot hold."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            check_text(item, what)
        elif isinstance(item, dict):
            for key, member in item.items():
                check_text(key, what)
                stack.append(member)
        elif isinstance(item, list):
            stack.extend(item)


def _whole_number(what: str) -> Callable[[str], int]:
    def parse(digits: str) -> int:
        # JSON has no leading zeros: more than 16 digits is always beyond the safe range.
        count = len(digits) - digits.startswith("-")
        if count > 16 or (count == 16 and abs(int(digits)) > SAFE_INTEGER):
            raise InvalidRequest(f"{what} holds a whole number beyond ±{SAFE_INTEGER}.")
        return int(digits)

    return parse


def _finite_number(what: str) -> Callable[[str], float]:
    def parse(literal: str) -> float:
        number = float(literal)
        if not math.isfinite(number):
            raise InvalidRequest(f"{what} holds a number too large to store.")
        return number

    return parse


def parse_json(
    data: bytes | str, what: str = "The request body", max_depth: int = MAX_DEPTH
) -> Any:
    """A value every store can hold. Numbers are checked as they are read; texts only when
    the JSON could hold an unstorable one (saves are large and nearly always clean)."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value = json.loads(
            text or "null",
            parse_constant=_no_constants,
            parse_int=_whole_number(what),
            parse_float=_finite_number(what),
        )
    except UnicodeDecodeError as error:
        raise InvalidRequest(f"{what} is not UTF-8 text (byte {error.start}).") from None
    except json.JSONDecodeError as error:
        raise InvalidRequest(f"{what} is not valid JSON: {error.msg} at {error.pos}.") from None
    except RecursionError:
        raise InvalidRequest(f"{what} is nested more than {max_depth} levels deep.") from None
    except ValueError as error:  # e.g. an integer with more digits than Python reads
        raise InvalidRequest(f"{what} is not JSON that can be read: {error}.") from None
    check_nesting(value, what, max_depth)
    if _may_hold_unstorable_text(text):
        check_texts(value, what)
    return value


def _may_hold_unstorable_text(text: str) -> bool:
    # Substring tests and an encode are far cheaper than a regex over a whole notebook.
    if "\\u" in text and _UNSTORABLE_ESCAPE.search(text):
        return True
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")  # fails on a lone surrogate
    except UnicodeEncodeError:
        return True
    return False


def parse_json_object(
    data: bytes | str, what: str = "The request body", max_depth: int = MAX_DEPTH
) -> dict[str, Any]:
    value = parse_json(data, what, max_depth)
    if not isinstance(value, dict):
        raise InvalidRequest(f"{what} must be a JSON object.")
    return value


def whole_number(
    value: Any,
    name: str,
    *,
    meaning: str = "",
    minimum: int = 0,
    maximum: int = MAX_WHOLE_NUMBER,
) -> int:
    """An id, version, count or duration: an integer from ``minimum`` to ``maximum``."""
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        what = f"{meaning}: " if meaning else ""
        raise InvalidRequest(
            f"{name} must be {what}a whole number from {minimum} to {maximum:,}, "
            f"got {_shown(value)}."
        )
    return value


def bounded_text(value: Any, name: str, max_length: int) -> str:
    """Text of at most ``max_length`` characters (what its column holds)."""
    if not isinstance(value, str):
        raise InvalidRequest(f"{name} must be text, got {_shown(value)}.")
    if len(value) > max_length:
        raise InvalidRequest(f"{name} is longer than {max_length:,} characters.")
    return value


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True) if _is_plain(value) else type(value).__name__
    return text if len(text) <= 40 else text[:40] + "…"


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, bool | int | float | str)
