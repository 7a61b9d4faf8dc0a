"""A 429 or 503 with ``Retry-After`` is retried when the server asked, not at once.

Scrapy's RetryMiddleware retries these statuses immediately, up to ``RETRY_TIMES``: to a site that
said "come back in 30 seconds", that is a burst of requests it asked us not to send. This
middleware sits before it (it sees the response first): it waits what the header says (without
blocking the reactor: the wait is a timer, and with one request at a time per site, that site
waits too) and then sends the retry Scrapy would have sent. A wait longer than
``NEWSSCRAPER_RETRY_AFTER_MAX`` seconds is not waited for: the response goes on unretried, and
the spider counts it as ``http_429``/``http_503``. Without the header, Scrapy's retry applies.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

from newsscraper.config import NewsSettings
from newsscraper.stats import count

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from typing_extensions import Self

__all__ = ["RetryAfterMiddleware", "retry_after_seconds"]

logger = logging.getLogger(__name__)

STATUSES = frozenset({429, 503})
#: stats keys: retries that waited as asked; responses whose wait was over the cap
WAITED = "newsscraper/retry_after/waited"
TOO_LONG = "newsscraper/retry_after/too_long"


def retry_after_seconds(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date), or None."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - (now or datetime.now(timezone.utc))).total_seconds(), 0.0)


class RetryAfterMiddleware:
    """Downloader middleware: honour ``Retry-After`` on 429 and 503, up to a cap."""

    def __init__(self, crawler: Crawler, max_wait: float, max_retry_times: int) -> None:
        self.crawler = crawler
        self.max_wait = max_wait
        self.max_retry_times = max_retry_times

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """``NEWSSCRAPER_RETRY_AFTER_MAX`` and Scrapy's ``RETRY_TIMES``."""
        return cls(crawler, NewsSettings.from_settings(crawler.settings).retry_after_max,
                   crawler.settings.getint("RETRY_TIMES"))

    async def process_response(self, request: Request, response: Response,
                               spider: Spider | None = None) -> Request | Response:
        """The response, or (after the wait) the request again."""
        header = response.headers.get(b"Retry-After")
        if response.status not in STATUSES or not header or request.meta.get("dont_retry"):
            return response
        wait = retry_after_seconds(header.decode("latin-1"))
        if wait is None:
            return response  # an unreadable header: Scrapy's own retry decides
        if wait > self.max_wait:
            logger.warning("Not retrying %s: the server asks to wait %.0f s, more than "
                           "NEWSSCRAPER_RETRY_AFTER_MAX (%.0f s)", request.url, wait, self.max_wait)
            count(self.crawler.stats, TOO_LONG)
            request.meta["dont_retry"] = True  # nor at once by Scrapy's RetryMiddleware
            return response
        assert self.crawler.spider is not None  # a response means the spider is open
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After",
                                  max_retry_times=self.max_retry_times)
        if retry is None:  # retries used up: Scrapy's RetryMiddleware gives up the same way
            request.meta["dont_retry"] = True
            return response
        count(self.crawler.stats, WAITED)
        from twisted.internet import reactor

        await maybe_deferred_to_future(task.deferLater(reactor, wait))
        return retry
