"""Crash safety (issue 11): a crawl killed with SIGKILL in the middle of its writes, on SQLite and
PostgreSQL, leaves a store that opens, whole rows, its run marked as not finished and the lock free,
and the next run (also one resumed with the same JOBDIR) completes the crawl with no duplicate. A
store that can't be written (a read-only file, a read-only folder, a full disk) stops the crawl
with a one-line error and exit code 5, and nothing is half written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING, Any

import pytest
from conftest import PROJECT_ROOT, crawl_command, crawl_env
from crawlers import NOW, SLOW, SLOW_DELAY, expected, hashes
from storedrows import rows

from newsscraper.demo.server import DemoSite
from newsscraper.exitcodes import ExitCode
from newsscraper.store import is_postgresql, open_store
from newsscraper.store.lock import HeldLock, RunLock

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from conftest import CrawlRun


def stored_count(database: str) -> int:
    """Articles stored so far; none before the first crawl created the tables."""
    try:
        return int(rows(database, "SELECT count(*) FROM articles")[0][0])
    except Exception:  # no table yet (sqlite3.OperationalError, psycopg's UndefinedTable)
        return 0


def start(command: list[str], log: Path, **popen: Any) -> subprocess.Popen[bytes]:
    """A crawl in the background, its log in a file (a pipe nobody reads would fill and block it)."""
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=crawl_env(), stdout=out, stderr=subprocess.STDOUT,
                                **popen)


def wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen[bytes], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"the crawl ended before {what}"
        assert time.monotonic() < deadline, f"no {what} within {seconds} s"
        time.sleep(0.05)


def run_lock(database: str, start_url: str) -> HeldLock:
    """The lock a crawl of ``start_url`` into ``database`` takes."""
    if not is_postgresql(database):
        return RunLock(database + ".lock")
    from newsscraper.store.pglock import AdvisoryLock

    return AdvisoryLock(database, spider="news", arguments={"start_urls": start_url}, crawl_id=None, busy_timeout=5)


@pytest.mark.parametrize("resume", [False, True], ids=["next-run", "resumed-jobdir"])
def test_a_crawl_killed_mid_writes_leaves_whole_rows_and_the_next_run_completes_it(
    alone: tuple[dict[str, Any], Counter[str]], crawl: Callable[..., CrawlRun], tmp_path: Path, database: str,
    resume: bool,
) -> None:
    jobdir = ["-s", f"JOBDIR={tmp_path / 'job'}"] if resume else []
    settings = ["-s", f"NEWSSCRAPER_NOW={NOW}", *jobdir]
    with DemoSite(delay=SLOW_DELAY) as site:
        killed = start(crawl_command(site.url, database, tmp_path / "killed.txt", *settings, *SLOW),
                       tmp_path / "killed.log")
        try:
            wait_for(lambda: stored_count(database) >= 3, "3 articles stored", killed)
        finally:
            killed.send_signal(signal.SIGKILL)
            killed.wait(timeout=30)
        at_kill = hashes(database)  # every row whole: each article with its version, none twice
        assert 3 <= len(at_kill) < len(expected(alone)), "the kill came after the crawl: it killed nothing"
        open_store(database, busy_timeout=5).close()  # the store opens
        assert rows(database, "SELECT status, finished FROM runs") == [("running", None)]  # not finished
        run_lock(database, site.url).acquire().release()  # the lock is free
        after = crawl(site.url, database, *settings)
    assert after.returncode == 0, after.log[-5000:]
    assert ("was left by a crawl that did not close" in after.log) is resume
    assert hashes(database) == expected(alone)  # every article, once
    assert rows(database, "SELECT count(*) FROM versions") == [(len(expected(alone)),)]  # no text twice
    assert after.counts()["new"] == len(expected(alone)) - len(at_kill)
    assert rows(database, "SELECT status FROM runs ORDER BY id") == [("killed",), ("finished",)]


# --- a store that can't be written ---------------------------------------------------------------

@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path``, a file or a folder, read-only for the crawl: root writes to any file a mode
    forbids, but not to an immutable one (``chattr +i``, which root may set)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


def dump(database: Path) -> list[str]:
    """Everything the store holds."""
    with closing(sqlite3.connect(database)) as conn:
        return list(conn.iterdump())


def one_line_error(log: str) -> str:
    """The crawl's own error line on stderr (``newsscraper: …``), which must be one line."""
    lines = [line for line in log.splitlines() if line.startswith("newsscraper: ")]
    assert len(lines) == 1, log[-5000:]
    return lines[0]


@pytest.mark.parametrize("read_only_part", ["file", "folder"])
def test_a_read_only_store_stops_the_crawl_before_any_request_with_one_line(
    crawl: Callable[..., CrawlRun], tmp_path: Path, read_only_part: str
) -> None:
    database = tmp_path / "store" / "news.sqlite"
    with DemoSite() as site:
        assert crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={NOW}").returncode == 0
        before = dump(database)
        site.set_edition(1)  # forget that crawl's requests
        with read_only(database if read_only_part == "file" else database.parent):
            run = crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={NOW}")
        requested = list(site.requested)
    assert run.returncode == ExitCode.STORE_ERROR, run.log[-5000:]
    line = one_line_error(run.log)
    assert line.startswith("newsscraper: can't ") and str(database) in line, line
    assert requested == []
    assert dump(database) == before


#: the file-size limit of the full-disk test: room for the schema, the run's row and a few articles
FULL_AT = 192 * 1024


def limited(command: list[str], max_bytes: int) -> list[str]:
    """``command`` (a Python one) run with RLIMIT_FSIZE: a write past ``max_bytes`` fails with EFBIG,
    as one on a full disk fails with ENOSPC (Python ignores SIGXFSZ, so the write fails, not the process)."""
    assert command[0] == sys.executable
    limit = f"({max_bytes}, {max_bytes})"
    setup = (f"import os, resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, {limit}); "
             "os.execv(sys.executable, [sys.executable, *sys.argv[1:]])")
    return [sys.executable, "-c", setup, *command[1:]]


def test_a_full_disk_stops_the_crawl_with_one_line_and_no_half_row(
    alone: tuple[dict[str, Any], Counter[str]], crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    database = tmp_path / "news.sqlite"
    with DemoSite(delay=SLOW_DELAY) as site:
        command = crawl_command(site.url, database, tmp_path / "summary.txt", "-s", f"NEWSSCRAPER_NOW={NOW}",
                                "-s", "NEWSSCRAPER_STORE_BATCH_SIZE=1", *SLOW)
        done = subprocess.run(limited(command, FULL_AT), cwd=PROJECT_ROOT, env=crawl_env(), capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == ExitCode.STORE_ERROR, done.stderr[-5000:]
        line = one_line_error(done.stderr)
        assert "full" in line or "disk I/O error" in line, line
        partial = hashes(database)  # whole rows only
        assert 0 < len(partial) < len(expected(alone)), done.stderr[-3000:]
        site.set_edition(1)
        after = crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={NOW}")
    assert after.returncode == 0, after.log[-5000:]
    assert hashes(database) == expected(alone)
    assert rows(database, "SELECT status FROM runs ORDER BY id")[-1] == ("finished",)
