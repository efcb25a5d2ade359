"""Cross-origin access to the tutor routes: only from the origins an admin allowed.

jupyter-server lets any origin use its API with a token. The tutor routes give CORS
headers only to the origins in ``TutorApp.allowed_origins`` (the course's JupyterLite
site) and refuse other origins, token or not, so a student's token is no use to
another site's scripts.
"""

from urllib.parse import urlsplit

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import origin_matches_pat

# Where TutorApp puts its allowed origins in the web app's settings, for every handler.
ALLOWED_ORIGINS = "jupyter_tutor_allowed_origins"

PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE",
    # X-XSRFToken: JupyterLab's request helper adds it whenever the page has an _xsrf cookie.
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-XSRFToken",
    "Access-Control-Max-Age": "3600",
}
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def normalize_origin(value: str) -> str:
    """``https://Course.Example.org:443/`` → ``https://course.example.org``, as browsers send it."""
    parts = urlsplit(value.strip())
    if (
        parts.scheme not in _DEFAULT_PORTS
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise ValueError(f"{value!r} is not an origin like https://course.example.org[:port]")
    netloc = parts.netloc.lower().removesuffix(_DEFAULT_PORTS[parts.scheme])
    return f"{parts.scheme}://{netloc}"


def allowed_origin(handler: JupyterHandler) -> str | None:
    """The request's origin if it is an allowed one."""
    origin = handler.get_origin()
    if origin and origin.lower() in handler.settings.get(ALLOWED_ORIGINS, ()):
        return origin
    return None


def origin_may_call(handler: JupyterHandler) -> bool:
    """Same-origin pages, scripts (they send no Origin), the allowed origins, and what
    jupyter-server's own ``allow_origin`` settings let through (a token does not)."""
    origin = handler.get_origin()
    host = handler.request.headers.get("Host")
    if origin is None or host is None:
        return True
    origin = origin.lower()
    if urlsplit(origin).netloc == host.lower() or allowed_origin(handler):
        return True
    # Deployments that set these for JupyterLab itself (e.g. behind a proxy) keep working.
    pattern = handler.allow_origin_pat
    if handler.allow_origin in ("*", origin) or (pattern and origin_matches_pat(pattern, origin)):
        return True
    handler.log.warning("jupyter-tutor: refused a request from origin %s", origin)
    return False


def allow_reading(handler: JupyterHandler, *, preflight: bool = False) -> None:
    """Let an allowed origin read this answer (or send the request it asks about)."""
    handler.set_header("Vary", "Origin")
    origin = allowed_origin(handler)
    if origin is None:
        handler.clear_header("Access-Control-Allow-Origin")
        return
    handler.set_header("Access-Control-Allow-Origin", origin)
    if preflight:
        for name, value in PREFLIGHT_HEADERS.items():
            handler.set_header(name, value)
