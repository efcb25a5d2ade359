"""``jupyter tutor-server`` as a JupyterHub service: where the hub said it lives, and who
may call it (hub users, by the hub's own service auth)."""

import os
from typing import Any
from urllib.parse import urlsplit


def hub_service_environment() -> bool:
    """Started by (or for) a JupyterHub as a service: the hub's API and our name are set."""
    return bool(os.environ.get("JUPYTERHUB_API_URL") and os.environ.get("JUPYTERHUB_SERVICE_NAME"))


def hub_service_defaults() -> dict[str, Any]:
    """ServerApp settings from the JUPYTERHUB_* variables a hub gives its services.

    The hub's proxy passes ``/services/<name>/…`` on unchanged, so the service serves
    under that prefix; a hub-managed service listens where the hub said (its ``url``).
    """
    settings: dict[str, Any] = {
        # By name: jupyterhub (the `hub` extra) is needed by the service on a hub only.
        "identity_provider_class": "jupyter_tutor.hub.identity.HubIdentityProvider",
        "base_url": os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/"),
    }
    listen = urlsplit(os.environ.get("JUPYTERHUB_SERVICE_URL", ""))
    if listen.hostname:
        settings["ip"] = listen.hostname
    if listen.port:
        settings["port"] = listen.port
    return settings
