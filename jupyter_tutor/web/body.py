"""Request bodies: one JSON object, or a 400 that says what is wrong."""

import json
from typing import Any

from ..errors import InvalidRequest


def parse_json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body or b"null")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidRequest(f"The request body is not valid JSON: {error}.") from error
    if not isinstance(value, dict):
        raise InvalidRequest("The request body must be a JSON object.")
    return value
