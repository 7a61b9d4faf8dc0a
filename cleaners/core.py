"""The one entry point: ``clean(html, url)`` -> ``Article``."""

from __future__ import annotations

from copy import deepcopy

import trafilatura

from .article import DEFAULT_OPTIONS, Article, CleanOptions, Removed
from .blocks import body_blocks
from .boilerplate import find_boilerplate
from .decode import decode_html
from .errors import NotAnArticle
from .layout import split_break_paragraphs, unwrap_layout_tables
from .metadata import read_metadata
from .page import parse_page
from .prune import PRUNE_MARK, mark_boilerplate
from .repeats import find_repeats

__all__ = ["clean"]

_PRUNE_XPATH = f".//*[@{PRUNE_MARK}]"


def clean(html: str | bytes, url: str | None = None, *, options: CleanOptions = DEFAULT_OPTIONS) -> Article:
    """Clean one page. A pure function of its inputs; raises ``NotAnArticle`` with a reason."""
    text = decode_html(html) if isinstance(html, bytes) else html
    tree = parse_page(text).tree
    unwrap_layout_tables(tree)
    split_break_paragraphs(tree)
    pruned = mark_boilerplate(tree)
    # trafilatura reads metadata before pruning, so bylines in pruned parts still count.
    doc = trafilatura.bare_extraction(
        deepcopy(tree), url=url, with_metadata=True, include_comments=False,
        include_tables=options.keep_tables, prune_xpath=_PRUNE_XPATH,
    )
    if doc is None or doc.body is None:
        raise NotAnArticle("no_body", "no article body found on the page")
    meta = read_metadata(doc, tree, url)
    blocks = body_blocks(doc.body)
    reasons = find_boilerplate(blocks, meta.authors)
    kept = [b for b in blocks if b.index not in reasons]
    reasons.update(
        find_repeats(kept, titles=meta.titles, description=meta.description, min_words=options.min_repeat_words)
    )
    paragraphs = tuple(
        b.text for b in blocks if b.index not in reasons and len(b.text) >= options.min_paragraph_chars
    )
    if not paragraphs:
        raise NotAnArticle("no_body", "no article body found on the page")
    removed = (*pruned, *(Removed(reasons[b.index], b.text) for b in blocks if b.index in reasons))
    return Article(
        url=url, canonical_url=meta.canonical_url, title=meta.title, paragraphs=paragraphs,
        description=meta.description, authors=meta.authors, published=meta.published,
        language=meta.language, removed=removed,
    )
