"""Limits that hold under concurrency: the load-log day counter, tutor usage reserved
before the model is asked (and the per-student lock row), conversation pruning.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "load_log_counts",
        sa.Column("user_id", sa.String(255), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_table(
        "tutor_limit_locks",
        sa.Column("user_id", sa.String(255), primary_key=True),
        sa.Column("reserved_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.add_column(
        "tutor_usage",
        sa.Column("reserved_tokens", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_tutor_usage_user_created", "tutor_usage", ["user_id", "created_at"])
    op.add_column(
        "chat_sessions",
        sa.Column("history_epoch", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_chat_messages_created_at", "chat_messages", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_chat_messages_created_at", "chat_messages")
    with op.batch_alter_table("chat_sessions") as batch:
        batch.drop_column("history_epoch")
    op.drop_index("ix_tutor_usage_user_created", "tutor_usage")
    with op.batch_alter_table("tutor_usage") as batch:
        batch.drop_column("reserved_tokens")
    op.drop_table("tutor_limit_locks")
    op.drop_table("load_log_counts")
