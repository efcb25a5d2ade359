"""jupyter-tutor on a hub: the service knows users only from the hub (HubAuth, cached),
and a student's server in client mode forwards everything to it as its student."""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from conftest import Api, HeaderUsers, fixture_notebook, payload
from fake_hub_api import FakeHubApi, running_fake_hub_api
from model_server import SECRET_KEY
from real_hub import fetch
from service_process import running_hub_service
from tutor_client import ask, text_of

from jupyter_tutor.hub.client_mode import ClientModeRefused, check_client_mode
from jupyter_tutor.hub.identity import HubIdentityProvider

SERVICE_SECRET = "service-secret-token"


@dataclass
class HubService:
    url: str
    process: Any


@pytest.fixture
def hub_api() -> Iterator[FakeHubApi]:
    with running_fake_hub_api() as hub:
        hub.add("tok-alice", "alice")
        hub.add("tok-bob", "bob")
        hub.add("tok-tess", "tess", ("teachers",))
        hub.add("tok-root", "root", admin=True)
        hub.add("tok-eve", "eve", scopes=())
        yield hub


@contextmanager
def started_service(
    database_url: str, modules_dir: Path, home: Path, hub_api: FakeHubApi, fake_llm: Any
) -> Iterator[HubService]:
    config = (
        f"c.TutorApp.database_url = {database_url!r}\n"
        f"c.TutorApp.modules_dir = {str(modules_dir)!r}\n"
        'c.TutorApp.instructor_groups = {"teachers"}\n'
        f"c.TutorApp.llm_base_url = {fake_llm.url!r}\n"
        f"c.TutorApp.llm_api_key = {SECRET_KEY!r}\n"
        "c.TutorApp.llm_max_retries = 0\n"
    )
    with running_hub_service(config, home, hub_api.api_url, SERVICE_SECRET) as (url, process):
        yield HubService(url, process)


@pytest.fixture
def hub_service(
    database_url: str, modules_dir: Path, tmp_path: Path, hub_api: FakeHubApi, fake_llm: Any
) -> Iterator[HubService]:
    with started_service(database_url, modules_dir, tmp_path / "a", hub_api, fake_llm) as s:
        yield s


async def test_two_service_processes_share_one_database_and_its_versions(
    hub_service, database_url, modules_dir, tmp_path, hub_api, fake_llm
):
    with started_service(database_url, modules_dir, tmp_path / "b", hub_api, fake_llm) as other:
        route = "jupyter-tutor/api/progress/alpha"
        notebook = fixture_notebook("alpha", "Alpha", 1, source="x = 1")
        first = {"notebook_state": notebook, "base_version": 0}
        assert (await fetch(hub_service.url + route, "tok-bob", "PUT", first)).code == 200
        stale = await fetch(other.url + route, "tok-bob", "PUT", first)
        assert (stale.code, payload(stale)["error"]) == (409, "conflict")
        second = {"notebook_state": notebook, "base_version": 1}
        assert (await fetch(other.url + route, "tok-bob", "PUT", second)).code == 200
        seen = payload(await fetch(hub_service.url + route, "tok-bob"))
        assert seen["version"] == 2


async def test_the_hub_says_who_calls_and_roles_come_from_its_groups_and_admin_flag(
    hub_service, hub_api
):
    roles = {}
    for token in ("tok-alice", "tok-tess", "tok-root"):
        config = payload(await fetch(f"{hub_service.url}jupyter-tutor/api/config", token))
        roles[config["username"]] = config["role"]
    assert roles == {"alice": "learner", "tess": "instructor", "root": "admin"}


async def test_a_token_is_asked_about_once_then_cached(hub_service, hub_api):
    for _ in range(5):
        response = await fetch(f"{hub_service.url}jupyter-tutor/api/progress", "tok-bob")
        assert response.code == 200
    assert hub_api.lookups["tok-bob"] == 1


def test_a_class_that_signed_in_together_is_asked_about_again_spread_out():
    cache = HubIdentityProvider(cache_seconds=60).hub_auth.cache
    for number in range(100):
        cache[f"token-{number}"] = {"name": f"student-{number}"}
    now = time.monotonic()
    ages = [now - stamp for stamp in cache.timestamps.values()]
    assert all(0 <= age <= 15.1 for age in ages)  # each kept 45-60 s
    assert max(ages) - min(ages) > 5  # not all at once
    assert cache["token-7"] == {"name": "student-7"}


async def test_tokens_without_access_to_the_service_or_unknown_are_refused(hub_service):
    no_scope = await fetch(f"{hub_service.url}jupyter-tutor/api/config", "tok-eve")
    assert no_scope.code == 403
    assert "access:services!service=jupyter-tutor" in payload(no_scope)["message"]
    unknown = await fetch(f"{hub_service.url}jupyter-tutor/api/config", "tok-nobody")
    assert (unknown.code, payload(unknown)["error"]) == (401, "invalid_token")


async def test_a_hub_that_does_not_answer_is_a_clear_503(hub_service, hub_api):
    hub_api.stop()
    response = await fetch(f"{hub_service.url}jupyter-tutor/api/config", "tok-new")
    assert (response.code, payload(response)["error"]) == (503, "service_unavailable")
    assert "try again" in payload(response)["message"]


# The student's server in client mode: alice's, with her hub token.


@pytest.fixture
def jp_server_config(hub_service, monkeypatch) -> dict[str, Any]:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "JUPYTER_TUTOR_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-alice")
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    return {
        "ServerApp": {
            "jpserver_extensions": {"jupyter_tutor": True},
            "identity_provider_class": HeaderUsers,
        },
        "TutorApp": {"service_url": hub_service.url},
    }


@pytest.fixture
def as_alice(api: Api) -> Api:
    return partial(api, user="alice")


async def test_the_students_server_answers_as_the_service_says(as_alice, jp_root_dir):
    config = payload(await as_alice("config"))
    assert (config["username"], config["role"]) == ("alice", "learner")
    modules = payload(await as_alice("modules"))["modules"]
    assert [m["id"] for m in modules] == ["alpha", "beta", "gamma"]


async def test_work_is_saved_by_the_service_and_the_copy_written_here(as_alice, jp_root_dir):
    response = await as_alice("modules", "alpha", "open", method="POST", body={})
    assert response.code == 200, response.body
    opened = payload(response)
    copy = Path(jp_root_dir, opened["path"])
    assert opened["created"] and copy.is_file()
    assert opened["progress"]["status"] == "in_progress"
    notebook = json.loads(copy.read_text())
    notebook["cells"][1]["source"] = "x = 42"
    saved = await as_alice(
        "progress", "alpha", method="PUT", body={"notebook_state": notebook, "base_version": 0}
    )
    assert payload(saved)["version"] == 1
    copy.unlink()  # another machine: no copy yet
    reopened = payload(await as_alice("modules", "alpha", "open", method="POST", body={}))
    assert reopened["restored"]
    assert "".join(json.loads(copy.read_text())["cells"][1]["source"]) == "x = 42"
    stale = await as_alice(
        "progress", "alpha", method="PUT", body={"notebook_state": notebook, "base_version": 0}
    )
    assert (stale.code, payload(stale)["error"]) == (409, "conflict")


async def test_the_tutor_answers_through_the_students_server(connect, fake_llm):
    fake_llm.script({"text": "What does the name refer to?"})
    ws = await connect("alpha", user="alice")
    frames = await ask(ws, cell_code="print(y)", error_output="NameError: name 'y' is not defined")
    assert frames[-1]["type"] == "end"
    assert text_of(frames) == "What does the name refer to?"
    ws.close()


async def test_only_route_paths_are_forwarded(as_alice):
    for path in ("progress%3Fx=1", "..%2F..%2Fhub"):
        response = await as_alice(path)
        assert (response.code, payload(response)["error"]) == (404, "not_found")


async def test_a_visitor_cannot_act_through_the_owners_token(as_alice):
    response = await as_alice("progress", user="bob")
    assert response.code == 403
    assert "alice's server" in payload(response)["message"]


async def test_the_service_down_is_a_clear_error_and_nothing_half_done(as_alice, hub_service):
    hub_service.process.terminate()
    hub_service.process.wait(timeout=30)
    response = await as_alice("progress", "alpha", method="PUT", body={"status": "completed"})
    assert (response.code, payload(response)["error"]) == (503, "service_unavailable")
    assert "tried again automatically" in payload(response)["message"]


@pytest.mark.parametrize(
    ("configured", "variable", "named"),
    [
        ({"database_url": "postgresql://db/course"}, None, "c.TutorApp.database_url"),
        ({"llm_api_key": "sk-x"}, None, "c.TutorApp.llm_api_key"),
        ({"admin_users": {"alice"}}, None, "c.TutorApp.admin_users"),
        ({}, "OPENAI_API_KEY", "$OPENAI_API_KEY"),
        ({}, "JUPYTER_TUTOR_DATABASE_URL", "$JUPYTER_TUTOR_DATABASE_URL"),
    ],
)
def test_client_mode_refuses_to_start_with_a_service_secret(
    configured, variable, named, monkeypatch
):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "tok-alice")
    if variable:
        monkeypatch.setenv(variable, "secret")
    with pytest.raises(ClientModeRefused, match=named.replace("$", r"\$")):
        check_client_mode(configured, "http://hub/services/jupyter-tutor/")


def test_client_mode_needs_the_hub_token(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    with pytest.raises(ClientModeRefused, match="JUPYTERHUB_API_TOKEN"):
        check_client_mode({}, "http://hub/services/jupyter-tutor/")


async def test_the_class_dashboard_is_forwarded_and_refused_to_a_learner(as_alice):
    routes = ("students", "students.csv", "exercises", "exercises.csv", "questions")
    for route in (*routes, "students/bob", "students/bob.smith@uni"):
        response = await as_alice("instructor", "modules", "alpha", *route.split("/"))
        assert (response.code, payload(response)["error"]) == (403, "forbidden")


async def test_help_requests_are_forwarded_and_the_queue_refused_to_a_learner(as_alice):
    body = {"module_id": "alpha", "question": "I am stuck", "cell_code": "x = 1"}
    asked = await as_alice("help", "requests", method="POST", body=body)
    assert asked.code == 200, asked.body
    request_id = payload(asked)["id"]
    mine = payload(await as_alice("help", "requests", params={"module_id": "alpha"}))
    assert [r["id"] for r in mine["requests"]] == [request_id]
    assert payload(await as_alice("help", "requests", str(request_id)))["question"] == "I am stuck"
    for path, method in (
        (("instructor", "modules", "alpha", "help-requests"), "GET"),
        (("instructor", "help-requests", str(request_id), "answer"), "POST"),
        (("instructor", "help-requests", str(request_id), "resolve"), "POST"),
    ):
        response = await as_alice(
            *path, method=method, body={"answer": "x"} if method == "POST" else None
        )
        assert (response.code, payload(response)["error"]) == (403, "forbidden")
