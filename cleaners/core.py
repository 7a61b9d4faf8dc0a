"""The one entry point: ``clean(html, url)`` -> ``Article``."""

from __future__ import annotations

from copy import deepcopy

import trafilatura
from trafilatura.xml import xmltotxt

from .article import DEFAULT_OPTIONS, Article, CleanOptions
from .decode import decode_html
from .errors import NotAnArticle
from .page import parse_page

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
    paragraphs = []
    for child in doc.body:
        for line in xmltotxt(child, False).splitlines():
            if line.strip():
                paragraphs.append(line.strip())
    if not paragraphs:
        raise NotAnArticle("no_body", "no article body found on the page")
    return Article(
        url=url, canonical_url=doc.url or url, title=doc.title, paragraphs=tuple(paragraphs),
        description=doc.description, authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
        published=doc.date, language=doc.language,
    )
