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


EXERCISE_COLUMNS = (
    "id",
    "title",
    "tried",
    "passed",
    "pass_rate",
    "median_attempts_to_pass",
    "stuck",
    "failing_checks",
    "errors",
)

# A user id in the path: letters, digits and _.@+- (hub names), percent-encoded as a
# browser sends them; never starting with "." (no "." or ".." segment). The decoded id is
# only ever a bound parameter. hub/forward.py forwards the decoded form.
USER_IN_PATH = r"(?P<user_id>[A-Za-z0-9_@+%-][A-Za-z0-9_.@+%-]{0,764})"


class InstructorHandler(TutorHandler):
    async def module_for_instructor(self, module_id: str) -> LearningModule:
        self.require_role("instructor")
        return await self.app.modules.require_module(module_id)

    def send_csv(self, filename: str, header: tuple[str, ...], rows: list[list]) -> None:
        # The slug is [a-z0-9-] (the route says so): safe in the header as it is.
        self.set_header("Content-Disposition", f'attachment; filename="{filename}"')
        # APIHandler.finish would call it JSON otherwise.
        self.finish(to_csv(header, rows), set_content_type="text/csv; charset=UTF-8")


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
        self.send_csv(f"{module.slug}-students.csv", STUDENT_COLUMNS, rows)


class ClassExercisesHandler(InstructorHandler):
    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        self.reply(await self.app.instructor.exercises(module))


def _exercise_cell(exercise: dict, column: str) -> object:
    """Lists in one cell each: "check 1: message (n)", "Name: message (n)", joined by "; "."""
    if column == "failing_checks":
        return "; ".join(
            f"check {f['check'] + 1}: {f['message']} ({f['students']})" for f in exercise[column]
        )
    if column == "errors":
        return "; ".join(
            f"{e['name']}: {e['message']} ({e['runs']})"
            if e["name"]
            else f"{e['message']} ({e['runs']})"
            for e in exercise[column]
        )
    return exercise[column]


class ClassExercisesCsvHandler(InstructorHandler):
    """The exercises, one row each, for a spreadsheet."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        exercises = (await self.app.instructor.exercises(module))["exercises"]
        rows = [[_exercise_cell(e, column) for column in EXERCISE_COLUMNS] for e in exercises]
        self.send_csv(f"{module.slug}-exercises.csv", EXERCISE_COLUMNS, rows)


class ClassQuestionsHandler(InstructorHandler):
    """The module's tutor questions per UTC day (the questions-over-time chart)."""

    @web.authenticated
    async def get(self, module_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        self.reply(await self.app.instructor.questions_per_day(module))


class ClassStudentHandler(InstructorHandler):
    """One student: their saved notebook, every kept check run, their tutor conversation."""

    @web.authenticated
    async def get(self, module_id: str, user_id: str) -> None:
        module = await self.module_for_instructor(module_id)
        detail = await self.app.instructor.student(module, user_id)
        self.reply_with_notebook(detail, await self.app.progress.saved_state(user_id, module))


def instructor_routes(api: str) -> list[tuple[str, type[TutorHandler]]]:
    base = f"{api}/instructor/modules/{MODULE_IN_PATH}"
    return [
        (f"{base}/students", ClassStudentsHandler),
        (f"{base}/students\\.csv", ClassStudentsCsvHandler),
        (f"{base}/students/{USER_IN_PATH}", ClassStudentHandler),
        (f"{base}/exercises", ClassExercisesHandler),
        (f"{base}/exercises\\.csv", ClassExercisesCsvHandler),
        (f"{base}/questions", ClassQuestionsHandler),
    ]
