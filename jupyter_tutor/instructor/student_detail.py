"""One student of a module as an instructor sees them: every kept check run and their
tutor conversation with the hint level of each answer (the notebook is the progress
service's ``saved_state``)."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from ..exercises.service import exercises_of
from ..store.models import ChatMessage, ChatSession, CheckRunRecord, LearningModule
from ..tutor.history import SESSION_TYPE
from ..tutor.retention import Kept

M = ChatMessage
R = CheckRunRecord


async def check_history(db: AsyncSession, user_id: str, module: LearningModule) -> list[dict]:
    """Oldest first; a failed run names its check's message while the notebook has it."""
    checks = {e.slug: e.checks for e in exercises_of(module)}
    runs = await db.scalars(
        select(R).where(R.module_id == module.id, R.user_id == user_id).order_by(R.id)
    )
    history = []
    for run in runs:
        declared = checks.get(run.exercise_slug, ())
        known = run.failed_check is not None and run.failed_check < len(declared)
        history.append(
            {
                "exercise_id": run.exercise_slug,
                "passed": run.passed,
                "failed_check": run.failed_check,
                "failed_message": declared[run.failed_check].message if known else None,
                "error": run.error,
                "at": run.created_at,
            }
        )
    return history


async def conversation(
    db: AsyncSession, user_id: str, module: LearningModule, kept_since: datetime | None
) -> list[dict[str, Any]] | None:
    """The kept messages oldest first, or None when the student never asked."""
    session_id = await db.scalar(
        select(ChatSession.id).where(
            ChatSession.user_id == user_id,
            ChatSession.module_id == module.id,
            ChatSession.session_type == SESSION_TYPE,
        )
    )
    if session_id is None:
        return None
    messages = await db.scalars(
        select(M)
        .options(defer(M.embedding))
        .where(M.session_id == session_id, *Kept(since=kept_since).where())
        .order_by(M.id)
    )
    return [
        {
            "role": message.role,
            "content": message.content,
            "level": message.level,
            "exercise_id": message.exercise_id,
            "error_output": message.error_output,
            "partial": message.partial,
            "at": message.created_at,
        }
        for message in messages
    ]
