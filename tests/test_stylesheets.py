"""JupyterLab loads the extension's styles from ``style/index.js`` (its ``styleModule``),
other tools from ``style/index.css``: both must import every stylesheet of the folder."""

import re
from pathlib import Path

STYLE = Path(__file__).resolve().parents[1] / "labextension" / "style"


def test_both_entry_points_import_every_stylesheet() -> None:
    sheets = {path.name for path in STYLE.glob("*.css") if path.name != "index.css"}
    from_js = set(
        re.findall(r"^import '\./([^']+\.css)';$", (STYLE / "index.js").read_text(), re.M)
    )
    from_css = set(
        re.findall(r"^@import url\('([^'~]+\.css)'\);$", (STYLE / "index.css").read_text(), re.M)
    )
    assert from_js == sheets
    assert from_css == sheets
