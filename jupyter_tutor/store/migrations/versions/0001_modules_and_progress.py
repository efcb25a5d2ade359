"""Learning modules, per-user progress and progress snapshots.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

notebook_json = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "learning_modules",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slug", sa.String(100), nullable=False, unique=True),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("notebook_filename", sa.String(255), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.create_index("ix_learning_modules_order", "learning_modules", ["order"])

    op.create_table(
        "user_module_progress",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notebook_state", notebook_json, nullable=True),
        sa.Column("state_bytes", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("attempt_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("user_id", "module_id", name="uq_progress_user_module"),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'completed')", name="ck_progress_status"
        ),
    )
    op.create_index("ix_user_module_progress_user_id", "user_module_progress", ["user_id"])

    op.create_table(
        "progress_snapshots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "progress_id",
            sa.Integer(),
            sa.ForeignKey("user_module_progress.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("notebook_state", notebook_json, nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_progress_snapshots_progress_id", "progress_snapshots", ["progress_id"])


def downgrade() -> None:
    op.drop_table("progress_snapshots")
    op.drop_table("user_module_progress")
    op.drop_table("learning_modules")
