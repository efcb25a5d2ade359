"""The contract (jupyter_tutor/contract/) is the one place each shared rule is written.

The TypeScript side is generated from it and must be current; neither side may carry its own
copy of a value the contract defines (a limit, a level name, a list of statuses…).
"""

import ast
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from jupyter_tutor.contract import CONSTANTS_FILE, SCHEMA, constant, fields, names

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "labextension/scripts/generate-contract.js"
# Where the contract's values are written or generated; migrations are history, frozen.
OWN = ("jupyter_tutor/contract/", "labextension/src/contract/", "jupyter_tutor/store/migrations/")
# Numbers that equal a contract value by coincidence, each with what it means instead.
COINCIDENCES = {
    ("labextension/src/tutor/errorOutput.ts", 4000): "the panel's clip of a traceback",
    ("labextension/src/backend/tutorConnection.ts", 4000): "WebSocket's private close codes",
}

CONSTANTS: dict[str, Any] = {
    name: entry["value"]
    for name, entry in json.loads(CONSTANTS_FILE.read_text(encoding="utf-8"))["constants"].items()
}
ENUMS = {name: names(name) for name, d in SCHEMA["$defs"].items() if "enum" in d}
# The closed blocks and frames whose fields a validator checks (REST shapes are written out).
CLOSED = {
    name: fields(name)
    for name, d in SCHEMA["$defs"].items()
    if d.get("additionalProperties") is False and name.endswith(("Block", "Frame"))
}
# A number is a telling copy when it is unlikely to mean anything else.
NUMBERS = {v for v in CONSTANTS.values() if isinstance(v, (int, float)) and (v >= 100 or v % 1)}
PHRASES = {p for key in ("LEVEL_NAMES", "MORE_HELP_PHRASES") for p in CONSTANTS[key]}


def sources(folder: str, *suffixes: str) -> Iterator[tuple[str, str]]:
    for path in sorted((REPO / folder).rglob("*")):
        name = path.relative_to(REPO).as_posix()
        if path.suffix in suffixes and not name.startswith(OWN) and "node_modules" not in name:
            yield name, path.read_text(encoding="utf-8")


def copied_in_python(source: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp):
            try:
                value = eval(compile(ast.Expression(node), "", "eval"), {"__builtins__": {}})
            except Exception:
                continue
            if value in NUMBERS:
                yield f"{value} (line {node.lineno})"
        elif isinstance(node, ast.Constant) and not isinstance(node.value, bool):
            if node.value in NUMBERS or node.value in PHRASES:
                yield f"{node.value!r} (line {node.lineno})"
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            listed = {e.value for e in node.elts if isinstance(e, ast.Constant)}
            yield from collections_copied(listed, node.lineno)


def collections_copied(listed: set[Any], line: int) -> Iterator[str]:
    for name, values in ENUMS.items():
        # Two of three statuses are a copy; two of a dozen error codes may be another list's.
        if len(listed & set(values)) >= min(3, len(values)):
            yield f"the {name} values (line {line})"
    for name, keys in CLOSED.items():
        if len(listed & keys) >= 3:
            yield f"the {name} fields (line {line})"


def copied_in_typescript(name: str, source: str) -> Iterator[str]:
    for match in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*\*\s*1024){0,2}(?![\w.])", source):
        text = match.group(0)
        value = float(match.group(1)) * 1024 ** text.count("*")
        if value in NUMBERS and (name, value) not in COINCIDENCES:
            yield f"{text} (offset {match.start()})"
    quoted = re.findall(r"'((?:[^'\\\n]|\\.)*)'", source)
    for text in quoted:
        if text in PHRASES:
            yield repr(text)
    # Lists and unions: values quoted one after the other, joined by , or |.
    for run in re.finditer(r"'[\w ]+'(?:\s*[,|]\s*'[\w ]+')+", source):
        listed = set(re.findall(r"'([\w ]+)'", run.group(0)))
        yield from collections_copied(listed, source.count("\n", 0, run.start()) + 1)


def test_the_schema_is_a_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    refs = set(re.findall(r'"#/\$defs/(\w+)"', json.dumps(SCHEMA)))
    assert refs <= set(SCHEMA["$defs"])


def test_every_constant_says_what_it_is() -> None:
    entries = json.loads(CONSTANTS_FILE.read_text(encoding="utf-8"))["constants"]
    assert all(set(entry) == {"value", "description"} for entry in entries.values())


@pytest.mark.skipif(shutil.which("node") is None, reason="the generator runs in Node")
def test_the_generated_typescript_is_current() -> None:
    done = subprocess.run(
        ["node", str(GENERATOR), "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


PYTHON = dict(sources("jupyter_tutor", ".py"))
TYPESCRIPT = dict(sources("labextension/src", ".ts", ".tsx"))


@pytest.mark.parametrize("name", PYTHON)
def test_no_python_module_copies_the_contract(name: str) -> None:
    assert list(copied_in_python(PYTHON[name])) == [], f"{name} copies the contract"


@pytest.mark.parametrize("name", TYPESCRIPT)
def test_no_typescript_module_copies_the_contract(name: str) -> None:
    assert list(copied_in_typescript(name, TYPESCRIPT[name])) == [], f"{name} copies the contract"


def test_the_autosave_setting_states_the_contract() -> None:
    """JupyterLab reads a setting's default from its JSON schema, so it is stated there."""
    schema = json.loads((REPO / "labextension/schema/progress.json").read_text())
    interval = schema["properties"]["autosaveInterval"]
    assert interval["default"] == constant("AUTOSAVE_INTERVAL_SECONDS")
    assert interval["minimum"] == constant("MIN_AUTOSAVE_INTERVAL_SECONDS")


def test_the_checks_find_a_copy() -> None:
    """The detectors themselves: each kind of copy is found."""
    assert list(copied_in_python("LIMIT = 20 * 1024 * 1024\nX = ('completed', 'in_progress')"))
    assert list(copied_in_python('NAMES = ["Nudge"]'))
    typescript = "const A = 0.65;\ntype S = 'history' | 'conflict';\nconst N = 'Pointer';"
    assert len(list(copied_in_typescript("x.ts", typescript))) == 3
