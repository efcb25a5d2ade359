"""The offline site's Pyodide bundle: which files ship, the regenerated lock, what is missing.

A small made-up lock and wheels stand in for Pyodide's; nothing is downloaded.
"""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from jupyter_tutor.lite.downloads import DownloadError
from jupyter_tutor.lite.offline_bundle import (
    BOOT_PACKAGES,
    BundleError,
    Supplied,
    core_files,
    plan_bundle,
    regenerate_lock,
    write_bundle,
)

KERNEL_WHEELS = ["ipykernel", "pyodide-kernel", "piplite", "widgetsnbextension"]


def entry(name: str, file_name: str, depends: tuple[str, ...] = ()) -> dict:
    version = file_name.split("-")[1]
    return {
        "name": name,
        "version": version,
        "file_name": file_name,
        "depends": list(depends),
        "imports": [name],
        "package_type": "package",
        "sha256": "0" * 64,
    }


def make_lock() -> dict:
    entries = [
        entry("micropip", "micropip-0.11.1-py3-none-any.whl"),
        entry("ipython", "ipython-9.12.0-py3-none-any.whl", ("traitlets",)),
        entry("traitlets", "traitlets-5.14.3-py3-none-any.whl"),
        entry("jedi", "jedi-0.19.2-py2.py3-none-any.whl", ("parso",)),
        entry("parso", "parso-0.8.6-py2.py3-none-any.whl"),
        entry("numpy", "numpy-2.4.6-cp314-cp314-pyemscripten_2026_0_wasm32.whl"),
        entry("scipy", "scipy-1.16.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl", ("numpy",)),
        entry("sympy", "sympy-1.14.0-py3-none-any.whl", ("mpmath",)),
        entry("mpmath", "mpmath-1.4.1-py3-none-any.whl"),
        entry("numpy-tests", "numpy-tests.zip", ("numpy",)),
    ]
    return {
        "info": {"python": "3.14.2", "arch": "wasm32"},
        "packages": {e["name"]: e for e in entries},
    }


def make_wheel(folder: Path, file_name: str, requires: tuple[str, ...] = ()) -> Path:
    """A wheel with just enough metadata: its name, version and dependencies."""
    folder.mkdir(parents=True, exist_ok=True)
    name, version = file_name.split("-")[:2]
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += "".join(f"Requires-Dist: {requirement}\n" for requirement in requires)
    path = folder / file_name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    return path


class FakePyPI:
    """Pure-Python wheels only, like the registry: compiled Pyodide builds are not there."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pinned: list[dict[str, str]] = []
        self.latest: list[str] = []
        self.projects = {
            "comm": ("comm-0.2.3-py3-none-any.whl", ()),
            "tabulate": ("tabulate-0.10.0-py3-none-any.whl", ("wcwidth; extra == 'widechars'",)),
            "teachkit": (
                "teachkit-1.0-py3-none-any.whl",
                ("sympy", "helper>=2", "colorama; sys_platform == 'win32'"),
            ),
            "helper": ("helper-2.1-py3-none-any.whl", ()),
            "needs-scipy": ("needs_scipy-1.0-py3-none-any.whl", ("scipy",)),
        }

    def fetch_pinned(self, pins: dict[str, str]) -> dict[str, Path]:
        self.pinned.append(pins)
        return {
            name: make_wheel(self.folder, f"{name}-{version}-py3-none-any.whl")
            for name, version in pins.items()
        }

    def fetch_latest(self, requirement: Requirement) -> Path:
        self.latest.append(requirement.name)
        if requirement.name not in self.projects:
            raise DownloadError(f"no {requirement.name}")
        file_name, requires = self.projects[requirement.name]
        return make_wheel(self.folder, file_name, requires)


def plan(tmp_path: Path, wanted: list[str], supplied: Supplied | None = None, lock=None):
    pypi = FakePyPI(tmp_path / "pypi")
    bundle = plan_bundle(
        lock or make_lock(),
        [Requirement(name) for name in wanted],
        provided=KERNEL_WHEELS,
        supplied=supplied or Supplied(),
        fetch_pinned=pypi.fetch_pinned,
        fetch_latest=pypi.fetch_latest,
    )
    return bundle, pypi


def test_the_kernel_boot_packages_and_pure_course_packages_ship(tmp_path):
    bundle, pypi = plan(tmp_path, ["sympy", "tabulate", "numpy"])
    assert set(bundle.lock_files) == {
        "micropip", "ipython", "traitlets", "jedi", "parso", "sympy", "mpmath"
    }  # fmt: skip
    # Lock entries come at the locked version, in one request.
    assert pypi.pinned == [
        {
            "micropip": "0.11.1",
            "ipython": "9.12.0",
            "traitlets": "5.14.3",
            "jedi": "0.19.2",
            "parso": "0.8.6",
            "sympy": "1.14.0",
            "mpmath": "1.4.1",
        }
    ]
    # Outside the lock: piplite; an unmet marker (extra, win32) pulls nothing.
    assert {name: wheel.name for name, wheel in bundle.piplite_wheels.items()} == {
        "comm": "comm-0.2.3-py3-none-any.whl",
        "tabulate": "tabulate-0.10.0-py3-none-any.whl",
    }
    assert "numpy" in bundle.unavailable and "--pyodide" in bundle.unavailable["numpy"]
    assert all(bundle.available(name) for name in BOOT_PACKAGES)
    assert bundle.available("SymPy") and not bundle.available("numpy")
    assert not bundle.available("scipy")  # never asked for, never shipped


def test_piplite_dependencies_resolve_through_the_lock_and_pypi(tmp_path):
    bundle, pypi = plan(tmp_path, ["teachkit", "needs-scipy", "nowhere"])
    assert {"teachkit", "helper"} <= set(bundle.piplite_wheels)
    assert {"sympy", "mpmath"} <= set(bundle.lock_files)
    assert "colorama" not in pypi.latest
    # A wheel needing an unavailable compiled package is left out, with the reason.
    assert "needs-scipy" not in bundle.piplite_wheels
    assert bundle.unavailable["needs-scipy"] == "needs scipy, which is unavailable"
    assert bundle.unavailable["scipy"].startswith("compiled for Pyodide")
    assert bundle.unavailable["nowhere"] == "no pure-Python wheel on PyPI (no nowhere)"


def test_supplied_files_ship_compiled_packages(tmp_path):
    lock = make_lock()
    supplied_dir = tmp_path / "supplied"
    make_wheel(supplied_dir, lock["packages"]["numpy"]["file_name"])
    make_wheel(supplied_dir, lock["packages"]["scipy"]["file_name"])
    (supplied_dir / "numpy-tests.zip").write_bytes(b"tests")
    make_wheel(supplied_dir, "localpkg-0.1-py3-none-any.whl", ("sympy",))

    bundle, pypi = plan(tmp_path, ["numpy"], Supplied.from_dirs(lock, supplied_dir), lock)

    assert bundle.lock_files["numpy"].parent == supplied_dir
    assert "scipy" in bundle.lock_files  # supplied, so shipped though no module asked
    assert "numpy-tests" not in bundle.lock_files  # test suites stay out
    assert bundle.piplite_wheels["localpkg"].parent == supplied_dir
    assert "sympy" in bundle.lock_files  # localpkg needs it
    assert "numpy" not in pypi.pinned[0]


def test_a_supplied_wheel_the_lock_would_shadow_is_refused(tmp_path):
    lock = make_lock()
    make_wheel(tmp_path / "w", "numpy-2.3.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl")
    with pytest.raises(ValueError, match=r"pins numpy-2\.4\.6"):
        Supplied.from_dirs(lock, tmp_path / "w")


def test_the_build_fails_when_the_kernel_could_not_boot(tmp_path):
    lock = make_lock()
    lock["packages"]["jedi"]["file_name"] = "jedi-0.19.2-cp314-cp314-pyemscripten_wasm32.whl"
    with pytest.raises(BundleError, match="jedi: compiled for Pyodide"):
        plan(tmp_path, [], lock=lock)


def test_the_site_lock_lists_the_shipped_files_with_their_own_sha256(tmp_path):
    lock = make_lock()
    shipped = make_wheel(tmp_path, "sympy-1.14.0-py3-none-any.whl")
    renamed = make_wheel(tmp_path, "parso-0.8.6-py3-none-any.whl")  # PyPI's tags differ

    site_lock = regenerate_lock(lock, {"sympy": shipped, "parso": renamed})

    assert site_lock["info"] == lock["info"]
    assert set(site_lock["packages"]) == {"sympy", "parso"}
    sympy = site_lock["packages"]["sympy"]
    assert sympy["sha256"] == hashlib.sha256(shipped.read_bytes()).hexdigest()
    assert sympy["sha256"] != lock["packages"]["sympy"]["sha256"]
    assert sympy["depends"] == ["mpmath"] and sympy["version"] == "1.14.0"
    assert site_lock["packages"]["parso"]["file_name"] == "parso-0.8.6-py3-none-any.whl"
    assert lock["packages"]["sympy"]["sha256"] == "0" * 64  # the input is not changed


def test_the_site_gets_the_runtime_packages_lock_and_report(tmp_path):
    lock = make_lock()
    distribution = tmp_path / "pyodide"
    distribution.mkdir()
    for name in ["pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json"]:
        (distribution / name).write_text(name)
    for name in ["pyodide.mjs.map", "ffi.d.ts", "console.html", "pyodide-lock.json"]:
        (distribution / name).write_text(name)
    make_wheel(distribution, lock["packages"]["numpy"]["file_name"])
    (distribution / f"{lock['packages']['numpy']['file_name']}.metadata").write_text("")
    assert [p.name for p in core_files(distribution, lock)] == [
        "package.json", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip"
    ]  # fmt: skip

    bundle, _ = plan(tmp_path, ["tabulate", "numpy"])
    site = tmp_path / "site"
    report = write_bundle(bundle, lock, distribution, site / "static/pyodide", site / "pypi")

    site_lock = json.loads((site / "static/pyodide/pyodide-lock.json").read_text())
    for key, item in site_lock["packages"].items():
        data = (site / "static/pyodide" / item["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"], key
    assert "numpy" not in site_lock["packages"]
    assert not list((site / "static/pyodide").glob("numpy*"))
    assert sorted(p.name for p in (site / "pypi").iterdir()) == report["piplite_wheels"]
    assert report["unavailable"][0]["name"] == "numpy"
    assert report["lock_packages"] == sorted(bundle.lock_files)
