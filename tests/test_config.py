"""Configuration: environment variables admins expect, defaults and validation."""

import pytest
from traitlets import TraitError

from jupyter_tutor.app import TutorApp
from jupyter_tutor.remote.service import SERVICE_DEFAULTS


def test_environment_variables_configure_the_store_and_the_model(monkeypatch, tmp_path):
    monkeypatch.setenv("JUPYTER_TUTOR_DATABASE_URL", "postgresql://tutor@db/tutor")
    monkeypatch.setenv("JUPYTER_TUTOR_MODULES_DIR", str(tmp_path))
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("JUPYTER_TUTOR_MODEL", "llama3.2")
    app = TutorApp()
    assert app.database_url == "postgresql://tutor@db/tutor"
    assert app.modules_dir == str(tmp_path)
    assert (app.llm_base_url, app.llm_api_key, app.llm_model) == (
        "http://127.0.0.1:11434/v1",
        "sk-from-env",
        "llama3.2",
    )


def test_defaults_need_no_configuration(monkeypatch):
    for name in (
        "JUPYTER_TUTOR_DATABASE_URL",
        "OPENAI_BASE_URL",
        "OPENAI_API_KEY",
        "JUPYTERHUB_API_TOKEN",
        "JUPYTER_TUTOR_MODULES_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    app = TutorApp()
    assert app.database_url.startswith("sqlite:///") and app.database_url.endswith("tutor.db")
    assert app.modules_dir.endswith(("course_notebooks", "notebooks"))
    assert app.llm_base_url is None and app.llm_api_key is None
    assert app.local_user_is_admin is True


def test_under_jupyterhub_or_with_roles_nobody_is_admin_by_default(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hub")
    assert TutorApp().local_user_is_admin is False
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN")
    assert TutorApp(instructor_users={"teach"}).local_user_is_admin is False


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("autosave_interval_seconds", 5),
        ("snapshot_limit", 0),
        ("max_notebook_bytes", 0),
        ("load_logs_per_day", -1),
        ("requests_per_minute", -1),
        ("tokens_per_day", -5),
        ("database_pool_size", -1),
        ("database_max_overflow", -1),
        ("llm_max_tokens", -1),
        ("max_tutor_sockets_per_user", -1),
        ("history_max_age_days", -1),
        # Fewer than the tutor looks back on would cut its own conversation short.
        ("history_max_messages_per_module", 4),
    ],
)
def test_nonsense_settings_are_refused(name, value):
    with pytest.raises(TraitError):
        TutorApp(**{name: value})


def test_allowed_origins_come_from_the_environment_as_browsers_spell_them(monkeypatch):
    monkeypatch.setenv(
        "JUPYTER_TUTOR_ALLOWED_ORIGINS", "https://Course.example.org/, http://localhost:8000"
    )
    assert TutorApp().allowed_origins == ["https://course.example.org", "http://localhost:8000"]
    assert TutorApp(allowed_origins=["https://lite.example.org:443"]).allowed_origins == [
        "https://lite.example.org"
    ]


@pytest.mark.parametrize(
    "origin", ["course.example.org", "https://course.example.org/lite/", "*", "file:///srv"]
)
def test_an_allowed_origin_must_be_an_origin(origin):
    with pytest.raises(TraitError):
        TutorApp(allowed_origins=[origin])


def test_tutor_link_hosts_are_host_names():
    assert "docs.python.org" in TutorApp().tutor_link_hosts
    assert TutorApp(tutor_link_hosts=["Course.Example.org."]).tutor_link_hosts == [
        "course.example.org"
    ]
    for wrong in (["https://numpy.org"], ["numpy.org/doc"], ["localhost"], [""]):
        with pytest.raises(TraitError, match="tutor_link_hosts"):
            TutorApp(tutor_link_hosts=wrong)


def test_a_students_server_keeps_one_connection_and_the_shared_service_more():
    assert (TutorApp().database_pool_size, TutorApp().database_max_overflow) == (1, 4)
    service = SERVICE_DEFAULTS["TutorApp"]
    assert (service["database_pool_size"], service["database_max_overflow"]) == (20, 20)
