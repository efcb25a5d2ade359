"""``jupyter tutor-server`` in its own process, as an admin (or a hub) starts it."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_env(home: Path) -> dict[str, str]:
    """This process's environment without any tutor setting, and its own Jupyter dirs."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("OPENAI_", "JUPYTER_TUTOR_", "JUPYTER_TOKEN", "JUPYTERHUB_"))
    }
    # Only this test's Jupyter config and runtime files, never the developer's.
    for kind in ("CONFIG", "DATA", "RUNTIME"):
        env[f"JUPYTER_{kind}_DIR"] = str(home / kind.lower())
    return env


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the service exited:\n{log.read_text()}"
        try:
            urllib.request.urlopen(f"{url}jupyter-tutor/api/config", timeout=2)
        except urllib.error.HTTPError:
            return  # 403 without a token: it answers
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the service did not start:\n{log.read_text()}")


@contextmanager
def running_service(
    url: str, args: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen]:
    """The service started with ``args``, once it answers at ``url``; stopped after."""
    as_root = ["--allow-root"] if os.geteuid() == 0 else []
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyter_tutor.remote", *args, *as_root],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(url, process, log)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


HUB_PREFIX = "/services/jupyter-tutor/"


@contextmanager
def running_hub_service(
    config: str, home: Path, hub_api_url: str, service_token: str
) -> Iterator[tuple[str, subprocess.Popen]]:
    """The service as a hub starts it (its JUPYTERHUB_* variables) with ``config`` as its
    config file; its URL (under its hub prefix) and process."""
    home.mkdir(parents=True, exist_ok=True)
    config_file = home / "service_config.py"
    config_file.write_text(config)
    port = free_port()
    env = service_env(home)
    env.update(
        JUPYTERHUB_API_URL=hub_api_url,
        JUPYTERHUB_API_TOKEN=service_token,
        JUPYTERHUB_SERVICE_NAME="jupyter-tutor",
        JUPYTERHUB_SERVICE_PREFIX=HUB_PREFIX,
        JUPYTERHUB_SERVICE_URL=f"http://127.0.0.1:{port}",
        # This checkout's jupyter_tutor, wherever the command runs from.
        PYTHONPATH=str(Path(__file__).resolve().parents[1]),
    )
    url = f"http://127.0.0.1:{port}{HUB_PREFIX}"
    with running_service(url, ["--config", str(config_file)], env, home / "service.log") as p:
        yield url, p
