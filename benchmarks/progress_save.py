"""Saving a ~200 KB notebook: jupyter-tutor's progress API against the contents API.

Both PUTs go to the same jupyter-server in the same run, interleaved, over one
keep-alive connection each. Prints the medians and their ratio (goal: ≤ 1.0).

    python benchmarks/progress_save.py [--rounds 60] [--database-url URL]
"""

import argparse
import http.client
import json
import statistics
import time

from server_fixture import MODULE_ID, Server, running_server

TARGET_BYTES = 200_000


def course_like_notebook(target_bytes: int) -> dict:
    """Many code cells with source and text outputs, like a worked-through module."""
    cells = []
    index = 0
    while len(json.dumps({"cells": cells})) < target_bytes:
        cells.append(
            {
                "id": f"cell-{index}",
                "cell_type": "code",
                "metadata": {},
                "execution_count": index,
                "source": [f"x{index} = np.linspace(0, {index}, 50)\n", f"print(x{index})\n"],
                "outputs": [
                    {
                        "output_type": "stream",
                        "name": "stdout",
                        "text": [
                            " ".join(f"{value:.4f}" for value in range(index, index + 40)) + "\n"
                        ]
                        * 5,
                    }
                ],
            }
        )
        index += 1
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "cells": cells,
    }


class Client:
    """One keep-alive connection that keeps the server's cookies.

    jupyter-server names a token-authenticated client by cookie; without it every
    request would be a new anonymous student.
    """

    def __init__(self, server: Server) -> None:
        self._connection = http.client.HTTPConnection("127.0.0.1", server.port)
        self._headers = dict(server.headers)

    def put(self, path: str, body: bytes) -> tuple[float, dict]:
        started = time.perf_counter()
        self._connection.request("PUT", path, body=body, headers=self._headers)
        response = self._connection.getresponse()
        payload = json.loads(response.read())
        elapsed = time.perf_counter() - started
        if response.status >= 300:
            raise RuntimeError(f"{path}: {response.status} {payload}")
        cookies = [c.split(";", 1)[0] for c in response.headers.get_all("Set-Cookie") or []]
        if cookies:
            self._headers["Cookie"] = "; ".join(cookies)
        return elapsed, payload


def measure(server: Server, rounds: int) -> tuple[list[float], list[float], int]:
    notebook = course_like_notebook(TARGET_BYTES)
    contents_body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
    tutor = Client(server)
    contents = Client(server)
    tutor_times: list[float] = []
    contents_times: list[float] = []
    version = 0
    for round_number in range(rounds + 5):  # the first five warm both paths up
        tutor_body = json.dumps({"notebook_state": notebook, "base_version": version}).encode()
        tutor_time, saved = tutor.put(f"/jupyter-tutor/api/progress/{MODULE_ID}", tutor_body)
        version = saved["version"]
        contents_time, _ = contents.put("/api/contents/bench.ipynb", contents_body)
        if round_number >= 5:
            tutor_times.append(tutor_time)
            contents_times.append(contents_time)
    return tutor_times, contents_times, len(contents_body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with running_server(args.database_url) as server:
        tutor_times, contents_times, size = measure(server, args.rounds)
    tutor_median = statistics.median(tutor_times) * 1000
    contents_median = statistics.median(contents_times) * 1000
    print(f"notebook size:            {size / 1000:.0f} KB, {args.rounds} rounds")
    print(f"jupyter-tutor progress:   median {tutor_median:.1f} ms")
    print(f"jupyter-server contents:  median {contents_median:.1f} ms")
    print(f"ratio tutor/contents:     {tutor_median / contents_median:.2f} (goal <= 1.0)")


if __name__ == "__main__":
    main()
