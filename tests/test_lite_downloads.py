"""Downloads for offline sites go to the cache once; npm and pip are stood in for here."""

import io
import tarfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from jupyter_tutor.lite import downloads
from jupyter_tutor.lite.downloads import DownloadError


class FakePip:
    """``pip download`` of pure-Python wheels: it knows some projects, and fails a whole
    batch when one requirement is unknown, as pip does."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known  # requirement → wheel file name
        self.calls: list[list[str]] = []

    def __call__(self, requirements: list[str], dest: Path, python_version: str) -> None:
        assert python_version == "3.14.2"
        self.calls.append(requirements)
        if any(requirement not in self.known for requirement in requirements):
            raise DownloadError("no matching distribution")
        for requirement in requirements:
            (dest / self.known[requirement]).write_bytes(b"wheel")


def test_pinned_wheels_are_fetched_once_and_missing_ones_left_out(tmp_path, monkeypatch):
    pip = FakePip(
        {
            "jedi==0.19.2": "jedi-0.19.2-py2.py3-none-any.whl",
            "six==1": "six-1.0-py3-none-any.whl",  # the lock spells it 1.0.0
        }
    )
    monkeypatch.setattr(downloads, "_pip_download", pip)
    pins = {"jedi": "0.19.2", "six": "1.0.0", "gone": "1.0"}

    found = downloads.pure_wheels(pins, tmp_path, "3.14.2")

    assert {name: path.name for name, path in found.items()} == {
        "jedi": "jedi-0.19.2-py2.py3-none-any.whl",
        "six": "six-1.0-py3-none-any.whl",
    }
    assert all(path.parent == tmp_path / "wheels" for path in found.values())
    # The batch failed on the unknown project, so each was asked for alone.
    assert pip.calls == [
        ["gone==1", "jedi==0.19.2", "six==1"],
        ["gone==1"],
        ["jedi==0.19.2"],
        ["six==1"],
    ]
    assert downloads.pure_wheels({"jedi": "0.19.2", "six": "1.0.0"}, tmp_path, "3.14.2") == found
    assert len(pip.calls) == 4


def test_the_newest_wheel_of_a_requirement_is_kept(tmp_path, monkeypatch):
    pip = FakePip({"tabulate": "tabulate-0.10.0-py3-none-any.whl"})
    monkeypatch.setattr(downloads, "_pip_download", pip)
    first = downloads.latest_pure_wheel(Requirement("tabulate"), tmp_path, "3.14.2")
    again = downloads.latest_pure_wheel(Requirement("tabulate"), tmp_path, "3.14.2")
    assert first == again and first.name == "tabulate-0.10.0-py3-none-any.whl"
    assert len(pip.calls) == 1
    with pytest.raises(DownloadError):
        downloads.latest_pure_wheel(Requirement("nowhere"), tmp_path, "3.14.2")


def test_the_pyodide_core_comes_from_npm_once(tmp_path, monkeypatch):
    runs: list[list[str]] = []

    def npm_pack(command: list[str], cwd: Path) -> None:
        runs.append(command)
        with tarfile.open(cwd / "pyodide-314.0.7.tgz", "w:gz") as tar:
            for name in ["package/pyodide.mjs", "package/pyodide-lock.json", "../evil"]:
                info = tarfile.TarInfo(name)
                info.size = 2
                tar.addfile(info, io.BytesIO(b"{}"))

    monkeypatch.setattr(downloads, "_run", npm_pack)
    monkeypatch.setattr(downloads.shutil, "which", lambda _: "/usr/bin/npm")
    core = downloads.pyodide_core("314.0.7", tmp_path)
    assert core == tmp_path / "pyodide/314.0.7"
    assert sorted(p.name for p in core.iterdir()) == ["pyodide-lock.json", "pyodide.mjs"]
    assert runs == [["/usr/bin/npm", "pack", "pyodide@314.0.7", "--silent"]]
    assert downloads.pyodide_core("314.0.7", tmp_path) == core
    assert len(runs) == 1
    assert not (tmp_path / "evil").exists()


def test_without_npm_the_builder_is_told_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(downloads.shutil, "which", lambda _: None)
    with pytest.raises(DownloadError, match="--pyodide"):
        downloads.pyodide_core("314.0.7", tmp_path)


def test_the_cache_lives_where_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_TUTOR_CACHE_DIR", str(tmp_path / "c"))
    assert downloads.cache_root() == tmp_path / "c"
    monkeypatch.delenv("JUPYTER_TUTOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert downloads.cache_root() == tmp_path / "x/jupyter-tutor/lite"
