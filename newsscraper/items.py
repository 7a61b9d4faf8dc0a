"""The item the spiders yield: one cleaned article, every field JSON-ready for `-O articles.jsonl`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    """One article as crawled; the store pipeline keeps these fields as one row.

    The spider fills what the page says; ``content_hash`` is set by the dedup pipeline and
    ``change`` (``new``, ``updated`` or ``unchanged``) by the store pipeline. ``standfirst`` is the
    cleaner's; ``etag`` and ``last_modified`` are the response's HTTP validators, set by the
    incremental middleware so the next crawl can ask the server "changed since?".

    ``discovered_via`` is the route whose request fetched the page (``section``, ``feed`` or
    ``sitemap``) and ``listed_published`` the date a feed or sitemap gave for it (ISO 8601, in the
    site's own zone); ``published`` falls back to that date when the page has none. A store may
    ignore both.

    ``redirected_from`` lists the URLs that were requested before a redirect led to ``url``: the
    store remembers them, so the next run knows the article by the link it finds, not only by
    where the link led. ``site`` is the name of the site the article was crawled for (its name in
    the sites file, or its host), which per-site counts are kept under.
    """

    url: str
    title: str | None
    text: str
    paragraphs: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = None
    content_hash: str | None = None
    change: str | None = None
    standfirst: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    discovered_via: str | None = None
    listed_published: str | None = None
    redirected_from: list[str] = field(default_factory=list)
    site: str | None = None
