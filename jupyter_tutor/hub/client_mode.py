"""The student's server on a hub, in client mode: it holds no shared secret, so a
configured one means a mistake that would hand it to the student; refuse to start."""

import os
from collections.abc import Mapping
from typing import Any

# What only the hub service may hold: settings, and the variables their defaults read.
SERVICE_ONLY_SETTINGS = (
    "database_url",
    "llm_base_url",
    "llm_api_key",
    "admin_users",
    "admin_groups",
    "instructor_users",
    "instructor_groups",
)
SERVICE_ONLY_VARIABLES = ("JUPYTER_TUTOR_DATABASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL")


class ClientModeRefused(RuntimeError):
    """The reason the extension will not start as a hub client."""


def service_only_settings(configured: Mapping[str, Any], environ: Mapping[str, str]) -> list[str]:
    """The service-only settings and variables present on this server, by name."""
    found = [f"c.TutorApp.{name}" for name in SERVICE_ONLY_SETTINGS if configured.get(name)]
    return found + [f"${name}" for name in SERVICE_ONLY_VARIABLES if environ.get(name)]


def check_client_mode(configured: Mapping[str, Any], service_url: str) -> str:
    """The student's hub token, after making sure nothing service-only is configured.

    Raises ``ClientModeRefused`` saying why, otherwise.
    """
    found = service_only_settings(configured, os.environ)
    if found:
        raise ClientModeRefused(
            f"jupyter-tutor: not starting: this server forwards to the jupyter-tutor service "
            f"at {service_url} (c.TutorApp.service_url), yet {', '.join(found)} is set here. "
            "Students control their own server and its kernels see its settings, so the "
            "database, the model and roles belong to the service only: remove them from "
            "this server's configuration and environment (docs/hub.md)."
        )
    token = os.environ.get("JUPYTERHUB_API_TOKEN", "")
    if not token:
        raise ClientModeRefused(
            "jupyter-tutor: not starting: c.TutorApp.service_url is set, but this is not a "
            "JupyterHub single-user server ($JUPYTERHUB_API_TOKEN is missing), so it has no "
            "hub token to call the service with."
        )
    return token
