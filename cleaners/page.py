"""Parse once, derive many: the lxml tree built a single time per page."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from .errors import NotAnArticle

__all__ = ["Page", "parse_page"]

_NOT_HTML_STARTS = ("{", "[", "%PDF", "\x89PNG", "GIF8", "PK\x03\x04")


@dataclass(frozen=True)
class Page:
    """A parsed page; the tree is shared, so consumers that mutate it work on a copy."""

    tree: HtmlElement


def parse_page(text: str) -> Page:
    """Parse HTML text, refusing documents that are clearly not web pages."""
    head = text.lstrip()[:16]
    if not head:
        raise NotAnArticle("empty", "the document is empty")
    if head.startswith(_NOT_HTML_STARTS) or "\x00" in text[:1024]:
        raise NotAnArticle("not_html", "the document is not HTML (JSON, binary or an archive)")
    tree = load_html(text)
    if tree is None:
        raise NotAnArticle("not_html", "the document could not be parsed as HTML")
    return Page(tree=tree)
