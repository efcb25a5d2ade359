"""Jupyter server configuration for the jupyter-tutor UI tests.

Used by ``jlpm start`` (the Playwright ``webServer``). Every server start gets
a fresh SQLite database and a fresh root dir, so tests never see progress or
working copies left over from an earlier run.

.. warning::

    Never use this configuration in production: galata's helper removes every
    security protection (no token, no password, no XSRF check).
"""

import atexit
import os
import shutil
import sys
from pathlib import Path
from tempfile import mkdtemp
from typing import Any

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821

# Everything a server start writes lives in one throwaway dir, removed when
# the server stops.
_scratch = Path(mkdtemp(prefix="jupyter-tutor-ui-"))
atexit.register(shutil.rmtree, _scratch, ignore_errors=True)

# galata already picks a fresh ``mkdtemp`` root dir unless
# JUPYTERLAB_GALATA_ROOT_DIR is set; we make it explicit (and keep honouring
# the variable) so the tutor's working copies always land in a throwaway dir.
_root_dir = _scratch / "root"
_root_dir.mkdir()
c.ServerApp.root_dir = os.environ.get("JUPYTERLAB_GALATA_ROOT_DIR", str(_root_dir))  # noqa: F821

c.ServerApp.port = int(os.environ.get("TUTOR_UI_PORT", "8888"))  # noqa: F821
c.ServerApp.port_retries = 0  # noqa: F821

# Containers and CI machines often run as root; jupyter-server refuses to
# start as root unless told otherwise.
c.ServerApp.allow_root = True  # noqa: F821

# A fresh, empty progress database per server start.
_db_dir = _scratch / "db"
_db_dir.mkdir()
c.TutorApp.database_url = f"sqlite+aiosqlite:///{(_db_dir / 'tutor.db').as_posix()}"  # noqa: F821

# A fresh copy of the course per server start: tests that save a module's
# package list write into its source notebook, never into the shipped one.
from jupyter_tutor.app import shipped_modules_dir  # noqa: E402

# Inside the root dir, so an instructor's test can open a source notebook in
# JupyterLab, edit its exercises and re-sync.
_modules_dir = Path(c.ServerApp.root_dir) / "course"  # noqa: F821
shutil.copytree(shipped_modules_dir(), _modules_dir, dirs_exist_ok=True)
c.TutorApp.modules_dir = str(_modules_dir)  # noqa: F821

print(
    "jupyter-tutor UI tests: root_dir="
    f"{c.ServerApp.root_dir} database={_db_dir / 'tutor.db'} modules={_modules_dir}",  # noqa: F821
    flush=True,
)

# Roles in one server: each browser context is its own anonymous user (so
# every test starts with no progress; an identity provider of its own keeps
# jupyter-tutor from taking them all for one personal student, see
# demo_server_config.py for that) in the course admins' group, unless
# the test gives the context a ``tutor_test_user`` cookie, which makes it
# that user with no role configured: a learner.
from dataclasses import asdict, dataclass, field  # noqa: E402

from jupyter_server.auth.identity import PasswordIdentityProvider, User  # noqa: E402


@dataclass
class CourseAdmin(User):
    groups: list[str] = field(default_factory=lambda: ["ui-admins"])


class CookieUsers(PasswordIdentityProvider):
    async def get_user(self, handler: Any) -> User | None:
        learner = handler.get_cookie("tutor_test_user")
        if learner:
            return User(username=learner)
        user = await super().get_user(handler)
        return CourseAdmin(**asdict(user)) if user else None


c.ServerApp.identity_provider_class = CookieUsers  # noqa: F821
c.TutorApp.admin_groups = {"ui-admins"}  # noqa: F821

# The tutor talks to a real local OpenAI-compatible server that the tests script
# through its control routes (POST /_script, GET /_requests, POST /_reset).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fake_openai import FakeOpenAI  # noqa: E402

FAKE_LLM_PORT = int(os.environ.get("TUTOR_UI_FAKE_LLM_PORT", "8765"))
FakeOpenAI().start(FAKE_LLM_PORT)
c.TutorApp.llm_base_url = f"http://127.0.0.1:{FAKE_LLM_PORT}/v1"  # noqa: F821
c.TutorApp.llm_api_key = "ui-test-key"  # noqa: F821
c.TutorApp.llm_model = "ui-test-model"  # noqa: F821
