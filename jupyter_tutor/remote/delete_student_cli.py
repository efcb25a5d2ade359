"""``jupyter tutor-server delete-student <user> --yes``: delete all of a student's data."""

from typing import Any, ClassVar

from jupyter_core.application import base_flags
from sqlalchemy.ext.asyncio import async_sessionmaker
from traitlets import Bool

from ..app import TutorApp
from ..errors import TutorError
from ..identity.forget import delete_student, student_data
from .command import ServiceCommand


class DeleteStudentApp(ServiceCommand):
    name = "jupyter-tutor-server-delete-student"
    description = """Delete everything kept about one student: progress and saved versions,
    check results, tutor conversations and usage, help requests, package load logs and
    sign-in tokens. Without --yes it only says what would be deleted."""
    examples = (
        "jupyter tutor-server delete-student alice          # what would be deleted\n"
        "jupyter tutor-server delete-student alice --yes    # delete it"
    )
    yes = Bool(False, config=True, help="Delete, rather than only say what would be deleted.")
    flags: ClassVar[dict[str, Any]] = {
        **base_flags,
        "yes": ({"DeleteStudentApp": {"yes": True}}, "Delete the student's data."),
    }

    async def run(self, sessions: async_sessionmaker, settings: TutorApp) -> None:
        if len(self.extra_args) != 1 or not self.extra_args[0].strip():
            raise TutorError("Give one user name: jupyter tutor-server delete-student <user>")
        user = self.extra_args[0]
        if not self.yes:
            found = await student_data(sessions, user)
            if not found.total:
                print(f"Nothing is kept about {user}.")
                return
            raise TutorError(
                f"{user} has {found.describe()}. Run again with --yes to delete all of it."
            )
        deleted = await delete_student(sessions, user)
        said = deleted.describe() or "nothing (none was kept)"
        print(f"Deleted {said} of {user}.")
