"""The exercise a tutor question is about, resolved on the server from the module's
declarations and the student's latest check run (never from what the browser claims)."""

from dataclasses import dataclass

from ..exercises.declaration import Exercise
from ..exercises.service import ExerciseService, ExerciseStatus, exercises_of
from ..store.models import LearningModule
from .pedagogy.prompt import ERROR_LIMIT, ExerciseContext, fenced


@dataclass(frozen=True)
class AskedExercise:
    exercise: Exercise
    status: ExerciseStatus

    @property
    def failing_check(self) -> int | None:
        """The check that failed at the latest run; None when it passed or never ran."""
        return self.status.failed_check if self.status.status == "failing" else None

    @property
    def failing_message(self) -> str | None:
        return self.status.failed_message if self.status.status == "failing" else None

    def latest_check(self) -> str:
        count = len(self.exercise.checks)
        if self.status.status == "not_tried":
            return "the student has not run them yet."
        if self.status.status == "passed":
            return f"all {count} passed at the latest run."
        said = f"the latest run failed check {(self.failing_check or 0) + 1} of {count}"
        said += f": “{self.failing_message}”" if self.failing_message else ""
        if self.status.error:
            said += ". It raised:\n" + fenced(self.status.error[:ERROR_LIMIT])
        return said

    def context(self, level_number: int) -> ExerciseContext:
        hints = sorted(self.exercise.hints.items())
        return ExerciseContext(
            title=self.exercise.title or self.exercise.slug,
            statement=self.exercise.statement,
            latest_check=self.latest_check(),
            solution=self.exercise.solution,
            hints=tuple(text for number, text in hints if number <= level_number),
        )


async def asked_exercise(
    exercises: ExerciseService, user_id: str, module: LearningModule, exercise_id: str | None
) -> AskedExercise | None:
    """None when the question names no exercise, or one the module no longer declares
    (a copy older than the notebook): the tutor then answers about the cell alone."""
    found = next((e for e in exercises_of(module) if e.slug == exercise_id), None)
    if found is None:
        return None
    return AskedExercise(found, await exercises.status(user_id, module, found.slug))
