"""The page's canonical URL: what its ``<link rel=canonical>`` or ``og:url`` says, resolved as a
browser resolves a link.

trafilatura's reader completes a relative canonical with the host of the first absolute
``og:``/``twitter:`` meta tag it finds, often ``og:image`` on an image host, so a page served at
``http://127.0.0.1/x.html`` came out as ``https://img.example.net/x.html``. Here a relative
value is resolved against the page's ``<base href>`` or URL, and never completed from another
tag. An absolute value on another host is kept (a mirror, a syndicated copy: the page says where
it lives; the crawler checks it against the site, newsscraper/discovery/links.py), unless it
cannot be this page: a file (an image, a script) or the home page of an article.
"""

from __future__ import annotations

from posixpath import splitext
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .patterns import ASSET_EXTENSIONS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["canonical_url"]

_DECLARED = (
    "//head//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href",
    "//head//meta[@property='og:url' or @name='og:url' or @name='twitter:url']/@content",
)


def _base(tree: HtmlElement, url: str | None) -> str | None:
    """What relative links of the page resolve against: ``<base href>`` (itself resolved)."""
    for href in tree.xpath("//head//base/@href"):
        if str(href).strip():
            return urljoin(url or "", str(href).strip())
    return url


def _believable(candidate: str, url: str | None) -> bool:
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if splitext(parts.path)[1].lower().lstrip(".") in ASSET_EXTENSIONS:
        return False
    # a template that declares the home page for every page: not this article's address
    page = urlsplit(url or "")
    return not (parts.path in ("", "/") and not parts.query and page.path not in ("", "/"))


def canonical_url(tree: HtmlElement, url: str | None) -> str | None:
    """The declared canonical URL when it can be this page's, else ``url``."""
    base = _base(tree, url)
    for xpath in _DECLARED:
        for found in tree.xpath(xpath):
            value = str(found).strip()
            candidate = urljoin(base, value) if base and value else value
            if candidate and _believable(candidate, url):
                return candidate
    return url
