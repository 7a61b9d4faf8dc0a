"""The add-on that switches a crawl to the shared frontier when a Redis URL is set.

Scrapy builds its scheduler from the ``SCHEDULER`` setting before any component could choose one,
so the choice is made where Scrapy lets a project change settings before they freeze: an add-on's
``update_settings`` (docs/topics/addons.rst). With ``NEWSSCRAPER_REDIS_URL`` (or ``REDIS_URL``)
set, it sets scrapy-redis's settings at add-on priority: a value the user set in settings.py or
with ``-s`` still wins. Without one, it changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsscraper.config import NewsSettings

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

__all__ = ["SharedFrontier"]


class SharedFrontier:
    """Scrapy add-on: scrapy-redis's scheduler on the frontier's Redis, keys under its prefix."""

    def update_settings(self, settings: BaseSettings) -> None:
        """Called by Scrapy before the settings freeze; a no-op without a Redis URL."""
        config = NewsSettings.from_settings(settings)
        if not config.redis_url:
            return
        from newsscraper.frontier.redisapi import frontier_settings  # scrapy-redis only when it is used

        for name, value in frontier_settings(config).items():
            settings.set(name, value, priority="addon")
