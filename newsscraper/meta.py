"""What a request carries in ``request.meta`` and the two questions every counting or incremental
component asks of it: is it an article request, and which site is it for?

The spiders write these keys (:meth:`newsscraper.spiders.base.ArticleSpider.article_request`); the
middlewares and the run recorder only read them, so none of them imports a spider.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsscraper.discovery.links import site_host

if TYPE_CHECKING:
    from scrapy import Request

__all__ = ["ARTICLE_CALLBACK", "ARTICLE_META", "STORED_META", "is_article_request", "site_of"]

#: the callback every newsscraper spider sends article responses to
ARTICLE_CALLBACK = "parse_article"
#: an article request's {"site": name, "discovered_via": "section" | "feed" | "sitemap", "routes": [...],
#: "listed_published": ISO 8601 | None, "listed_title": str | None}
ARTICLE_META = "newsscraper"
#: the canonical URL of the stored article a conditional request revisits
STORED_META = "newsscraper_stored"


def is_article_request(request: Request) -> bool:
    """An article request, as opposed to a section page, feed, sitemap or robots.txt."""
    if isinstance(request.meta.get(ARTICLE_META), dict):
        return True
    return getattr(request.callback, "__name__", None) == ARTICLE_CALLBACK


def site_of(request: Request) -> str:
    """The sites-file name of the request's site, else its host (``-a start_urls`` sites are hosts)."""
    info: Any = request.meta.get(ARTICLE_META)
    if isinstance(info, dict) and info.get("site"):
        return str(info["site"])
    site = request.cb_kwargs.get("site")
    name = getattr(site, "name", None)
    return str(name) if name else site_host(request.url)
