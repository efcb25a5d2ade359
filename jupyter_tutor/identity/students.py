"""The student behind a request: a hub's user, a token's user, or a personal server's owner."""

import getpass
import os
from dataclasses import dataclass
from typing import Any

from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider

# jupyter-server's own providers: with its shared token (or password, or nothing) each new
# browser becomes a new random anonymous user, so a user name there says nothing lasting.
_ANONYMOUS_USER_PROVIDERS = (IdentityProvider, PasswordIdentityProvider)

FALLBACK_LOCAL_USER = "student"


def under_jupyterhub() -> bool:
    """A JupyterHub single-user server: the hub says who the user is."""
    return "JUPYTERHUB_API_TOKEN" in os.environ


def os_user_name() -> str:
    try:
        return getpass.getuser() or FALLBACK_LOCAL_USER
    except (KeyError, OSError):  # no login name and no passwd entry, as in some containers
        return FALLBACK_LOCAL_USER


def makes_anonymous_users(identity_provider: object) -> bool:
    """Whether the server's users are jupyter-server's anonymous per-browser ones.

    Any other provider (JupyterHub's, the standalone service's student tokens, a test's)
    decides who its users are, and is trusted to.
    """
    return type(identity_provider) in _ANONYMOUS_USER_PROVIDERS


def decide_local_user(configured: str | None, identity_provider: object) -> str | None:
    """The personal server's one student, or None where each user is their own student.

    ``configured`` is ``c.TutorApp.local_user``: None to decide by the server, "" for
    never. Under JupyterHub the hub's users count whatever was configured: a student
    controls their own server's configuration, not who they are in a shared database.
    """
    if under_jupyterhub() or configured == "":
        return None
    if configured is not None:
        return configured
    return os_user_name() if makes_anonymous_users(identity_provider) else None


@dataclass(frozen=True)
class Students:
    """Decides the student id the handlers and the tutor socket key everything by."""

    # Set on a personal server: every browser that may use it is this one student.
    local_user: str | None = None

    @property
    def personal(self) -> bool:
        return self.local_user is not None

    def id_of(self, user: Any) -> str:
        # A user that carries a hub's identity stays that user, even on a misconfigured server.
        if self.local_user is None or getattr(user, "hub_user", None):
            return user.username
        return self.local_user
