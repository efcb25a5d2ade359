"""The package catalog query with filters, over the full Pyodide lock.

p95 of `GET jupyter-tutor/api/packages` with a text, category or compatible-only
filter (goal: under 20 ms), printed beside a plain SQL SELECT of the same rows on the
same SQLite file as the floor, in the same run.

    python benchmarks/catalog_query.py [--rounds 200]
"""

import argparse
import json
import sqlite3
import statistics
import time
import urllib.parse
import urllib.request

from server_fixture import Server, running_server

FILTERS = [
    {"q": "plot"},
    {"category": "scientific"},
    {"q": "data", "compatible_only": "1"},
    {},
]
SQL = """SELECT * FROM python_packages
WHERE (:q = '' OR lower(name) LIKE :pattern OR lower(display_name) LIKE :pattern
       OR lower(description) LIKE :pattern OR lower(category) LIKE :pattern)
  AND (:category = '' OR category = :category)
  AND (:compatible = 0 OR pyodide_compatible)
ORDER BY name"""


def p95(values: list[float]) -> float:
    return sorted(values)[round(0.95 * (len(values) - 1))] * 1000


def through_api(server: Server, query: dict[str, str]) -> tuple[float, int]:
    url = (
        f"http://127.0.0.1:{server.port}/jupyter-tutor/api/packages?{urllib.parse.urlencode(query)}"
    )
    request = urllib.request.Request(url, headers=server.headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        count = len(json.load(response)["packages"])
    return time.perf_counter() - started, count


def plain_sql(database: sqlite3.Connection, query: dict[str, str]) -> tuple[float, int]:
    text = query.get("q", "")
    params = {
        "q": text,
        "pattern": f"%{text}%",
        "category": query.get("category", ""),
        "compatible": int(query.get("compatible_only", "0")),
    }
    started = time.perf_counter()
    count = len(database.execute(SQL, params).fetchall())
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with running_server() as server:
        through_api(server, {})  # migrations and seeding happen on the first request
        database = sqlite3.connect(server.database_path)
        api_times: dict[str, list[float]] = {}
        sql_times: dict[str, list[float]] = {}
        for _ in range(args.rounds):
            for query in FILTERS:
                label = urllib.parse.urlencode(query) or "(no filter)"
                api_time, api_count = through_api(server, query)
                sql_time, sql_count = plain_sql(database, query)
                assert api_count == sql_count, (label, api_count, sql_count)
                api_times.setdefault(label, []).append(api_time)
                sql_times.setdefault(label, []).append(sql_time)
        total = database.execute("SELECT count(*) FROM python_packages").fetchone()[0]
    print(f"catalog rows: {total}, {args.rounds} rounds per filter")
    print(f"{'filter':<32} {'API p95':>9} {'SQL p95':>9}")
    for label, times in api_times.items():
        print(f"{label:<32} {p95(times):7.2f}ms {p95(sql_times[label]):7.2f}ms")
    worst = max(p95(times) for times in api_times.values())
    ratios = [statistics.median(api_times[k]) / statistics.median(sql_times[k]) for k in api_times]
    print(f"worst API p95: {worst:.2f} ms (goal < 20 ms)")
    print(f"median API/SQL ratio: {statistics.median(ratios):.1f}")


if __name__ == "__main__":
    main()
