"""jupyter-tutor on a real JupyterHub: the service managed by the hub holds the database
and the model key; students reach it only through their own servers, as themselves.

Everything goes through the hub's proxy with real HTTP and WebSockets; one hub serves
the whole module (starting servers is slow), and the tests build on each other in order.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from conftest import POSTGRES_URL, REPO, _reset_postgres, fixture_notebook
from fake_openai import FakeOpenAI, running_fake_openai
from model_server import SECRET_KEY
from real_hub import Hub, fetch, hub_config, run_in_kernel, wait_for_hub
from service_process import free_port, service_env
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect
from tutor_client import ask, text_of

pytestmark = pytest.mark.timeout(600)

SERVICE_TOKEN = "service-" + secrets.token_hex(16)
# What the student's side must never see (the tests add the hub-made ones).
SECRETS = [SECRET_KEY, SERVICE_TOKEN]
RESPONSES: list[bytes] = []  # every body a student got, checked for secrets at the end


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAI]:
    with running_fake_openai() as fake:
        yield fake


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, model: FakeOpenAI) -> Iterator[Hub]:
    root = tmp_path_factory.mktemp("hub")
    course = root / "course"
    course.mkdir()
    for order, slug in enumerate(("alpha", "beta"), start=1):
        notebook = fixture_notebook(slug, slug.title(), order)
        (course / f"module_{order:02d}_{slug}.ipynb").write_text(json.dumps(notebook))
    if POSTGRES_URL:
        _reset_postgres(POSTGRES_URL)
    database_url = POSTGRES_URL or f"sqlite:///{root / 'service' / 'tutor.db'}"
    SECRETS.append(database_url)
    service_config = root / "tutor_server_config.py"
    service_config.write_text(
        f"c.TutorApp.database_url = {database_url!r}\n"
        f"c.TutorApp.modules_dir = {str(course)!r}\n"
        'c.TutorApp.instructor_groups = {"instructors"}\n'
        f"c.TutorApp.llm_base_url = {model.url!r}\n"
        f"c.TutorApp.llm_api_key = {SECRET_KEY!r}\n"
        'c.TutorApp.llm_model = "tutor-test-model"\n'
        "c.TutorApp.llm_max_retries = 0\n"
    )
    port = free_port()
    admin_token = secrets.token_hex(16)
    SECRETS.append(admin_token)
    config = root / "jupyterhub_config.py"
    config.write_text(
        hub_config(root, port, free_port(), service_config, SERVICE_TOKEN, admin_token)
    )
    env = service_env(root / "hub")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # The hub passes PYTHONPATH on to its service and servers: this tree's jupyter_tutor.
    env["PYTHONPATH"] = str(REPO)
    log = root / "hub.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=root,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_hub(url, process, log)
        yield Hub(url, admin_token, process, root, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


async def as_student(hub: Hub, name: str, method: str, path: str, body: Any = None):
    """A call to jupyter-tutor on the student's own server, through the hub's proxy."""
    token = (await hub.ready(name))[name]
    response = await fetch(f"{hub.server_url(name)}jupyter-tutor/api/{path}", token, method, body)
    RESPONSES.append(response.body or b"")
    return response


def body(response: Any) -> Any:
    return json.loads(response.body)


async def tutor_socket(hub: Hub, name: str) -> Any:
    token = (await hub.ready(name))[name]
    url = hub.server_url(name).replace("http", "ws", 1) + "jupyter-tutor/api/tutor"
    request = HTTPRequest(f"{url}?module_id=alpha", headers={"Authorization": f"token {token}"})
    return await websocket_connect(request)


async def test_each_student_saves_reopens_and_asks_the_tutor_as_themselves(hub, model):
    await hub.ready("alice", "bob", "tess")
    for name in ("alice", "bob"):
        config = body(await as_student(hub, name, "GET", "config"))
        assert (config["username"], config["role"]) == (name, "learner")
        response = await as_student(hub, name, "POST", "modules/alpha/open", {})
        opened = body(response)
        assert opened.get("created"), response.body
        notebook = fixture_notebook("alpha", "Alpha", 1, source=f"owner = {name!r}")
        saved = await as_student(
            hub, name, "PUT", "progress/alpha", {"notebook_state": notebook, "base_version": 0}
        )
        assert (saved.code, body(saved)["version"]) == (200, 1), saved.body
        # Another machine: no working copy; opening restores the saved work.
        token = hub.tokens[name]
        copy = f"{hub.server_url(name)}api/contents/{opened['path']}"
        assert (await fetch(copy, token, "DELETE")).code == 204
        reopened = body(await as_student(hub, name, "POST", "modules/alpha/open", {}))
        assert reopened["restored"]
        model.script({"text": f"{name}, what does the name refer to?"})
        socket = await tutor_socket(hub, name)
        frames = await ask(socket, cell_code="print(y)", error_output="NameError: y")
        RESPONSES.extend(json.dumps(frame).encode() for frame in frames)
        assert text_of(frames) == f"{name}, what does the name refer to?"
        socket.close()
    for name in ("alice", "bob"):
        progress = body(await as_student(hub, name, "GET", "progress/alpha"))
        sources = ["".join(c["source"]) for c in progress["notebook_state"]["cells"]]
        assert f"owner = {name!r}" in sources  # each their own work, nobody else's
        statuses = {
            p["module_id"]: p["status"]
            for p in body(await as_student(hub, name, "GET", "progress"))["progress"]
        }
        assert statuses == {"alpha": "in_progress"}


async def test_the_instructor_group_edits_packages_and_reads_analytics_a_student_cannot(hub):
    await hub.ready("tess", "bob")
    edit = {"packages": [{"name": "numpy"}]}
    assert (await as_student(hub, "tess", "PUT", "modules/alpha/packages", edit)).code == 200
    assert (await as_student(hub, "tess", "GET", "packages/analytics")).code == 200
    refused = await as_student(hub, "bob", "PUT", "modules/alpha/packages", {"packages": []})
    assert refused.code == 403
    assert (await as_student(hub, "bob", "GET", "packages/analytics")).code == 403

    # bob names himself admin in his own ~/.jupyter (from a kernel: hidden files are
    # his too) and restarts his server.
    own_config = "c.TutorApp.admin_users = {'bob'}\nc.TutorApp.instructor_users = {'bob'}\n"
    write = (
        "import pathlib; folder = pathlib.Path.home() / '.jupyter'; folder.mkdir()\n"
        f"(folder / 'jupyter_server_config.py').write_text({own_config!r})"
    )
    await run_in_kernel(hub.server_url("bob"), hub.tokens["bob"], write)
    await hub.stop_server("bob")
    await hub.start_server("bob")
    # His server will not run the tutor with a role list, and says why ...
    assert "c.TutorApp.admin_users" in hub.log.read_text()
    assert "not starting" in hub.log.read_text()
    for method, path, sent in (
        ("PUT", "modules/alpha/packages", {"packages": []}),
        ("GET", "packages/analytics", None),
    ):
        assert (await as_student(hub, "bob", method, path, sent)).code != 200
        # ... and the service itself, asked with his token directly, refuses him.
        direct = await fetch(
            f"{hub.service_url}jupyter-tutor/api/{path}", hub.tokens["bob"], method, sent
        )
        assert direct.code == 403
    kept = body(await as_student(hub, "tess", "GET", "modules/alpha/packages"))
    assert [entry["name"] for entry in kept["packages"]] == ["numpy"]


FIND_SECRETS = """
import json, os, pathlib, urllib.request
from jupyter_core.paths import jupyter_config_path
configs = {}
for folder in jupyter_config_path():
    for path in pathlib.Path(folder).rglob("*") if pathlib.Path(folder).is_dir() else []:
        if path.is_file():
            configs[str(path)] = path.read_text(errors="replace")
request = urllib.request.Request(
    os.environ["JUPYTER_TUTOR_SERVICE_URL"] + "jupyter-tutor/api/packages/analytics",
    headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]},
)
try:
    direct = urllib.request.urlopen(request).status
except urllib.error.HTTPError as error:
    direct = error.code
print(json.dumps({"environ": dict(os.environ), "configs": configs, "direct": direct}))
"""


async def test_a_students_kernel_finds_no_database_url_model_key_or_service_secret(hub):
    token = (await hub.ready("alice"))["alice"]
    found = json.loads(await run_in_kernel(hub.server_url("alice"), token, FIND_SECRETS))
    assert found["configs"], "the kernel read the server's config folders"
    assert found["direct"] == 403  # its own token, straight to the service: no analytics
    everything = json.dumps(found) + b"".join(RESPONSES).decode()
    for secret in SECRETS:
        assert secret not in everything
    assert not {"OPENAI_API_KEY", "JUPYTER_TUTOR_DATABASE_URL"} & set(found["environ"])


def service_process(hub: Hub) -> psutil.Process:
    for child in psutil.Process(hub.process.pid).children(recursive=True):
        if "jupyter_tutor.remote" in " ".join(child.cmdline()):
            return child
    pytest.fail("the hub runs no jupyter-tutor service")


async def test_the_service_stopping_mid_session_is_a_clear_error_and_saving_resumes(hub):
    await hub.ready("alice")
    current = body(await as_student(hub, "alice", "GET", "progress/alpha"))
    version = current["version"]
    acknowledged = fixture_notebook("alpha", "Alpha", 1, source="step = 'acknowledged'")
    update = {"notebook_state": acknowledged, "base_version": version}
    assert (await as_student(hub, "alice", "PUT", "progress/alpha", update)).code == 200

    os.kill(service_process(hub).pid, signal.SIGTERM)
    later = fixture_notebook("alpha", "Alpha", 1, source="step = 'later'")
    update = {"notebook_state": later, "base_version": version + 1}
    failed = await as_student(hub, "alice", "PUT", "progress/alpha", update)
    assert (failed.code, body(failed)["error"]) == (503, "service_unavailable")
    assert "tried again automatically" in body(failed)["message"]

    # Auto-save tries again on its next tick; the hub restarts its service meanwhile.
    deadline = time.monotonic() + 180
    while (saved := await as_student(hub, "alice", "PUT", "progress/alpha", update)).code != 200:
        assert saved.code == 503, saved.body
        assert time.monotonic() < deadline, "the service did not come back"
        time.sleep(2)
    assert body(saved)["version"] == version + 2
    history = body(await as_student(hub, "alice", "GET", "progress/alpha/snapshots"))
    assert version + 1 in [s["version"] for s in history["snapshots"]]
