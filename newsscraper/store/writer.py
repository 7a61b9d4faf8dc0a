"""The crawl's one store writer: a thread with its own connection, fed through a bounded queue.

Every article save, 304 touch and incremental lookup of a crawl runs here, so the reactor thread
never waits for the database: not for a write, and not for a lock another program holds (up to
``NEWSSCRAPER_DATABASE_TIMEOUT`` seconds, the backend's busy timeout). Each call returns a
Deferred that fires on the thread that made the call (the reactor's) with the result or the
error. The callers await it and count there, so the stats are only touched on the reactor thread.

What it guarantees:

- Operations run one at a time, in the order they were submitted: a lookup sees every save
  submitted before it, as it did when both ran on the reactor.
- Group commit: the operations already queued when the thread gets to them, up to
  ``batch_size``, run in one transaction of the backend (:meth:`ArticleStore.batch
  <newsscraper.store.ArticleStore.batch>`); the thread never waits for a batch to fill. Nobody
  hears of an operation before its transaction is committed. An article with its version and its
  aliases is always in one transaction, so it is written whole or not at all.
- An operation that fails in a batch rolls the batch back, and the batch's operations run again
  one transaction each, so each caller gets its own outcome, as if there had been no batch. A
  batch whose transaction can't begin (another program holds the lock past the busy timeout)
  fails as a whole: none of its operations ran.
- At most ``queue_size`` operations wait for the thread. More wait on the reactor side, in order,
  with their callers suspended (back-pressure): the pipeline stops taking items instead of a queue
  growing.
- :meth:`flush` fires once everything submitted before it is committed and answered.
  :meth:`close` runs what is left and joins the thread.
- A crash loses what was queued and not yet committed. Those articles are not in the store, so
  the next run fetches them again.

The writer knows nothing of SQLite: it opens its connection with the factory it is given (a
backend's constructor) and calls the :class:`~newsscraper.store.ArticleStore` interface.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sys
import threading
import weakref
from collections import deque
from typing import TYPE_CHECKING, Any, TypeVar

from scrapy.utils.asyncio import is_asyncio_available
from twisted.internet.defer import Deferred, fail, succeed
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

#: what the thread hands back for each operation of a batch: the operation and its result or Failure
Answers = list[tuple[_Operation, Any]]


def _reply_channel() -> Callable[..., object]:
    """How the writer thread hands results back to the thread that submitted the operation: the
    asyncio loop when there is one (Scrapy's default asyncio reactor, or no reactor at all), else
    the Twisted reactor's ``callFromThread``."""
    try:
        return asyncio.get_running_loop().call_soon_threadsafe
    except RuntimeError:  # not called from a coroutine
        pass
    if is_asyncio_available():  # the asyncio reactor, installed
        return asyncio.get_event_loop().call_soon_threadsafe
    from twisted.internet import reactor

    return reactor.callFromThread  # type: ignore[no-any-return]


class StoreWriter:
    """One thread, one connection, the crawl's store operations in order; see the module's docstring."""

    def __init__(self, open_store: Callable[[], ArticleStore], *, queue_size: int, batch_size: int = 1) -> None:
        self._open_store = open_store
        #: operations handed to the thread and not answered yet, at most
        self.queue_size = max(1, queue_size)
        #: operations committed together, at most
        self.batch_size = max(1, batch_size)
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
            target=_work, args=(self._queue, self._open_store, self.batch_size, weakref.ref(self), opened, failed),
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

    def article_urls(self, hosts: Iterable[str], *, limit: int) -> Deferred[list[str]]:
        """:meth:`ArticleStore.article_urls <newsscraper.store.ArticleStore.article_urls>` on the
        writer's thread."""
        wanted = list(hosts)
        return self.submit(lambda store: store.article_urls(wanted, limit=limit))

    def flush(self) -> Deferred[None]:
        """Fires once every operation submitted before it is committed and its caller has its answer;
        at once when none is pending (the end of a crawl whose callers all awaited theirs), so that
        closing costs no trip to the thread."""
        if not self.pending and not self._closed:
            return succeed(None)
        return self.submit(lambda store: None)

    @property
    def pending(self) -> int:
        """Operations submitted and not answered yet."""
        return self._queued + len(self._waiting)

    def drain(self) -> int:
        """Block until every operation submitted so far is committed; return how many were pending.

        For the end of a crawl only, when nothing else is left to do: the callers' Deferreds fire
        later, when the reactor gets control back. Prefer awaiting :meth:`flush`."""
        pending = self.pending
        if self._thread is None or not self._thread.is_alive() or not pending:
            return 0
        while self._waiting:
            self._hand_over(self._waiting.popleft())
        done = threading.Event()
        self._queue.put(_Operation(lambda store: None, lambda answer, answers: done.set()))
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

    def _answer(self, answers: Answers) -> None:
        """On the callers' thread: make room for waiting operations, then fire the callers'
        Deferreds, in order."""
        self._queued -= len(answers)
        while self._waiting and self._queued < self.queue_size:
            self._hand_over(self._waiting.popleft())
        for operation, outcome in answers:
            if isinstance(outcome, Failure):
                operation.deferred.errback(outcome)
            else:
                operation.deferred.callback(outcome)


# --- the writer's thread -------------------------------------------------------------------------


def _work(jobs: queue.SimpleQueue[_Operation | object], open_store: Callable[[], ArticleStore], batch_size: int,
          writer: weakref.ref[StoreWriter], opened: threading.Event, failed: list[BaseException]) -> None:
    """Open the connection, then run the queued operations, a batch at a time, until told to stop.

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
        stopping = False
        while not stopping and (first := jobs.get()) is not _STOP:
            batch = [first]
            while len(batch) < batch_size:  # what is queued already: a batch never waits to fill
                try:
                    job = jobs.get_nowait()
                except queue.Empty:
                    break
                if job is _STOP:
                    stopping = True
                    break
                batch.append(job)
            operations = [job for job in batch if isinstance(job, _Operation)]
            _reply(writer, list(zip(operations, _run(store, operations), strict=True)))
    finally:
        store.close()


def _run(store: ArticleStore, batch: list[_Operation]) -> list[Any]:
    """Each operation's result or Failure: in one transaction, else (one failed) one transaction each."""
    if len(batch) > 1:
        begun = False
        try:
            with store.batch():
                begun = True
                return [operation.call(store) for operation in batch]
        except Exception:
            if not begun:  # the transaction could not begin: none of them ran
                return [_failure() for _ in batch]
            # rolled back: run them again one by one, so that each gets its own outcome
    outcomes: list[Any] = []
    for operation in batch:
        try:
            outcomes.append(operation.call(store))
        except Exception:
            outcomes.append(_failure())  # with its traceback, re-raised where the caller awaits
    return outcomes


def _failure() -> Failure:
    """The exception being handled, as a Failure of its own (each caller's errbacks may change it)."""
    exc_type, exc, traceback = sys.exc_info()
    return Failure(exc, exc_type, traceback)  # type: ignore[no-untyped-call]


def _reply(writer: weakref.ref[StoreWriter], answers: Answers) -> None:
    """Hand a batch's answers back: one call for each run of operations from the same caller's loop."""
    if (owner := writer()) is None:
        return
    start = 0
    for end in range(1, len(answers) + 1):
        if end < len(answers) and answers[end][0].reply == answers[start][0].reply:
            continue
        try:
            answers[start][0].reply(owner._answer, answers[start:end])
        except RuntimeError:  # the caller's loop is gone (a test that ended): nobody to answer
            logger.debug("No loop to answer %d store operation(s)", end - start, exc_info=True)
        start = end
