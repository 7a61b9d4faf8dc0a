"""The one entry point: ``clean(html, url)`` -> ``Article``."""

from __future__ import annotations

from copy import deepcopy

import trafilatura

from .article import DEFAULT_OPTIONS, Article, CleanOptions, Removed
from .blocks import body_blocks
from .decode import decode_html
from .errors import NotAnArticle
from .page import parse_page
from .repeats import find_repeats

__all__ = ["clean"]


def clean(html: str | bytes, url: str | None = None, *, options: CleanOptions = DEFAULT_OPTIONS) -> Article:
    """Clean one page. A pure function of its inputs; raises ``NotAnArticle`` with a reason."""
    text = decode_html(html) if isinstance(html, bytes) else html
    page = parse_page(text)
    doc = trafilatura.bare_extraction(
        deepcopy(page.tree), url=url, with_metadata=True, include_comments=False,
        include_tables=options.keep_tables,
    )
    if doc is None or doc.body is None:
        raise NotAnArticle("no_body", "no article body found on the page")
    blocks = body_blocks(doc.body)
    reasons = find_repeats(blocks, doc.title, options.min_repeat_words)
    paragraphs = tuple(b.text for b in blocks if b.index not in reasons and b.words)
    removed = tuple(Removed(reasons[b.index], b.text) for b in blocks if b.index in reasons)
    if not paragraphs:
        raise NotAnArticle("no_body", "no article body found on the page")
    return Article(
        url=url, canonical_url=doc.url or url, title=doc.title, paragraphs=paragraphs,
        description=doc.description, authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
        published=doc.date, language=doc.language, removed=removed,
    )
