"""The help queue: students' questions to their instructor, and the answers.

Revision ID: 0008_help_queue
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_help_queue"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "help_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("cell_code", sa.Text(), nullable=False),
        sa.Column("error_output", sa.Text(), nullable=False),
        sa.Column("exercise_id", sa.String(100), nullable=True),
        sa.Column("check_result", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(255), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'answered', 'resolved')", name="ck_help_request_status"
        ),
    )
    op.create_index("ix_help_requests_created_at", "help_requests", ["created_at"])
    op.create_index("ix_help_requests_module_created", "help_requests", ["module_id", "created_at"])
    op.create_index(
        "ix_help_requests_user_module_status",
        "help_requests",
        ["user_id", "module_id", "status"],
    )


def downgrade() -> None:
    op.drop_table("help_requests")
