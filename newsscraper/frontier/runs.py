"""Which run the processes sharing a frontier are in, so that they share one set of seen requests.

A run is a Redis key ``<prefix><spider>:crawl`` holding its id: the first process to start sets it
(``SET NX``), the ones started while it lives read it and join. Each process renews the key, and
the run's seen-requests set, every third of ``NEWSSCRAPER_REDIS_RUN_TTL`` while it runs, and is
listed with the time it was last heard of in ``<prefix><spider>:workers``. The last process to
finish with the queue empty deletes both: the next hourly run gets a new id, a new seen set, and
fetches the section pages, feeds and sitemaps again. A run whose processes were all killed expires
``NEWSSCRAPER_REDIS_RUN_TTL`` seconds after the last one was heard of; its queue stays in Redis and
the next run works it off (scrapy-redis's persisted queue).

A run also keeps ``<prefix><spider>:answered:<id>``, set by the first process to get a usable
response: a process that joined late and only met errors (the links the others left, all 404)
did not see a crawl where "every request failed", and its exit code says so.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redis import Redis

__all__ = ["SharedRun"]

logger = logging.getLogger(__name__)


class SharedRun:
    """One process's membership in the run of ``spider`` on a frontier."""

    def __init__(self, server: Redis, prefix: str, spider: str, ttl: int) -> None:
        self.server = server
        self.ttl = ttl
        self.key = f"{prefix}{spider}:crawl"
        self.workers_key = f"{prefix}{spider}:workers"
        self.dupefilter_prefix = f"{prefix}{spider}:dupefilter:"
        self.answered_prefix = f"{prefix}{spider}:answered:"
        #: whether this process has told the run it got a usable response
        self.told_answered = False
        #: this process among the run's workers (several may run on one host)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.id = ""

    @property
    def dupefilter_key(self) -> str:
        """The run's set of seen request fingerprints."""
        return self.dupefilter_prefix + self.id

    @property
    def answered_key(self) -> str:
        """Set once any process of the run got a usable response."""
        return self.answered_prefix + self.id

    def join(self) -> str:
        """The id of the run in progress, started here if there is none."""
        fresh = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
        started = bool(self.server.set(self.key, fresh, nx=True, ex=self.ttl))
        current = self.server.get(self.key)
        self.id = current.decode() if isinstance(current, bytes) else str(current or fresh)
        self.beat()
        logger.info("%s run %s (seen requests: %s)", "Started" if started else "Joined", self.id, self.dupefilter_key)
        return self.id

    def beat(self, answered: bool = False) -> None:
        """Tell the others this process still works in the run (and, once, that it got a usable
        response); keep the run, its seen set and its answered flag alive."""
        now = time.time()
        with self.server.pipeline() as pipe:
            self._keep(pipe, answered)
            pipe.zadd(self.workers_key, {self.worker: now})
            pipe.zremrangebyscore(self.workers_key, "-inf", now - self.ttl)  # the killed ones
            pipe.expire(self.workers_key, self.ttl)
            pipe.execute()

    def leave(self, *, queue_empty: bool, answered: bool = False) -> tuple[bool, bool]:
        """Leave the run; the last one out with nothing left to fetch ends it. Returns whether it
        ended, and whether any process of the run got a usable response."""
        with self.server.pipeline() as pipe:
            self._keep(pipe, answered)  # the others, or the next run, have a full TTL from now
            pipe.zrem(self.workers_key, self.worker)
            pipe.zremrangebyscore(self.workers_key, "-inf", time.time() - self.ttl)
            pipe.zcard(self.workers_key)
            pipe.exists(self.answered_key)
            *_, others, run_answered = pipe.execute()
        run_answered = bool(run_answered)
        if others or not queue_empty:
            logger.info("Left run %s (%d other workers, queue %s)", self.id, others,
                        "empty" if queue_empty else "not empty")
            return False, run_answered
        self.server.delete(self.key, self.dupefilter_key, self.workers_key, self.answered_key)
        logger.info("Run %s finished: its seen requests are forgotten, the next run starts afresh", self.id)
        return True, run_answered

    def _keep(self, pipe: Any, answered: bool) -> None:
        """Queue on ``pipe`` what keeps the run's keys alive, and the answered flag the first time."""
        pipe.expire(self.key, self.ttl)
        pipe.expire(self.dupefilter_key, self.ttl)
        if answered and not self.told_answered:
            pipe.set(self.answered_key, 1, ex=self.ttl)
            self.told_answered = True
        pipe.expire(self.answered_key, self.ttl)
