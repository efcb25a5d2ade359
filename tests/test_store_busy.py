"""A database that does not answer in time is a 503 saying nothing changed, never a 500."""

import sqlite3

import pytest
from conftest import fixture_notebook, payload


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_locked_database_is_a_503_and_the_next_save_succeeds(tutor, api, database_url):
    body = {"notebook_state": fixture_notebook("alpha", "Alpha", 1), "base_version": 0}
    # Another writer holds the SQLite file past the busy timeout.
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        refused = await api("progress", "alpha", method="PUT", body=body)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (refused.code, payload(refused)["error"]) == (503, "store_unavailable")
    assert "nothing was changed" in payload(refused)["message"]
    saved = await api("progress", "alpha", method="PUT", body=body)
    assert (saved.code, payload(saved)["version"]) == (200, 1)
