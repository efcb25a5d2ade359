"""Check history: every check run of an exercise, not only the latest (the class
dashboard's student detail and its most frequent errors).

Revision ID: 0010_check_history
Revises: 0009_ai_policy
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_check_history"
down_revision: str | None = "0009_ai_policy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "check_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("module_id", sa.Integer(), sa.ForeignKey("learning_modules.id"), nullable=False),
        sa.Column("exercise_slug", sa.String(100), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("failed_check", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_check_runs_module_user", "check_runs", ["module_id", "user_id"])
    op.create_index("ix_check_runs_module_slug", "check_runs", ["module_id", "exercise_slug"])
    # Runs from before: the latest of each exercise is all that is known.
    op.execute(
        "INSERT INTO check_runs (user_id, module_id, exercise_slug, passed, failed_check,"
        " error, created_at) SELECT user_id, module_id, exercise_slug, passed, failed_check,"
        " error, last_run_at FROM exercise_progress"
    )


def downgrade() -> None:
    op.drop_index("ix_check_runs_module_slug", "check_runs")
    op.drop_index("ix_check_runs_module_user", "check_runs")
    op.drop_table("check_runs")
