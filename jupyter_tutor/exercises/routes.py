"""REST routes for exercises: the released declarations with the caller's standing, the
instructor's full declarations, and recording a check run."""

from typing import Any

from tornado import web

from ..store.models import LearningModule
from ..web.base import TutorHandler
from ..web.paths import MODULE_IN_PATH, slug_in_path
from .request import parse_check_run
from .service import ExerciseStatus, exercises_of, require_exercise


def summary_json(module: LearningModule, passed: int) -> dict[str, int]:
    """What a module card shows: "3 of 5 exercises passed"."""
    return {"passed": passed, "total": len(module.exercises or [])}


def statuses_json(statuses: list[ExerciseStatus]) -> list[dict[str, Any]]:
    return [status.as_json() for status in statuses]


class ExerciseListHandler(TutorHandler):
    """What a learner's Check button needs: id, title, checks; never solution or hints."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        statuses = await self.app.exercises.statuses(self.user_id, module)
        self.reply(
            {
                "module_id": module.slug,
                "complete_when_exercises_pass": module.complete_when_exercises_pass,
                "exercises": [
                    {**exercise.released(), "progress": status.as_json()}
                    for exercise, status in zip(exercises_of(module), statuses, strict=True)
                ],
                "summary": summary_json(module, sum(s.status == "passed" for s in statuses)),
            }
        )


class ExerciseSourceHandler(TutorHandler):
    """The full declarations, solutions and hints included: instructors only."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        self.require_role("instructor")
        module = await self.app.modules.require_module(module_id)
        self.reply(
            {
                "module_id": module.slug,
                "exercises": [exercise.as_json() for exercise in exercises_of(module)],
            }
        )


class CheckRunHandler(TutorHandler):
    @web.authenticated
    async def post(self, module_id: str, exercise_id: str) -> None:
        module = await self.app.modules.require_module(module_id)
        exercise = require_exercise(module, exercise_id)
        run = parse_check_run(self.json_body(), exercise)
        recorded = await self.app.exercises.record(self.user_id, module, exercise, run)
        self.reply(
            {
                **recorded.status.as_json(),
                "module_completed": recorded.completed_module,
            }
        )


def exercise_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    module = MODULE_IN_PATH
    exercise = slug_in_path("exercise_id")
    return [
        (f"{api}/modules/{module}/exercises", ExerciseListHandler),
        (f"{api}/modules/{module}/exercises/source", ExerciseSourceHandler),
        (f"{api}/modules/{module}/exercises/{exercise}/checks", CheckRunHandler),
    ]
