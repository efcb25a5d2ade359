"""nbformat's own notebook schema, checked one cell and one output at a time (pure).

The schema says "a cell is exactly one of raw, markdown or code" (``oneOf``), which a
validator can only check by trying every kind: two failed attempts, each raising an
exception, for every cell and every output of every save. Each alternative requires its own
``cell_type`` (``output_type``), so the value already names the only kind that can match;
this module dispatches on it and checks that one definition, which accepts exactly what the
schema accepts (a property test replays both on generated notebooks). The schema itself is
read from nbformat, never copied.
"""

import copy
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import nbformat.v4

Validator = Callable[..., Any]
# The union definitions that are dispatched on, and the property whose value names the kind.
UNIONS = {"cell": "cell_type", "output": "output_type"}


class NotebookSchema:
    """One nbformat 4 minor version's schema, compiled for dispatch."""

    def __init__(self, schema: dict[str, Any]) -> None:
        schema = copy.deepcopy(schema)
        definitions = schema["definitions"]
        kinds = {union: _kinds(definitions, union, key) for union, key in UNIONS.items()}
        for union in UNIONS:
            # A union member is checked on its own, after the object around it.
            definitions[union] = {"type": "object"}
        _disjoint_unions_short_circuit(schema)
        self._notebook = fastjsonschema.compile(schema)
        self._kinds = {
            union: {kind: _compiled(schema, name) for kind, name in members.items()}
            for union, members in kinds.items()
        }
        # Where members of a union sit inside another definition (a code cell's outputs).
        self._nested = {
            kind: _lists_of(definitions[name], "output") for kind, name in kinds["cell"].items()
        }

    def problem(self, notebook: Any) -> str | None:
        """The first thing the schema refuses in ``notebook`` (``data`` names it), or None."""
        try:
            self._notebook(notebook)
            for index, cell in enumerate(notebook["cells"]):
                where = f"data.cells[{index}]"
                kind = self._check(cell, "cell", where)
                for field in self._nested[kind]:
                    for position, output in enumerate(cell.get(field, ())):
                        self._check(output, "output", f"{where}.{field}[{position}]")
        except fastjsonschema.JsonSchemaValueException as error:
            return error.message
        except _UnknownKind as error:
            return str(error)
        return None

    def _check(self, member: dict[str, Any], union: str, where: str) -> str:
        key = UNIONS[union]
        kind = member.get(key)
        validators = self._kinds[union]
        if not isinstance(kind, str) or kind not in validators:
            raise _UnknownKind(f"{where}.{key} must be one of {', '.join(validators)}")
        validators[kind](member, name_prefix=where)
        return kind


class _UnknownKind(Exception):
    pass


@cache
def notebook_schema(minor: int) -> NotebookSchema:
    """The schema of nbformat 4.``minor`` (a version nbformat ships)."""
    folder = Path(nbformat.v4.__file__).parent
    text = (folder / nbformat.v4.nbformat_schema[(4, minor)]).read_text(encoding="utf-8")
    return NotebookSchema(json.loads(text))


def _kinds(definitions: dict[str, Any], union: str, key: str) -> dict[str, str]:
    """kind -> definition name, for a ``oneOf`` whose members each require one ``key``."""
    kinds = {}
    for member in definitions[union]["oneOf"]:
        name = member["$ref"].removeprefix("#/definitions/")
        definition = definitions[name]
        (kind,) = definition["properties"][key]["enum"]
        if key not in definition["required"] or kind in kinds:
            raise ValueError(f"nbformat's {union} union is not told apart by {key}")
        kinds[kind] = name
    return kinds


def _compiled(schema: dict[str, Any], name: str) -> Validator:
    return fastjsonschema.compile(
        {
            "$schema": schema["$schema"],
            "definitions": schema["definitions"],
            "$ref": f"#/definitions/{name}",
        }
    )


def _lists_of(definition: dict[str, Any], union: str) -> tuple[str, ...]:
    reference = f"#/definitions/{union}"
    return tuple(
        field
        for field, rule in definition.get("properties", {}).items()
        if rule.get("items") == {"$ref": reference}
    )


def _disjoint_unions_short_circuit(node: Any) -> None:
    """``oneOf`` of members with different JSON types (text or a list of lines) means the
    same as ``anyOf``, which stops at the first match instead of trying the rest."""
    if isinstance(node, dict):
        members = node.get("oneOf")
        if isinstance(members, list):
            types = [member.get("type") for member in members]
            if all(isinstance(kind, str) for kind in types) and _distinct_types(types):
                node["anyOf"] = node.pop("oneOf")
        for child in node.values():
            _disjoint_unions_short_circuit(child)
    elif isinstance(node, list):
        for child in node:
            _disjoint_unions_short_circuit(child)


def _distinct_types(types: list[str]) -> bool:
    # An integer is also a number: those two overlap.
    return len(set(types)) == len(types) and not {"integer", "number"} <= set(types)
