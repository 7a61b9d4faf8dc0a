"""The crawl's one store writer: a thread with its own connection, fed through a bounded queue.

Every article save, 304 touch and incremental lookup of a crawl runs here, so the reactor thread
never waits for the database: not for a write, and not for a lock another program holds (up to
``NEWSSCRAPER_DATABASE_TIMEOUT`` seconds, the backend's busy timeout). Each call returns a
Deferred that fires on the thread that made the call (the reactor's) with the result or the
error. The callers await it and count there, so the stats are only touched on the reactor thread.

What it guarantees:

- One operation is one call of the backend, so one of its transactions: an article with its
  version and its aliases is written whole or not at all. The writer adds no transaction.
- Operations run one at a time, in the order they were submitted: a lookup sees every save
  submitted before it, as it did when both ran on the reactor.
- At most ``queue_size`` operations wait for the thread. More wait on the reactor side, in order,
  with their callers suspended (back-pressure): the pipeline stops taking items instead of a queue
  growing.
- :meth:`flush` fires once everything submitted before it has run and been answered. :meth:`close`
  runs what is left and joins the thread.
- A crash loses what was queued and not yet committed. Those articles are not in the store, so
  the next run fetches them again.

The writer knows nothing of SQLite: it opens its connection with the factory it is given (a
backend's constructor) and calls the :class:`~newsscraper.store.ArticleStore` interface.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import weakref
from collections import deque
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet.defer import Deferred, fail
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime

    from . import ArticleStore
    from .records import ArticleRecord, Change, FetchState, Validators

__all__ = ["StoreWriter", "WriterClosed"]

logger = logging.getLogger(__name__)

T = TypeVar("T")


class WriterClosed(RuntimeError):
    """An operation was submitted after the crawl's store was closed."""


class _Operation:
    """One call of the store, the Deferred its caller awaits, and the way back to the caller's thread."""

    __slots__ = ("call", "deferred", "reply")

    def __init__(self, call: Callable[[ArticleStore], Any], reply: Callable[..., object]) -> None:
        self.call = call
        self.deferred: Deferred[Any] = Deferred()
        self.reply = reply


#: tells the thread to close its connection and end
_STOP = object()


def _reply_channel() -> Callable[..., object]:
    """How the writer thread hands a result back to the thread that submitted the operation: the
    asyncio loop when there is one (Scrapy's default asyncio reactor, or no reactor at all), else
    the Twisted reactor's ``callFromThread``."""
    if is_asyncio_available():
        return asyncio.get_event_loop().call_soon_threadsafe
    from twisted.internet import reactor

    return reactor.callFromThread  # type: ignore[attr-defined, no-any-return]


class StoreWriter:
    """One thread, one connection, the crawl's store operations in order; see the module's docstring."""

    def __init__(self, open_store: Callable[[], ArticleStore], *, queue_size: int) -> None:
        self._open_store = open_store
        #: operations handed to the thread and not answered yet, at most
        self.queue_size = max(1, queue_size)
        self._queue: queue.SimpleQueue[_Operation | object] = queue.SimpleQueue()
        #: operations submitted while the queue was full, oldest first (reactor side)
        self._waiting: deque[_Operation] = deque()
        #: operations handed to the thread and not answered yet (reactor side)
        self._queued = 0
        self._thread: threading.Thread | None = None
        self._closed = False

    # --- the reactor's side ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the thread and wait until it opened its connection; raise what opening raised."""
        opened = threading.Event()
        failed: list[BaseException] = []
        self._thread = threading.Thread(
            target=_work, args=(self._queue, self._open_store, weakref.ref(self), opened, failed),
            name="newsscraper-store-writer", daemon=True,  # a crash must not hang on it: it loses the queue only
        )
        self._thread.start()
        opened.wait()
        if failed:
            self._thread.join()
            self._closed = True
            raise failed[0]
        # a writer nobody closed (a component driven by hand) still ends its thread and connection
        weakref.finalize(self, self._queue.put, _STOP)

    def submit(self, call: Callable[[ArticleStore], T]) -> Deferred[T]:
        """Run ``call(store)`` on the writer's connection after everything submitted before it."""
        if self._closed:
            return fail(WriterClosed("the crawl's store is closed"))
        operation = _Operation(call, _reply_channel())
        if self._waiting or self._queued >= self.queue_size:
            self._waiting.append(operation)  # back-pressure: the caller waits, in order
        else:
            self._hand_over(operation)
        return operation.deferred

    def save(
        self, record: ArticleRecord, *, now: datetime, validators: Validators | None = None,
        shrink_ratio: float = 0.0, run_id: int | None = None, dedup: bool = True,
    ) -> Deferred[Change]:
        """:meth:`ArticleStore.save <newsscraper.store.ArticleStore.save>` on the writer's thread."""
        return self.submit(lambda store: store.save(record, now=now, validators=validators,
                                                    shrink_ratio=shrink_ratio, run_id=run_id, dedup=dedup))

    def touch(self, canonical_url: str, *, now: datetime) -> Deferred[bool]:
        """:meth:`ArticleStore.touch <newsscraper.store.ArticleStore.touch>` on the writer's thread."""
        return self.submit(lambda store: store.touch(canonical_url, now=now))

    def fetch_states(self, urls: Iterable[str]) -> Deferred[dict[str, FetchState]]:
        """:meth:`ArticleStore.fetch_states <newsscraper.store.ArticleStore.fetch_states>` on the
        writer's thread, after the saves submitted before it."""
        wanted = list(urls)
        return self.submit(lambda store: store.fetch_states(wanted))

    def flush(self) -> Deferred[None]:
        """Fires once every operation submitted before it has run and its caller has its answer."""
        return self.submit(lambda store: None)

    @property
    def pending(self) -> int:
        """Operations submitted and not answered yet."""
        return self._queued + len(self._waiting)

    def drain(self) -> int:
        """Block until every operation submitted so far has run; return how many were pending.

        For the end of a crawl only, when nothing else is left to do: the callers' Deferreds fire
        later, when the reactor gets control back. Prefer awaiting :meth:`flush`."""
        pending = self.pending
        if self._thread is None or not self._thread.is_alive() or not pending:
            return 0
        while self._waiting:
            self._hand_over(self._waiting.popleft())
        done = threading.Event()
        self._queue.put(_Operation(lambda store: done.set(), lambda *args: None))
        done.wait()
        return pending

    def close(self) -> None:
        """Run what is still queued, close the writer's connection and join its thread; once."""
        if self._closed or self._thread is None:
            self._closed = True
            return
        self._closed = True
        while self._waiting:
            self._hand_over(self._waiting.popleft())
        self._queue.put(_STOP)
        self._thread.join()

    def _hand_over(self, operation: _Operation) -> None:
        self._queued += 1
        self._queue.put(operation)

    def _answer(self, operation: _Operation, outcome: Any) -> None:
        """On the caller's thread: make room for a waiting operation, then fire the caller's Deferred."""
        self._queued -= 1
        while self._waiting and self._queued < self.queue_size:
            self._hand_over(self._waiting.popleft())
        if isinstance(outcome, Failure):
            operation.deferred.errback(outcome)
        else:
            operation.deferred.callback(outcome)



# --- the writer's thread -------------------------------------------------------------------------


def _work(jobs: queue.SimpleQueue[_Operation | object], open_store: Callable[[], ArticleStore],
          writer: weakref.ref[StoreWriter], opened: threading.Event, failed: list[BaseException]) -> None:
    """Open the connection, then run the operations in order until told to stop.

    The thread holds its writer weakly, so a writer that is dropped without being closed is
    collected, and its finalizer stops the thread."""
    try:
        store = open_store()
    except BaseException as exc:  # reported by start(), on the reactor
        failed.append(exc)
        opened.set()
        return
    opened.set()
    try:
        while (operation := jobs.get()) is not _STOP:
            assert isinstance(operation, _Operation)
            try:
                outcome: Any = operation.call(store)
            except Exception:
                outcome = Failure()  # with its traceback, re-raised where the caller awaits
            if (owner := writer()) is None:
                continue
            try:
                operation.reply(owner._answer, operation, outcome)
            except RuntimeError:  # the caller's loop is gone (a test that ended): nobody to answer
                logger.debug("No loop to answer a store operation", exc_info=True)
            del owner
    finally:
        store.close()
