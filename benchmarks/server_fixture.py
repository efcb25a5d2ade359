"""Start a real jupyter-server with jupyter-tutor for a benchmark, on a free local port."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TOKEN = "benchmark-token"
MODULE_ID = "benchmark"
BENCHMARK_MODULE = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "cells": [],
    "metadata": {"jupyter_tutor": {"module": {"id": MODULE_ID, "title": "Benchmark", "order": 1}}},
}


@dataclass(frozen=True)
class Server:
    port: int
    root_dir: Path
    database_path: Path | None  # the SQLite file, when the server uses its default one

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"token {TOKEN}", "Content-Type": "application/json"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(port: int, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/jupyter-tutor/api/modules",
        headers={"Authorization": f"token {TOKEN}"},
    )
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter-server exited during start-up:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                json.load(response)
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("jupyter-server did not start")


@contextmanager
def running_server(
    database_url: str | None = None,
    extra_args: tuple[str, ...] = (),
    hub_client_of: tuple[str, str] | None = None,
    modules: dict[str, dict] | None = None,
) -> Iterator[Server]:
    """``hub_client_of``: (service URL, hub token) makes it a hub student's server in
    client mode, which keeps no database of its own. ``modules``: more module notebooks,
    by file name, beside the benchmark module."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch, "root")
        root.mkdir()
        modules_dir = Path(scratch, "modules")
        modules_dir.mkdir()
        for name, notebook in {"benchmark.ipynb": BENCHMARK_MODULE, **(modules or {})}.items():
            (modules_dir / name).write_text(json.dumps(notebook))
        port = _free_port()
        url = database_url or f"sqlite:///{Path(scratch, 'tutor.db')}"
        command = [
            sys.executable,
            "-m",
            "jupyter_server",
            f"--port={port}",
            "--ip=127.0.0.1",
            "--no-browser",
            f"--ServerApp.root_dir={root}",
            f"--IdentityProvider.token={TOKEN}",
            "--ServerApp.jpserver_extensions={'jupyter_tutor': True}",
            f"--TutorApp.modules_dir={modules_dir}",
            "--allow-root",
            "--log-level=" + os.environ.get("BENCH_LOG_LEVEL", "WARN"),
            *extra_args,
        ]
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(Path(scratch, "runtime"))}
        if hub_client_of is None:
            command.append(f"--TutorApp.database_url={url}")
        else:
            service_url, hub_token = hub_client_of
            command += [
                f"--TutorApp.service_url={service_url}",
                "--ServerApp.identity_provider_class=hub_student.ServerOwner",
            ]
            # A student's server holds no model or database setting (it would refuse to start).
            env = {k: v for k, v in env.items() if not k.startswith(("OPENAI_", "JUPYTER_TUTOR_"))}
            env.update(
                JUPYTERHUB_API_TOKEN=hub_token,
                JUPYTERHUB_USER="student",
                PYTHONPATH=f"{Path(__file__).parent}{os.pathsep}{Path(__file__).parents[1]}",
            )
        log = Path(scratch, "server.log")
        # A file, not a pipe: a pipe nobody reads blocks a server that logs a lot.
        with log.open("wb") as log_file:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log_file)
        try:
            _wait_until_up(port, process, log)
            yield Server(port, root, None if database_url else Path(scratch, "tutor.db"))
        finally:
            process.terminate()
            process.wait(timeout=30)
