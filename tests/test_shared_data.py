"""The frontend's copies of the rules both sides apply are the server's files, byte for byte."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = [
    ("jupyter_tutor/tutor/offline/rules.json", "labextension/src/backend/lite/tutor/rules.json"),
    ("jupyter_tutor/packages/entry_rules.json", "labextension/src/packages/entry_rules.json"),
    (
        "jupyter_tutor/exercises/exercise.schema.json",
        "labextension/src/exercises/editor/exercise.schema.json",
    ),
    ("jupyter_tutor/exercises/statuses.json", "labextension/src/exercises/statuses.json"),
]


@pytest.mark.parametrize(("source", "copy"), SHARED)
def test_the_browser_copy_is_current(source: str, copy: str) -> None:
    assert (REPO / copy).read_bytes() == (REPO / source).read_bytes(), (
        f"{copy} is stale: run `jlpm build:shared`"
    )


def test_the_build_script_copies_each_shared_file() -> None:
    script = (REPO / "labextension/scripts/copy-shared-data.js").read_text()
    assert all(source in script and copy in script for source, copy in SHARED)
