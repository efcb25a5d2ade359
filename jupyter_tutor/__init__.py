"""jupyter-tutor: learning modules, saved progress and an AI tutor for Jupyter."""

from typing import Any

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "dev"

from .app import TutorApp

__all__ = ["TutorApp", "__version__"]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-tutor"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    return [{"module": "jupyter_tutor", "app": TutorApp}]
