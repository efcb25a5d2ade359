"""No reference solution or instructor hint reaches a learner: every learner-facing route,
the working copy, the tutor's frames and the JupyterLite site's files are scanned for each
secret text, after a learner has used everything once."""

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import payload
from exercise_notebook import SECRETS, exercise_notebook
from tutor_client import ask

from jupyter_tutor.lite.addon import release
from jupyter_tutor.lite.site_catalog import build_site_catalog
from jupyter_tutor.packages.catalog import build_catalog, load_curated
from jupyter_tutor.packages.lock import LOCK_FILE, load_lock

LEARNER_GETS = [
    ("config",),
    ("modules",),
    ("modules", "delta"),
    ("modules", "delta", "exercises"),
    ("modules", "delta", "packages"),
    ("progress",),
    ("progress", "delta"),
    ("progress", "delta", "snapshots"),
    ("packages",),
    ("package-sets",),
]


@pytest.fixture
def modules_dir(modules_dir: Path) -> Path:
    (modules_dir / "module_04_delta.ipynb").write_text(json.dumps(exercise_notebook()))
    return modules_dir


@pytest.fixture
def jp_server_config(jp_server_config: dict) -> dict:
    jp_server_config["TutorApp"]["instructor_users"] = {"ivy"}
    return jp_server_config


def hits(text: str) -> list[str]:
    """The secrets in ``text``, as written or as a JSON string holds them."""
    return [s for s in SECRETS if s in text or json.dumps(s)[1:-1] in text]


async def test_no_learner_response_or_working_copy_holds_a_secret(api, jp_root_dir, connect):
    seen: list[str] = []
    opened = await api("modules", "delta", "open", method="POST")
    seen.append(opened.body.decode())
    copy = (jp_root_dir / payload(opened)["path"]).read_text(encoding="utf-8")
    assert json.loads(copy)["cells"][3]["metadata"]["jupyter_tutor"]["exercise"]["checks"]
    seen.append(copy)
    run = "modules", "delta", "exercises", "evens-and-grid", "checks"
    seen.append(
        (await api(*run, method="POST", body={"passed": False, "failed_check": 1})).body.decode()
    )
    ws = await connect("delta")
    for more_help in (False, True, True, True):
        frames = await ask(ws, "help", exercise_id="evens-and-grid", more_help=more_help)
        seen.append(json.dumps(frames))
    snapshot = {"notebook_state": json.loads(copy), "base_version": 0}
    seen.append((await api("progress", "delta", method="PUT", body=snapshot)).body.decode())
    for path in LEARNER_GETS:
        response = await api(*path)
        assert response.code == 200, path
        seen.append(response.body.decode())
    history = await api("tutor", "history", params={"module_id": "delta"})
    seen.append(history.body.decode())
    assert [hits(text) for text in seen] == [[] for _ in seen]
    # The instructor does see them, so the scan would find a leak.
    source = await api("modules", "delta", "exercises", "source", user="ivy")
    assert len(hits(source.body.decode())) >= 4


def test_the_lite_site_notebooks_and_catalog_hold_no_secret(tmp_path: Path):
    notebooks = tmp_path / "course"
    notebooks.mkdir()
    (notebooks / "delta.ipynb").write_text(json.dumps(exercise_notebook()))
    release(notebooks / "delta.ipynb", tmp_path / "site" / "delta.ipynb")
    released = (tmp_path / "site" / "delta.ipynb").read_text(encoding="utf-8")
    catalog = build_site_catalog(
        notebooks,
        build_catalog(load_lock(LOCK_FILE), load_curated()),
        mode="online",
        pyodide_version="0",
    )
    assert hits(released) == [] and hits(json.dumps(catalog)) == []
    module: dict[str, Any] = catalog["modules"][0]
    assert [e["id"] for e in module["exercises"]] == ["evens-and-grid", "passing"]
    assert module["complete_when_exercises_pass"] is True
