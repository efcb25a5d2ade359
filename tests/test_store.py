"""Migrations from an empty database and syncing modules from notebooks."""

import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import fixture_notebook, payload
from sqlalchemy import inspect

from jupyter_tutor.modules import service as module_service
from jupyter_tutor.modules.catalog import scan
from jupyter_tutor.modules.service import sync_modules
from jupyter_tutor.store.models import Base


async def test_migrations_build_the_schema_from_an_empty_database(tutor):
    def describe(connection):
        inspector = inspect(connection)
        return {
            table: {
                "columns": {c["name"] for c in inspector.get_columns(table)},
                "indexes": {tuple(i["column_names"]) for i in inspector.get_indexes(table)},
                "unique": {
                    tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)
                },
            }
            for table in inspector.get_table_names()
        }

    async with tutor.engine.connect() as connection:
        schema = await connection.run_sync(describe)
        version = (
            await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
        ).scalar()

    assert version == "0010_check_history"
    assert schema["learning_modules"]["columns"] >= {
        "id",
        "slug",
        "title",
        "description",
        "notebook_filename",
        "order",
        "active",
    }
    assert ("order",) in schema["learning_modules"]["indexes"]
    progress = schema["user_module_progress"]
    assert progress["columns"] >= {
        "id",
        "user_id",
        "module_id",
        "status",
        "notebook_state",
        "version",
        "attempt_count",
        "updated_at",
    }
    assert ("user_id", "module_id") in progress["unique"]
    assert ("user_id",) in progress["indexes"]
    assert ("progress_id",) in schema["progress_snapshots"]["indexes"]
    tokens = schema["student_tokens"]
    assert tokens["columns"] == {
        "id",
        "token_hash",
        "username",
        "groups",
        "created_at",
        "revoked_at",
    }
    assert ("username",) in tokens["indexes"]
    help_requests = schema["help_requests"]
    assert {"user_id", "module_id", "question", "status", "answer"} <= help_requests["columns"]
    assert ("module_id", "created_at") in help_requests["indexes"]

    # Starting again on a migrated database is a no-op.
    await tutor.store.again()


async def test_resync_updates_inserts_and_retires_but_keeps_progress(tutor, api, modules_dir: Path):
    await api("progress", "beta", method="PUT", body={"status": "completed"})

    (modules_dir / "module_01_alpha.ipynb").write_text(
        json.dumps(fixture_notebook("alpha", "Alpha, revised", 4))
    )
    (modules_dir / "module_02_beta.ipynb").unlink()
    (modules_dir / "module_05_delta.ipynb").write_text(
        json.dumps(fixture_notebook("delta", "Delta", 5))
    )
    await tutor.modules.sync(scan(modules_dir).modules)

    modules = payload(await api("modules"))["modules"]
    assert [(m["id"], m["title"]) for m in modules] == [
        ("gamma", "Gamma"),
        ("alpha", "Alpha, revised"),
        ("delta", "Delta"),
    ]
    assert (await api("modules", "beta")).code == 404

    # The notebook comes back: so does the module, with the student's progress.
    (modules_dir / "module_02_beta.ipynb").write_text(
        json.dumps(fixture_notebook("beta", "Beta", 2))
    )
    await tutor.modules.sync(scan(modules_dir).modules)
    assert payload(await api("modules", "beta"))["status"] == "completed"


async def test_a_sync_by_another_process_shows_once_the_cached_module_ages(
    tutor, api, modules_dir: Path, monkeypatch
):
    assert (await api("modules", "beta")).code == 200
    (modules_dir / "module_02_beta.ipynb").unlink()
    async with tutor.engine.begin() as connection:  # as another service process would
        await sync_modules(connection, scan(modules_dir).modules)
    assert (await api("progress", "beta")).code == 200  # still the module read just now
    monkeypatch.setattr(module_service, "MODULE_CACHE_SECONDS", 0.0)
    assert (await api("progress", "beta")).code == 404


async def test_attempts_are_counted_per_user(tutor, api):
    module = await tutor.modules.require_module("alpha")
    await tutor.progress.increment_attempt("ada", module)
    row = await tutor.progress.increment_attempt("ada", module)
    assert row.attempt_count == 2 and row.status == "not_started"
    assert payload(await api("progress", "alpha"))["attempt_count"] == 2
    assert payload(await api("progress", "alpha", user="bob"))["attempt_count"] == 0


async def test_the_migrations_build_what_the_models_describe(tutor):
    def differences(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        return compare_metadata(context, Base.metadata)

    async with tutor.engine.connect() as connection:
        assert await connection.run_sync(differences) == []
