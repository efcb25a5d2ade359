"""Alembic environment: always runs on the connection jupyter-tutor hands it."""

from alembic import context

from jupyter_tutor.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "jupyter-tutor applies its migrations itself when the server starts; "
        "use jupyter_tutor.store.migrate.upgrade_to_head instead of the alembic CLI."
    )

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
