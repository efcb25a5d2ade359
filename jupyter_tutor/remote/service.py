"""``jupyter tutor-server``: jupyter-server with only the tutor API, for JupyterLite sites."""

import gc
from typing import Any, ClassVar

from jupyter_server.serverapp import ServerApp
from traitlets.config import Config

from ..hub.service_defaults import hub_service_defaults, hub_service_environment
from ..progress.request import compile_notebook_schema
from .delete_student_cli import DeleteStudentApp
from .identity import StudentTokenIdentityProvider
from .prune_cli import PruneHistoryApp
from .token_cli import TokenApp

# The service's defaults; its config file or the command line can change each of them.
SERVICE_DEFAULTS = {
    "ServerApp": {
        "jpserver_extensions": {"jupyter_tutor": True},
        "identity_provider_class": StudentTokenIdentityProvider,
        "open_browser": False,
        # Browsers on other machines call it, through a proxy that keeps the public Host.
        # Requests carry tokens, not cookies, so DNS rebinding (what this check stops)
        # gains nothing.
        "allow_remote_access": True,
        # The extension is the whole service: stop if it cannot load, rather than serve nothing.
        "reraise_server_extension_failures": True,
    },
    "TutorApp": {
        # Many students share it: roles only as configured, never "everyone is admin".
        "local_user_is_admin": False,
        # Each token is its own student, never one personal server's owner.
        "local_user": "",
        "server_working_copies": False,
        # One process answers every student, unlike a hub's one server per student. The
        # pool covers a busy class's bursts: a connection opened beyond it is closed again
        # when returned, and opening one costs more than a save.
        "database_pool_size": 20,
        "database_max_overflow": 20,
    },
}


class TutorServerApp(ServerApp):
    name = "jupyter-tutor-server"
    description = """The jupyter-tutor service for JupyterLite course sites.

    Serves the tutor API (modules, progress, tutor) and nothing else: no files,
    kernels or terminals. Students sign in with personal tokens (see `token add`);
    browsers may call it from the origins in c.TutorApp.allowed_origins.
    """
    examples = """
    jupyter tutor-server --config tutor_server_config.py --ip 0.0.0.0 --port 8765
    jupyter tutor-server token add alice
    jupyter tutor-server prune-history --older-than-days 90
    jupyter tutor-server delete-student alice --yes
    """
    default_services = ()
    subcommands: ClassVar[dict[str, Any]] = {
        "token": (TokenApp, TokenApp.description),
        "prune-history": (PruneHistoryApp, PruneHistoryApp.description),
        "delete-student": (DeleteStudentApp, DeleteStudentApp.description),
    }

    def initialize(
        self,
        argv: list[str] | None = None,
        find_extensions: bool = False,
        new_httpserver: bool = True,
        starter_extension: Any = None,
    ) -> None:
        # The tutor extension alone, not every extension installed beside it (JupyterLab…).
        super().initialize(
            argv,
            find_extensions=False,
            new_httpserver=new_httpserver,
            starter_extension=starter_extension,
        )
        compile_notebook_schema()
        # What is loaded by now lives as long as the process: keep it out of the cyclic
        # collector's full passes, each of which would otherwise scan it all again and
        # stall every request (about 250 ms on a small machine; saves queue behind it).
        gc.freeze()


def service_config() -> Config:
    """The defaults, and on a hub (JUPYTERHUB_* set) the hub service's own."""
    config = Config(SERVICE_DEFAULTS)
    if hub_service_environment():
        config.ServerApp.update(hub_service_defaults())
    return config


def main(argv: list[str] | None = None) -> None:
    TutorServerApp.launch_instance(argv, config=service_config())
