"""The class dashboard: indexes for its per-module aggregates, and what a check run's
history needs (when a student first ran an exercise's checks, the attempts it took to pass).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("exercise_progress") as batch:
        batch.add_column(sa.Column("first_run_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("attempts_to_pass", sa.Integer(), nullable=True))
    # Rows from before: the best that is known (the latest run; every attempt so far).
    op.execute("UPDATE exercise_progress SET first_run_at = last_run_at")
    op.execute(
        "UPDATE exercise_progress SET attempts_to_pass = attempts WHERE first_passed_at IS NOT NULL"
    )
    op.create_index(
        "ix_exercise_progress_module_slug", "exercise_progress", ["module_id", "exercise_slug"]
    )
    op.create_index("ix_progress_module_status", "user_module_progress", ["module_id", "status"])
    op.create_index("ix_chat_sessions_module", "chat_sessions", ["module_id", "user_id"])
    op.create_index("ix_chat_messages_session_role", "chat_messages", ["session_id", "role"])


def downgrade() -> None:
    op.drop_index("ix_chat_messages_session_role", "chat_messages")
    op.drop_index("ix_chat_sessions_module", "chat_sessions")
    op.drop_index("ix_progress_module_status", "user_module_progress")
    op.drop_index("ix_exercise_progress_module_slug", "exercise_progress")
    with op.batch_alter_table("exercise_progress") as batch:
        batch.drop_column("attempts_to_pass")
        batch.drop_column("first_run_at")
