"""The admin's commands on help requests and a student's data: ``prune-history`` applies
``help_max_age_days``; ``delete-student`` deletes everything kept about one student."""

from datetime import timedelta
from pathlib import Path

from alembic import command
from service_cli import run_cli
from sqlalchemy import Table, create_engine, func, insert, select

from jupyter_tutor.identity.forget import OWNED
from jupyter_tutor.store.migrate import alembic_config
from jupyter_tutor.store.models import (
    Base,
    ChatMessage,
    ChatSession,
    CheckRunRecord,
    ExerciseProgress,
    HelpRequest,
    LearningModule,
    LoadLogCount,
    PackageLoadLog,
    ProgressSnapshot,
    StudentToken,
    TutorLimitLock,
    TutorUsage,
    UserModuleProgress,
    utcnow,
)


def migrated(tmp_path: Path) -> str:
    database_url = f"sqlite:///{tmp_path / 'tutor.db'}"
    engine = create_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        connection.execute(
            insert(LearningModule).values(
                id=1, slug="m", title="M", notebook_filename="m.ipynb", order=1
            )
        )
    engine.dispose()
    return database_url


def add_student(database_url: str, user: str, days_ago: int = 0) -> None:
    """A row of every table a student owns."""
    then = utcnow() - timedelta(days=days_ago)
    engine = create_engine(database_url)
    with engine.begin() as db:
        progress = db.execute(
            insert(UserModuleProgress)
            .values(user_id=user, module_id=1, status="in_progress", updated_at=then)
            .returning(UserModuleProgress.id)
        ).scalar_one()
        db.execute(
            insert(ProgressSnapshot).values(
                progress_id=progress, version=1, reason="history", notebook_state={}
            )
        )
        db.execute(
            insert(ExerciseProgress).values(
                user_id=user, module_id=1, exercise_slug="e", attempts=1, passed=False
            )
        )
        db.execute(
            insert(CheckRunRecord).values(
                user_id=user, module_id=1, exercise_slug="e", passed=False, failed_check=0
            )
        )
        session = db.execute(
            insert(ChatSession)
            .values(user_id=user, session_type="tutor", module_id=1, created_at=then)
            .returning(ChatSession.id)
        ).scalar_one()
        db.execute(insert(ChatMessage).values(session_id=session, role="user", content="q"))
        db.execute(insert(TutorUsage).values(user_id=user, module_id=1, provider="offline"))
        db.execute(insert(TutorLimitLock).values(user_id=user))
        db.execute(
            insert(HelpRequest).values(
                user_id=user, module_id=1, question=f"{user} asks", status="open", created_at=then
            )
        )
        db.execute(
            insert(PackageLoadLog).values(
                user_id=user, package="numpy", load_time_ms=1, success=True, kernel_name="k"
            )
        )
        db.execute(insert(LoadLogCount).values(user_id=user, day=then.date(), count=1))
        db.execute(insert(StudentToken).values(token_hash=f"{user:0<64}", username=user))
    engine.dispose()


def rows(database_url: str, table: Table) -> int:
    engine = create_engine(database_url)
    with engine.connect() as db:
        count = db.scalar(select(func.count()).select_from(table))
    engine.dispose()
    return count or 0


def help_questions(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    with engine.connect() as db:
        found = list(db.scalars(select(HelpRequest.question).order_by(HelpRequest.id)))
    engine.dispose()
    return found


def test_every_table_naming_a_student_is_deleted_with_them():
    owned = {table.name for _, table, _ in OWNED}
    naming_a_student = {
        table.name
        for table in Base.metadata.tables.values()
        if {"user_id", "username"} & set(table.columns.keys())
    }
    assert naming_a_student <= owned


def test_delete_student_says_what_then_deletes_all_of_it(tmp_path):
    database_url = migrated(tmp_path)
    add_student(database_url, "alice")
    add_student(database_url, "bob")

    asked = run_cli(database_url, tmp_path, "delete-student", "alice")
    assert asked.returncode == 1
    assert "1 help requests" in asked.stderr and "--yes" in asked.stderr
    assert all(rows(database_url, table) == 2 for _, table, _ in OWNED)

    deleted = run_cli(database_url, tmp_path, "delete-student", "alice", "--yes")
    assert deleted.returncode == 0, deleted.stderr
    assert "Deleted 1 saved versions, 1 progress rows" in deleted.stdout
    # Every table a student owns is listed, and only bob's rows are left in each.
    assert all(rows(database_url, table) == 1 for _, table, _ in OWNED)
    assert help_questions(database_url) == ["bob asks"]

    again = run_cli(database_url, tmp_path, "delete-student", "alice")
    assert again.returncode == 0 and "Nothing is kept about alice." in again.stdout
    nobody = run_cli(database_url, tmp_path, "delete-student")
    assert nobody.returncode == 1 and "Give one user name" in nobody.stderr


def test_prune_history_applies_the_help_retention(tmp_path):
    database_url = migrated(tmp_path)
    add_student(database_url, "alice", days_ago=40)
    add_student(database_url, "bob", days_ago=40)
    add_student(database_url, "carol", days_ago=2)

    by_settings = ("prune-history", "--TutorApp.help_max_age_days=30")
    one = run_cli(database_url, tmp_path, *by_settings, "--user", "alice")
    assert "Deleted 1 help request(s) of alice." in one.stdout, one.stderr
    assert help_questions(database_url) == ["bob asks", "carol asks"]
    everyone = run_cli(database_url, tmp_path, "prune-history", "--older-than-days", "30")
    assert "Deleted 1 help request(s)." in everyone.stdout
    assert help_questions(database_url) == ["carol asks"]
