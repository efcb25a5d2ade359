"""A real local HTTP server that speaks the OpenAI API, scripted by the test.

Chat completions (streamed as server-sent events, or whole), embeddings, and a
request log. Each chat request takes the next scripted reply; with none left it
gives a default nudge. Also runnable on its own for the UI tests:

    python tests/fake_openai.py --port 8765

with control routes ``POST /_script`` (a JSON list of replies), ``GET /_requests``
and ``POST /_reset``.

A reply is a dict: ``text`` (the answer), ``chunk_size`` (characters per streamed
delta), ``delay`` (seconds between deltas), ``status`` + ``error`` (an HTTP error
instead), ``cut_after`` (close the connection after that many deltas), ``hang``
(seconds to wait before answering), ``reset_after`` (reset the TCP connection after
that many deltas), ``usage`` (token counts) and ``held`` (wait until the test calls
``release()``: answers that are certainly under way together).
"""

import argparse
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEFAULT_REPLY = {
    "text": "Look at the line the error points to. What value does each name have there?"
}


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.replies: list[dict[str, Any]] = []
        self.embeddings: dict[str, list[float]] = {}
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, *replies: dict[str, Any]) -> None:
        with self._lock:
            self.replies.extend(replies)

    def release(self) -> None:
        """Let every ``held`` reply go on, and those still to come."""
        self._released.set()

    def wait_for_release(self) -> None:
        if not self._released.wait(timeout=60):
            raise TimeoutError("the test never released its held replies")

    def chat_requests(self) -> list[dict[str, Any]]:
        return [r["body"] for r in self.requests if r["path"].endswith("/chat/completions")]

    def next_reply(self) -> dict[str, Any]:
        with self._lock:
            return self.replies.pop(0) if self.replies else dict(DEFAULT_REPLY)

    def record(self, path: str, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self.requests.append({"path": path, "headers": headers, "body": body})

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.replies.clear()

    def start(self, port: int = 0) -> "FakeOpenAI":
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()


@contextmanager
def running_fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI().start()
    try:
        yield fake
    finally:
        fake.stop()


def _chunks(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeOpenAI
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _json(self, status: int, value: Any) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/_requests":
            self._json(200, self.server_fake.requests)
        else:
            self._json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"null")
        fake = self.server_fake
        if self.path == "/_script":
            fake.script(*body)
            self._json(200, {"queued": len(fake.replies)})
            return
        if self.path == "/_reset":
            fake.reset()
            self._json(200, {})
            return
        fake.record(self.path, dict(self.headers), body)
        if self.path.endswith("/embeddings"):
            vector = next(
                (v for key, v in fake.embeddings.items() if key in body["input"]), [1.0, 0.0]
            )
            self._json(
                200,
                {
                    "object": "list",
                    "model": body["model"],
                    "data": [{"object": "embedding", "index": 0, "embedding": vector}],
                    "usage": {"prompt_tokens": 1, "total_tokens": 1},
                },
            )
            return
        if self.path.endswith("/chat/completions"):
            self._chat(body, fake.next_reply())
            return
        self._json(404, {"error": {"message": "not found"}})

    def _chat(self, body: dict[str, Any], reply: dict[str, Any]) -> None:
        if reply.get("held"):
            self.server_fake.wait_for_release()
        time.sleep(reply.get("hang", 0))
        if "status" in reply:
            self._json(
                reply["status"], {"error": {"message": reply.get("error", "error"), "type": "fake"}}
            )
            return
        text = reply.get("text", "")
        usage = reply.get("usage", {"prompt_tokens": 50, "completion_tokens": len(text) // 4})
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        base = {
            "id": "chatcmpl-fake",
            "created": int(time.time()),
            "model": body.get("model", "fake"),
        }
        if not body.get("stream"):
            self._json(
                200,
                {
                    **base,
                    "object": "chat.completion",
                    "usage": usage,
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": text},
                        }
                    ],
                },
            )
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()

        def event(value: Any) -> None:
            self.wfile.write(f"data: {json.dumps(value)}\n\n".encode())
            self.wfile.flush()

        chunk = {**base, "object": "chat.completion.chunk"}
        pieces = _chunks(text, reply.get("chunk_size", 8))
        for index, piece in enumerate(pieces):
            if "cut_after" in reply and index >= reply["cut_after"]:
                return  # the connection closes mid-answer
            if "reset_after" in reply and index >= reply["reset_after"]:
                # SO_LINGER 0: closing sends a TCP reset instead of a clean end.
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
                return
            event(
                {
                    **chunk,
                    "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                }
            )
            time.sleep(reply.get("delay", 0))
        event({**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        event({**chunk, "choices": [], "usage": usage})
        self.wfile.write(b"data: [DONE]\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description="A scriptable OpenAI-compatible server.")
    parser.add_argument("--port", type=int, default=8765)
    port = parser.parse_args().port
    FakeOpenAI().start(port)
    print(f"fake OpenAI server on http://127.0.0.1:{port}/v1", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
