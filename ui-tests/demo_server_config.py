"""The README's demo (``bash .ci/demo``) for the UI tests: a personal JupyterLab.

Used by ``jlpm start:demo`` (the second Playwright ``webServer``). Like the demo it
runs with jupyter-server's own token login, the embedded SQLite database, the shipped
course and no model (offline hints); unlike it, the token is known to the tests and
everything it writes (files, database, layouts, settings) lives in a throwaway dir
removed when the server stops, so each run starts as a first visit.
"""

import atexit
import os
import shutil
from pathlib import Path
from tempfile import mkdtemp

_scratch = Path(mkdtemp(prefix="jupyter-tutor-ui-demo-"))
atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
for folder in ("workspace", "db", "workspaces", "settings"):
    (_scratch / folder).mkdir()

c.ServerApp.root_dir = str(_scratch / "workspace")  # noqa: F821
c.ServerApp.port = int(os.environ.get("TUTOR_UI_DEMO_PORT", "8889"))  # noqa: F821
c.ServerApp.port_retries = 0  # noqa: F821
c.ServerApp.open_browser = False  # noqa: F821
c.ServerApp.allow_root = True  # noqa: F821
c.IdentityProvider.token = os.environ.get("TUTOR_UI_DEMO_TOKEN", "demo-ui-token")  # noqa: F821
c.LabApp.workspaces_dir = str(_scratch / "workspaces")  # noqa: F821
c.LabApp.user_settings_dir = str(_scratch / "settings")  # noqa: F821
c.TutorApp.database_url = f"sqlite:///{(_scratch / 'db' / 'tutor.db').as_posix()}"  # noqa: F821
c.TutorApp.llm_base_url = None  # noqa: F821
c.TutorApp.llm_api_key = None  # noqa: F821
# As galata does: the tests read the application's state (window.jupyterapp).
c.LabApp.expose_app_in_browser = True  # noqa: F821
