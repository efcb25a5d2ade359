"""A personal server has one student, whichever browser asks; earlier anonymous work is kept."""

import getpass
import uuid
from typing import Any

import pytest
from conftest import HeaderUsers, HubLikeUser, fixture_notebook, payload
from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider, User
from tutor_client import ask

from jupyter_tutor.identity.adopt import is_anonymous
from jupyter_tutor.identity.students import Students, decide_local_user
from jupyter_tutor.remote.identity import StudentTokenIdentityProvider


def anonymous() -> str:
    """A user name as jupyter-server makes one for each new browser."""
    return uuid.uuid4().hex


def test_jupyter_servers_anonymous_names_are_recognised():
    assert is_anonymous(anonymous())
    assert not any(map(is_anonymous, ["ada", "a" * 32, str(uuid.uuid4()), anonymous().upper()]))


def test_a_personal_server_is_its_os_users_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    for provider in (IdentityProvider(), PasswordIdentityProvider()):
        assert decide_local_user(None, provider) == getpass.getuser()
        assert decide_local_user("ada", provider) == "ada"
        assert decide_local_user("", provider) is None
    # Identity providers that know their users: each user is a student.
    assert decide_local_user(None, StudentTokenIdentityProvider()) is None
    assert decide_local_user(None, HeaderUsers()) is None
    assert decide_local_user("ada", HeaderUsers()) == "ada"


def test_under_jupyterhub_the_hubs_user_counts_whatever_is_configured(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hub")
    assert decide_local_user(None, IdentityProvider()) is None
    assert decide_local_user("someone-else", IdentityProvider()) is None
    hub_user = HubLikeUser(username="ada", hub_user={"name": "ada"})
    assert Students("someone-else").id_of(hub_user) == "ada"
    assert Students("me").id_of(User(username=anonymous())) == "me"
    assert Students(None).id_of(User(username="bob")) == "bob"


# --- A personal server as `jupyter lab` starts one: jupyter-server's own token login.


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any], monkeypatch) -> dict[str, Any]:
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    del jp_server_config["ServerApp"]["identity_provider_class"]
    return jp_server_config


def notebook(source: str) -> dict[str, Any]:
    return fixture_notebook("alpha", "Alpha", 1, source=source)


async def test_every_new_browser_is_the_same_student(api, jp_ws_fetch):
    # Each request with the server's token and no cookie is a new browser to jupyter-server.
    saved = await api(
        "progress",
        "alpha",
        method="PUT",
        body={"notebook_state": notebook("x = 42"), "base_version": 0},
    )
    assert saved.code == 200
    progress = payload(await api("progress", "alpha"))
    assert progress["notebook_state"]["cells"][1]["source"] == "x = 42"
    config = payload(await api("config"))
    assert config["username"] == getpass.getuser() and config["role"] == "admin"

    socket = await jp_ws_fetch("jupyter-tutor", "api", "tutor", params={"module_id": "alpha"})
    assert (await ask(socket, "why?"))[-1]["type"] == "end"
    socket.close()
    history = payload(await api("tutor", "history", params={"module_id": "alpha"}))
    assert [m["content"] for m in history["messages"] if m["role"] == "user"] == ["why?"]
    assert payload(await api("progress", "alpha"))["attempt_count"] == 1
