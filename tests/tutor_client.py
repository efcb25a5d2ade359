"""Talk to the tutor socket the way the panel does."""

import itertools
import json
from typing import Any

from contract_shapes import conform

_ids = itertools.count(1)


async def receive(ws: Any) -> dict[str, Any]:
    """The next frame, which must be one the contract defines."""
    message = await ws.read_message()
    assert message is not None, "the tutor closed the socket"
    frame = json.loads(message)
    conform("TutorFrame", frame)
    return frame


async def ask(ws: Any, content: str = "why is this wrong?", **fields: Any) -> list[dict[str, Any]]:
    """Send one question; return every frame of its answer, up to end or error."""
    ask_id = fields.pop("id", f"q{next(_ids)}")
    ws.write_message(json.dumps({"type": "ask", "id": ask_id, "content": content, **fields}))
    frames = []
    while True:
        frame = await receive(ws)
        frames.append(frame)
        if frame["type"] in ("end", "error") and frame["id"] == ask_id:
            return frames


def text_of(frames: list[dict[str, Any]]) -> str:
    """What the student ends up seeing: deltas, unless a replace frame rewrote them."""
    text = ""
    for frame in frames:
        if frame["type"] == "delta":
            text += frame["text"]
        elif frame["type"] == "replace":
            text = frame["text"]
    return text


def start_of(frames: list[dict[str, Any]]) -> dict[str, Any]:
    return next(frame for frame in frames if frame["type"] == "start")
