"""Untrusted XML (feeds, sitemaps) read with lxml so that it can't reach the network, the disk or
the memory limit.

Why lxml and not a feed library: lxml is already a dependency (Scrapy's own sitemap parser uses
it), it is fast, and these switches make it safe: ``resolve_entities=False`` (no entity is ever
expanded, so "billion laughs" stays a few bytes and ``SYSTEM "file:///…"`` is never read),
``no_network=True`` and ``load_dtd=False`` (no DTD or entity is fetched), ``huge_tree=False``
(libxml2's depth and text-size limits stay on). On top of that, bodies over a size cap are refused
before parsing (gzip included, like Scrapy's ``gunzip(max_size=…)``), and a document whose DTD
declares entities is refused outright: no honest feed or sitemap needs one.
"""

from __future__ import annotations

import html
from io import BytesIO
from typing import TYPE_CHECKING

from lxml import etree
from scrapy.utils.gz import gunzip

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["ElementStream", "RejectedXML", "local_name", "maybe_gunzip", "parse", "text_of"]

GZIP_MAGIC = b"\x1f\x8b\x08"
#: libxml2's error for a document that ends inside an element (recover closes it; we count it)
TAG_NOT_FINISHED = etree.ErrorTypes.ERR_TAG_NOT_FINISHED
PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "recover": True,  # real feeds have stray '&' and undeclared HTML entities
    "remove_comments": True,
    "remove_pis": True,
    "collect_ids": False,
}


class RejectedXML(ValueError):
    """A body that is not read: too large, not XML, or declaring entities. ``reason`` is a short key."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def maybe_gunzip(body: bytes, max_bytes: int) -> bytes:
    """The body, gunzipped when it is gzip data whatever the URL or Content-Type said.

    Servers send ``.xml.gz`` sitemaps as ``application/octet-stream`` or ``application/x-gzip``, and
    sometimes gzip a ``.xml`` twice; the magic number is the only thing to trust.
    """
    if len(body) > max_bytes:
        raise RejectedXML("too_large", f"{len(body)} bytes, more than the {max_bytes}-byte cap")
    if body[:3] != GZIP_MAGIC:
        return body
    try:
        return gunzip(body, max_size=max_bytes)
    except ValueError as exc:  # Scrapy's _DecompressionMaxSizeExceeded
        raise RejectedXML("too_large", f"more than {max_bytes} bytes once gunzipped") from exc
    except (OSError, EOFError) as exc:
        raise RejectedXML("bad_gzip", f"not readable gzip data: {exc}") from exc


def parse(body: bytes, max_bytes: int) -> etree._Element:
    """The root element of a small XML document (a feed), read safely; raises :class:`RejectedXML`."""
    body = maybe_gunzip(body, max_bytes)
    try:
        root = etree.fromstring(body, etree.XMLParser(**PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise RejectedXML("not_xml", f"not XML: {exc}") from exc
    if root is None:
        raise RejectedXML("not_xml", "not XML")
    _refuse_entities(root)
    return root


class ElementStream:
    """A large XML document read element by element: :attr:`root` at once, then each complete
    element whose local name is in ``tags``, with everything already read freed as it goes (a 50 MB
    sitemap never sits in memory as one tree). :attr:`truncated` says, once the elements are read,
    whether the document ended in the middle (a cut download): what came before is still given."""

    def __init__(self, body: bytes, tags: frozenset[str], max_bytes: int) -> None:
        body = maybe_gunzip(body, max_bytes)
        self.tags = tags
        self._events = etree.iterparse(BytesIO(body), events=("start", "end"), **PARSER_OPTIONS)
        try:
            _, self.root = next(self._events)
        except (StopIteration, etree.XMLSyntaxError) as exc:
            raise RejectedXML("not_xml", "not XML") from exc
        _refuse_entities(self.root)

    def __iter__(self) -> Iterator[etree._Element]:
        try:
            for event, element in self._events:
                if event == "end" and local_name(element) in self.tags:
                    yield element
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
        except etree.XMLSyntaxError:
            return  # beyond what recover mends: keep what was read (``truncated`` says so)

    @property
    def truncated(self) -> bool:
        """The document stopped inside an element: its last entries are missing."""
        return any(error.type == TAG_NOT_FINISHED for error in self._events.error_log)


def local_name(element: etree._Element) -> str:
    """``{http://www.sitemaps.org/schemas/sitemap/0.9}loc`` -> ``loc``; comments and entities -> ``""``."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def text_of(element: etree._Element | None) -> str:
    """The element's whole text, stripped, with HTML entities some feeds use undeclared decoded."""
    if element is None:
        return ""
    return html.unescape("".join(element.itertext())).strip()


def _refuse_entities(root: etree._Element) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.entities()):
        raise RejectedXML("entities", "the document declares XML entities; refused as unsafe")
