"""The progress store's rules, replayed through the REST API from ``progress_parity.json``.

``jlpm test`` replays the same steps through the browser's store
(labextension/test/progress/progressParity.spec.ts): both must answer each step alike.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import one_cell_notebook, payload
from contract_shapes import conform

FIXTURE = json.loads(Path(__file__).with_name("progress_parity.json").read_text(encoding="utf-8"))
MISSING_SNAPSHOT = 999_999


def notebook(spec: Any) -> Any:
    """The fixture's shorthand for a notebook state (see its description)."""
    if isinstance(spec, dict) and "raw" in spec:
        return spec["raw"]
    return one_cell_notebook("x" * spec["padding"] if isinstance(spec, dict) else spec)


def source_of(state: Any) -> str | None:
    return None if state is None else state["cells"][0]["source"]


@pytest.fixture
def jp_server_config(jp_server_config: dict[str, Any]) -> dict[str, Any]:
    jp_server_config["TutorApp"].update(FIXTURE["limits"])
    return jp_server_config


async def test_the_server_answers_every_step_as_the_fixture(api):
    snapshot_ids: list[int] = []
    for number, step in enumerate(FIXTURE["steps"], start=1):
        got = await replay(api, step, snapshot_ids)
        assert got == step["expect"], f"step {number}: {step}"


async def replay(api, step: dict[str, Any], snapshot_ids: list[int]) -> dict[str, Any]:
    if step["do"] == "get":
        response = await api("progress", "alpha")
    elif step["do"] == "save":
        body = dict(step["body"])
        if "notebook_state" in body:
            body["notebook_state"] = notebook(body["notebook_state"])
        response = await api("progress", "alpha", method="PUT", body=body)
    elif step["do"] == "snapshots":
        response = await api("progress", "alpha", "snapshots")
    else:
        place = step["snapshot"]
        sid = MISSING_SNAPSHOT if place is None else snapshot_ids[place]
        body = {"base_version": step["base_version"]}
        response = await api(
            "progress", "alpha", "snapshots", str(sid), "restore", method="POST", body=body
        )
    return outcome(step["do"], response.code, payload(response), snapshot_ids)


def outcome(do: str, status: int, body: Any, snapshot_ids: list[int]) -> dict[str, Any]:
    if status >= 400:
        got = {"status": status, "error": body["error"]}
        if "current_version" in body:
            got["current_version"] = body["current_version"]
        return got
    if do == "snapshots":
        for snapshot in body["snapshots"]:
            conform("Snapshot", snapshot)
        snapshot_ids[:] = [snapshot["id"] for snapshot in body["snapshots"]]
        listed = [[s["reason"], s["version"], s["size_bytes"]] for s in body["snapshots"]]
        return {"status": status, "snapshots": listed}
    conform("Progress", body)
    got = {"status": status, "version": body["version"], "module_status": body["status"]}
    if do == "get":
        got["state"] = source_of(body["notebook_state"])
    return got
