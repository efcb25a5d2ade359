"""``jupyter tutor-server prune-history``: delete old tutor conversations now."""

from datetime import timedelta
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import async_sessionmaker
from traitlets import Integer, Unicode

from ..app import TutorApp
from ..errors import TutorError
from ..tutor.retention import Retention, prune_history
from .command import ServiceCommand


class PruneHistoryApp(ServiceCommand):
    name = "jupyter-tutor-server-prune-history"
    description = """Delete tutor messages the retention settings do not keep
    (c.TutorApp.history_max_age_days, history_max_messages_per_module), or those older
    than --older-than-days, in every conversation or in --user's. Running servers see
    the change at their next answer."""
    examples = (
        "jupyter tutor-server prune-history                   # apply the settings\n"
        "jupyter tutor-server prune-history --older-than-days 90\n"
        "jupyter tutor-server prune-history --user alice --older-than-days 0   # all of alice's"
    )
    older_than_days = Integer(
        -1,
        config=True,
        help="Delete messages older than this many days (0: all of them); "
        "default: c.TutorApp.history_max_age_days.",
    )
    user = Unicode("", config=True, help="Only this user's conversations.")
    aliases: ClassVar[dict[str, Any]] = {
        **ServiceCommand.aliases,
        "older-than-days": "PruneHistoryApp.older_than_days",
        "user": "PruneHistoryApp.user",
    }

    async def run(self, sessions: async_sessionmaker, settings: TutorApp) -> None:
        retention = settings.retention
        if self.older_than_days >= 0:
            retention = Retention(retention.max_messages, timedelta(days=self.older_than_days))
        if retention.keeps_all:
            raise TutorError(
                "Nothing to prune: the retention settings keep every message. Give "
                "--older-than-days N (and --user U to prune one user's)."
            )
        deleted, conversations = await prune_history(sessions, retention, self.user or None)
        whose = f" of {self.user}" if self.user else ""
        print(f"Deleted {deleted} message(s) from {conversations} conversation(s){whose}.")
