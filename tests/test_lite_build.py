"""Real builds of the JupyterLite course site with the documented command, online and offline.

Each takes about 15 s. The offline build downloads the Pyodide core (npm) and a few
pure-Python wheels (PyPI) once, into the cache (~/.cache/jupyter-tutor/lite, or
$JUPYTER_TUTOR_CACHE_DIR); later runs reuse them. Deselect with ``-m "not lite_build"``.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from jupyter_tutor.exercises.declaration import scan_exercises
from jupyter_tutor.lite.addon import CDN, KERNEL_PLUGIN
from jupyter_tutor.packages.lock import lock_version

pytest.importorskip("jupyterlite_core")
pytestmark = pytest.mark.lite_build


def build(folder: Path, *options: str) -> Path:
    site = folder / "site"
    command = [sys.executable, "-m", "jupyter_tutor.lite", "build", "--lite-dir", f"{REPO}/lite"]
    result = subprocess.run(
        [*command, "--output-dir", str(site), *options], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def read(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def kernel_settings(site: Path) -> dict[str, Any]:
    return read(site, "jupyter-lite.json")["jupyter-config-data"]["litePluginSettings"][
        KERNEL_PLUGIN
    ]


@pytest.fixture(scope="module")
def online_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("online"))


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("offline"), "--offline")


def course_secrets() -> list[str]:
    """Every reference solution and instructor hint of the course notebooks."""
    secrets = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        for exercise in scan_exercises(json.loads(path.read_text(encoding="utf-8"))).exercises:
            secrets += [exercise.solution, *exercise.hints.values()]
    return secrets


def test_the_site_holds_no_solution_or_instructor_hint(online_site):
    secrets = course_secrets()
    assert len(secrets) >= 12
    forms = [
        form
        for s in secrets
        for form in {s, json.dumps(s)[1:-1], json.dumps(s, ensure_ascii=False)[1:-1]}
    ]
    found = [
        (str(path.relative_to(online_site)), form[:40])
        for path in online_site.rglob("*")
        if path.is_file()
        for data in [path.read_bytes()]
        for form in forms
        if form.encode() in data
    ]
    assert found == []
    notebook = json.loads((online_site / "files/course/module_01_intro_to_numpy.ipynb").read_text())
    released = [
        c["metadata"]["jupyter_tutor"]["exercise"]
        for c in notebook["cells"]
        if "jupyter_tutor" in c["metadata"]
    ]
    assert len(released) == 4 and all(set(e) == {"id", "title", "checks"} for e in released)


def test_the_site_has_the_course_catalog_and_frontend(online_site):
    catalog = read(online_site, "jupyter-tutor/catalog.json")
    assert catalog["mode"] == "online"
    assert catalog["pyodide_version"] == lock_version()
    assert [m["id"] for m in catalog["modules"]] == [
        "intro-to-numpy",
        "linear-algebra-basics",
        "interpolation-methods",
    ]
    listing = read(online_site, "api/contents/course/all.json")["content"]
    assert sorted(item["path"] for item in listing) == sorted(
        m["notebook_path"] for m in catalog["modules"]
    )
    for module in catalog["modules"]:
        assert (online_site / "files" / module["notebook_path"]).is_file()
    # The working copies' folder is in the site's index, empty: the browser finds it there.
    root = read(online_site, "api/contents/all.json")["content"]
    assert {"name": "learning-modules", "type": "directory"}.items() <= next(
        item for item in root if item["name"] == "learning-modules"
    ).items()
    assert read(online_site, "api/contents/learning-modules/all.json")["content"] == []

    config = read(online_site, "jupyter-lite.json")["jupyter-config-data"]
    assert "jupyter-tutor" in [e["name"] for e in config["federated_extensions"]]
    assert (online_site / "extensions/jupyter-tutor/package.json").is_file()
    assert config["appName"] == "jupyter-tutor course"


def test_online_the_kernel_loads_pyodide_from_the_cdn(online_site):
    settings = kernel_settings(online_site)
    assert settings["pyodideUrl"] == CDN.format(version=lock_version())
    assert "disablePyPIFallback" not in settings
    assert not (online_site / "static/pyodide").exists()


def test_offline_the_site_carries_a_consistent_pyodide(offline_site):
    folder = offline_site / "static/pyodide"
    lock = read(offline_site, "static/pyodide/pyodide-lock.json")
    for name, entry in lock["packages"].items():
        data = (folder / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
    assert {"micropip", "ipython", "jedi", "parso", "sympy", "mpmath"} <= set(lock["packages"])
    assert "numpy" not in lock["packages"]
    for runtime in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]:
        assert (folder / runtime).is_file()
    assert {p.name.split("-")[0] for p in (offline_site / "pypi").glob("*.whl")} == {
        "comm",
        "tabulate",
    }


def test_offline_the_kernel_stays_on_the_site(offline_site):
    settings = kernel_settings(offline_site)
    assert settings["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert settings["disablePyPIFallback"] is True
    assert all(url.startswith("./") for url in settings["pipliteUrls"])


def test_offline_the_catalog_says_what_is_missing(offline_site):
    catalog = read(offline_site, "jupyter-tutor/catalog.json")
    assert catalog["mode"] == "offline"
    assert catalog["pyodide_version"] == lock_version()
    flags = {p["name"]: p["available_offline"] for p in catalog["packages"]}
    assert flags["sympy"] is True and flags["tabulate"] is True and flags["ipython"] is True
    assert flags["numpy"] is False and flags["scipy"] is False
    report = read(offline_site, "jupyter-tutor/offline-bundle.json")
    assert [problem["name"] for problem in report["unavailable"]] == ["numpy"]
    assert "--pyodide" in report["unavailable"][0]["reason"]
