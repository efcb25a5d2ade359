"""Run an admin command of ``jupyter tutor-server`` the way an admin does."""

import os
import subprocess
import sys
from pathlib import Path


def run_cli(database_url: str, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JUPYTER_TUTOR_DATABASE_URL": database_url}
    # Only this test's Jupyter config, never the developer's.
    env.update(JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_DATA_DIR=str(home / "data"))
    return subprocess.run(
        [sys.executable, "-m", "jupyter_tutor.remote", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
