"""REST routes of the class dashboard: instructors and admins only."""

from tornado import web

from ..store.models import LearningModule
from ..web.base import TutorHandler
from ..web.paths import MODULE_IN_PATH
from .safe_csv import to_csv

STUDENT_COLUMNS = (
    "user_id",
    "status",
    "exercises_passed",
    "exercises_total",
    "questions",
    "highest_hint_level",
    "last_activity",
)


class InstructorHandler(TutorHandler):
    async def module_for_instructor(self, module_id: str) -> LearningModule:
        self.require_role("instructor")
        return await self.app.modules.require_module(module_id)


class ClassStudentsHandler(InstructorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        self.reply((await self.app.instructor.students(module)).as_json(module))


class ClassStudentsCsvHandler(InstructorHandler):
    """The same data, one row per student, for a spreadsheet."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        students = (await self.app.instructor.students(module)).students
        rows = [[getattr(student, column) for column in STUDENT_COLUMNS] for student in students]
        # The slug is [a-z0-9-] (the route says so): safe in the header as it is.
        self.set_header("Content-Disposition", f'attachment; filename="{module.slug}-students.csv"')
        # APIHandler.finish would call it JSON otherwise.
        self.finish(to_csv(STUDENT_COLUMNS, rows), set_content_type="text/csv; charset=UTF-8")


class ClassExercisesHandler(InstructorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        self.reply(await self.app.instructor.exercises(module))


def instructor_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    base = f"{api}/instructor/modules/{MODULE_IN_PATH}"
    return [
        (f"{base}/students", ClassStudentsHandler),
        (f"{base}/students\\.csv", ClassStudentsCsvHandler),
        (f"{base}/exercises", ClassExercisesHandler),
    ]
