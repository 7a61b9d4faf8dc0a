"""The one entry point: ``clean(html, url)`` -> ``Article``."""

from __future__ import annotations

from collections.abc import Container, Iterable
from configparser import ConfigParser
from copy import deepcopy
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any

from .article import DEFAULT_OPTIONS, Article, CleanOptions, Removed
from .blocks import Block, body_blocks
from .boilerplate import find_boilerplate, find_leading_labels, find_orphan_headings
from .decode import decode_html
from .errors import NotAnArticle
from .explain import left_out
from .forum import mark_post_chrome
from .jsonld import json_ld_types
from .layout import split_break_paragraphs, unwrap_layout_tables
from .metadata import read_metadata
from .page import LinkTexts, parse_page, visible_letters
from .prune import PRUNE_MARK, mark_boilerplate
from .repeats import find_repeats
from .standfirst import take_standfirst
from .text import ends_sentence, holds_sentence, word_count, words
from .trafilatura_api import DEFAULT_CONFIG, Document, bare_extraction

if TYPE_CHECKING:
    from lxml.etree import _Element
    from lxml.html import HtmlElement

__all__ = ["clean"]

_PRUNE_XPATH = f".//*[@{PRUNE_MARK}]"
#: in a whole-page dump the title comes within this many words of the start (a kicker first)
DUMP_TITLE_WITHIN = 6
#: a title this short ("Live", a site name) proves nothing glued
MIN_DUMP_TITLE_WORDS = 4
#: a page without running text is an index when this share of its kept text is links
INDEX_LINK_SHARE = 0.5
#: trafilatura's fast pass found the body short when its running text (sentences of
#: ``PROSE_WORDS`` words or more) holds less than this share of the page's visible letters: then
#: its full mode (readability and jusText compared with its own result) runs
SHORT_BODY_SHARE = 0.1
PROSE_WORDS = 10


def _config(min_extracted_size: int) -> ConfigParser:
    """trafilatura's settings, fixed here: a change would alter every content hash."""
    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = str(min_extracted_size)
    return config


#: trafilatura as configured by default, and without its whole-page "baseline" fallback
_CONFIG, _NO_DUMP_CONFIG = _config(250), _config(1)


def _extract(
    tree: HtmlElement, url: str | None, options: CleanOptions, config: ConfigParser, *, fast: bool = True
) -> _Element:
    """trafilatura's body tree (it works on its own copy of ``tree``)."""
    doc = bare_extraction(
        tree, url=url, include_comments=False, fast=fast,
        include_tables=options.keep_tables, prune_xpath=_PRUNE_XPATH, config=config,
    )
    if not isinstance(doc, Document) or doc.body is None:
        raise NotAnArticle("no_body", "no article body found on the page")
    return doc.body


def _letters(blocks: Iterable[Block]) -> int:
    return sum(len(b.text) - b.text.count(" ") for b in blocks)


def _prose(blocks: Iterable[Block]) -> int:
    """Letters of running text: a menu, a form or a code listing is long without any."""
    return _letters(b for b in blocks if b.size >= PROSE_WORDS and holds_sentence(b.text))


def _body(tree: HtmlElement, url: str | None, options: CleanOptions, title: str | None) -> list[Block]:
    """trafilatura's body as blocks: its fast pass (again without the whole-page dump when it
    glued one), then its full mode when the fast pass found little running text on the page (a
    menu or a code listing taken for the body); the result with more running text wins."""
    config = _CONFIG
    try:
        blocks = body_blocks(_extract(tree, url, options, config))
    except NotAnArticle:
        blocks = []
    if _is_dump(blocks, title):
        config = _NO_DUMP_CONFIG
        blocks = body_blocks(_extract(tree, url, options, config))
    if blocks and _prose(blocks) >= SHORT_BODY_SHARE * visible_letters(tree):
        return blocks
    try:
        fuller = body_blocks(_extract(tree, url, options, config, fast=False))
    except NotAnArticle:
        if not blocks:
            raise
        return blocks
    return fuller if (_prose(fuller), _letters(fuller)) > (_prose(blocks), _letters(blocks)) else blocks


def _with_standfirst(standfirst: str | None, blocks: list[Block]) -> list[Block]:
    """The standfirst as the body's first block: text the reader sees under the headline, taken
    out before extraction so that it is never lost in the header. When the body says it again
    (the doubled lead), the repeat rules keep the first copy, this one."""
    if standfirst is None:
        return blocks
    return [Block(standfirst, "p", 0), *(replace(b, index=b.index + 1) for b in blocks)]


def _with_overrides(options: CleanOptions, overrides: dict[str, Any]) -> CleanOptions:
    known = {f.name for f in fields(CleanOptions)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown cleaner option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return replace(options, **overrides)


def _is_dump(blocks: list[Block], title: str | None) -> bool:
    """A block that opens with the title glued to more text: trafilatura fell back to a
    whole-page dump (it does so when the body is short), header, byline and share bar glued
    to the body as one paragraph. A paragraph that merely quotes the title later on is not,
    nor one that names the site (the short parts of <title>)."""
    key = words(title or "")
    if word_count(key) < MIN_DUMP_TITLE_WORDS:
        return False
    first, n = key[0], len(key)
    return any(
        block.words != key and any(
            w == first and block.words[i:i + n] == key for i, w in enumerate(block.words[:DUMP_TITLE_WITHIN + 1])
        )
        for block in blocks
        if first in block.words[:DUMP_TITLE_WITHIN + 1]
    )


def _is_index(blocks: list[Block], links: Container[tuple[str, ...]], min_words: int) -> bool:
    """An index page: no running text, and most of what is left is the text of links.

    Running text is one sentence-long paragraph, or two sentences of any length (a short
    news brief). Links are counted among the kept blocks, not over the page, whose menus
    would make every short article look like an index.
    """
    sentences = [b for b in blocks if ends_sentence(b.text)]
    if len(sentences) >= 2 or any(b.size >= min_words for b in sentences):
        return False
    linked = sum(len(b.text) for b in blocks if b.words in links)
    return linked >= INDEX_LINK_SHARE * sum(len(b.text) for b in blocks)


def clean(
    html: str | bytes, url: str | None = None, *, options: CleanOptions = DEFAULT_OPTIONS, explain: bool = False,
    **overrides: Any,
) -> Article:
    """Clean one page. A pure function of its inputs; raises ``NotAnArticle`` with a reason.

    Options come as one ``CleanOptions`` (``options=``), or as keywords trafilatura-style
    (``clean(html, min_paragraph_chars=40)``), which override fields of ``options``. ``explain``
    also lists in ``removed`` what extraction left out (menus, footers, the headline…), which
    costs one more walk of the page; the article is the same either way.
    """
    if overrides:
        options = _with_overrides(options, overrides)
    text = decode_html(html) if isinstance(html, bytes) else html
    tree = parse_page(text)
    unwrap_layout_tables(tree)
    split_break_paragraphs(tree)
    page_types = json_ld_types(tree)  # read once: the forum check and the label rules ask
    pruned = [*mark_boilerplate(tree), *mark_post_chrome(tree, page_types)]
    standfirst = take_standfirst(tree)
    meta = read_metadata(tree, url)
    blocks = _with_standfirst(standfirst, _body(tree, url, options, meta.title))
    links = LinkTexts(tree)
    reasons = find_boilerplate(blocks, meta.authors, links)
    reasons.update(find_repeats(
        [b for b in blocks if b.index not in reasons],
        titles=meta.titles, description=meta.description, min_words=options.min_repeat_words,
    ))
    reasons.update(find_orphan_headings(blocks, reasons))
    kept = [b for b in blocks if b.index not in reasons]
    reasons.update(find_leading_labels(kept, options.min_sentence_words, page_types, links))
    kept = [b for b in kept if b.index not in reasons and len(b.text) >= options.min_paragraph_chars]
    if not kept:
        raise NotAnArticle("no_body", "nothing but boilerplate on the page")
    if meta.title and all(b.words == words(meta.title) for b in kept):
        raise NotAnArticle("no_body", "nothing but the headline on the page (an error page, a stub)")
    if _is_index(kept, links, options.min_sentence_words):
        raise NotAnArticle("no_body", "headlines and links but no running text: an index page")
    extraction = left_out(tree, blocks, meta.titles) if explain else []
    removed = (*pruned, *extraction, *(Removed(reasons[b.index], b.text) for b in blocks if b.index in reasons))
    return Article(
        url=url, canonical_url=meta.canonical_url, title=meta.title, paragraphs=tuple(b.text for b in kept),
        standfirst=standfirst, description=meta.description, authors=meta.authors, published=meta.published,
        language=meta.language, problems=meta.problems, removed=removed,
    )
