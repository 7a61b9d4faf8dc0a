"""Parse once, derive many: the lxml tree built a single time per page, and what it says at once."""

from __future__ import annotations

import re
from functools import cached_property

from lxml.etree import ParserError
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from .errors import NotAnArticle
from .text import words

__all__ = ["LinkTexts", "parse_page", "refuse_non_html", "visible_letters"]

#: how PDFs, images and archives start: never a web page
BINARY_STARTS = ("%PDF", "\x89PNG", "GIF8", "PK\x03\x04", "\xff\xd8\xff", "\x1f\x8b")
#: JSON starts with these, and has no tag in its first kilobyte
JSON_STARTS = ("{", "[")
#: the root elements of XML documents that are never web pages: feeds, sitemaps, images
XML_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "urlset", "sitemapindex", "svg"})
#: the first element of a document (not a declaration, a doctype or a comment)
_FIRST_ELEMENT = re.compile(r"<([a-zA-Z][\w:.-]*)")
_TAG = re.compile(r"<[a-zA-Z!/]")
#: what XML forbids and a page may still hold: control characters, which lxml refuses in any text
#: the cleaner sets (a crash), and UTF-16 halves without their other half, at the first of which
#: libxml2 stops reading the page; a browser shows neither
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: lxml's own HTML parser; huge_tree raises libxml2's nesting limit, past which the rest of a
#: deeply nested page is silently lost, from 255 levels to 2,047 (libxml2 2.14). trafilatura
#: parses without it: what lies deeper than 255 levels it never sees
_PARSER = HTMLParser(  # type: ignore[call-arg]  # lxml-stubs lacks default_doctype
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, huge_tree=True
)


def refuse_non_html(prefix: str) -> None:
    """Raise ``NotAnArticle("not_html")`` when a document's start says it is not HTML.

    A page may open with a template or server error (``{{ header }}``, ``[an error occurred…]``)
    before its markup, so a ``{`` or ``[`` start only means JSON when no tag follows. A NUL byte
    means binary data, unless the document opens with markup: a page with a stray NUL is a page.
    A feed, a sitemap or an SVG image is XML, not a page, whatever its URL or Content-Type says.
    """
    start = prefix.lstrip()
    if start.startswith(BINARY_STARTS) or ("\x00" in prefix and not start.startswith("<")):
        raise NotAnArticle("not_html", "the document is not HTML (a PDF, an image, an archive, binary)")
    if start.startswith(JSON_STARTS) and not _TAG.search(prefix):
        raise NotAnArticle("not_html", "the document is not HTML (JSON)")
    first = _FIRST_ELEMENT.search(prefix)
    if first and first.group(1).lower() in XML_ROOTS:
        raise NotAnArticle("not_html", f"the document is not HTML (XML: <{first.group(1)}>)")


def parse_page(text: str) -> HtmlElement:
    """Parse HTML text once, refusing documents that are clearly not web pages."""
    if not text.strip():
        raise NotAnArticle("empty", "the document is empty")
    refuse_non_html(text[:1024])
    text = _LONE_SURROGATE.sub("\ufffd", _UNREADABLE.sub("", text.replace("\x0c", " ")))
    try:
        return document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=_PARSER)
    except (ParserError, ValueError) as exc:
        raise NotAnArticle("not_html", f"the document could not be parsed as HTML: {exc}") from exc


class LinkTexts:
    """The words of every link's text, read from the page only when first asked: a body line
    that is one of them is a link to elsewhere (a related headline, a menu entry)."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @cached_property
    def _texts(self) -> frozenset[tuple[str, ...]]:
        return frozenset(w for w in (words(a.text_content()) for a in self._tree.iter("a")) if w)

    def __contains__(self, tokens: object) -> bool:
        return tokens in self._texts


def visible_letters(tree: HtmlElement) -> int:
    """How many non-space characters the page's body shows: its text less scripts and styles."""
    body = tree.find("body")
    root = body if body is not None else tree
    hidden = _letters("".join(el.text or "" for el in root.iter("script", "style")))
    return _letters(root.xpath("string()")) - hidden


def _letters(text: str) -> int:
    """Non-space characters, counted on the page's text joined once, not node by node."""
    return sum(map(len, text.split()))
