"""GET/PUT progress/{id}: upsert, validation, versions, conflicts, size, isolation, history."""

import json

from conftest import fixture_notebook, payload


def notebook(source: str) -> dict:
    return fixture_notebook("alpha", "Alpha", 1, source=source)


async def save(api, source: str, base_version: int, user: str = "ada", module: str = "alpha"):
    body = {"notebook_state": notebook(source), "base_version": base_version}
    return await api("progress", module, method="PUT", body=body, user=user)


async def test_default_progress_is_not_started(api):
    progress = payload(await api("progress", "alpha"))
    assert progress == {
        "module_id": "alpha",
        "status": "not_started",
        "version": 0,
        "attempt_count": 0,
        "updated_at": None,
        "exercises": [],
        "notebook_state": None,
    }


async def test_put_status_then_state(api):
    started = payload(await api("progress", "alpha", method="PUT", body={"status": "in_progress"}))
    assert started["status"] == "in_progress" and started["version"] == 0
    assert started["updated_at"].endswith("Z")
    assert "notebook_state" not in started

    saved = payload(await save(api, "x = 2", base_version=0))
    assert saved["version"] == 1 and saved["status"] == "in_progress"

    progress = payload(await api("progress", "alpha"))
    assert progress["notebook_state"]["cells"][1]["source"] == "x = 2"
    assert progress["version"] == 1


async def test_status_and_state_in_one_request(api):
    body = {"status": "completed", "notebook_state": notebook("done"), "base_version": 0}
    saved = payload(await api("progress", "alpha", method="PUT", body=body))
    assert saved["status"] == "completed" and saved["version"] == 1


async def test_every_module_progress_of_the_caller(api):
    await api("progress", "gamma", method="PUT", body={"status": "completed"})
    await save(api, "x = 3", base_version=0, module="alpha")
    rows = payload(await api("progress"))["progress"]
    assert [(r["module_id"], r["status"], r["version"]) for r in rows] == [
        ("alpha", "not_started", 1),
        ("gamma", "completed", 0),
    ]
    assert all("notebook_state" not in r for r in rows)


async def test_unknown_module_is_404(api):
    assert (await api("progress", "nope")).code == 404
    response = await api("progress", "nope", method="PUT", body={"status": "completed"})
    assert response.code == 404


async def assert_rejected(api, code: int, message_part: str, **request):
    before = payload(await api("progress", "alpha"))
    response = await api("progress", "alpha", method="PUT", **request)
    assert response.code == code, response.body
    error = payload(response)
    assert message_part in error["message"], error
    assert payload(await api("progress", "alpha")) == before, "nothing stored changes on error"
    return error


async def test_bad_bodies_get_400_with_the_reason(api):
    await save(api, "x = 'keep me'", base_version=0)
    cases = [
        ({"raw": b"{not json"}, "not valid JSON"),
        ({"raw": b"[1, 2]"}, "must be a JSON object"),
        ({"body": {}}, "at least one of status or notebook_state"),
        ({"body": {"status": "finished"}}, 'Unknown status "finished"'),
        ({"body": {"status": "completed", "colour": "red"}}, "Unknown field(s): colour"),
        ({"body": {"notebook_state": notebook("x")}}, "base_version is required"),
        ({"body": {"notebook_state": notebook("x"), "base_version": -1}}, "base_version must"),
        ({"body": {"notebook_state": notebook("x"), "base_version": "1"}}, "base_version must"),
        ({"body": {"notebook_state": [], "base_version": 1}}, "notebook JSON object"),
        ({"body": {"notebook_state": {"cells": []}, "base_version": 1}}, "nbformat 4"),
        (
            {
                "body": {
                    "notebook_state": {**notebook("x"), "cells": [{"source": 1}]},
                    "base_version": 1,
                }
            },
            "not a valid notebook (nbformat 4.5): notebook_state.cells[0]",
        ),
        (
            {"body": {"status": "completed", "notebook_state": "nb", "base_version": 1}},
            "notebook JSON object",
        ),
    ]
    for request, message in cases:
        error = await assert_rejected(api, 400, message, **request)
        assert error["error"] == "bad_request"


async def test_oversized_notebook_gets_413_and_changes_nothing(api):
    await save(api, "x = 'keep me'", base_version=0)
    huge = notebook("y" * (20 * 1024 * 1024))
    error = await assert_rejected(
        api, 413, "the limit is", body={"notebook_state": huge, "base_version": 1}
    )
    assert error["max_bytes"] == 20 * 1024 * 1024


async def test_stale_save_gets_409_and_is_kept_aside(api):
    # Two tabs start from version 0; the first one saves.
    assert payload(await save(api, "x = 'tab one'", base_version=0))["version"] == 1
    stale = await save(api, "x = 'tab two'", base_version=0)
    assert stale.code == 409
    conflict = payload(stale)
    assert conflict["error"] == "conflict"
    assert conflict["current_version"] == 1 and conflict["updated_at"].endswith("Z")

    current = payload(await api("progress", "alpha"))
    assert current["version"] == 1
    assert current["notebook_state"]["cells"][1]["source"] == "x = 'tab one'"

    kept = payload(
        await api("progress", "alpha", "snapshots", str(conflict["conflict_snapshot_id"]))
    )
    assert kept["reason"] == "conflict"
    assert kept["notebook_state"]["cells"][1]["source"] == "x = 'tab two'"


async def test_save_from_a_future_version_on_an_empty_row_is_a_conflict(api):
    response = await save(api, "x = 1", base_version=7)
    assert response.code == 409 and payload(response)["current_version"] == 0
    assert payload(await api("progress", "alpha"))["notebook_state"] is None


async def test_status_changes_do_not_bump_the_version(api):
    await save(api, "x = 1", base_version=0)
    marked = payload(await api("progress", "alpha", method="PUT", body={"status": "completed"}))
    assert marked["version"] == 1
    assert (await save(api, "x = 2", base_version=1)).code == 200


async def test_users_cannot_see_each_others_progress(api):
    await save(api, "x = 'ada secret'", base_version=0, user="ada")
    await api("progress", "alpha", method="PUT", body={"status": "completed"}, user="ada")

    bob = payload(await api("progress", "alpha", user="bob"))
    assert bob["status"] == "not_started" and bob["notebook_state"] is None
    assert payload(await api("progress", user="bob"))["progress"] == []
    assert payload(await api("progress", "alpha", "snapshots", user="bob"))["snapshots"] == []

    # Bob's own first save does not conflict with Ada's row.
    assert (await save(api, "x = 'bob'", base_version=0, user="bob")).code == 200
    ada = payload(await api("progress", "alpha", user="ada"))
    assert ada["notebook_state"]["cells"][1]["source"] == "x = 'ada secret'"


async def test_snapshots_belong_to_their_owner(api):
    await save(api, "x = 1", base_version=0, user="ada")
    await save(api, "x = 2", base_version=1, user="ada")
    snapshot_id = payload(await api("progress", "alpha", "snapshots"))["snapshots"][0]["id"]
    response = await api("progress", "alpha", "snapshots", str(snapshot_id), user="bob")
    assert response.code == 404


async def test_history_keeps_the_last_twenty_and_can_undo(api):
    version = 0
    for number in range(25):
        version = payload(await save(api, f"x = {number}", base_version=version))["version"]
    assert version == 25
    snapshots = payload(await api("progress", "alpha", "snapshots"))["snapshots"]
    assert len(snapshots) == 20
    assert [s["version"] for s in snapshots] == list(range(24, 4, -1))
    assert all(s["reason"] == "history" and s["size_bytes"] > 0 for s in snapshots)

    # Undo the last save: version 24 held "x = 23".
    restored = await api(
        "progress",
        "alpha",
        "snapshots",
        str(snapshots[0]["id"]),
        "restore",
        method="POST",
        body={"base_version": 25},
    )
    assert payload(restored)["version"] == 26
    current = payload(await api("progress", "alpha"))
    assert current["notebook_state"]["cells"][1]["source"] == "x = 23"


async def test_restore_needs_the_current_version(api):
    await save(api, "x = 1", base_version=0)
    await save(api, "x = 2", base_version=1)
    snapshot_id = payload(await api("progress", "alpha", "snapshots"))["snapshots"][0]["id"]
    path = ("progress", "alpha", "snapshots", str(snapshot_id), "restore")
    assert (await api(*path, method="POST", body={"base_version": 1})).code == 409
    assert (await api(*path, method="POST", body={})).code == 400
    assert (
        await api(
            "progress",
            "alpha",
            "snapshots",
            "999",
            "restore",
            method="POST",
            body={"base_version": 2},
        )
    ).code == 404


async def test_saved_notebook_round_trips_exactly(api):
    state = notebook("print('héllo')")
    state["cells"][1]["outputs"] = [
        {"output_type": "stream", "name": "stdout", "text": ["héllo\n"]}
    ]
    await api("progress", "alpha", method="PUT", body={"notebook_state": state, "base_version": 0})
    stored = payload(await api("progress", "alpha"))["notebook_state"]
    assert json.dumps(stored, sort_keys=True) == json.dumps(state, sort_keys=True)


async def test_two_tabs_saving_at_once_never_both_win(api):
    import asyncio

    await save(api, "x = 'start'", base_version=0)
    first, second = await asyncio.gather(
        save(api, "x = 'tab one'", base_version=1), save(api, "x = 'tab two'", base_version=1)
    )
    assert sorted([first.code, second.code]) == [200, 409]
    loser = "x = 'tab two'" if first.code == 200 else "x = 'tab one'"
    conflict = payload(second if first.code == 200 else first)
    kept = payload(
        await api("progress", "alpha", "snapshots", str(conflict["conflict_snapshot_id"]))
    )
    assert kept["notebook_state"]["cells"][1]["source"] == loser
    assert payload(await api("progress", "alpha"))["version"] == 2
