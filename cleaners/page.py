"""Parse once, derive many: the lxml tree built a single time per page."""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement
from trafilatura.utils import load_html

from .errors import NotAnArticle
from .text import words

#: shorter link texts ("Home", "Read more") are left to the line rules
MIN_LINK_WORDS = 3

__all__ = ["Page", "link_text_share", "link_texts", "parse_page", "refuse_non_html"]

#: how JSON, PDF, images and archives start: never a web page
NOT_HTML_STARTS = ("{", "[", "%PDF", "\x89PNG", "GIF8", "PK\x03\x04", "\xff\xd8\xff", "\x1f\x8b")


def refuse_non_html(prefix: str) -> None:
    """Raise ``NotAnArticle("not_html")`` when a document's start says it is not HTML."""
    if prefix.lstrip().startswith(NOT_HTML_STARTS) or "\x00" in prefix:
        raise NotAnArticle("not_html", "the document is not HTML (JSON, binary or an archive)")


@dataclass(frozen=True)
class Page:
    """A parsed page; the tree is shared, so consumers that mutate it work on a copy."""

    tree: HtmlElement


def parse_page(text: str) -> Page:
    """Parse HTML text, refusing documents that are clearly not web pages."""
    head = text.lstrip()[:16]
    if not head:
        raise NotAnArticle("empty", "the document is empty")
    refuse_non_html(text[:1024])
    tree = load_html(text)
    if tree is None:
        raise NotAnArticle("not_html", "the document could not be parsed as HTML")
    return Page(tree=tree)


def link_text_share(tree: HtmlElement) -> float:
    """Share of the body's visible text that sits inside links (high on index pages)."""
    body = tree.find("body")
    root = body if body is not None else tree
    total = len("".join(t.strip() for t in root.itertext(None) if t.strip()))
    linked = sum(len("".join(t.strip() for t in a.itertext())) for a in root.iter("a"))
    return linked / total if total else 0.0


def link_texts(tree: HtmlElement) -> frozenset[tuple[str, ...]]:
    """The words of every link of three words or more: a body line that is one of them
    is a link to elsewhere (a related headline), not text of this article."""
    found = (words(a.text_content()) for a in tree.iter("a"))
    return frozenset(w for w in found if len(w) >= MIN_LINK_WORDS)
