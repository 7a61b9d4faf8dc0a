"""The crawl's ``NEWSSCRAPER_*`` settings as one typed record, read in ``from_crawler``.

``settings.py`` is the one place each default is written, with its comment. A setting missing from
the crawl's settings (a crawler built by hand, another project using these components with its own
settings module) takes ``settings.py``'s value: no component repeats a default in a ``getint``
fallback or an ``__init__``. Each component builds the record once, in its ``from_crawler``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from newsscraper import settings as project_settings

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings
    from typing_extensions import Self

__all__ = ["NewsSettings"]


@dataclass(frozen=True)
class NewsSettings:
    """Every ``NEWSSCRAPER_*`` knob, typed; see settings.py for what each one means."""

    database: str
    database_timeout: float
    store_queue_size: int
    store_batch_size: int
    sites: str
    section_depth: int
    min_body_chars: int
    dedup: bool
    summary_file: str
    sitemap_max_age: timedelta
    sitemap_fallback_paths: tuple[str, ...]
    xml_max_bytes: int
    now: str
    refetch_after: timedelta
    shrink_ratio: float
    lock_file: str
    crawl_id: str
    run_arguments: dict[str, str]
    cleaner: str
    clean_workers: int
    clean_timeout: float
    clean_memory_mb: int
    max_page_bytes: int
    retry_after_max: float
    redis_url: str
    redis_prefix: str
    redis_idle_close: float
    redis_run_ttl: int

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """The values in force: the crawl's settings, else settings.py's."""

        def get(kind: str, name: str) -> Any:
            return getattr(settings, kind)(name, getattr(project_settings, name))

        return cls(
            database=(get("get", "NEWSSCRAPER_DATABASE") or "").strip(),
            database_timeout=get("getfloat", "NEWSSCRAPER_DATABASE_TIMEOUT"),
            store_queue_size=max(get("getint", "NEWSSCRAPER_STORE_QUEUE_SIZE"), 1),
            store_batch_size=max(get("getint", "NEWSSCRAPER_STORE_BATCH_SIZE"), 1),
            sites=get("get", "NEWSSCRAPER_SITES") or "",
            section_depth=get("getint", "NEWSSCRAPER_SECTION_DEPTH"),
            min_body_chars=get("getint", "NEWSSCRAPER_MIN_BODY_CHARS"),
            dedup=get("getbool", "NEWSSCRAPER_DEDUP_ENABLED"),
            summary_file=get("get", "NEWSSCRAPER_SUMMARY_FILE") or "",
            sitemap_max_age=timedelta(days=get("getfloat", "NEWSSCRAPER_SITEMAP_MAX_AGE_DAYS")),
            sitemap_fallback_paths=tuple(p for p in get("getlist", "NEWSSCRAPER_SITEMAP_FALLBACK_PATHS") if p),
            xml_max_bytes=get("getint", "NEWSSCRAPER_XML_MAX_BYTES"),
            now=get("get", "NEWSSCRAPER_NOW") or "",
            refetch_after=timedelta(hours=max(get("getfloat", "NEWSSCRAPER_REFETCH_AFTER"), 0.0)),
            shrink_ratio=get("getfloat", "NEWSSCRAPER_SHRINK_RATIO"),
            lock_file=get("get", "NEWSSCRAPER_LOCK_FILE") or "",
            crawl_id=(get("get", "NEWSSCRAPER_CRAWL_ID") or "").strip(),
            run_arguments={str(k): str(v) for k, v in get("getdict", "NEWSSCRAPER_RUN_ARGUMENTS").items()},
            cleaner=get("get", "NEWSSCRAPER_CLEANER"),
            clean_workers=max(get("getint", "NEWSSCRAPER_CLEAN_WORKERS"), 0),
            clean_timeout=get("getfloat", "NEWSSCRAPER_CLEAN_TIMEOUT"),
            clean_memory_mb=get("getint", "NEWSSCRAPER_CLEAN_MEMORY_MB"),
            max_page_bytes=get("getint", "NEWSSCRAPER_MAX_PAGE_BYTES"),
            retry_after_max=get("getfloat", "NEWSSCRAPER_RETRY_AFTER_MAX"),
            # scrapy-redis users set REDIS_URL: it switches the frontier on too
            redis_url=(get("get", "NEWSSCRAPER_REDIS_URL") or settings.get("REDIS_URL") or "").strip(),
            redis_prefix=get("get", "NEWSSCRAPER_REDIS_PREFIX") or "",
            redis_idle_close=max(get("getfloat", "NEWSSCRAPER_REDIS_IDLE_CLOSE"), 0.0),
            redis_run_ttl=max(get("getint", "NEWSSCRAPER_REDIS_RUN_TTL"), 3),
        )

    def with_clean_workers(self, workers: int) -> Self:
        """The same settings with another number of cleaner workers."""
        return replace(self, clean_workers=workers)

    @classmethod
    def defaults(cls) -> Self:
        """settings.py's values, for code that runs outside a crawl (the demo, tests)."""
        from scrapy.settings import BaseSettings

        return cls.from_settings(BaseSettings())
