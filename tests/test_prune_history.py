"""``jupyter tutor-server prune-history``: old conversations deleted on the admin's word."""

from datetime import timedelta

from alembic import command
from service_cli import run_cli
from sqlalchemy import create_engine, insert, select

from jupyter_tutor.store.migrate import alembic_config
from jupyter_tutor.store.models import ChatMessage, ChatSession, LearningModule, utcnow


def add_conversation(database_url: str, user: str, days_ago: int) -> None:
    then = utcnow() - timedelta(days=days_ago)
    engine = create_engine(database_url)
    with engine.begin() as connection:
        module_id = connection.execute(
            insert(LearningModule)
            .values(slug=f"m-{user}", title="M", notebook_filename="m.ipynb", order=1)
            .returning(LearningModule.id)
        ).scalar_one()
        session_id = connection.execute(
            insert(ChatSession)
            .values(user_id=user, session_type="tutor", module_id=module_id, created_at=then)
            .returning(ChatSession.id)
        ).scalar_one()
        for role in ("user", "assistant"):
            connection.execute(
                insert(ChatMessage).values(
                    session_id=session_id, role=role, content=f"{user} {role}", created_at=then
                )
            )
    engine.dispose()


def remaining(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        contents = list(connection.scalars(select(ChatMessage.content).order_by(ChatMessage.id)))
    engine.dispose()
    return contents


def test_the_command_prunes_by_age_and_by_user(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'tutor.db'}"
    engine = create_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    engine.dispose()
    add_conversation(database_url, "alice", days_ago=40)
    add_conversation(database_url, "bob", days_ago=40)
    add_conversation(database_url, "carol", days_ago=2)

    old = run_cli(
        database_url, tmp_path, "prune-history", "--older-than-days", "30", "--user", "alice"
    )
    assert "Deleted 2 message(s) from 1 conversation(s) of alice." in old.stdout
    assert remaining(database_url) == ["bob user", "bob assistant", "carol user", "carol assistant"]

    # The settings' age limit applies to everyone when no age is given.
    by_settings = run_cli(
        database_url, tmp_path, "prune-history", "--TutorApp.history_max_age_days=30"
    )
    assert "Deleted 2 message(s) from 1 conversation(s)." in by_settings.stdout
    everything = run_cli(
        database_url, tmp_path, "prune-history", "--user", "carol", "--older-than-days", "0"
    )
    assert "Deleted 2 message(s)" in everything.stdout and remaining(database_url) == []

    keeps_all = run_cli(
        database_url, tmp_path, "prune-history", "--TutorApp.history_max_messages_per_module=0"
    )
    assert keeps_all.returncode == 1 and "Nothing to prune" in keeps_all.stderr
