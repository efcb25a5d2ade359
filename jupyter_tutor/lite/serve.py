"""Serve a built site on 127.0.0.1: static files with the types Pyodide needs."""

import contextlib
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

HOST = "127.0.0.1"


class SiteHandler(SimpleHTTPRequestHandler):
    # WebAssembly compiles while it streams only when served as application/wasm, and
    # the kernel's workers are ES modules.
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".ipynb": "application/json",
    }

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # A booting kernel makes a hundred requests; only the failed ones tell something.
        if isinstance(code, int) and code >= 400:
            super().log_request(code, size)

    def end_headers(self) -> None:
        # Always revalidate: a rebuilt site must not mix with files cached from the last one.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def serve(site: Path, port: int) -> None:
    handler = partial(SiteHandler, directory=str(site))
    with ThreadingHTTPServer((HOST, port), handler) as server:
        print(f"Serving {site} at http://{HOST}:{server.server_port}/ (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
