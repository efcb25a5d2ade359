"""ORM models. Column types stay portable between SQLite and Postgres."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..contract import names

# none_as_null: a missing notebook is SQL NULL, never the JSON value null.
NotebookJSON = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

STATUSES = names("ModuleStatus")
HELP_STATUSES = names("HelpStatus")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class LearningModule(Base):
    __tablename__ = "learning_modules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    notebook_filename: Mapped[str] = mapped_column(String(255))
    order: Mapped[int] = mapped_column(Integer, index=True)
    # metadata.jupyter_tutor.tutor of the module notebook, validated at sync.
    tutor_settings: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # False once its notebook leaves modules_dir: hidden from students, progress kept.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The declared exercises in order, solutions and hints included (exercises/declaration.py):
    # the server's own material, never sent to learners as it is.
    exercises: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    complete_when_exercises_pass: Mapped[bool] = mapped_column(Boolean, default=False)


class UserModuleProgress(Base):
    __tablename__ = "user_module_progress"
    __table_args__ = (
        UniqueConstraint("user_id", "module_id", name="uq_progress_user_module"),
        CheckConstraint(f"status IN {STATUSES!r}", name="ck_progress_status"),
        # The class dashboard counts a module's students by status.
        Index("ix_progress_module_status", "module_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("learning_modules.id"))
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    notebook_state: Mapped[dict[str, Any] | None] = mapped_column(NotebookJSON, nullable=True)
    state_bytes: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped by every accepted notebook save; clients send the version they started from.
    version: Mapped[int] = mapped_column(Integer, default=0)
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProgressSnapshot(Base):
    """An earlier notebook state ("history") or a save that lost a race ("conflict")."""

    __tablename__ = "progress_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    progress_id: Mapped[int] = mapped_column(
        ForeignKey("user_module_progress.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))
    notebook_state: Mapped[dict[str, Any]] = mapped_column(NotebookJSON)
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class ExerciseProgress(Base):
    """A student's check runs of one exercise: how many, the latest, the first pass.
    Each run updates the row, so a student pressing Check again and again adds nothing."""

    __tablename__ = "exercise_progress"
    __table_args__ = (
        UniqueConstraint("user_id", "module_id", "exercise_slug", name="uq_exercise_progress"),
        # The class dashboard aggregates a module's rows per exercise.
        Index("ix_exercise_progress_module_slug", "module_id", "exercise_slug"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("learning_modules.id"))
    exercise_slug: Mapped[str] = mapped_column(String(100))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The latest run: passed, else the index of the first failing check and what it raised.
    passed: Mapped[bool] = mapped_column(Boolean)
    failed_check: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    first_passed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The first run ever, and the attempts it took to pass the first time (kept once set).
    first_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts_to_pass: Mapped[int | None] = mapped_column(Integer, nullable=True)


class CheckRunRecord(Base):
    """Every check run of an exercise (the dashboard's check history), beside the one row
    per exercise above; the newest ``CHECK_HISTORY_PER_EXERCISE`` per student and
    exercise are kept."""

    __tablename__ = "check_runs"
    __table_args__ = (
        # A student's history in a module, and a module's errors per exercise.
        Index("ix_check_runs_module_user", "module_id", "user_id"),
        Index("ix_check_runs_module_slug", "module_id", "exercise_slug"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255))
    module_id: Mapped[int] = mapped_column(ForeignKey("learning_modules.id"))
    exercise_slug: Mapped[str] = mapped_column(String(100))
    passed: Mapped[bool] = mapped_column(Boolean)
    failed_check: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ChatSession(Base):
    __tablename__ = "chat_sessions"
    __table_args__ = (
        UniqueConstraint("user_id", "session_type", "module_id", name="uq_chat_session"),
        # The class dashboard finds a module's conversations.
        Index("ix_chat_sessions_module", "module_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255), index=True)
    session_type: Mapped[str] = mapped_column(String(20))
    module_id: Mapped[int | None] = mapped_column(ForeignKey("learning_modules.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Bumped when messages are pruned from outside the serving process (the prune
    # command), so a server holding the conversation in memory knows to read it again.
    history_epoch: Mapped[int] = mapped_column(Integer, default=0)


class ChatMessage(Base):
    """One chat message. A student's message keeps its hidden context for the record."""

    __tablename__ = "chat_messages"
    # The class dashboard counts a conversation's questions.
    __table_args__ = (Index("ix_chat_messages_session_role", "session_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("chat_sessions.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))  # "user" | "assistant"
    content: Mapped[str] = mapped_column(Text)
    cell_code: Mapped[str] = mapped_column(Text, default="")
    error_output: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    same_problem: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    provider: Mapped[str | None] = mapped_column(String(20), nullable=True)
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    # The exercise the question was about and its failing check then (same-problem detection).
    exercise_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    failed_check: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The turn's context embedding, compared with the next turn's (same-problem detection).
    embedding: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class TutorUsage(Base):
    """One question to the tutor and the tokens its answer used: the per-user limits and
    reporting. While the answer is under way, ``reserved_tokens`` holds what it may use."""

    __tablename__ = "tutor_usage"
    __table_args__ = (Index("ix_tutor_usage_user_created", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("learning_modules.id"))
    provider: Mapped[str] = mapped_column(String(20))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    total_tokens: Mapped[int] = mapped_column(Integer, default=0)
    reserved_tokens: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class TutorLimitLock(Base):
    """One row per student, written first by every reservation of tutor usage: it makes
    one student's reservations take turns (a row lock on Postgres, the writer lock on
    SQLite), so parallel questions cannot all pass the limits' check."""

    __tablename__ = "tutor_limit_locks"

    user_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    reserved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HelpRequest(Base):
    """A student's question to their instructor about a module, with the cell it is about
    and the exercise's check result at that moment; the instructor's answer once given."""

    __tablename__ = "help_requests"
    __table_args__ = (
        CheckConstraint(f"status IN {HELP_STATUSES!r}", name="ck_help_request_status"),
        # The queue of a module, newest first; a student's open requests per module.
        Index("ix_help_requests_module_created", "module_id", "created_at"),
        Index("ix_help_requests_user_module_status", "user_id", "module_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255))
    module_id: Mapped[int] = mapped_column(ForeignKey("learning_modules.id"))
    question: Mapped[str] = mapped_column(Text)
    cell_code: Mapped[str] = mapped_column(Text, default="")
    error_output: Mapped[str] = mapped_column(Text, default="")
    exercise_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # The exercise's standing (ExerciseStatus.as_json) when the question was asked.
    check_result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )


class PythonPackage(Base):
    """The package catalog: the Pyodide lock plus curated teaching packages."""

    __tablename__ = "python_packages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40), index=True)
    pyodide_compatible: Mapped[bool] = mapped_column(Boolean)
    install_via_micropip: Mapped[bool] = mapped_column(Boolean)
    load_time_estimate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    docs_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    size_bytes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    version: Mapped[str | None] = mapped_column(String(50), nullable=True)
    imports: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(20))  # "pyodide-lock" | "curated" | "admin"


class PackageLoadLog(Base):
    __tablename__ = "package_load_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(255), index=True)
    package: Mapped[str] = mapped_column(String(100), index=True)
    load_time_ms: Mapped[int] = mapped_column(Integer)
    success: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    kernel_name: Mapped[str] = mapped_column(String(100))
    python_version: Mapped[str | None] = mapped_column(String(50), nullable=True)
    pyodide_version: Mapped[str | None] = mapped_column(String(50), nullable=True)
    module_slug: Mapped[str | None] = mapped_column(String(100), nullable=True)
    notebook_path: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoadLogCount(Base):
    """Load attempts recorded for a user on a UTC day: the counter the daily cap is
    checked and raised against in one statement. Only the current day is kept."""

    __tablename__ = "load_log_counts"

    user_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class PackageSet(Base):
    """A named, reusable package list (e.g. "Data science basics")."""

    __tablename__ = "package_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    # Ordered like a notebook's list: [{name, version?, required}].
    packages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_by: Mapped[str] = mapped_column(String(255))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StudentToken(Base):
    """A personal sign-in token of the standalone service; only its SHA-256 is kept."""

    __tablename__ = "student_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(255), index=True)
    # Role groups (see roles.py), like a JupyterHub user's groups.
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AiPolicyOverride(Base):
    """An instructor's AI policy for a module, over the notebook's (policy/rules.py)."""

    __tablename__ = "ai_policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("learning_modules.id"), unique=True)
    # An AiPolicyBlock, validated before it is written.
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)
    set_by: Mapped[str] = mapped_column(String(255))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
