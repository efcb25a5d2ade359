"""The base of the admin commands of ``jupyter tutor-server`` (``token``, ``prune-history``)."""

import asyncio
import sys
from typing import Any, ClassVar

from jupyter_core.application import JupyterApp, base_aliases
from sqlalchemy.ext.asyncio import async_sessionmaker
from traitlets import default

from ..app import TutorApp
from ..errors import TutorError
from ..store.engine import create_engine, create_sessions
from ..store.migrate import upgrade_to_head

# The service's own config file (jupyter_{name}_config of jupyter-tutor-server).
SERVICE_CONFIG = "jupyter_tutor_server_config"


class ServiceCommand(JupyterApp):
    """Runs against the service's database, read from the same config file and env vars
    (``--TutorApp.database_url=…`` works too, e.g. for a personal server's database)."""

    aliases: ClassVar[dict[str, Any]] = {**base_aliases, "config": "JupyterApp.config_file"}

    @default("config_file_name")
    def _service_config(self) -> str:
        return SERVICE_CONFIG

    def start(self) -> None:
        try:
            asyncio.run(self._with_database())
        except TutorError as error:
            print(error.message, file=sys.stderr)
            self.exit(1)

    async def _with_database(self) -> None:
        settings = TutorApp(config=self.config)
        engine = create_engine(settings.database_url)
        try:
            # Commands may run before the service first starts.
            async with engine.begin() as connection:
                await upgrade_to_head(connection)
            await self.run(create_sessions(engine), settings)
        finally:
            await engine.dispose()

    async def run(self, sessions: async_sessionmaker, settings: TutorApp) -> None:
        raise NotImplementedError
