"""Each student's check results per exercise, and the module completing itself."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..errors import NotFound
from ..progress.service import upsert_progress
from ..store.models import CheckRunRecord, ExerciseProgress, LearningModule, utcnow
from ..store.upsert import insert_or_update
from .declaration import Exercise
from .request import CheckRun

E = ExerciseProgress
R = CheckRunRecord

# The check history keeps this many runs per student and exercise, the newest: enough
# for an instructor to follow an attempt, bounded however often Check is pressed.
CHECK_HISTORY_PER_EXERCISE = 100


def exercises_of(module: LearningModule) -> list[Exercise]:
    return [Exercise.from_json(value) for value in module.exercises or []]


def require_exercise(module: LearningModule, slug: str) -> Exercise:
    found = next((e for e in exercises_of(module) if e.slug == slug), None)
    if found is None:
        raise NotFound(f"Module {module.slug!r} declares no exercise {slug[:100]!r}.")
    return found


@dataclass(frozen=True)
class ExerciseStatus:
    """A student's standing on one exercise, for the client and the tutor."""

    exercise_id: str
    status: str  # statuses.json: not_tried | failing | passed
    attempts: int = 0
    first_passed_at: datetime | None = None
    last_run_at: datetime | None = None
    failed_check: int | None = None
    failed_message: str | None = None
    error: str | None = None

    @classmethod
    def of(cls, exercise: Exercise, row: ExerciseProgress | None) -> "ExerciseStatus":
        if row is None:
            return cls(exercise.slug, "not_tried")
        # The notebook may have lost checks since this run: an index past them names none.
        failed = row.failed_check if (row.failed_check or 0) < len(exercise.checks) else None
        return cls(
            exercise.slug,
            "passed" if row.passed else "failing",
            row.attempts,
            row.first_passed_at,
            row.last_run_at,
            failed,
            exercise.checks[failed].message if failed is not None else None,
            row.error,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.exercise_id,
            "status": self.status,
            "attempts": self.attempts,
            "first_passed_at": self.first_passed_at,
            "last_run_at": self.last_run_at,
            "failed_check": self.failed_check,
            "failed_message": self.failed_message,
            "error": self.error,
        }


@dataclass(frozen=True)
class Recorded:
    status: ExerciseStatus
    # The module became completed with this run (complete_when_exercises_pass).
    completed_module: bool


class ExerciseService:
    def __init__(self, sessions: async_sessionmaker) -> None:
        self._sessions = sessions

    async def statuses(self, user_id: str, module: LearningModule) -> list[ExerciseStatus]:
        """Every declared exercise of the module, in order, with the student's standing."""
        async with self._sessions() as session:
            rows = {row.exercise_slug: row for row in await _rows(session, user_id, module.id)}
        return [ExerciseStatus.of(e, rows.get(e.slug)) for e in exercises_of(module)]

    async def status(self, user_id: str, module: LearningModule, slug: str) -> ExerciseStatus:
        exercise = require_exercise(module, slug)
        async with self._sessions() as session:
            row = await session.scalar(_owned(user_id, module.id).where(E.exercise_slug == slug))
        return ExerciseStatus.of(exercise, row)

    async def passed_counts(self, user_id: str, modules: list[LearningModule]) -> dict[str, int]:
        """Module slug → how many of its declared exercises the latest run passed."""
        declared = {m.id: {e["id"] for e in m.exercises or []} for m in modules}
        slugs = {m.id: m.slug for m in modules}
        async with self._sessions() as session:
            rows = await session.execute(
                select(E.module_id, E.exercise_slug).where(E.user_id == user_id, E.passed)
            )
        counts = dict.fromkeys(slugs.values(), 0)
        for module_id, slug in rows:
            if slug in declared.get(module_id, ()):
                counts[slugs[module_id]] += 1
        return counts

    async def record(
        self, user_id: str, module: LearningModule, exercise: Exercise, run: CheckRun
    ) -> Recorded:
        """One check run: the row's latest result, one more attempt, the first pass kept;
        with the module's setting, the last exercise to pass completes the module, in the
        same transaction."""
        now = utcnow()
        completed = False
        async with self._sessions.begin() as session:
            latest = {
                "passed": run.passed,
                "failed_check": run.failed_check,
                "error": run.error,
                "last_run_at": now,
            }
            statement = insert_or_update(session.bind.dialect.name, E.__table__).values(
                user_id=user_id,
                module_id=module.id,
                exercise_slug=exercise.slug,
                attempts=1,
                first_passed_at=now if run.passed else None,
                first_run_at=now,
                attempts_to_pass=1 if run.passed else None,
                **latest,
            )
            first_pass = func.coalesce(E.first_passed_at, now) if run.passed else E.first_passed_at
            to_pass = (
                func.coalesce(E.attempts_to_pass, E.attempts + 1)
                if run.passed
                else E.attempts_to_pass
            )
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=["user_id", "module_id", "exercise_slug"],
                    set_={
                        **latest,
                        "attempts": E.attempts + 1,
                        "first_passed_at": first_pass,
                        "attempts_to_pass": to_pass,
                    },
                )
            )
            await _add_to_history(session, user_id, module.id, exercise.slug, run, now)
            if run.passed and module.complete_when_exercises_pass:
                completed = await _complete_if_all_passed(session, user_id, module)
            row = await session.scalar(
                _owned(user_id, module.id)
                .where(E.exercise_slug == exercise.slug)
                .execution_options(populate_existing=True)
            )
        return Recorded(ExerciseStatus.of(exercise, row), completed)


async def _add_to_history(
    session: AsyncSession, user_id: str, module_id: int, slug: str, run: CheckRun, now: datetime
) -> None:
    owned = (R.user_id == user_id, R.module_id == module_id, R.exercise_slug == slug)
    await session.execute(
        insert(R).values(
            user_id=user_id,
            module_id=module_id,
            exercise_slug=slug,
            passed=run.passed,
            failed_check=run.failed_check,
            error=run.error,
            created_at=now,
        )
    )
    newest = select(R.id).where(*owned).order_by(R.id.desc()).limit(CHECK_HISTORY_PER_EXERCISE)
    await session.execute(delete(R).where(*owned, R.id.not_in(newest.scalar_subquery())))


async def _complete_if_all_passed(
    session: AsyncSession, user_id: str, module: LearningModule
) -> bool:
    declared = {e["id"] for e in module.exercises or []}
    passed = {row.exercise_slug for row in await _rows(session, user_id, module.id) if row.passed}
    if not declared or not declared <= passed:
        return False
    await upsert_progress(await session.connection(), user_id, module.id, status="completed")
    return True


def _owned(user_id: str, module_id: int) -> Any:
    return select(E).where(E.user_id == user_id, E.module_id == module_id)


async def _rows(session: AsyncSession, user_id: str, module_id: int) -> list[ExerciseProgress]:
    return list(await session.scalars(_owned(user_id, module_id)))
