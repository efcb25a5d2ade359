"""The student's server calling the hub service as its student, with the server's own
hub token (JUPYTERHUB_API_TOKEN, which the hub gives ``access:services`` to it)."""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse
from tornado.websocket import WebSocketClientConnection, websocket_connect

from ..errors import Forbidden, ServiceUnavailable

SERVICE_API = "jupyter-tutor/api/"
# Request headers passed on: what the service reads, never the browser's cookies.
FORWARDED_HEADERS = ("Content-Type",)


def unreachable(what: str, error: Exception) -> ServiceUnavailable:
    reason = "it did not answer in time" if "Timeout" in str(error) else "it cannot be reached"
    return ServiceUnavailable(
        f"The course's jupyter-tutor service could not {what} ({reason}). Your notebook is "
        "unaffected; saving is tried again automatically."
    )


@dataclass(frozen=True)
class ServiceClient:
    base_url: str  # the service's URL, ending in /
    token: str
    owner: str  # the hub user this server (and so its token) belongs to
    timeout_seconds: float

    def check_caller(self, username: str) -> None:
        """Only the server's owner acts through its token; a visitor (shared access) does not."""
        if username != self.owner:
            raise Forbidden(
                f"This is {self.owner}'s server; the tutor works here only for {self.owner}."
            )

    def url(self, path: str, query: str = "", *, socket: bool = False) -> str:
        parts = urlsplit(self.base_url + SERVICE_API + path)
        scheme = {"http": "ws", "https": "wss"}[parts.scheme] if socket else parts.scheme
        return urlunsplit((scheme, parts.netloc, parts.path, query, ""))

    def _headers(self, headers: dict[str, str] | None = None) -> dict[str, str]:
        return {**(headers or {}), "Authorization": f"token {self.token}"}

    async def fetch(
        self,
        method: str,
        path: str,
        query: str = "",
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> HTTPResponse:
        """The service's answer, whatever its status; ServiceUnavailable if none came."""
        request = HTTPRequest(
            self.url(path, query),
            method=method,
            headers=self._headers(headers),
            body=body if method in ("POST", "PUT", "PATCH") else None,
            allow_nonstandard_methods=True,
            request_timeout=self.timeout_seconds,
            follow_redirects=False,
        )
        try:
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
        except (OSError, HTTPClientError) as error:
            raise unreachable("answer", error) from None
        if response.code == 599:
            raise unreachable("answer", response.error or OSError())
        if response.code in (502, 503, 504) and not _is_json(response):
            raise unreachable("answer", OSError("proxy"))  # the hub's proxy: no service
        return response

    async def connect(self, path: str, query: str) -> WebSocketClientConnection:
        request = HTTPRequest(
            self.url(path, query, socket=True),
            headers=self._headers(),
            connect_timeout=self.timeout_seconds,
            request_timeout=self.timeout_seconds,
        )
        socket = await websocket_connect(request)
        # Small frames in bursts, as on the browser's side (see TutorSocket.open).
        if socket.protocol is not None and socket.protocol.stream is not None:
            socket.protocol.stream.set_nodelay(True)
        return socket


def _is_json(response: HTTPResponse) -> bool:
    return response.headers.get("Content-Type", "").startswith("application/json")
