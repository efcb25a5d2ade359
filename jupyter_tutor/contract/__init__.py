"""The contract both halves apply: constants (``constants.json``) and shapes (``schema.json``).

Written once here; the browser's TypeScript is generated from these files by
``labextension/scripts/generate-contract.js``, and tests check the server's output against
the schema, so neither side can drift from the other.
"""

import json
from pathlib import Path
from typing import Any

CONSTANTS_FILE = Path(__file__).with_name("constants.json")
SCHEMA_FILE = Path(__file__).with_name("schema.json")

_CONSTANTS: dict[str, Any] = {
    name: entry["value"]
    for name, entry in json.loads(CONSTANTS_FILE.read_text(encoding="utf-8"))["constants"].items()
}
SCHEMA: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def constant(name: str) -> Any:
    """A value of ``constants.json``; a KeyError for a name it does not define."""
    return _CONSTANTS[name]


def names(definition: str) -> tuple[str, ...]:
    """The values of an enumeration of ``schema.json`` (``ModuleStatus``…), in its order."""
    return tuple(SCHEMA["$defs"][definition]["enum"])


def fields(definition: str) -> frozenset[str]:
    """The properties an object of ``schema.json`` may have."""
    return frozenset(SCHEMA["$defs"][definition]["properties"])
