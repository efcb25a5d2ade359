"""A real JupyterHub for the hub UI test, configured like tests/test_real_hub.py: the
jupyter-tutor service hub-managed (Postgres when TUTOR_TEST_DATABASE_URL is set), its
model the scripted fake on TUTOR_UI_HUB_LLM_PORT, the hub on TUTOR_UI_HUB_PORT.

    python hub/hub_server.py
"""

import os
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from fake_openai import FakeOpenAI  # noqa: E402
from real_hub import hub_config  # noqa: E402
from service_process import free_port, service_env  # noqa: E402


def main() -> None:
    port = int(os.environ.get("TUTOR_UI_HUB_PORT", "8890"))
    model = FakeOpenAI().start(int(os.environ.get("TUTOR_UI_HUB_LLM_PORT", "8766")))
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        database_url = os.environ.get("TUTOR_TEST_DATABASE_URL") or f"sqlite:///{root}/tutor.db"
        service_config = root / "tutor_server_config.py"
        service_config.write_text(
            f"c.TutorApp.database_url = {database_url!r}\n"
            'c.TutorApp.instructor_groups = {"instructors"}\n'
            f"c.TutorApp.llm_base_url = {model.url!r}\n"
            "c.TutorApp.llm_api_key = 'ui-test-key'\n"
            "c.TutorApp.llm_max_retries = 0\n"
        )
        config = root / "jupyterhub_config.py"
        config.write_text(
            hub_config(
                root,
                port,
                free_port(),
                service_config,
                secrets.token_hex(16),
                secrets.token_hex(16),
            )
        )
        env = service_env(root / "hub")
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env["PYTHONPATH"] = str(REPO)
        hub = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=root, env=env
        )
        signal.signal(signal.SIGTERM, lambda *_: hub.terminate())
        try:
            hub.wait()
        finally:
            model.stop()


if __name__ == "__main__":
    main()
