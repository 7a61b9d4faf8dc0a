"""One crawl at a time per store: a non-blocking ``flock`` on a file next to the database.

The kernel releases the lock when the process ends, however it ends (crash, ``kill -9``, reboot),
so a stale lock file never blocks the next run; the file stays and only says who held it last.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO, Any

from .times import timestamp

__all__ = ["HeldLock", "LockHeld", "RunLock", "lock_path"]


def lock_path(database_file: str) -> str:
    """The lock file of a SQLite store: the database's path plus ``.lock``."""
    return database_file + ".lock"


class LockHeld(RuntimeError):
    """Another process holds the lock: a previous crawl into the same store is still running."""


class HeldLock:
    """What every run lock is: held from a successful ``acquire`` to ``release``, which lets go of
    what holds it (an open file, a database session); a context manager. Subclasses take it."""

    def __init__(self, name: str) -> None:
        #: what the lock is, for people
        self.name = name
        #: what holds the lock while it is held
        self._holder: Any = None

    def acquire(self, owner: str = "") -> HeldLock:
        """Take the lock or raise :class:`LockHeld` naming its holder."""
        raise NotImplementedError

    def _let_go(self, holder: Any) -> None:
        """Release the lock ``holder`` holds."""
        raise NotImplementedError

    @property
    def held(self) -> bool:
        """True between a successful :meth:`acquire` and :meth:`release`."""
        return self._holder is not None

    def release(self) -> None:
        """Let go of the lock, once; nothing when it is not held."""
        if self._holder is not None:
            holder, self._holder = self._holder, None
            self._let_go(holder)

    def __enter__(self) -> HeldLock:
        return self if self.held else self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class RunLock(HeldLock):
    """An exclusive, non-blocking advisory lock; :meth:`acquire` raises :class:`LockHeld` at once."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        super().__init__(f"the lock file {self.path}")

    def acquire(self, owner: str = "") -> RunLock:
        """Take the lock or raise :class:`LockHeld` naming its holder; then write who we are into it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the lock's life
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "another process"
            file.close()
            raise LockHeld(f"another crawl holds {self.path} ({holder})") from None
        except BaseException:
            file.close()
            raise
        started = timestamp()
        file.seek(0)
        file.truncate()
        file.write(f"pid {os.getpid()} since {started}{f', {owner}' if owner else ''}\n")
        file.flush()
        self._holder = file
        return self

    def _let_go(self, holder: IO[str]) -> None:
        """Unlock and close; the file stays for the next run (deleting it would race with a waiter)."""
        fcntl.flock(holder.fileno(), fcntl.LOCK_UN)
        holder.close()
