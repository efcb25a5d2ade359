"""Many students on one hub service: 200 of them for 60 s, each saving a 20-50 KB
notebook every 2 s (jittered) with its base version and asking the tutor now and then.
First the class signs in (each student's first request within 2 s, as JupyterLab's
module browser makes it); its latency is printed on its own line.

The service runs as on a hub (its own process, hub tokens checked by JupyterHub's
HubAuth against a local hub API, the model a local scripted server). Prints saves/s,
latency percentiles, statuses, tutor answers, and the students whose stored notebook is
not their last acknowledged save (lost, must be 0).

    python benchmarks/hub_load.py [--students 200] [--seconds 60] [--database-url URL]
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from server_fixture import BENCHMARK_MODULE, MODULE_ID
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from fake_hub_api import running_fake_hub_api
from fake_openai import running_fake_openai
from service_process import running_hub_service

QUESTION_CHANCE = 0.03  # per save: a few questions per student per minute


MARK = "mark = {}\n"


def notebook_template(size: int, student: int) -> str:
    """A course-like notebook of about ``size`` bytes, its first cell ``MARK`` (which save
    this is): built once per student, so the simulator spends little CPU per save."""
    line = f"values_{student} = [{', '.join(str(i) for i in range(40))}]\n"
    cells = [
        {
            "id": f"c{index}",
            "cell_type": "code",
            "metadata": {},
            "execution_count": index,
            "source": MARK if index == 0 else line * 4,
            "outputs": [],
        }
        for index in range(max(1, size // (len(line) * 4 + 120)))
    ]
    return json.dumps({"base_version": "@", "notebook_state": {**BENCHMARK_MODULE, "cells": cells}})


@dataclass
class Student:
    number: int
    token: str
    template: str
    version: int = 0
    acknowledged: int = -1  # the mark of the last save the service acknowledged
    saves: int = 0


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    answers: int = 0
    tutor_errors: int = 0
    tutor_refusals: Counter = field(default_factory=Counter)  # handshakes refused, by status


async def save(url: str, student: Student, results: Results) -> None:
    student.saves += 1
    body = student.template.replace('"@"', str(student.version), 1).replace(
        json.dumps(MARK), json.dumps(MARK.format(student.saves)), 1
    )
    request = HTTPRequest(
        f"{url}jupyter-tutor/api/progress/{MODULE_ID}",
        method="PUT",
        headers={"Authorization": f"token {student.token}", "Content-Type": "application/json"},
        body=body,
        request_timeout=30,
    )
    started = time.perf_counter()
    try:
        response = await AsyncHTTPClient().fetch(request)
        status = response.code
        student.version = json.loads(response.body)["version"]
        student.acknowledged = student.saves
    except HTTPClientError as error:
        status = error.code
    results.latencies.append(time.perf_counter() - started)
    results.statuses[status] += 1


async def ask(url: str, student: Student, results: Results) -> None:
    socket_url = url.replace("http", "ws", 1) + f"jupyter-tutor/api/tutor?module_id={MODULE_ID}"
    request = HTTPRequest(socket_url, headers={"Authorization": f"token {student.token}"})
    try:
        socket = await websocket_connect(request)
    except HTTPClientError as error:
        results.tutor_errors += 1
        results.tutor_refusals[error.code] += 1
        return
    socket.write_message(json.dumps({"type": "ask", "id": "q", "content": "why?"}))
    while (message := await socket.read_message()) is not None:
        frame = json.loads(message)
        if frame["type"] in ("end", "error"):
            results.answers += frame["type"] == "end"
            results.tutor_errors += frame["type"] == "error"
            break
    socket.close()


async def sign_in(url: str, student: Student, signed_in: list[float]) -> None:
    """What JupyterLab asks first when a student opens it: their progress (the module
    browser). The service asks the hub who the token is, once."""
    await asyncio.sleep(random.uniform(0, 2))
    request = HTTPRequest(
        f"{url}jupyter-tutor/api/progress",
        headers={"Authorization": f"token {student.token}"},
        request_timeout=30,
    )
    started = time.perf_counter()
    await AsyncHTTPClient().fetch(request)
    signed_in.append(time.perf_counter() - started)


async def student_session(url: str, student: Student, seconds: float, results: Results) -> None:
    await asyncio.sleep(random.uniform(0, 2))
    until = time.monotonic() + seconds
    questions = []
    while time.monotonic() < until:
        tick = time.monotonic()
        await save(url, student, results)
        if random.random() < QUESTION_CHANCE:
            questions.append(asyncio.ensure_future(ask(url, student, results)))
        await asyncio.sleep(max(0.0, random.uniform(1.5, 2.5) - (time.monotonic() - tick)))
    await asyncio.gather(*questions)


async def lost_saves(url: str, students: list[Student]) -> int:
    """Students whose stored notebook is older than their last acknowledged save (a save
    that timed out may still have landed after it: newer, not lost)."""
    lost = 0
    for student in students:
        request = HTTPRequest(
            f"{url}jupyter-tutor/api/progress/{MODULE_ID}",
            headers={"Authorization": f"token {student.token}"},
        )
        stored = json.loads((await AsyncHTTPClient().fetch(request)).body)["notebook_state"]
        source = "".join(stored["cells"][0]["source"]) if stored and stored.get("cells") else ""
        mark = int(source.removeprefix("mark = ") or -1)
        lost += mark < student.acknowledged
    return lost


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1] if len(values) > 1 else 0.0


async def run(url: str, students: list[Student], seconds: float) -> Results:
    AsyncHTTPClient.configure(None, max_clients=len(students) + 10)
    results = Results()
    signed_in: list[float] = []
    await asyncio.gather(*(sign_in(url, s, signed_in) for s in students))
    started = time.monotonic()
    await asyncio.gather(*(student_session(url, s, seconds, results) for s in students))
    elapsed = time.monotonic() - started
    lost = await lost_saves(url, students)
    saves = sum(results.statuses.values())
    ms = [latency * 1000 for latency in results.latencies]
    rate = saves / elapsed
    first = [latency * 1000 for latency in signed_in]
    print(
        f"sign-in (within 2 s, before the saves) ms: p50 {percentile(first, 0.5):.1f}  "
        f"p99 {percentile(first, 0.99):.1f}  max {max(first):.1f}"
    )
    print(f"students {len(students)}, {seconds:.0f} s: {saves} saves, {rate:.1f} saves/s")
    print(
        f"save latency ms: p50 {percentile(ms, 0.5):.1f}  p95 {percentile(ms, 0.95):.1f}  "
        f"p99 {percentile(ms, 0.99):.1f}  max {max(ms):.1f}"
    )
    print(f"statuses: {dict(sorted(results.statuses.items()))}")
    print(
        f"tutor answers: {results.answers}, tutor errors: {results.tutor_errors} "
        f"(refused sockets: {dict(results.tutor_refusals)})"
    )
    print(f"lost (stored notebook is not the last acknowledged save): {lost}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as temp,
        running_fake_hub_api() as hub,
        running_fake_openai() as model,
    ):
        root = Path(temp)
        (root / "course").mkdir()
        (root / "course" / "benchmark.ipynb").write_text(json.dumps(BENCHMARK_MODULE))
        database_url = args.database_url or f"sqlite:///{root / 'tutor.db'}"
        config = (
            f"c.TutorApp.database_url = {database_url!r}\n"
            f"c.TutorApp.modules_dir = {str(root / 'course')!r}\n"
            f"c.TutorApp.llm_base_url = {model.url!r}\n"
            "c.TutorApp.llm_api_key = 'benchmark-key'\n"
            "c.TutorApp.llm_max_retries = 0\n"
        )
        if args.database_url.startswith("postgresql"):
            reset_postgres(args.database_url)
        students = []
        for number in range(args.students):
            hub.add(f"token-{number}", f"student-{number:03d}")
            template = notebook_template(random.randint(20_000, 50_000), number)
            students.append(Student(number, f"token-{number}", template))
        print(f"database: {database_url.split('@')[-1]}")
        with running_hub_service(config, root / "service", hub.api_url, "bench") as (url, _):
            asyncio.run(run(url, students, args.seconds))
        errors = [
            line
            for line in (root / "service" / "service.log").read_text().splitlines()
            if "Error" in line and not line.startswith(" ")
        ]
        print(f"service log errors: {len(errors)}", *sorted(set(errors))[:5], sep="\n  ")


def reset_postgres(url: str) -> None:
    subprocess.run(
        [sys.executable, "-c", f"from conftest import _reset_postgres; _reset_postgres({url!r})"],
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "tests")},
    )


if __name__ == "__main__":
    main()
