"""Time to first token: through the tutor WebSocket vs. the openai client directly.

Both ask the same local OpenAI-compatible server (the scriptable fake from tests/) in
the same run, alternating. The tutor path adds the socket, the hint-level decision,
the guardrail and storing the conversation. Prints the median and p99 of the paired
differences (goal: median overhead ≤ 3 ms). With ``--hub`` the tutor path is a hub's:
a student's server in client mode forwarding to the hub service (hub tokens checked by
HubAuth against a local hub API), which asks the model (goal: median overhead ≤ 5 ms).

    python benchmarks/tutor_overhead.py [--rounds 200] [--hub]
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openai import AsyncOpenAI
from server_fixture import BENCHMARK_MODULE, MODULE_ID, TOKEN, running_server
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fake_hub_api import running_fake_hub_api
from fake_openai import FakeOpenAI
from service_process import running_hub_service

ANSWER = "Look at the line where the error happens and check every name on it."
CELL = "import numpy as np\nA = np.array([[1, 2], [3, 4]])\nresult = A * B"
ERROR = "NameError: name 'B' is not defined"


async def direct_first_token(client: AsyncOpenAI) -> float:
    started = time.perf_counter()
    stream = await client.chat.completions.create(
        model="bench",
        messages=[{"role": "user", "content": "why is this wrong?"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    first = None
    async for chunk in stream:
        if first is None and chunk.choices and chunk.choices[0].delta.content:
            first = time.perf_counter() - started
    assert first is not None
    return first


async def tutor_first_token(ws, round_number: int) -> float:
    started = time.perf_counter()
    ask = {
        "type": "ask",
        "id": f"b{round_number}",
        "content": "why is this wrong?",
        "cell_code": CELL,
        "error_output": ERROR,
    }
    ws.write_message(json.dumps(ask))
    first = None
    while True:
        frame = json.loads(await ws.read_message())
        if first is None and frame["type"] == "delta":
            first = time.perf_counter() - started
        if frame["type"] in ("end", "error"):
            assert frame["type"] == "end", frame
            break
    assert first is not None
    return first


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def measure(port: int, fake: FakeOpenAI, rounds: int) -> list[tuple[float, float]]:
    client = AsyncOpenAI(base_url=fake.url, api_key="bench", max_retries=0)
    request = HTTPRequest(
        f"ws://127.0.0.1:{port}/jupyter-tutor/api/tutor?module_id={MODULE_ID}",
        headers={"Authorization": f"token {TOKEN}"},
    )
    ws = await websocket_connect(request)
    pairs = []
    for round_number in range(rounds + 10):  # ten warm-up rounds
        fake.script({"text": ANSWER, "chunk_size": 6}, {"text": ANSWER, "chunk_size": 6})
        direct = await direct_first_token(client)
        tutor = await tutor_first_token(ws, round_number)
        if round_number >= 10:
            pairs.append((direct, tutor))
    ws.close()
    await client.close()
    return pairs


def through_the_hub(fake: FakeOpenAI, rounds: int) -> list[tuple[float, float]]:
    """Student's server (client mode) → hub service → model, against the model directly."""
    with tempfile.TemporaryDirectory() as scratch, running_fake_hub_api() as hub:
        hub.add("bench-hub-token", "student")
        modules = Path(scratch, "modules")
        modules.mkdir()
        (modules / "benchmark.ipynb").write_text(json.dumps(BENCHMARK_MODULE))
        config = (
            f"c.TutorApp.database_url = 'sqlite:///{scratch}/tutor.db'\n"
            f"c.TutorApp.modules_dir = {str(modules)!r}\n"
            f"c.TutorApp.llm_base_url = {fake.url!r}\n"
            "c.TutorApp.llm_api_key = 'bench'\n"
            "c.TutorApp.llm_max_retries = 0\n"
        )
        home = Path(scratch, "service")
        with (
            running_hub_service(config, home, hub.api_url, "bench") as (url, _),
            running_server(hub_client_of=(url, "bench-hub-token")) as server,
        ):
            return asyncio.run(measure(server.port, fake, rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--hub", action="store_true", help="the hub path (see above)")
    args = parser.parse_args()
    fake = FakeOpenAI().start()
    extra = (
        f"--TutorApp.llm_base_url={fake.url}",
        "--TutorApp.llm_api_key=bench",
        "--TutorApp.llm_max_retries=0",
    )
    try:
        if args.hub:
            pairs = through_the_hub(fake, args.rounds)
        else:
            with running_server(extra_args=extra) as server:
                pairs = asyncio.run(measure(server.port, fake, args.rounds))
    finally:
        fake.stop()
    goal = 5 if args.hub else 3
    overhead = [(tutor - direct) * 1000 for direct, tutor in pairs]
    print(f"rounds:                    {len(pairs)}")
    print(
        f"direct openai client TTFT: median {statistics.median(d for d, _ in pairs) * 1000:.2f} ms"
    )
    print(
        f"through the tutor TTFT:    median {statistics.median(t for _, t in pairs) * 1000:.2f} ms"
    )
    print(
        f"overhead:                  median {statistics.median(overhead):.2f} ms, "
        f"p99 {percentile(overhead, 0.99):.2f} ms (goal: median <= {goal} ms)"
    )


if __name__ == "__main__":
    main()
