"""GET config: what the frontend needs to know about this server's settings."""

from tornado import web

from .base import TutorHandler


class ClientConfigHandler(TutorHandler):
    @web.authenticated
    def get(self) -> None:
        self.reply(
            {
                "username": self.user_id,
                "role": self.role,
                "autosave_interval_seconds": self.app.autosave_interval_seconds,
                "max_notebook_bytes": self.app.max_notebook_bytes,
                "working_copy_dir": self.app.working_copy_dir,
            }
        )
