"""``python -m jupyter_tutor.lite build|serve``: make the course site, and serve it locally."""

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .serve import serve

DEFAULT_LITE_DIR = Path("lite")
OUTPUT = "_output"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m jupyter_tutor.lite", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the JupyterLite course site")
    build.add_argument(
        "--offline",
        action="store_true",
        help="carry Pyodide and the packages in the site; contact no other host",
    )
    build.add_argument(
        "--pyodide", type=Path, help="offline: a Pyodide distribution folder to take files from"
    )
    build.add_argument(
        "--wheels", type=Path, help="offline: a folder of wheels to ship (e.g. numpy's)"
    )
    build.add_argument(
        "--lite-dir",
        type=Path,
        default=DEFAULT_LITE_DIR,
        help="folder with jupyter_lite_config.json (default: lite)",
    )
    build.add_argument("--output-dir", type=Path, help="default: <lite-dir>/_output")
    serve_site = commands.add_parser("serve", help="serve a built site on 127.0.0.1")
    serve_site.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve_site.add_argument(
        "--output-dir", type=Path, default=DEFAULT_LITE_DIR / OUTPUT, help="default: lite/_output"
    )
    args = parser.parse_args(argv)
    if args.command == "build" and (args.pyodide or args.wheels) and not args.offline:
        parser.error("--pyodide and --wheels belong to an --offline build")
    return args


def clear_output(output: Path) -> None:
    """Start from an empty folder, so nothing of an earlier (e.g. offline) build stays;
    refuse to empty a folder that is not a site."""
    if not output.exists():
        return
    if any(output.iterdir()) and not (output / "jupyter-lite.json").is_file():
        sys.exit(f"{output} is not empty and holds no JupyterLite site: choose another folder")
    shutil.rmtree(output)


def build(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("jupyterlite_core") is None:
        sys.exit('Building the site needs JupyterLite: pip install "jupyter-tutor[lite]"')
    lite_dir = args.lite_dir.resolve()
    if not (lite_dir / "jupyter_lite_config.json").is_file():
        sys.exit(f"No jupyter_lite_config.json in {lite_dir}: pass --lite-dir")
    output = (args.output_dir or lite_dir / OUTPUT).resolve()
    clear_output(output)
    options = [f"--JupyterTutorAddon.mode={'offline' if args.offline else 'online'}"]
    if args.pyodide:
        options.append(f"--JupyterTutorAddon.pyodide_dir={args.pyodide.resolve()}")
    if args.wheels:
        options.append(f"--JupyterTutorAddon.wheels_dir={args.wheels.resolve()}")
    command = [sys.executable, "-m", "jupyterlite_core", "build"]
    command += ["--lite-dir", str(lite_dir), "--output-dir", str(output), *options]
    # jupyterlite keeps its task database in the working directory, and would skip tasks
    # it ran for another output folder: a fresh one per build.
    with tempfile.TemporaryDirectory(prefix="jupyter-tutor-lite-") as state:
        status = subprocess.run(command, cwd=state, check=False).returncode
    if status == 0:
        print(f"Built {output}; serve it with: python -m jupyter_tutor.lite serve", flush=True)
    return status


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "build":
        return build(args)
    site = args.output_dir.resolve()
    if not (site / "jupyter-lite.json").is_file():
        sys.exit(f"No site in {site}: build one with python -m jupyter_tutor.lite build")
    serve(site, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
