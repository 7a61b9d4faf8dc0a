"""Every use of Scrapy that its documentation does not promise to keep, in one place.

The rest of the project uses Scrapy's public API only (Scrapy >= 2.15: see pyproject.toml). What is
here has no public form (so a Scrapy upgrade that changes it breaks one module, and
``tests/test_scrapyapi.py`` says which assumption broke, instead of a crawl misbehaving quietly),
or is a public lookup whose "not built yet" error every caller would otherwise catch.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

__all__ = [
    "JOBDIR_STATE", "crawl_request", "forget_job", "get_downloader_middleware", "get_extension", "inflated_too_large",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: what a JOBDIR holds of a job's requests: the dupefilter's seen fingerprints (RFPDupeFilter's
#: ``requests.seen``) and the scheduler's disk queue (``requests.queue/``). Scrapy documents the
#: JOBDIR setting, not its files; tests/test_scrapyapi.py checks these names on a real crawl.
JOBDIR_STATE = ("requests.seen", "requests.queue")


def get_extension(crawler: Crawler, cls: type[T]) -> T | None:
    """The crawl's instance of an extension, or None (also before the extensions exist)."""
    try:
        return crawler.get_extension(cls)
    except RuntimeError:  # asked before the extension manager was built
        return None


def get_downloader_middleware(crawler: Crawler, cls: type[T]) -> T | None:
    """The crawl's instance of a downloader middleware, or None (also before the engine exists)."""
    try:
        return crawler.get_downloader_middleware(cls)
    except RuntimeError:  # asked before the engine was built
        return None


def crawl_request(crawler: Crawler, request: Request) -> None:
    """Schedule a request from outside the spider's callbacks (a signal handler), as scrapy-redis does
    when idle: ``ExecutionEngine.crawl``, undocumented, which since Scrapy 2.14 takes the request only
    (scrapy-redis 0.9.1 still passes ``spider=`` on old versions)."""
    crawler.engine.crawl(request)


def forget_job(jobdir: str) -> None:
    """Forget a finished job's queue and seen requests, so the next run with the same JOBDIR
    starts afresh instead of skipping every URL this one saw. The spider state (``spider.state``)
    and anything else in the folder stay."""
    if not jobdir:
        return
    folder = Path(jobdir)
    seen, queue = (folder / name for name in JOBDIR_STATE)
    seen.unlink(missing_ok=True)
    shutil.rmtree(queue, ignore_errors=True)
    logger.info("Job %s finished: its queue and seen requests are cleared for the next run", folder)


def inflated_too_large(exc: BaseException) -> bool:
    """Whether an ``IgnoreRequest`` is HttpCompressionMiddleware's for a body that grew past
    DOWNLOAD_MAXSIZE while it was being inflated (a gzip bomb): Scrapy raises it from a private
    exception, its only mark (Scrapy >= 2.11.1)."""
    from scrapy.utils._compression import _DecompressionMaxSizeExceeded

    return isinstance(exc.__cause__, _DecompressionMaxSizeExceeded)
