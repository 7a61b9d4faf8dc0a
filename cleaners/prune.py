"""Before extraction: take out page parts whose markup says they are not body text.

trafilatura already drops most menus, share bars and footers; what it keeps are captions and
credits inside the body, hover cards inlined in paragraphs, hidden copies of the metadata and
inline read-also boxes. An element is only pruned when it holds a minor share of the page's
text, so a site that names its whole body "caption" or hides it until scripts run keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from lxml import etree

from .article import Removed
from .patterns import CLASS_REASONS, HIDDEN_STYLE, TAXONOMY_CLASS
from .subtrees import NearestAncestor, TextSizes, block_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["PRUNE_MARK", "class_tokens", "mark_boilerplate", "mark_pruned", "vocabulary"]

#: attribute set on pruned elements; trafilatura removes them through its prune_xpath option
PRUNE_MARK = "data-newsscraper-prune"
#: an element holding more than this share of the page's text is never pruned
MAX_TEXT_SHARE = 0.4
#: a caption, hover card or subscription box is never longer than this many words
MAX_WIDGET_WORDS = 150
#: ...but a list of related headlines with teasers may be, and a hidden copy of anything
MAX_WORDS: Mapping[str, int] = MappingProxyType({"related": 400, "hidden": 10**9})
#: a "read also" box is mostly the headlines it links to; below this share of link text it is
#: the body folded behind a "read more" button ("entry-content entry-content-read-more"); hidden
#: slides below it are prose too
MIN_READ_ALSO_LINK_SHARE = 0.5
_TOKEN_SPLIT = re.compile(r"[_-]+")
#: class names that hide an element by CSS convention (Bootstrap's ``hidden``, ``d-none``...)
_HIDING_CLASSES = frozenset({"hidden", "hide", "d-none", "is-hidden", "invisible"})
_SKIP = frozenset({"html", "head", "body", "main", "article"})


def vocabulary(names: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds any of ``names`` in a class/id string whose joiners are removed."""
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def class_tokens(el: HtmlElement, vocab: re.Pattern[str]) -> set[str]:
    """Class and id as tokens: ``"story__stand-first"`` gives story, stand, first, standfirst,
    storystand.

    ``vocab`` is a cheap first test: an element whose class/id holds none of the names of
    interest (most of a page) gets no tokens at all.
    """
    attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if not vocab.search(attrs.replace("-", "").replace("_", "")):
        return set()
    tokens: set[str] = set()
    for name in attrs.split():
        if TAXONOMY_CLASS.match(name):
            continue  # "category-trending", "tag-social-media": what the post is about, not what it is
        parts = [p for p in _TOKEN_SPLIT.split(name) if p]
        tokens.update(parts)  # "latest-news-box": latest, news, box
        tokens.update(a + b for a, b in pairwise(parts))  # latestnews, newsbox
        tokens.update(_TOKEN_SPLIT.sub("", piece) for piece in [name, *name.split("__")])  # latestnewsbox
    tokens.discard("")
    return tokens


def _reason(el: HtmlElement) -> str | None:
    style = el.get("style")
    if el.get("hidden") is not None or (style and HIDDEN_STYLE.search(style)):
        return "hidden"
    if el.tag == "figcaption":
        return "caption"
    tokens = class_tokens(el, _VOCAB)
    for reason, names in CLASS_REASONS.items():
        if tokens & names:
            return reason
    return None


def mark_boilerplate(tree: HtmlElement) -> list[Removed]:
    """Mark boilerplate elements in place for pruning; return what they held, for ``removed``.
    Hidden slides that hold the page (``_shown_slides``) are unhidden instead.

    Elements come in document order, so a pruned element is marked before anything inside it
    is looked at: one walk up finds every element's pruned ancestor, and text sizes are read
    without building the text of each of a thousand nested wrappers.
    """
    body = tree.find("body")
    root = body if body is not None else tree
    scripts = sum(len(el.text or "") for el in root.iter("script", "style"))
    total = (len(root.text_content()) - scripts) or 1  # visible text: scripts don't count
    headline = next(tree.iter("h1"), None)
    holders = frozenset(headline.iterancestors()) | {headline} if headline is not None else frozenset()
    pruned = NearestAncestor(lambda a: a.get(PRUNE_MARK))
    cards = NearestAncestor(lambda a: _reason(a) == "hovercard")
    sizes = TextSizes(clean=True)
    found = [(el, None if el.tag in _SKIP else _reason(el)) for el in _candidates(tree)]
    shown = _shown_slides([el for el, reason in found if reason == "hidden"], sizes, total)
    for el in shown:
        _show(el)
    removed: list[Removed] = []
    for el, reason in found:
        if reason is None or el in shown or pruned.of(el) is not None:
            continue
        if _spared(el, reason, cards, holders) or _large(sizes.of(el), reason, total):
            continue
        mark_pruned(el, reason, removed)
    return removed


def mark_pruned(el: HtmlElement, reason: str, removed: list[Removed]) -> None:
    """Mark ``el`` for trafilatura to prune, and record what it held (when it held text)."""
    el.set(PRUNE_MARK, reason)
    text = block_text(el)
    if text:
        removed.append(Removed(reason, text))


def _shown_slides(hidden: list[HtmlElement], sizes: TextSizes, total: int) -> set[HtmlElement]:
    """Hidden siblings that are the page's content: the slides of a gallery or the panes of
    tabs, each hidden until a script shows it, together holding more than ``MAX_TEXT_SHARE``
    of the page's text, and prose rather than links (a hidden copy of the menu is links)."""
    groups: dict[tuple[object, str], list[HtmlElement]] = {}
    for el in hidden:
        groups.setdefault((el.getparent(), el.get("class", "")), []).append(el)
    shown: set[HtmlElement] = set()
    for group in groups.values():
        if len(group) > 1 and sum(sizes.of(el)[0] for el in group) > MAX_TEXT_SHARE * total:
            shown.update(el for el in group if _link_share(el) < MIN_READ_ALSO_LINK_SHARE)
    return shown


def _show(el: HtmlElement) -> None:
    """Unhide a slide, as its script would, for the extraction that skips hidden elements."""
    el.attrib.pop("hidden", None)
    el.attrib.pop("style", None)
    kept = [name for name in el.get("class", "").split() if name.lower() not in _HIDING_CLASSES]
    if "class" in el.attrib:
        el.set("class", " ".join(kept))


def _spared(el: HtmlElement, reason: str, cards: NearestAncestor, holders: frozenset[HtmlElement]) -> bool:
    """Guards: what a class name says is only believed of a small, headline-free element."""
    if reason == "hovercard" and (el.tag == "a" or cards.of(el) is None):
        return True  # the trigger and its link hold the name; only the card nested in it is extra
    if reason == "read_also" and _link_share(el) < MIN_READ_ALSO_LINK_SHARE:
        return True  # prose with a few links in it is the body's folded rest, not a link out
    return el in holders  # the element holding the article's headline is the article


def _link_share(el: HtmlElement) -> float:
    """Share of the element's text inside its links."""
    total = len(el.text_content().strip())
    linked = sum(len(a.text_content().strip()) for a in el.iter("a"))
    return linked / total if total else 0.0


def _large(sizes: tuple[int, int], reason: str, total: int) -> bool:
    """Too much text for a widget (``sizes`` being the length and words of its clean text)."""
    length, words = sizes
    if length > MAX_TEXT_SHARE * total:
        return True
    return words > MAX_WORDS.get(reason, MAX_WIDGET_WORDS)  # a long "widget" is content


_VOCAB = vocabulary(frozenset().union(*CLASS_REASONS.values()))
_MARKERS = etree.XPath("//@class | //@id | //@style | //@hidden | //figcaption")


def _candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Elements that may be boilerplate, in document order, found from their attributes.

    One XPath call lists every class/id/style/hidden attribute (and each figcaption); only
    elements whose attribute holds a vocabulary word or a hiding style get looked at closely,
    instead of every element of the page."""
    found: dict[HtmlElement, None] = {}
    verdicts: dict[str, bool] = {}  # a page repeats its class names: test each once
    nodes = cast("list[HtmlElement | etree._ElementUnicodeResult]", _MARKERS(tree))
    for node in nodes:
        if not isinstance(node, etree._ElementUnicodeResult):
            found.setdefault(node)
            continue
        marked = verdicts.get(node)
        if marked is None:
            value = node.lower()
            marked = verdicts[node] = bool(
                _VOCAB.search(value.replace("-", "").replace("_", "")) or "none" in value or "hidden" in value
            )
        if marked or node.attrname == "hidden":
            found.setdefault(node.getparent())
    return list(found)
