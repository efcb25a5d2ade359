"""Fixtures for tests of the tutor socket against the scripted model server."""

from typing import Any

import pytest
from fake_openai import FakeOpenAI, running_fake_openai

SECRET_KEY = "sk-test-secret-key-1234"


@pytest.fixture
def fake_llm():
    with running_fake_openai() as fake:
        yield fake


@pytest.fixture
def tutor_config() -> dict:
    """TutorApp settings a test adds (parametrize it)."""
    return {}


def with_model(config: dict, fake_llm: FakeOpenAI, tutor_config: dict) -> dict:
    """``jp_server_config`` with the tutor pointed at the fake model server."""
    config["TutorApp"].update(
        {
            "llm_base_url": fake_llm.url,
            "llm_api_key": SECRET_KEY,
            "llm_model": "tutor-test-model",
            "llm_max_retries": 0,
            "llm_timeout_seconds": 5.0,
            **tutor_config,
        }
    )
    return config


@pytest.fixture
def connect(jp_ws_fetch):
    async def open_socket(module_id: str = "alpha", user: str = "ada") -> Any:
        return await jp_ws_fetch(
            "jupyter-tutor",
            "api",
            "tutor",
            params={"module_id": module_id},
            headers={"X-Test-User": user},
        )

    return open_socket
