"""A pool of cleaner processes in which every page has a time and a memory limit.

Cleaning is CPU-bound, so it runs in processes (threads share the GIL), started once per crawl.
Each worker has a slot thread in the crawling process that hands it one page at a time and
watches it: a page that takes longer than ``timeout`` seconds, or a worker whose resident memory
grows past ``memory_bytes``, costs that worker (killed with SIGKILL, replaced before its next
page), never the crawl. A worker that dies by itself is a crash of that page. Every outcome
arrives as a :class:`concurrent.futures.Future`, so the pool knows nothing of Twisted or Scrapy.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cleaners import NotAnArticle

from .worker import READY, serve

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from .worker import Answer, Task

__all__ = ["CleanFailed", "CleanerPool", "outcome"]

logger = logging.getLogger(__name__)

#: how often a slot looks at its worker's memory while it waits for an answer
POLL_SECONDS = 0.05
#: a new worker has this long to load its cleaner (imports, under load) before it counts as crashed
START_SECONDS = 60.0
#: a stopping pool waits this long for idle workers to leave before killing them
STOP_GRACE_SECONDS = 1.0
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class CleanFailed(Exception):
    """A page the pool could not clean; ``reason`` is the drop reason."""

    #: the page ran past the time limit (its worker was killed)
    TIMEOUT = "clean_timeout"
    #: the worker grew past the memory limit (killed)
    MEMORY = "clean_memory"
    #: the worker died by itself
    CRASH = "clean_crash"
    #: the cleaner raised something other than NotAnArticle
    ERROR = "clean_error"
    #: the pool stopped (the crawl is shutting down) before the page was cleaned
    CANCELLED = "clean_cancelled"

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class _Job:
    task: Task
    future: Future[Any]


class _Slot:
    """One worker process and the thread that feeds and watches it."""

    def __init__(self, pool: CleanerPool, number: int) -> None:
        self.pool = pool
        self.number = number
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None
        self.thread = threading.Thread(target=self.run, name=f"cleaner-slot-{number}", daemon=True)

    def run(self) -> None:
        while True:
            job = self.pool.jobs.get()
            if job is None:
                self.stop_worker()
                return
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                job.future.set_result(self.clean(job.task))
            except Exception as exc:
                job.future.set_exception(exc)

    def clean(self, task: Task) -> Any:
        """The Article, or raise NotAnArticle / CleanFailed."""
        if self.pool.stopping:
            raise CleanFailed(CleanFailed.CANCELLED, "the crawl is stopping")
        conn, process = self.ensure_worker()
        conn.send(task)
        late = CleanFailed(CleanFailed.TIMEOUT, f"no answer within {self.pool.timeout:g} s")
        return outcome(self.receive(conn, process, self.pool.timeout, late))

    def receive(self, conn: Connection, process: BaseProcess, seconds: float, late: CleanFailed) -> Any:
        """The worker's next message; if it takes over ``seconds``, grows past the memory limit or
        dies, or the pool stops meanwhile, the worker is killed and the CleanFailed says which."""
        deadline = time.monotonic() + seconds
        while not conn.poll(POLL_SECONDS):
            if self.pool.stopping:
                self.kill()
                raise CleanFailed(CleanFailed.CANCELLED, "the crawl is stopping")
            if not process.is_alive():
                break  # the answer (EOF) is read below
            if time.monotonic() > deadline:
                self.kill()
                raise late
            rss = _resident_bytes(process.pid)
            if self.pool.memory_bytes and rss > self.pool.memory_bytes:
                self.kill()
                raise CleanFailed(CleanFailed.MEMORY, f"the worker grew to {rss >> 20} MiB")
        try:
            return conn.recv()
        except (EOFError, OSError):
            process.join(STOP_GRACE_SECONDS)  # it is dying: let it finish, to tell how
            code = process.exitcode
            self.kill()
            raise CleanFailed(CleanFailed.CRASH, f"the worker died (exit code {code})") from None

    def ensure_worker(self) -> tuple[Connection, BaseProcess]:
        """This slot's worker, started if it has none (first page, or the last one was killed), and
        ready: its start-up (loading the cleaner) is not counted in the page's time limit."""
        if self.process is None or self.conn is None or not self.process.is_alive():
            self.kill()
            parent, child = self.pool.context.Pipe()
            process = self.pool.context.Process(target=serve, args=(child, self.pool.cleaner),
                                                name=f"newsscraper-cleaner-{self.number}", daemon=True)
            process.start()
            child.close()
            self.process, self.conn = process, parent
            self.pool.started += 1
            late = CleanFailed(CleanFailed.CRASH, f"the worker did not start within {START_SECONDS:g} s")
            if self.receive(parent, process, START_SECONDS, late) != READY:
                self.kill()
                raise CleanFailed(CleanFailed.CRASH, "the worker started with no word that it was ready")
        return self.conn, self.process

    def kill(self) -> None:
        """End the worker at once; the next page starts another."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.process.close()
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None

    def stop_worker(self) -> None:
        """Ask an idle worker to leave; kill it if it does not in time."""
        if self.process is not None and self.conn is not None and self.process.is_alive():
            with contextlib.suppress(OSError):  # it died meanwhile: kill() below tidies up
                self.conn.send(None)
            self.process.join(STOP_GRACE_SECONDS)
        self.kill()


class CleanerPool:
    """``workers`` processes running ``cleaner`` (a dotted path), each page under the limits.

    :meth:`submit` may be called from any thread; :meth:`stop` ends every worker, and the pages
    not yet cleaned fail with ``clean_cancelled``.
    """

    def __init__(self, cleaner: str, *, workers: int, timeout: float, memory_bytes: int) -> None:
        if workers < 1:
            raise ValueError("a CleanerPool needs at least one worker (0 workers: clean in the crawling process)")
        self.cleaner = cleaner
        self.timeout = timeout
        self.memory_bytes = memory_bytes
        # forkserver: workers fork from a small clean server process, never from the crawling
        # process and its threads; spawn where there is no fork
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self.context: Any = multiprocessing.get_context(method)  # typeshed's BaseContext lacks Process
        self.jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self.slots = [_Slot(self, n) for n in range(workers)]
        #: set when the pool is to stop: the slots then kill their workers within a poll
        self.stopping = False
        self.stopped = False
        #: worker processes started so far (one per slot, plus one for each worker replaced)
        self.started = 0

    def start(self) -> None:
        """Start the slot threads; each starts its worker with its first page."""
        for slot in self.slots:
            slot.thread.start()

    def submit(self, task: Task) -> Future[Any]:
        """Clean ``(body, url, encoding)`` in a worker: a Future of the Article, or of the error."""
        future: Future[Any] = Future()
        if self.stopping:
            future.set_exception(CleanFailed(CleanFailed.CANCELLED, "the crawl is stopping"))
        else:
            self.jobs.put(_Job(task, future))
        return future

    def stop(self) -> None:
        """Fail the pages still waiting, end every worker, and return once all are gone (once)."""
        if self.stopped:
            return
        self.stopping = self.stopped = True
        while True:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None and job.future.set_running_or_notify_cancel():
                job.future.set_exception(CleanFailed(CleanFailed.CANCELLED, "the crawl is stopping"))
        for _ in self.slots:
            self.jobs.put(None)
        for slot in self.slots:
            if slot.thread.is_alive():
                slot.thread.join()


def outcome(answer: Answer) -> Any:
    """A worker's answer as the Article, or as the exception it stands for."""
    kind = answer[0]
    if kind == "article":
        return answer[1]
    if kind == "not_article":
        raise NotAnArticle(answer[1], answer[2])
    raise CleanFailed(CleanFailed.ERROR, answer[1])


def _resident_bytes(pid: int | None) -> int:
    """A process's resident memory, from /proc (0 where there is none: no memory limit then)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0
