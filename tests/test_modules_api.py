"""GET modules, GET modules/{id}, POST modules/{id}/open, GET config."""

import json
from pathlib import Path

from conftest import fixture_notebook, payload


def code_of(path: Path) -> str:
    """The student's code cell of a fixture notebook on disk (files store sources as lines)."""
    return "".join(json.loads(path.read_text())["cells"][1]["source"])


async def test_config_tells_the_frontend_its_settings(api):
    config = payload(await api("config"))
    assert config == {
        "username": "ada",
        "role": "admin",
        "autosave_interval_seconds": 60,
        "max_notebook_bytes": 20 * 1024 * 1024,
        "working_copy_dir": "learning-modules",
    }


async def test_modules_are_listed_in_order_with_not_started_status(api):
    modules = payload(await api("modules"))["modules"]
    assert [m["id"] for m in modules] == ["alpha", "beta", "gamma"]
    assert [m["order"] for m in modules] == [1, 2, 3]
    assert all(m["status"] == "not_started" and m["updated_at"] is None for m in modules)
    assert modules[0] == {
        "id": "alpha",
        "title": "Alpha",
        "description": "About Alpha.",
        "notebook_filename": "module_01_alpha.ipynb",
        "order": 1,
        "status": "not_started",
        "updated_at": None,
        "exercises": {"passed": 0, "total": 0},
    }


async def test_each_module_carries_the_callers_own_status(api):
    await api("progress", "beta", method="PUT", body={"status": "completed"}, user="ada")
    ada = {m["id"]: m["status"] for m in payload(await api("modules", user="ada"))["modules"]}
    bob = {m["id"]: m["status"] for m in payload(await api("modules", user="bob"))["modules"]}
    assert ada == {"alpha": "not_started", "beta": "completed", "gamma": "not_started"}
    assert set(bob.values()) == {"not_started"}


async def test_one_module_and_unknown_module(api):
    module = payload(await api("modules", "gamma"))
    assert module["title"] == "Gamma" and module["status"] == "not_started"
    missing = await api("modules", "nope")
    assert missing.code == 404
    assert payload(missing) == {
        "error": "not_found",
        "message": 'There is no learning module with id "nope".',
    }


async def test_open_creates_the_working_copy_and_starts_the_module(api, jp_root_dir: Path):
    opened = payload(await api("modules", "alpha", "open", method="POST"))
    assert opened["path"] == "learning-modules/module_01_alpha.ipynb"
    assert opened["created"] is True and opened["restored"] is False
    assert opened["progress"]["status"] == "in_progress"
    copy = json.loads((jp_root_dir / opened["path"]).read_text())
    assert copy["metadata"]["jupyter_tutor"]["module"]["id"] == "alpha"

    again = payload(await api("modules", "alpha", "open", method="POST"))
    assert again["created"] is False and again["restored"] is False


async def test_open_does_not_undo_completed(api):
    await api("progress", "alpha", method="PUT", body={"status": "completed"})
    opened = payload(await api("modules", "alpha", "open", method="POST"))
    assert opened["progress"]["status"] == "completed"


async def test_open_on_a_new_machine_restores_saved_work(api, jp_root_dir: Path):
    work = fixture_notebook("alpha", "Alpha", 1, source="x = 'my answer'")
    await api("progress", "alpha", method="PUT", body={"notebook_state": work, "base_version": 0})
    opened = payload(await api("modules", "alpha", "open", method="POST"))
    assert opened["created"] is True and opened["restored"] is True
    assert code_of(jp_root_dir / opened["path"]) == "x = 'my answer'"


async def test_newer_saved_work_replaces_an_older_copy_and_keeps_it(api, jp_root_dir: Path):
    opened = payload(await api("modules", "alpha", "open", method="POST"))
    version = opened["progress"]["version"]
    work = fixture_notebook("alpha", "Alpha", 1, source="x = 'from the other machine'")
    await api(
        "progress", "alpha", method="PUT", body={"notebook_state": work, "base_version": version}
    )

    reopened = payload(await api("modules", "alpha", "open", method="POST"))
    assert reopened["restored"] is True
    backup = reopened["backup_path"]
    assert backup.startswith("learning-modules/module_01_alpha (before restore ")
    assert code_of(jp_root_dir / reopened["path"]) == "x = 'from the other machine'"
    assert code_of(jp_root_dir / backup) == "x = 1"


async def test_a_copy_newer_than_the_saved_work_is_left_alone(api, jp_root_dir: Path):
    work = fixture_notebook("alpha", "Alpha", 1, source="x = 'saved'")
    await api("progress", "alpha", method="PUT", body={"notebook_state": work, "base_version": 0})
    copy = jp_root_dir / "learning-modules" / "module_01_alpha.ipynb"
    copy.parent.mkdir()
    copy.write_text(json.dumps(fixture_notebook("alpha", "Alpha", 1, source="x = 'newer on disk'")))
    opened = payload(await api("modules", "alpha", "open", method="POST"))
    assert opened["restored"] is False and opened["backup_path"] is None
    assert "newer on disk" in copy.read_text()


async def test_open_unknown_module_is_404(api):
    assert (await api("modules", "nope", "open", method="POST")).code == 404


async def test_a_copy_that_lost_a_save_race_is_restored_even_if_written_later(
    api, jp_root_dir: Path
):
    opened = payload(await api("modules", "alpha", "open", method="POST"))
    base = opened["progress"]["version"]
    other_tab = fixture_notebook("alpha", "Alpha", 1, source="x = 'other tab won'")
    await api(
        "progress", "alpha", method="PUT", body={"notebook_state": other_tab, "base_version": base}
    )
    stale = fixture_notebook("alpha", "Alpha", 1, source="x = 'stale tab'")
    refused = await api(
        "progress", "alpha", method="PUT", body={"notebook_state": stale, "base_version": base}
    )
    assert refused.code == 409
    # The stale tab's editor keeps writing its file after the refused save.
    (jp_root_dir / opened["path"]).write_text(json.dumps(stale))

    reopened = payload(await api("modules", "alpha", "open", method="POST"))
    assert reopened["restored"] is True
    assert code_of(jp_root_dir / reopened["path"]) == "x = 'other tab won'"
    assert code_of(jp_root_dir / reopened["backup_path"]) == "x = 'stale tab'"
