"""Which check errors are "the same error": a run's error text folded to its kind (pure).

``NameError: name 'evens' is not defined`` and ``NameError: name 'grid' is not defined``
are one kind for an instructor; so are two IndexErrors naming different positions, or
two reprs at different memory addresses.
"""

import re
from dataclasses import dataclass

# What a check records: "Name: message", or just the exception's name (exercises'
# checkOutcome.ts); Pyodide may report the name as "<class 'Name'>".
_NAMED = re.compile(r"^(?:<class '([\w.]+)'>|([A-Za-z_][\w.]*))(?::\s*(.*))?$", re.DOTALL)
_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]+\b")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w.])")
_SPACE = re.compile(r"\s+")

# A kind's message is shown in a table cell and a chart label.
MAX_KIND_MESSAGE = 200


@dataclass(frozen=True, order=True)
class ErrorKind:
    name: str
    message: str


def error_kind(error: str) -> ErrorKind:
    """The error's name and its message with addresses, quoted names and numbers folded
    (``0x…``, ``'…'``, ``N``), whitespace collapsed, clipped."""
    text = error.strip()
    named = _NAMED.match(text)
    if named and (named.group(3) is not None or "\n" not in text):
        name = named.group(1) or named.group(2)
        message = named.group(3) or ""
    else:
        name, message = "", text
    message = _ADDRESS.sub("0x…", message)
    message = _QUOTED.sub("'…'", message)
    message = _NUMBER.sub("N", message)
    message = _SPACE.sub(" ", message).strip()
    return ErrorKind(name[:100], message[:MAX_KIND_MESSAGE])
