"""The class dashboard on a big course: 500 students x 3 modules x 10 exercises, Postgres.

Times `GET jupyter-tutor/api/instructor/modules/{id}/students` (and `…/exercises`,
`…/students.csv`) beside the floor: the same aggregate SQL sent straight to the same
database in the same run. Prints p50/p95 of both and their ratio (goal: the students
route under 300 ms at p95).

    python benchmarks/dashboard.py --database-url postgresql://postgres@127.0.0.1:5432/bench
        [--students 500] [--rounds 30]

It replaces only its own modules' rows (module ids dash-1 … dash-3).
"""

import argparse
import random
import statistics
import time
import urllib.request
from datetime import UTC, datetime, timedelta

import psycopg
from server_fixture import Server, running_server

MODULES = ["dash-1", "dash-2", "dash-3"]
EXERCISES = 10
CHECKS = 3
STATUSES = [("not_started", 2), ("in_progress", 5), ("completed", 3)]

# The aggregates behind each route, as plain SQL: the floor the route is compared with.
STUDENTS_SQL = [
    "SELECT user_id, status, updated_at FROM user_module_progress WHERE module_id = %(m)s",
    """SELECT user_id, sum(CASE WHEN passed THEN 1 ELSE 0 END), max(last_run_at)
    FROM exercise_progress WHERE module_id = %(m)s GROUP BY user_id""",
    """SELECT s.user_id, count(m.id), max(m.level), max(m.created_at)
    FROM chat_sessions s JOIN chat_messages m ON m.session_id = s.id
    WHERE s.module_id = %(m)s AND s.session_type = 'tutor' AND m.role = 'user'
    GROUP BY s.user_id""",
]
EXERCISES_SQL = [
    *STUDENTS_SQL,
    """SELECT e.exercise_slug, count(e.id), sum(CASE WHEN e.passed THEN 1 ELSE 0 END),
      sum(CASE WHEN NOT e.passed AND e.first_passed_at IS NULL
               AND (h.level >= 4 OR e.first_run_at <= now() - interval '30 minutes')
          THEN 1 ELSE 0 END)
    FROM exercise_progress e LEFT JOIN (
      SELECT s.user_id, m.exercise_id, max(m.level) AS level
      FROM chat_sessions s JOIN chat_messages m ON m.session_id = s.id
      WHERE s.module_id = %(m)s AND s.session_type = 'tutor' AND m.role = 'user'
        AND m.exercise_id IS NOT NULL
      GROUP BY s.user_id, m.exercise_id) h
      ON h.user_id = e.user_id AND h.exercise_id = e.exercise_slug
    WHERE e.module_id = %(m)s GROUP BY e.exercise_slug""",
    """SELECT exercise_slug, attempts_to_pass, count(id) FROM exercise_progress
    WHERE module_id = %(m)s AND attempts_to_pass IS NOT NULL
    GROUP BY exercise_slug, attempts_to_pass""",
    """SELECT exercise_slug, failed_check, count(id) FROM exercise_progress
    WHERE module_id = %(m)s AND NOT passed AND failed_check IS NOT NULL
    GROUP BY exercise_slug, failed_check""",
    """SELECT exercise_slug, error, count(id) FROM check_runs
    WHERE module_id = %(m)s AND NOT passed AND error IS NOT NULL
    GROUP BY exercise_slug, error""",
]
ROUTES = {"students": STUDENTS_SQL, "exercises": EXERCISES_SQL, "students.csv": STUDENTS_SQL}


def module_notebook(slug: str, order: int) -> dict:
    cells = []
    for number in range(1, EXERCISES + 1):
        exercise = {
            "id": f"exercise-{number}",
            "title": f"Exercise {number}",
            "checks": [{"code": f"assert {i}", "message": f"check {i}"} for i in range(CHECKS)],
        }
        cells += [
            {"id": f"s{number}", "cell_type": "markdown", "metadata": {}, "source": "Do it."},
            {
                "id": f"e{number}",
                "cell_type": "code",
                "metadata": {"jupyter_tutor": {"exercise": exercise}},
                "source": "",
                "outputs": [],
                "execution_count": None,
            },
        ]
    module = {"id": slug, "title": slug, "order": order + 10}
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "cells": cells,
        "metadata": {"jupyter_tutor": {"module": module}},
    }


def seed(connection: psycopg.Connection, module_id: int, students: int, rng: random.Random):
    now = datetime.now(UTC)
    progress, checks, sessions, questions = [], [], [], []
    for n in range(students):
        user = f"student-{n:04d}"
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        progress.append((user, module_id, status, now - timedelta(minutes=rng.randint(0, 600))))
        for number in range(1, EXERCISES + 1):
            if rng.random() < 0.2:
                continue
            attempts = rng.randint(1, 8)
            passed = rng.random() < 0.6
            first_run = now - timedelta(minutes=rng.randint(1, 300))
            checks.append(
                (
                    user,
                    module_id,
                    f"exercise-{number}",
                    attempts,
                    passed,
                    None if passed else rng.randrange(CHECKS),
                    first_run + timedelta(minutes=attempts),
                    first_run + timedelta(minutes=attempts) if passed else None,
                    first_run,
                    rng.randint(1, attempts) if passed else None,
                )
            )
        sessions.append(user)
        for _ in range(rng.randint(0, 8)):
            exercise = f"exercise-{rng.randint(1, EXERCISES)}" if rng.random() < 0.7 else None
            questions.append((user, rng.randint(1, 4), exercise))
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO user_module_progress (user_id, module_id, status, state_bytes, version,"
            " attempt_count, updated_at) VALUES (%s, %s, %s, 0, 0, 0, %s)",
            progress,
        )
        cursor.executemany(
            "INSERT INTO check_runs (user_id, module_id, exercise_slug, passed, failed_check,"
            " error, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    row[0],
                    row[1],
                    row[2],
                    False,
                    row[5] if row[5] is not None else 0,
                    f"NameError: name 'v{attempt}' is not defined",
                    row[6],
                )
                for row in checks
                for attempt in range(row[3] - (1 if row[4] else 0))
            ],
        )
        cursor.executemany(
            "INSERT INTO exercise_progress (user_id, module_id, exercise_slug, attempts, passed,"
            " failed_check, last_run_at, first_passed_at, first_run_at, attempts_to_pass)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            checks,
        )
        session_ids = {}
        for user in sessions:
            cursor.execute(
                "INSERT INTO chat_sessions (user_id, session_type, module_id, created_at,"
                " history_epoch) VALUES (%s, 'tutor', %s, now(), 0) RETURNING id",
                (user, module_id),
            )
            session_ids[user] = cursor.fetchone()[0]
        cursor.executemany(
            "INSERT INTO chat_messages (session_id, role, content, cell_code, error_output,"
            " level, partial, exercise_id, created_at)"
            " VALUES (%s, %s, 'q', '', '', %s, false, %s, now())",
            [
                row
                for user, level, exercise in questions
                for row in (
                    (session_ids[user], "user", level, exercise),
                    (session_ids[user], "assistant", level, None),
                )
            ],
        )
    return len(progress), len(checks), len(questions)


def get(server: Server, slug: str, route: str) -> float:
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/jupyter-tutor/api/instructor/modules/{slug}/{route}",
        headers=server.headers,
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        response.read()
    return time.perf_counter() - started


def floor(connection: psycopg.Connection, module_id: int, statements: list[str]) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"m": module_id})
            cursor.fetchall()
    return time.perf_counter() - started


def ms(values: list[float], share: float) -> float:
    return sorted(values)[round(share * (len(values) - 1))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a Postgres database")
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    notebooks = {f"{slug}.ipynb": module_notebook(slug, i) for i, slug in enumerate(MODULES)}
    libpq_url = args.database_url.replace("+asyncpg", "").replace("+psycopg", "")
    with running_server(args.database_url, modules=notebooks) as server:
        get(server, MODULES[0], "students")  # the store is migrated and synced by now
        with psycopg.connect(libpq_url, autocommit=True) as connection:
            ids = dict(
                connection.execute(
                    "SELECT slug, id FROM learning_modules WHERE slug = ANY(%s)", (MODULES,)
                ).fetchall()
            )
            tables = ("check_runs", "exercise_progress", "user_module_progress", "chat_sessions")
            for table in tables:
                connection.execute(
                    f"DELETE FROM {table} WHERE module_id = ANY(%s)", (list(ids.values()),)
                )
            rng = random.Random(14)
            for slug in MODULES:
                counts = seed(connection, ids[slug], args.students, rng)
            connection.execute("ANALYZE")
            print(
                f"{len(MODULES)} modules x {args.students} students x {EXERCISES} exercises; "
                f"per module: {counts[0]} progress rows, {counts[1]} check-run rows, "
                f"{counts[2]} questions; {args.rounds} rounds per route and module"
            )
            print(
                f"{'route':<14} {'API p50':>9} {'API p95':>9} {'SQL p50':>9} {'SQL p95':>9} ratio"
            )
            worst = 0.0
            for route, statements in ROUTES.items():
                api_times, sql_times = [], []
                for _ in range(args.rounds):
                    for slug in MODULES:
                        api_times.append(get(server, slug, route))
                        sql_times.append(floor(connection, ids[slug], statements))
                ratio = statistics.median(api_times) / statistics.median(sql_times)
                if route == "students":
                    worst = ms(api_times, 0.95)
                print(
                    f"{route:<14} {ms(api_times, 0.5):7.1f}ms {ms(api_times, 0.95):7.1f}ms "
                    f"{ms(sql_times, 0.5):7.1f}ms {ms(sql_times, 0.95):7.1f}ms {ratio:5.1f}"
                )
    print(f"students route p95: {worst:.1f} ms (goal < 300 ms for {args.students} students)")


if __name__ == "__main__":
    main()
