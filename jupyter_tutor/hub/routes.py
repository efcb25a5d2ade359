"""The routes of a student's server in hub client mode: the same as everywhere else,
answered by the hub service (only opening a module writes here)."""

from ..web.paths import MODULE_IN_PATH
from .forward import ClientConfigHandler, ForwardHandler, OpenHandler
from .forward_socket import ForwardedTutorSocket


def client_routes(api: str) -> list[tuple[str, type]]:
    return [
        (f"{api}/config", ClientConfigHandler),
        (f"{api}/modules/{MODULE_IN_PATH}/open", OpenHandler),
        (f"{api}/tutor", ForwardedTutorSocket),
        (f"{api}/(?P<path>.+)", ForwardHandler),
    ]
