"""Does one student's huge or large request delay another's? Side by side, in one run.

Another user's small request (GET config) is timed over and over: alone (the baseline),
while someone sends a 100 MB body with its Content-Length (refused before it is read),
while someone streams 100 MB without a length (cut off at the limit), and while someone
saves a valid ~15 MB notebook (parsed in the worker process). Prints each phase's
latencies and the worst delay against the baseline median (goal for the refusals:
at most 100 ms).

    python benchmarks/body_limits.py [--seconds 3] [--database-url URL]
"""

import argparse
import http.client
import json
import multiprocessing
import select
import socket
import statistics
import time
from collections.abc import Callable

from server_fixture import MODULE_ID, TOKEN, Server, running_server

HUGE = 100_000_000
CHUNK = 64 * 1024


class Load:
    """Repeats one kind of request in a process of its own (so it takes no time from the
    probe's process) until stopped; reports how many it sent and the last outcome."""

    def __init__(self, attempt: Callable[[], str]) -> None:
        self._attempt = attempt
        self._stopped = multiprocessing.Event()
        self._results: multiprocessing.Queue = multiprocessing.Queue()
        self._process = multiprocessing.Process(target=self._run, daemon=True)

    def _run(self) -> None:
        attempts, outcome = 0, "no attempt finished"
        while not self._stopped.is_set():
            outcome = self._attempt()
            attempts += 1
        self._results.put((attempts, outcome))

    def __enter__(self) -> "Load":
        self._process.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        self.attempts, self.outcome = self._results.get(timeout=60)
        self._process.join()


def probe(server: Server, seconds: float) -> list[float]:
    """Time GET config, as another user, for ``seconds``."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port)
    headers = {"Authorization": f"token {TOKEN}"}
    times: list[float] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        connection.request("GET", "/jupyter-tutor/api/config", headers=headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
        times.append(time.perf_counter() - started)
        time.sleep(0.005)
    return times


def _send_head(server: Server, head: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(
        f"{head}Host: 127.0.0.1\r\nAuthorization: token {TOKEN}\r\n"
        "Content-Type: application/json\r\n\r\n".encode()
    )
    return sock


def _status_and_sent(sock: socket.socket, chunks: int, framed: bool) -> str:
    """Send until the server answers (or closes); its status line and how much went out."""
    sent = 0
    payload = f"{CHUNK:x}\r\n".encode() + b"x" * CHUNK + b"\r\n" if framed else b"x" * CHUNK
    try:
        for _ in range(chunks):
            if select.select([sock], [], [], 0)[0]:
                break  # the answer came: stop sending
            sock.sendall(payload)
            sent += CHUNK
        select.select([sock], [], [], 10)
        status = sock.recv(200).split(b"\r\n", 1)[0].decode(errors="replace")
    except OSError as error:
        status = f"connection {error.__class__.__name__}"
    sock.close()
    return f"{status}; {sent / 1e6:.1f} MB sent before it"


def declared_huge_body(server: Server) -> Callable[[], str]:
    head = f"PUT /jupyter-tutor/api/progress/{MODULE_ID} HTTP/1.1\r\nContent-Length: {HUGE}\r\n"
    return lambda: _status_and_sent(_send_head(server, head), HUGE // CHUNK, framed=False)


def streamed_huge_body(server: Server) -> Callable[[], str]:
    head = "POST /jupyter-tutor/api/packages/check HTTP/1.1\r\nTransfer-Encoding: chunked\r\n"
    return lambda: _status_and_sent(_send_head(server, head), HUGE // CHUNK, framed=True)


def large_valid_save(server: Server) -> Callable[[], str]:
    output = {"output_type": "stream", "name": "stdout", "text": "0123456789abcdef\n" * 55_000}
    cells = [
        {"id": f"c{i}", "cell_type": "code", "metadata": {}, "execution_count": i,
         "source": f"print({i})", "outputs": [output]}
        for i in range(16)
    ]  # fmt: skip
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}
    connection = http.client.HTTPConnection("127.0.0.1", server.port)
    version = 0

    def save() -> str:
        nonlocal version
        body = json.dumps({"notebook_state": notebook, "base_version": version}).encode()
        connection.request(
            "PUT", f"/jupyter-tutor/api/progress/{MODULE_ID}", body=body, headers=server.headers
        )
        response = connection.getresponse()
        answer = json.loads(response.read())
        version = answer.get("version", version)
        return f"{response.status}; {len(body) / 1e6:.1f} MB saved"

    return save


def summary(name: str, times: list[float], baseline: float, outcome: str) -> str:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    delay = ms[-1] - baseline
    return (
        f"{name:<28} n={len(ms):4d}  median {statistics.median(ms):6.1f} ms  p99 {p99:6.1f} ms"
        f"  max {ms[-1]:6.1f} ms  worst delay {delay:6.1f} ms  ({outcome})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with running_server(args.database_url) as server:
        probe(server, 1.0)  # warm-up
        times = probe(server, args.seconds)
        baseline = statistics.median(times) * 1000
        print(summary("alone (baseline)", times, baseline, "no other load"))
        for name, attempt in [
            ("100 MB, Content-Length", declared_huge_body(server)),
            ("100 MB, chunked", streamed_huge_body(server)),
            ("valid 15 MB saves", large_valid_save(server)),
        ]:
            with Load(attempt) as load:
                times = probe(server, args.seconds)
            print(summary(name, times, baseline, f"{load.attempts} sent, last: {load.outcome}"))
    print("goal: a refused 100 MB body delays another user's request by at most 100 ms")


if __name__ == "__main__":
    main()
