"""Exercises: the declarations of each module, each student's check results, and the
exercise a tutor question was about.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "learning_modules",
        sa.Column("exercises", sa.JSON(), nullable=False, server_default="[]"),
    )
    op.add_column(
        "learning_modules",
        sa.Column(
            "complete_when_exercises_pass",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
        ),
    )
    op.create_table(
        "exercise_progress",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=False),
        sa.Column("exercise_slug", sa.String(100), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("failed_check", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_passed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("user_id", "module_id", "exercise_slug", name="uq_exercise_progress"),
    )
    op.create_index("ix_exercise_progress_user_id", "exercise_progress", ["user_id"])
    op.add_column("chat_messages", sa.Column("exercise_id", sa.String(100), nullable=True))
    op.add_column("chat_messages", sa.Column("failed_check", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chat_messages") as batch:
        batch.drop_column("failed_check")
        batch.drop_column("exercise_id")
    op.drop_index("ix_exercise_progress_user_id", "exercise_progress")
    op.drop_table("exercise_progress")
    with op.batch_alter_table("learning_modules") as batch:
        batch.drop_column("complete_when_exercises_pass")
        batch.drop_column("exercises")
