"""One crawl at a time per PostgreSQL store, spider and arguments: a session advisory lock.

The lock is ``pg_advisory_lock_shared(key, crawl)``: ``key`` hashes the store's schema, the spider
name and its arguments; ``crawl`` hashes the crawl id (``NEWSSCRAPER_CRAWL_ID``, or one of its own
for a crawl without one). The workers of one distributed crawl share the crawl id, so each takes it
without stopping the others; a crawl with another id (the next cron run while this one still
runs) finds a holder of the same key with another id and stops. Taking it is one transaction under
a transaction lock on the key, so two starters never both see the key free. Both halves are 31-bit
hashes: two keys that collide (about one pair in two billion) only keep one crawl out while the
other runs.

It is held on a connection of its own, for the whole crawl: PostgreSQL releases it when that
session ends, however the process ends (crash, ``kill -9``), so a dead crawl never blocks the next.
"""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING, Any

from .lock import HeldLock, LockHeld
from .postgres import connect, lock_key, public_url

if TYPE_CHECKING:
    import psycopg

__all__ = ["AdvisoryLock"]

#: the other crawls holding the key, and who they are (their connection's application_name)
_HOLDERS = (
    "SELECT a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
    "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid::bigint = %s AND l.objid::bigint <> %s ORDER BY a.backend_start NULLS LAST LIMIT 1"
)


def _int31(value: int) -> int:
    """A key half for the two-integer form: non-negative, so pg_locks' oid columns read the same."""
    return value & 0x7FFFFFFF


class AdvisoryLock(HeldLock):
    """The run lock of a crawl into a PostgreSQL store; :meth:`acquire` raises :class:`LockHeld` at once."""

    def __init__(self, url: str, *, spider: str, arguments: dict[str, str], crawl_id: str | None,
                 busy_timeout: float) -> None:
        self.url = url
        self.spider = spider
        self.arguments = json.dumps(arguments, ensure_ascii=False, sort_keys=True)
        #: a crawl without an id is a crawl of one process: an id nobody else has
        self.crawl_id = crawl_id or f"solo-{uuid.uuid4()}"
        self.busy_timeout = busy_timeout
        super().__init__(f"the advisory lock of {spider} {self.arguments} in {public_url(url)}")

    def acquire(self, owner: str = "") -> AdvisoryLock:
        """Take the lock or raise :class:`LockHeld` naming the crawl that holds it."""
        conn = connect(self.url, busy_timeout=self.busy_timeout,
                       application_name=f"newsscraper {owner or self.spider}, crawl {self.crawl_id}"[:63])
        try:
            schema = str(conn.execute("SELECT current_schema()").fetchone()[0])  # type: ignore[index]
            key = lock_key("newsscraper run", schema, self.spider, self.arguments)
            crawl = _int31(lock_key(self.crawl_id))
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s::bigint)", (key,))
                holder = conn.execute(_HOLDERS, (_int31(key), crawl)).fetchone()
                if holder is not None:
                    raise LockHeld(f"another crawl holds {self.name} ({holder[0] or 'another process'})")
                conn.execute("SELECT pg_advisory_lock_shared(%s::int4, %s::int4)", (_int31(key), crawl))
        except BaseException:
            conn.close()
            raise
        self._holder = conn
        return self

    def _let_go(self, holder: psycopg.Connection[Any]) -> None:
        """End the lock's session, which releases it."""
        holder.close()
