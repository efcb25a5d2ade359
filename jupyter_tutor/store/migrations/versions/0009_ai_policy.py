"""The AI policy instructors set for a module from the dashboard, over the notebook's.

Revision ID: 0009_ai_policy
Revises: 0008_help_queue
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_ai_policy"
down_revision: str | None = "0008_help_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ai_policies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=False),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("set_by", sa.String(255), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("module_id"),
    )


def downgrade() -> None:
    op.drop_table("ai_policies")
