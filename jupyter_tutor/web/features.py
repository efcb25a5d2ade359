"""What the routes are handed: the features and settings the app creates, by name.

Handlers reach them through ``TutorHandler.app``; typing it by this protocol rather than by
the app class keeps every route free of ``app.py``, which only wires them together.
"""

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..help.service import HelpService
    from ..hub.service_client import ServiceClient
    from ..identity.students import Students
    from ..instructor.service import InstructorService
    from ..modules.service import ModuleService
    from ..modules.working_copy import WorkingCopies
    from ..packages.lock import LockedPackage
    from ..packages.service import PackageService
    from ..policy.service import PolicyService
    from ..progress.service import ProgressService
    from ..remote.tokens import StudentTokens
    from ..roles import RolePolicy
    from ..store.readiness import StoreReadiness
    from ..tutor.service import TutorService
    from ..tutor.sockets import OpenSockets
    from .off_loop import OffLoop

# The name jupyter-server keeps the extension under, in every handler's settings.
EXTENSION_NAME = "jupyter_tutor"


class TutorFeatures(Protocol):
    store: "StoreReadiness"
    students: "Students"
    roles: "RolePolicy"
    modules: "ModuleService"
    working_copies: "WorkingCopies"
    progress: "ProgressService"
    instructor: "InstructorService"
    help: "HelpService"
    policy: "PolicyService"
    packages: "PackageService"
    tutor: "TutorService"
    tutor_sockets: "OpenSockets"
    student_tokens: "StudentTokens"
    off_loop: "OffLoop"
    pyodide_lock: list["LockedPackage"]
    # Hub client mode: the service every route is forwarded to.
    service_client: "ServiceClient"

    # Settings the routes apply or tell the browser.
    autosave_interval_seconds: int
    max_notebook_bytes: int
    max_request_bytes: int
    working_copy_dir: str
    server_working_copies: bool
    modules_dir: str
    default_packages: list[str]
    pyodide_version: str
