# Sourced by the other scripts: a project venv with jupyter-tutor installed from this tree.
# VENV (default .venv) picks the folder; EXTRAS (e.g. "[test]") the optional dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi
# shellcheck disable=SC1091
source "$VENV/bin/activate"
# A plain (non-editable) install: the same path a hub admin takes, prebuilt labextension included.
pip install --quiet "$ROOT${EXTRAS:-}"
