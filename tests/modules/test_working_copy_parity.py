"""Working copies are opened as ``working_copy_parity.json`` says, by the server's rules.

``jlpm test`` holds the Lite site's working copies (labextension/src/backend/lite/workingCopy.ts)
to the same cases.
"""

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import one_cell_notebook as notebook
from jupyter_server.services.contents.filemanager import FileContentsManager

from jupyter_tutor.modules.working_copy import WorkingCopies
from jupyter_tutor.store.models import LearningModule

FIXTURE = json.loads(
    Path(__file__).with_name("working_copy_parity.json").read_text(encoding="utf-8")
)
FOLDER = "learning-modules"
NAME = "module_01.ipynb"
COPY_TIME = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def source_in(path: Path) -> str:
    source = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]
    return "".join(source) if isinstance(source, list) else source


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=lambda case: case["name"])
async def test_the_server_opens_each_case_as_the_fixture(case: dict[str, Any], tmp_path: Path):
    root, course = tmp_path / "root", tmp_path / "course"
    (root / FOLDER).mkdir(parents=True)
    course.mkdir()
    (course / NAME).write_text(json.dumps(notebook(FIXTURE["course"])))
    copy = root / FOLDER / NAME
    if case["copy"] is not None:
        copy.write_text(json.dumps(notebook(case["copy"])))
        os.utime(copy, (COPY_TIME.timestamp(), COPY_TIME.timestamp()))
    saved = case["saved"]
    saved_at = COPY_TIME + timedelta(minutes=1 if saved and saved["newer"] else -1)
    copies = WorkingCopies(FileContentsManager(root_dir=str(root)), course, FOLDER)
    module = LearningModule(slug="alpha", notebook_filename=NAME)

    opened = await copies.open(
        module, notebook(saved["source"]) if saved else None, saved_at if saved else None
    )

    backups = [path for path in (root / FOLDER).glob("*.ipynb") if path.name != NAME]
    got = {
        "created": opened.created,
        "restored": opened.restored,
        "copy": source_in(copy),
        "backup": source_in(backups[0]) if backups else None,
    }
    assert got == case["expect"]
    assert (opened.backup_path is None) == (not backups)
