"""Opening a course module in the offline JupyterLite site, with and without jupyter-tutor.

Builds the offline site once (`python -m jupyter_tutor.lite build --offline`, or takes a
built one with `--site`) and makes two sites of it that differ only in jupyter-tutor's
frontend:

- "with": the site as built;
- "without": a copy whose `jupyter-lite.json` leaves jupyter-tutor out of
  `federated_extensions`, so its code and styles are never fetched, as in a site built
  without it. (`disabledExtensions` would not do: JupyterLite still loads a disabled
  extension's code and styles and only skips activating its plugins.) Everything else,
  the course notebooks, the catalog, Pyodide and the wheels, is the same files.

Both get `exposeAppInBrowser`, so the page can read the notebook's session. Each
site is served by `python -m jupyter_tutor.lite serve` on a free 127.0.0.1 port.

Each run starts a new headless Chromium (a fresh profile: nothing cached or compiled)
that resolves no host but 127.0.0.1, opens `lab/index.html?path=<module notebook>` and
records, from navigation start (`performance.timeOrigin`):

- kernel Idle: when the notebook's session first reports its Pyodide kernel idle
  (`sessionContext.kernelDisplayStatus`, what the status bar shows as "Idle"; read
  directly, since the status bar renders a frame or more later on a busy machine);
- packages loaded: with jupyter-tutor, when its toolbar item `.jp-TutorPackageProgress`
  reaches `data-state` "loaded" or "failed" (every package of the module's list
  checked); without it, the same work by hand from the page once the kernel is Idle:
  for each package of the list, `await micropip.install(name)` then `import <module>`,
  a failure recorded, not raised. A mark not reached in time prints as n/a.

The page is watched by `benchmarks/lite_boot.js` (Playwright from ui-tests/node_modules,
the system Chromium). After `--warmup` untimed rounds (they bring the site's files into
the OS cache for both), `--rounds` rounds each run both sites, one after the other,
the first of the two swapping every round (with, without; without, with; …). For both
marks it prints the medians with and without, their ratio, and the median of the
with/without ratios of each round ("paired"), which the goal is judged on
(jupyter-tutor adds ≤ 15 %): load that drifts during a run (other jobs on the machine)
moves both runs of a round alike but can shift one median against the other. The exit
status is non-zero only on errors (a build, server or browser that failed, a kernel that
never became Idle), not on a missed goal.

    python benchmarks/lite_boot.py [--rounds 3] [--warmup 1] [--module intro-to-numpy]
                                   [--site DIR]
"""

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("lite_boot.js")
PLAYWRIGHT_FROM = REPO / "ui-tests" / "node_modules"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The site is offline: a request elsewhere must fail, not quietly succeed.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
GOAL_RATIO = 1.15
VARIANTS = ("with", "without")


@dataclass
class Run:
    idle_s: float | None
    packages_s: float | None
    packages_state: str | None
    detail: str | None
    page_errors: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_site(output: Path) -> None:
    command = [sys.executable, "-m", "jupyter_tutor.lite", "build", "--offline"]
    command += ["--lite-dir", str(REPO / "lite"), "--output-dir", str(output)]
    print("building the offline site …", flush=True)
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"the build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def link_or_copy(source: str, target: str) -> None:
    # Hard links keep the copy of ~50 MB instant; across file systems, copy.
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def make_variant(site: Path, target: Path, with_tutor: bool) -> None:
    shutil.copytree(site, target, copy_function=link_or_copy)
    config_path = target / "jupyter-lite.json"
    config = json.loads(config_path.read_text())
    page_config = config["jupyter-config-data"]
    page_config["exposeAppInBrowser"] = True
    if not with_tutor:
        page_config["federated_extensions"] = [
            entry
            for entry in page_config["federated_extensions"]
            if entry["name"] != "jupyter-tutor"
        ]
        shutil.rmtree(target / "extensions" / "jupyter-tutor")
    # A new file, not a write through the hard link into the original site.
    config_path.unlink()
    config_path.write_text(json.dumps(config, indent=2))


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "jupyter_tutor.lite", "serve"]
    command += ["--output-dir", str(site), "--port", str(port)]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the site server exited:\n{process.stderr.read()}")
            try:
                with urllib.request.urlopen(base + "jupyter-lite.json", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the site server for {site} did not start") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def module_and_packages(site: Path, module_id: str) -> tuple[str, list[dict[str, str]], str]:
    """The module's notebook path in the site, its package list with import names, and the
    site's mode, from the site's own catalog."""
    catalog = json.loads((site / "jupyter-tutor" / "catalog.json").read_text())
    modules = {module["id"]: module for module in catalog["modules"]}
    if module_id not in modules:
        raise RuntimeError(f"no module {module_id!r} in the site; it has {sorted(modules)}")
    imports = {entry["name"].lower(): entry.get("imports") or [] for entry in catalog["packages"]}
    packages = []
    for entry in modules[module_id]["packages"]:
        name = entry["name"]
        # As jupyter-tutor's loader picks it: the catalog's first import name.
        found = imports.get(name.lower()) or [name.replace("-", "_")]
        packages.append({"name": name, "importName": found[0]})
    return modules[module_id]["notebook_path"], packages, catalog["mode"]


def boot(
    node: str,
    url: str,
    notebook: str,
    by_hand: bool,
    packages: list[dict[str, str]],
    idle_timeout: float,
    packages_timeout: float,
) -> Run:
    options = {
        "url": url,
        "notebook": notebook,
        "byHand": by_hand,
        "packages": packages,
        "executablePath": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "idleTimeoutMs": idle_timeout * 1000,
        "packagesTimeoutMs": packages_timeout * 1000,
        "playwrightFrom": str(PLAYWRIGHT_FROM),
    }
    result = subprocess.run(
        [node, str(DRIVER), json.dumps(options)],
        capture_output=True,
        text=True,
        check=False,
        timeout=idle_timeout + packages_timeout + 120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"the browser run failed:\n{result.stderr[-3000:]}")
    marks = json.loads(result.stdout.strip().splitlines()[-1])

    def seconds(value: float | None) -> float | None:
        return None if value is None else value / 1000

    return Run(
        idle_s=seconds(marks["idleMs"]),
        packages_s=seconds(marks["packagesMs"]),
        packages_state=marks["packagesState"],
        detail=marks["detail"],
        page_errors=marks["pageErrors"],
    )


def show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def median(values: list[float | None]) -> float | None:
    """The median of the runs that reached the mark; None unless all did."""
    reached = [value for value in values if value is not None]
    return statistics.median(reached) if reached and len(reached) == len(values) else None


def summary_line(label: str, runs: dict[str, dict[int, Run]], attribute: str) -> str:
    """Medians with and without, their ratio, and the median of the per-round ratios: the
    goal's measure, since load that drifts during the run moves both runs of a round."""
    values = {
        variant: {number: getattr(run, attribute) for number, run in by_round.items()}
        for variant, by_round in runs.items()
    }
    with_tutor = median(list(values["with"].values())) if values["with"] else None
    without = median(list(values["without"].values())) if values["without"] else None
    paired = [
        values["with"][number] / values["without"][number]
        for number in values["with"].keys() & values["without"].keys()
        if values["with"][number] is not None and values["without"][number] is not None
    ]
    ratio = "n/a" if with_tutor is None or without is None else f"{with_tutor / without:.2f}"
    if paired:
        value = statistics.median(paired)
        met = "met" if value <= GOAL_RATIO else "NOT met"
        paired_text, verdict = f"{value:.2f}", f"goal <= {GOAL_RATIO:.2f}: {met}"
    else:
        paired_text, verdict = "n/a", "goal: n/a"
    return (
        f"{label:<22}{show(with_tutor):>10}{show(without):>10}{ratio:>8}{paired_text:>9}"
        f"   ({verdict})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    parser.add_argument("--module", default="intro-to-numpy", help="a module id of the catalog")
    parser.add_argument("--site", type=Path, help="a built offline site to use instead of building")
    parser.add_argument("--idle-timeout", type=float, default=240, help="seconds (default 240)")
    parser.add_argument(
        "--packages-timeout", type=float, default=120, help="seconds after Idle (default 120)"
    )
    args = parser.parse_args()
    node = shutil.which("node")
    if node is None or not (PLAYWRIGHT_FROM / "playwright").is_dir():
        sys.exit(f"needs node and playwright in {PLAYWRIGHT_FROM} (cd ui-tests && jlpm install)")
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH)")

    errors = 0
    with tempfile.TemporaryDirectory(prefix="lite-boot-") as scratch:
        built = args.site.resolve() if args.site else Path(scratch, "built")
        if not args.site:
            build_site(built)
        notebook, packages, mode = module_and_packages(built, args.module)
        if mode != "offline":
            sys.exit(f"{built} is an {mode} site: this benchmark needs an offline one")
        sites = {variant: Path(scratch, variant) for variant in VARIANTS}
        for variant, site in sites.items():
            make_variant(built, site, with_tutor=variant == "with")
        names = ", ".join(package["name"] for package in packages) or "(none)"
        print(f"notebook: {notebook}; packages: {names}")
        print(
            f"rounds: {args.rounds} after {args.warmup} warm-up, each with and without (the"
            " first of the two swapping), a new browser each run"
        )
        runs: dict[str, dict[int, Run]] = {variant: {} for variant in VARIANTS}
        with serving(sites["with"]) as with_base, serving(sites["without"]) as without_base:
            bases = {"with": with_base, "without": without_base}
            # Warm-up rounds load the site's files into the OS cache for both sites.
            for round_number in range(1 - args.warmup, args.rounds + 1):
                # Who goes first swaps every round, so load that rises or falls through
                # the run does not always fall on the same site.
                order = VARIANTS if round_number % 2 else VARIANTS[::-1]
                for variant in order:
                    url = f"{bases[variant]}lab/index.html?path={urllib.parse.quote(notebook)}"
                    try:
                        run = boot(
                            node,
                            url,
                            notebook,
                            variant == "without",
                            packages,
                            args.idle_timeout,
                            args.packages_timeout,
                        )
                    except (RuntimeError, subprocess.TimeoutExpired) as error:
                        print(f"round {round_number} {variant:<8} error: {error}", flush=True)
                        errors += 1
                        continue
                    if round_number >= 1:
                        runs[variant][round_number] = run
                    label = f"round {round_number}" if round_number >= 1 else "warm-up"
                    state = f" ({run.packages_state})" if run.packages_state else ""
                    print(
                        f"{label:<8} {variant:<8} kernel Idle {show(run.idle_s):>8}"
                        f"   packages loaded {show(run.packages_s):>8}{state}",
                        flush=True,
                    )
                    if run.idle_s is None:
                        errors += 1
                        print(f"    error: the kernel was not idle within {args.idle_timeout:g} s")
                    for message in run.page_errors:
                        print(f"    page error: {message}")

    print()
    print(f"{'medians':<22}{'with':>10}{'without':>10}{'ratio':>8}{'paired':>9}")
    print(summary_line("time to kernel Idle", runs, "idle_s"))
    print(summary_line("time to packages", runs, "packages_s"))
    for variant, label in (("with", "jupyter-tutor's loader"), ("without", "by hand")):
        last = runs[variant][max(runs[variant])] if runs[variant] else None
        if last and last.detail:
            detail = last.detail.replace("\n", "; ")
            print(f"packages, {label}: {detail}")
    if errors:
        print(f"{errors} run(s) failed", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
