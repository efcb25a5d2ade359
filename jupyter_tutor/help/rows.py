"""A help request as the student and as the instructor see it (pure)."""

from typing import Any

from ..store.models import ChatMessage, HelpRequest


def request_json(row: HelpRequest, module_slug: str) -> dict[str, Any]:
    """The contract's ``HelpRequest``: what the student sees of their own request."""
    return {
        "id": row.id,
        "module_id": module_slug,
        "question": row.question,
        "cell_code": row.cell_code,
        "error_output": row.error_output,
        "exercise_id": row.exercise_id,
        "check_result": row.check_result,
        "status": row.status,
        "answer": row.answer,
        "answered_at": row.answered_at,
        "resolved_at": row.resolved_at,
        "created_at": row.created_at,
    }


def queued_json(
    row: HelpRequest, module_slug: str, conversation: list[ChatMessage]
) -> dict[str, Any]:
    """The contract's ``QueuedHelpRequest``: who asked, who answered, the conversation."""
    return {
        **request_json(row, module_slug),
        "user_id": row.user_id,
        "answered_by": row.answered_by,
        "conversation": [
            {"role": m.role, "content": m.content, "created_at": m.created_at} for m in conversation
        ],
    }
