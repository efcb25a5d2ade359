"""Tutor chat sessions, messages and usage; per-module tutor settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("learning_modules", sa.Column("tutor_settings", sa.JSON(), nullable=True))
    op.create_table(
        "chat_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("session_type", sa.String(20), nullable=False),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "session_type", "module_id", name="uq_chat_session"),
    )
    op.create_index("ix_chat_sessions_user_id", "chat_sessions", ["user_id"])

    op.create_table(
        "chat_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("chat_sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("cell_code", sa.Text(), nullable=False, server_default=""),
        sa.Column("error_output", sa.Text(), nullable=False, server_default=""),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("same_problem", sa.Boolean(), nullable=True),
        sa.Column("provider", sa.String(20), nullable=True),
        sa.Column("partial", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("embedding", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_chat_messages_session_id", "chat_messages", ["session_id"])

    op.create_table(
        "tutor_usage",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=False),
        sa.Column("provider", sa.String(20), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("completion_tokens", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("total_tokens", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_tutor_usage_user_id", "tutor_usage", ["user_id"])
    op.create_index("ix_tutor_usage_created_at", "tutor_usage", ["created_at"])


def downgrade() -> None:
    op.drop_table("tutor_usage")
    op.drop_table("chat_messages")
    op.drop_table("chat_sessions")
    with op.batch_alter_table("learning_modules") as batch:
        batch.drop_column("tutor_settings")
