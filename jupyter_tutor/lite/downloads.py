"""Fetch what an offline site ships, once: the Pyodide core from npm, wheels from PyPI.

Everything lands in a cache keyed by name and version (``$JUPYTER_TUTOR_CACHE_DIR``,
else ``~/.cache/jupyter-tutor/lite``), so rebuilding a site downloads nothing. Both
registries are used through their ordinary clients (``npm pack``, ``pip download``),
which keeps the builder's registry settings (mirrors, proxies) in force.
"""

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, canonicalize_version, parse_wheel_filename


class DownloadError(RuntimeError):
    """A registry did not give us a file; the message says which and why."""


def cache_root() -> Path:
    configured = os.environ.get("JUPYTER_TUTOR_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(xdg) / "jupyter-tutor" / "lite"


def _run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise DownloadError(f"{' '.join(command[:4])}… failed: " + " | ".join(output))


def pyodide_core(version: str, cache: Path) -> Path:
    """The runtime files of the npm package ``pyodide@version`` (lock included)."""
    target = cache / "pyodide" / version
    if (target / "pyodide-lock.json").is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise DownloadError(
            "npm is needed to fetch the Pyodide core; install Node.js, or pass --pyodide DIR"
        )
    with tempfile.TemporaryDirectory() as work:
        _run([npm, "pack", f"pyodide@{version}", "--silent"], Path(work))
        archive = next(Path(work).glob("pyodide-*.tgz"))
        staging = Path(work) / "core"
        staging.mkdir()
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                name = Path(member.name)
                # Flat files under package/ only: nothing outside the staging folder.
                if not member.isfile() or len(name.parts) != 2 or name.parts[0] != "package":
                    continue
                source = tar.extractfile(member)
                assert source is not None  # a regular file always has content
                (staging / name.name).write_bytes(source.read())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(staging, target)
    return target


def _pip_download(requirements: list[str], dest: Path, python_version: str) -> None:
    """Pure-Python wheels only, chosen for Pyodide's Python, never for the builder's."""
    major, minor = python_version.split(".")[:2]
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--platform=any",
            "--implementation=py",
            "--abi=none",
            f"--python-version={major}.{minor}",
            f"--dest={dest}",
            *requirements,
        ],
        dest,
    )


def _project(wheel: Path) -> tuple[str, str]:
    name, version, _, _ = parse_wheel_filename(wheel.name)
    return name, canonicalize_version(version)


def pure_wheels(pins: dict[str, str], cache: Path, python_version: str) -> dict[str, Path]:
    """Pure-Python wheels of exact versions (canonical name → version): those PyPI has;
    the caller reports the others."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    # Versions as wheel file names spell them (a lock may write "1.0.0" for "1.0").
    pins = {name: canonicalize_version(version) for name, version in pins.items()}
    cached = {_project(wheel): wheel for wheel in folder.glob("*.whl")}
    found = {name: cached[(name, v)] for name, v in pins.items() if (name, v) in cached}
    missing = {name: version for name, version in pins.items() if name not in found}
    if not missing:
        return found
    with tempfile.TemporaryDirectory(dir=folder) as work:
        requirements = [f"{name}=={version}" for name, version in sorted(missing.items())]
        try:
            _pip_download(requirements, Path(work), python_version)
        except DownloadError:
            # One missing project fails pip's whole batch: ask for each alone.
            for requirement in requirements:
                with contextlib.suppress(DownloadError):
                    _pip_download([requirement], Path(work), python_version)
        for wheel in Path(work).glob("*.whl"):
            name, version = _project(wheel)
            if missing.get(name) == version:
                found[name] = Path(shutil.move(wheel, folder / wheel.name))
    return found


def latest_pure_wheel(requirement: Requirement, cache: Path, python_version: str) -> Path:
    """The newest pure-Python wheel meeting ``requirement``, remembered per requirement so
    rebuilds stay the same until the cache is cleared."""
    key = hashlib.sha256(f"{requirement}|{python_version}".encode()).hexdigest()[:16]
    folder = cache / "piplite" / f"{canonicalize_name(requirement.name)}-{key}"
    wheels = sorted(folder.glob("*.whl"))
    if wheels:
        return wheels[0]
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as work:
        _pip_download([str(requirement)], Path(work), python_version)
        wheel = next(Path(work).glob("*.whl"))
        return Path(shutil.move(wheel, folder / wheel.name))
