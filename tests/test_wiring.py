"""The app wires the features together; nothing it wires reaches back into it."""

import ast
import asyncio
from pathlib import Path

import pytest

from jupyter_tutor.errors import StoreUnavailable
from jupyter_tutor.store.readiness import StoreReadiness

PACKAGE = Path(__file__).resolve().parents[1] / "jupyter_tutor"
# The entry points: the server extension's, and the admin commands that read its settings.
ENTRY_POINTS = {
    "__init__.py",
    "remote/command.py",
    "remote/token_cli.py",
    "remote/prune_cli.py",
    "remote/delete_student_cli.py",
}


def imports_the_app(path: Path) -> bool:
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            named = {f"{target}.{alias.name}" for alias in node.names}
            if target == "jupyter_tutor.app" or "jupyter_tutor.app" in named:
                return True
        elif isinstance(node, ast.Import) and any(
            alias.name == "jupyter_tutor.app" for alias in node.names
        ):
            return True
    return False


def test_only_the_entry_points_import_the_app() -> None:
    found = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "labextension" not in path.parts and imports_the_app(path)
    }
    assert found <= ENTRY_POINTS, f"import jupyter_tutor.app: {sorted(found - ENTRY_POINTS)}"
    assert "__init__.py" in found  # the check itself finds an import


async def test_the_store_is_prepared_once_for_every_waiting_request() -> None:
    runs = 0

    async def prepare() -> None:
        nonlocal runs
        runs += 1
        await asyncio.sleep(0.01)

    store = StoreReadiness(prepare)
    await asyncio.gather(*(store.ready() for _ in range(5)))
    await store.ready()
    assert runs == 1
    await store.again()
    assert runs == 2


async def test_after_a_failure_the_next_request_tries_again() -> None:
    outcomes = [ConnectionRefusedError("no database"), None]

    async def prepare() -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    store = StoreReadiness(prepare)
    with pytest.raises(StoreUnavailable, match="ConnectionRefusedError: no database"):
        await store.ready()
    await store.ready()
    assert outcomes == []


async def test_a_request_that_goes_away_does_not_cancel_the_preparation() -> None:
    finished = asyncio.Event()

    async def prepare() -> None:
        await asyncio.sleep(0.02)
        finished.set()

    store = StoreReadiness(prepare)
    waiting = asyncio.ensure_future(store.ready())
    await asyncio.sleep(0)
    waiting.cancel()
    await store.ready()
    assert finished.is_set()
