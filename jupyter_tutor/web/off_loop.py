"""CPU-heavy request work away from the event loop, so one large save never stalls others.

JSON parsing and schema validation hold the GIL, so a thread would still block the loop: a
large body is handled in a worker process, started on first use (a personal server that
never sees a large save never starts one).
"""

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..errors import StoreUnavailable

# Below this, the work takes about a millisecond: cheaper than the round trip.
INLINE_BYTES = 256 * 1024

T = TypeVar("T")


class OffLoop:
    def __init__(self, workers: int = 1) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None

    async def run(self, size: int, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)``, in the worker when ``size`` (bytes of input) is large."""
        if size <= INLINE_BYTES:
            return function(*args)
        if self._pool is None:
            # Not fork: the server's threads and sockets must not be copied into the worker.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self._workers, mp_context=context)
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, function, *args)
        except BrokenProcessPool:
            self._pool = None  # the next request starts a new worker
            raise StoreUnavailable(
                "The server could not process this save (its worker stopped). Try again."
            ) from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
