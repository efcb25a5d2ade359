"""docs/ARCHITECTURE.md names every table and column the store has."""

import re
from pathlib import Path

import pytest

from jupyter_tutor.store.models import Base

DOC = (Path(__file__).resolve().parents[1] / "docs/ARCHITECTURE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", Base.metadata.sorted_tables, ids=lambda table: table.name)
def test_every_column_is_documented(table) -> None:
    rows = re.findall(rf"^\| `{table.name}` \|(.*)$", DOC, flags=re.MULTILINE)
    assert rows, f"docs/ARCHITECTURE.md has no row for the table {table.name}"
    missing = [c.name for c in table.columns if not re.search(rf"\b{c.name}\b", rows[0])]
    assert missing == [], f"{table.name}: columns missing from its row"
