"""Frames the server sends on the tutor socket (see docs/ARCHITECTURE.md)."""

from typing import Any


def error_frame(
    ask_id: str | None,
    code: str,
    message: str,
    *,
    retryable: bool = False,
    partial: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "type": "error",
        "id": ask_id,
        "code": code,
        "message": message,
        "retryable": retryable,
        "partial": partial,
        **extra,
    }
