"""Persistence: the async engine, the ORM models and the Alembic migrations."""
