"""Migration 0007 on a database that already has check runs: the new columns are filled
from what is known, and it goes back down cleanly. SQLite and Postgres."""

from alembic import command
from sqlalchemy import create_engine, text

from jupyter_tutor.store.migrate import alembic_config

ROWS = """INSERT INTO exercise_progress (user_id, module_id, exercise_slug, attempts, passed,
last_run_at, first_passed_at) VALUES
('ada', 1, 'one', 3, true, '2026-12-01 10:00:00+00', '2026-12-01 09:00:00+00'),
('bob', 1, 'one', 2, false, '2026-12-01 11:00:00+00', NULL)"""


def migrate(connection, revision: str, down: bool = False) -> None:
    step = command.downgrade if down else command.upgrade
    step(alembic_config(connection), revision)


def test_check_runs_from_before_get_their_first_run_and_attempts_to_pass(database_url):
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        migrate(connection, "0006")
        connection.execute(
            text(
                "INSERT INTO learning_modules (id, slug, title, description, notebook_filename,"
                ' "order", active, exercises, complete_when_exercises_pass)'
                " VALUES (1, 'm', 'M', '', 'm.ipynb', 1, true, '[]', false)"
            )
        )
        connection.execute(text(ROWS))
        migrate(connection, "0007")
        rows = connection.execute(
            text(
                "SELECT user_id, attempts_to_pass, first_run_at = last_run_at"
                " FROM exercise_progress ORDER BY user_id"
            )
        ).all()
        assert [tuple(row) for row in rows] == [("ada", 3, True), ("bob", None, True)]
        migrate(connection, "0006", down=True)
        columns = connection.execute(text("SELECT * FROM exercise_progress")).keys()
        assert "attempts_to_pass" not in columns and "first_run_at" not in columns
    engine.dispose()
