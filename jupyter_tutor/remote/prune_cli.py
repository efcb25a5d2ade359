"""``jupyter tutor-server prune-history``: delete old tutor conversations and help requests now."""

from datetime import timedelta
from typing import Any, ClassVar

from sqlalchemy.ext.asyncio import async_sessionmaker
from traitlets import Integer, Unicode

from ..app import TutorApp
from ..errors import TutorError
from ..help.retention import prune_help_requests
from ..tutor.retention import Retention, prune_history
from .command import ServiceCommand


class PruneHistoryApp(ServiceCommand):
    name = "jupyter-tutor-server-prune-history"
    description = """Delete tutor messages the retention settings do not keep
    (c.TutorApp.history_max_age_days, history_max_messages_per_module) and help requests
    older than c.TutorApp.help_max_age_days, or both older than --older-than-days, in every
    conversation or in --user's. Running servers see the change at their next answer."""
    examples = (
        "jupyter tutor-server prune-history                   # apply the settings\n"
        "jupyter tutor-server prune-history --older-than-days 90\n"
        "jupyter tutor-server prune-history --user alice --older-than-days 0   # all of alice's"
    )
    older_than_days = Integer(
        -1,
        config=True,
        help="Delete messages and help requests older than this many days (0: all of "
        "them); default: c.TutorApp.history_max_age_days and help_max_age_days.",
    )
    user = Unicode("", config=True, help="Only this user's conversations.")
    aliases: ClassVar[dict[str, Any]] = {
        **ServiceCommand.aliases,
        "older-than-days": "PruneHistoryApp.older_than_days",
        "user": "PruneHistoryApp.user",
    }

    async def run(self, sessions: async_sessionmaker, settings: TutorApp) -> None:
        retention = settings.retention
        help_max_age = settings.help_max_age
        if self.older_than_days >= 0:
            retention = Retention(retention.max_messages, timedelta(days=self.older_than_days))
            help_max_age = retention.max_age
        if retention.keeps_all and help_max_age is None:
            raise TutorError(
                "Nothing to prune: the retention settings keep every message and help "
                "request. Give --older-than-days N (and --user U to prune one user's)."
            )
        user = self.user or None
        whose = f" of {self.user}" if self.user else ""
        if not retention.keeps_all:
            deleted, conversations = await prune_history(sessions, retention, user)
            print(f"Deleted {deleted} message(s) from {conversations} conversation(s){whose}.")
        if help_max_age is not None:
            requests = await prune_help_requests(sessions, help_max_age, user)
            print(f"Deleted {requests} help request(s){whose}.")
