"""Package catalog, load logs and package sets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "python_packages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("pyodide_compatible", sa.Boolean(), nullable=False),
        sa.Column("install_via_micropip", sa.Boolean(), nullable=False),
        sa.Column("load_time_estimate", sa.Integer(), nullable=True),
        sa.Column("docs_url", sa.String(500), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("version", sa.String(50), nullable=True),
        sa.Column("imports", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
    )
    op.create_index("ix_python_packages_category", "python_packages", ["category"])

    op.create_table(
        "package_load_logs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("package", sa.String(100), nullable=False),
        sa.Column("load_time_ms", sa.Integer(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("kernel_name", sa.String(100), nullable=False),
        sa.Column("python_version", sa.String(50), nullable=True),
        sa.Column("pyodide_version", sa.String(50), nullable=True),
        sa.Column("module_slug", sa.String(100), nullable=True),
        sa.Column("notebook_path", sa.String(1000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_package_load_logs_user_id", "package_load_logs", ["user_id"])
    op.create_index("ix_package_load_logs_package", "package_load_logs", ["package"])

    op.create_table(
        "package_sets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("description", sa.Text(), nullable=False, server_default=""),
        sa.Column("is_default", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("packages", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(255), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("package_sets")
    op.drop_table("package_load_logs")
    op.drop_table("python_packages")
