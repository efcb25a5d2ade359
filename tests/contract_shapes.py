"""Check a value against a shape of the contract (jupyter_tutor/contract/schema.json)."""

import json
from typing import Any

from jsonschema import Draft202012Validator

from jupyter_tutor.contract import SCHEMA
from jupyter_tutor.web.base import to_json


def conform(definition: str, value: Any) -> None:
    """Fail, saying where, unless ``value`` as it is sent (JSON) has the shape ``definition``."""
    validator = Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]})
    sent = json.loads(to_json(value))
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sent)]
    assert not problems, f"not a {definition}: {problems}"
