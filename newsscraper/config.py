"""The crawl's ``NEWSSCRAPER_*`` settings as one typed record, read in ``from_crawler``.

``settings.py`` is the one place each default is written, with its comment. A setting missing from
the crawl's settings (a crawler built by hand, another project using these components with its own
settings module) takes ``settings.py``'s value: no component repeats a default in a ``getint``
fallback or an ``__init__``. Each component builds the record once, in its ``from_crawler``.

A value that is not of its setting's kind (``-s NEWSSCRAPER_SECTION_DEPTH=two``) raises
:class:`SettingError`, which names the setting; :func:`check_overrides` says the same of every
``-s`` value before the crawl starts, Scrapy's own settings included, and of a misspelt
``NEWSSCRAPER_*`` name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from newsscraper import settings as project_settings
from newsscraper.exitcodes import UserError

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings
    from typing_extensions import Self

__all__ = ["NewsSettings", "SettingError", "check_overrides"]

#: what each of Scrapy's typed getters reads, for the error that names a setting
KINDS = {"getint": "a whole number", "getfloat": "a number", "getbool": "True or False",
         "getdict": "a JSON object", "getlist": "a list"}
#: this project's settings
PREFIX = "NEWSSCRAPER_"


class SettingError(UserError):
    """A setting whose value can't be read as its kind; the message names the setting."""

    @classmethod
    def of(cls, name: str, value: Any, kind: str) -> Self:
        """``setting NEWSSCRAPER_SECTION_DEPTH='two' is not a whole number``."""
        return cls(f"setting {name}={value!r} is not {KINDS.get(kind, kind)}")


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
    progress_interval: float

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        """The values in force: the crawl's settings, else settings.py's."""

        def get(kind: str, name: str) -> Any:
            try:
                return getattr(settings, kind)(name, getattr(project_settings, name))
            except (TypeError, ValueError) as exc:
                raise SettingError.of(name, settings.get(name), kind) from exc

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
            progress_interval=max(get("getfloat", "NEWSSCRAPER_PROGRESS_INTERVAL"), 0.0),
        )

    def with_clean_workers(self, workers: int) -> Self:
        """The same settings with another number of cleaner workers."""
        return replace(self, clean_workers=workers)

    @classmethod
    def defaults(cls) -> Self:
        """settings.py's values, for code that runs outside a crawl (the demo, tests)."""
        from scrapy.settings import BaseSettings

        return cls.from_settings(BaseSettings())


def check_overrides(overrides: Mapping[str, str], defaults: BaseSettings) -> None:
    """Raise :class:`SettingError` for the first ``-s NAME=VALUE`` that its setting can't read: a
    value not of the kind of the setting's default (a number, True/False, a JSON object), or a
    ``NEWSSCRAPER_*`` name that is none of this project's (a misspelt one would be ignored)."""
    from scrapy.settings import BaseSettings

    for name, value in overrides.items():
        if name.startswith(PREFIX) and not hasattr(project_settings, name):
            known = [n for n in dir(project_settings) if n.startswith(PREFIX)]
            raise SettingError.unknown("setting", name, known, "see the Settings table in README.md")
        kind = _kind(defaults.get(name))
        if kind is None:
            continue
        try:
            getattr(BaseSettings({name: value}), kind)(name)
        except (TypeError, ValueError) as exc:
            raise SettingError.of(name, value, kind) from exc


def _kind(default: Any) -> str | None:
    """The getter a setting with this default is read with, when its value has a kind to check. An
    int default may be read as a float (``DOWNLOAD_DELAY = 0``): any number passes."""
    if isinstance(default, bool):
        return "getbool"
    if isinstance(default, (int, float)):
        return "getfloat"
    if isinstance(default, Mapping):  # a dict, or the BaseSettings of a component setting
        return "getdict"
    return None
