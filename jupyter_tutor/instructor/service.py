"""A module's class data, read in one transaction from the aggregate queries."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..errors import NotFound
from ..exercises.service import exercises_of
from ..progress.service import ProgressService
from ..store.models import LearningModule, utcnow
from ..tutor.retention import Retention
from . import queries, student_detail
from .class_summary import StudentSummary, class_exercises, class_students, status_counts
from .stuck import failing_since_cutoff


@dataclass(frozen=True)
class ClassStudents:
    students: list[StudentSummary]

    def as_json(self, module: LearningModule) -> dict[str, Any]:
        return {
            "module_id": module.slug,
            "counts": status_counts(self.students),
            "students": [student.as_json() for student in self.students],
        }


class InstructorService:
    def __init__(
        self, sessions: async_sessionmaker, retention: Retention, progress: ProgressService
    ) -> None:
        self._sessions = sessions
        self._retention = retention
        self._progress = progress

    def _kept_since(self) -> datetime | None:
        """Questions older than the retention's age limit are gone, pruned or not."""
        return self._retention.cutoff(utcnow())

    async def students(self, module: LearningModule) -> ClassStudents:
        declared = [exercise.slug for exercise in exercises_of(module)]
        async with self._sessions() as db:
            progress = await queries.progress_rows(db, module.id)
            checks = await queries.checks_rows(db, module.id, declared)
            questions = await queries.questions_rows(db, module.id, self._kept_since())
        return ClassStudents(class_students(progress, checks, questions, len(declared)))

    async def exercises(self, module: LearningModule) -> dict[str, Any]:
        class_size = len((await self.students(module)).students)
        async with self._sessions() as db:
            counts = await queries.exercise_counts_rows(
                db, module.id, failing_since_cutoff(utcnow()), self._kept_since()
            )
            attempts = await queries.attempts_rows(db, module.id)
            failing = await queries.failing_check_rows(db, module.id)
            errors = await queries.error_rows(db, module.id)
        return {
            "module_id": module.slug,
            "students": class_size,
            "exercises": class_exercises(
                exercises_of(module), class_size, counts, attempts, failing, errors
            ),
        }

    async def questions_per_day(self, module: LearningModule) -> dict[str, Any]:
        async with self._sessions() as db:
            rows = await queries.questions_per_day_rows(db, module.id, self._kept_since())
        return {
            "module_id": module.slug,
            "days": [{"day": row.day, "questions": row.questions} for row in rows],
        }

    async def student(self, module: LearningModule, user_id: str) -> dict[str, Any]:
        """A student with a record in the module (as the class lists them); 404 else.
        The notebook is spliced in by the route (``saved_state``)."""
        progress = await self._progress.get_progress(user_id, module)
        async with self._sessions() as db:
            checks = await student_detail.check_history(db, user_id, module)
            talk = await student_detail.conversation(db, user_id, module, self._kept_since())
        if progress is None and not checks and talk is None:
            raise NotFound(f"No student {user_id[:100]!r} has worked on module {module.slug!r}.")
        return {
            "module_id": module.slug,
            "user_id": user_id,
            "status": progress.status if progress else "not_started",
            "checks": checks,
            "conversation": talk or [],
        }
