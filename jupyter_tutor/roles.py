"""Who may change what: learner, instructor or admin, decided on the server."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .contract import names

ROLES = names("Role")


def user_is_hub_admin(user: Any) -> bool:
    """The hub's admin flag, as the hub service learnt it from the hub (never a header)."""
    return getattr(user, "hub_admin", False) is True


def user_groups(user: Any) -> set[str]:
    """Groups of a jupyter-server user; under JupyterHub they come with the hub's user model."""
    hub_user = getattr(user, "hub_user", None) or {}
    return set(hub_user.get("groups", [])) | set(getattr(user, "groups", None) or [])


@dataclass(frozen=True)
class RolePolicy:
    admin_users: frozenset[str] = frozenset()
    admin_groups: frozenset[str] = frozenset()
    instructor_users: frozenset[str] = frozenset()
    instructor_groups: frozenset[str] = frozenset()
    # A personal server with no roles configured: its one user runs the course.
    everyone_is_admin: bool = False

    def role_of(self, username: str, groups: Iterable[str], hub_admin: bool = False) -> str:
        groups = set(groups)
        named = username in self.admin_users or groups & self.admin_groups
        if self.everyone_is_admin or hub_admin or named:
            return "admin"
        if username in self.instructor_users or groups & self.instructor_groups:
            return "instructor"
        return "learner"


def at_least(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)
