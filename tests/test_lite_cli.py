"""``python -m jupyter_tutor.lite``: its options, and the local server it serves a site with."""

import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from jupyter_tutor.lite.__main__ import clear_output, parse_args
from jupyter_tutor.lite.serve import HOST, SiteHandler


def test_supplied_files_belong_to_an_offline_build():
    with pytest.raises(SystemExit):
        parse_args(["build", "--wheels", "wheels"])
    args = parse_args(["build", "--offline", "--pyodide", "dist", "--wheels", "wheels"])
    assert args.offline and args.pyodide == Path("dist") and args.wheels == Path("wheels")
    assert parse_args(["serve"]).port == 8000


def test_an_earlier_site_is_cleared_but_no_other_folder(tmp_path):
    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    (site / "jupyter-lite.json").write_text("{}")
    clear_output(site)
    assert not site.exists()
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(SystemExit, match="holds no JupyterLite site"):
        clear_output(tmp_path)
    assert (tmp_path / "notes.txt").is_file()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (tmp_path / "pyodide.mjs").write_text("export {}")
    server = ThreadingHTTPServer((HOST, 0), partial(SiteHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{HOST}:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_server_gives_pyodide_its_content_types(served):
    with urllib.request.urlopen(f"{served}/pyodide.asm.wasm") as response:
        assert response.headers["Content-Type"] == "application/wasm"
        assert response.headers["Cache-Control"] == "no-cache"
    with urllib.request.urlopen(f"{served}/pyodide.mjs") as response:
        assert response.headers["Content-Type"] == "text/javascript"
