"""Who is calling the hub service: the hub user of a hub token, checked by JupyterHub's
own ``HubAuth``; personal tokens still serve JupyterLite sites."""

import random
from dataclasses import dataclass
from typing import Any

from jupyterhub.services.auth import HubAuth, _ExpiringDict
from tornado.web import HTTPError, RequestHandler
from traitlets import Instance, Integer, default

from ..errors import Forbidden, ServiceUnavailable
from ..remote.identity import Student, StudentTokenIdentityProvider

HUB_UNREACHABLE = (
    "The hub could not confirm who you are just now, so nothing was saved or answered. "
    "Your work in open notebooks is unaffected; try again in a moment."
)


class SpreadExpiry(_ExpiringDict):
    """HubAuth's cache, each answer kept for 75-100 % of ``max_age``: a class whose
    servers all called at the start of a lesson is asked about again over several
    seconds, not in one burst that every save then queues behind."""

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.timestamps[key] -= random.uniform(0, self.max_age / 4)


@dataclass
class HubStudent(Student):
    """A hub user, with the hub's groups and admin flag (roles are given to them)."""

    hub_admin: bool = False


class HubIdentityProvider(StudentTokenIdentityProvider):
    """Hub users first (a hub token in ``Authorization``), then personal tokens. Only the
    hub says who a hub user is and which groups they are in: nothing a student's server
    sends or configures counts.

    Tokens only, no cookies: on a hub, browsers talk to their own server, which calls the
    service with its hub token (``hub/forward.py``), so no page of the service is ever
    opened and no OAuth login is needed (nor cookie-borne requests to guard against).
    """

    cache_seconds = Integer(
        60,
        config=True,
        help="How long the hub's answer about a token (user, groups, admin) is reused: "
        "a save then costs no hub round trip; a change of groups applies after this.",
    )
    hub_auth = Instance(HubAuth)

    @default("hub_auth")
    def _hub_auth(self) -> HubAuth:
        # HubAuth reads the hub's URL, our token, name and access scopes from the
        # JUPYTERHUB_* variables the hub gives its services.
        return HubAuth(
            parent=self, cache_max_age=self.cache_seconds, cache=SpreadExpiry(self.cache_seconds)
        )

    async def get_user(self, handler: RequestHandler) -> Student | None:
        if handler.request.method == "OPTIONS":
            return None
        self.get_token(handler)  # refuses ?token= before anything else looks at it
        try:
            model = await self.hub_auth.get_user(handler, sync=False)
        except HTTPError as error:
            handler.log.error("jupyter-tutor: hub check failed: %s", error.log_message)
            raise ServiceUnavailable(HUB_UNREACHABLE) from None
        if model is None:
            return await super().get_user(handler)  # a personal token, or nobody
        if model.get("kind", "user") != "user":
            raise Forbidden("Only hub users can use the tutor, not services.")
        if not self.hub_auth.check_scopes(self.hub_auth.access_scopes, model):
            raise Forbidden(
                "This hub token may not use the jupyter-tutor service: its server needs the "
                f"scope {' or '.join(sorted(self.hub_auth.access_scopes))} (docs/hub.md)."
            )
        return hub_student(model)

    async def recheck(self, handler: RequestHandler) -> None:
        """Personal tokens can be revoked under an open socket; hub users are the hub's."""
        if not isinstance(handler.current_user, HubStudent):
            await super().recheck(handler)

    def get_handlers(self) -> list[tuple[str, object]]:
        return []


def hub_student(model: dict[str, Any]) -> HubStudent:
    return HubStudent(
        username=model["name"],
        groups=list(model.get("groups") or []),
        hub_admin=model.get("admin") is True,
    )
