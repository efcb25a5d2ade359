"""The store is prepared once (migrations, course sync, catalog seed) before it is used."""

import asyncio
from collections.abc import Awaitable, Callable

from ..errors import StoreUnavailable


class StoreReadiness:
    """Runs ``prepare`` once, however many requests wait for it; after a failure, the next
    caller tries again (the database may be back), and each waiting caller hears why."""

    def __init__(self, prepare: Callable[[], Awaitable[None]]) -> None:
        self._prepare = prepare
        self._done: asyncio.Future[None] | None = None

    async def ready(self) -> None:
        if self._done is None or (self._done.done() and self._done.exception()):
            self._done = asyncio.ensure_future(self._prepare())
        try:
            # Shielded: a request that goes away must not cancel the preparation others await.
            await asyncio.shield(self._done)
        except Exception as error:
            raise StoreUnavailable(
                f"The jupyter-tutor database is not available ({type(error).__name__}: {error}). "
                "Your work in open notebooks is unaffected; ask your administrator."
            ) from error

    async def again(self) -> None:
        """Prepare anew, as a restart would (the course or the database changed meanwhile)."""
        self._done = None
        await self.ready()
