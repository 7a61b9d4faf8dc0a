"""Bytes to text: BOM, then UTF-8 when the bytes are UTF-8, then the page's declared charset, then
UTF-8 with a few broken bytes, then detection."""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from types import MappingProxyType

from charset_normalizer import from_bytes

from .errors import NotAnArticle, UndecodableDocument
from .page import refuse_non_html

__all__ = ["decode_html"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096
#: what browsers do with some labels: latin-1 and ASCII pages are read as windows-1252 (their
#: curly quotes live in its C1 range), and a meta tag can't declare UTF-16 (it would be unreadable)
_AS_BROWSERS_READ: Mapping[str, str] = MappingProxyType({
    "iso8859-1": "cp1252", "ascii": "cp1252",
    "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
})


def _declared(raw: bytes) -> str | None:
    """The page's declared charset, read as browsers read it (the WHATWG encoding labels)."""
    match = _META_CHARSET.search(raw[:_SNIFF_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _AS_BROWSERS_READ.get(codec, codec)


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text with no BOM: every other byte of ASCII markup is NUL."""
    head = raw[:_SNIFF_BYTES]
    if len(head) < 4 or head.count(0) < len(head) // 3:
        return None
    encoding = "utf-16-le" if head[1] == 0 else "utf-16-be"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad paste, a multi-byte character cut in two), read as UTF-8
    with U+FFFD for them: detection would read the whole page as some other charset, every accent
    wrong. "A few": at most one broken sequence for every ten characters beyond ASCII."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - broken
    return text if broken * 10 <= wide else None


def decode_html(raw: bytes) -> str:
    """Decode a page the way a browser would, without trusting a wrong declaration blindly.

    Bytes that are valid UTF-8 are UTF-8, whatever the page declares: a page in another charset is
    valid UTF-8 only when it is ASCII (which reads the same), while "UTF-8 declared as
    windows-1252" is a common server or template mistake.
    """
    if not raw.strip():
        raise NotAnArticle("empty", "the document is empty")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    wide = _utf16_without_bom(raw)
    if wide is not None:
        return wide
    refuse_non_html(raw[:1024].decode("latin-1"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(raw)
    if declared and declared != "utf-8":
        try:
            return raw.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration: fall through to detection
    text = _mostly_utf8(raw)
    if text is not None:
        return text
    best = from_bytes(raw[:200_000]).best()
    if best is None:
        raise UndecodableDocument("no declared or detected encoding decodes these bytes")
    return raw.decode(best.encoding, errors="replace")
