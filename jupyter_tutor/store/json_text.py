"""Notebooks kept as JSON text between the request and the database.

A saved notebook can be megabytes. It is parsed and validated once, off the event loop,
into ``JSONText``; the engine stores that text as it is, and reads give it back as text, so
the server never parses or re-serialises a large notebook while other requests wait.
"""

import json
from typing import Any


class JSONText(str):
    """JSON that was already validated and serialised: stored and sent as it is."""


def serialize(value: Any) -> str:
    """The engine's JSON serialiser: ``JSONText`` passes through, the rest is dumped."""
    return value if isinstance(value, JSONText) else json.dumps(value)
