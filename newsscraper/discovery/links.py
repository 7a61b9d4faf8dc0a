"""Which links lead to articles, judged from the URL alone, and one canonical form per URL.

A section page links to articles, other sections, tags, authors, the next page, static files and
other sites. The URL's shape tells most of them apart (a date in the path, a long numeric id, a
long slug), so the classifier is a pure function: cheap, unit-tested, and the same for every site.
A URL that ends in a short slug (``/feather-duvet-lung.html``, ``/classificacao-nascar/``) is the
one shape it can't decide: :func:`could_be_article` says so, and the page around the link decides
(:mod:`newsscraper.discovery.context`). A site whose URLs defeat both gets a per-site pattern in
the sites file (issue 5).
"""

from __future__ import annotations

import contextlib
import re
from enum import Enum
from posixpath import splitext
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qsl, unquote, urljoin, urlsplit

from courlan import normalize_url
from scrapy.linkextractors import IGNORED_EXTENSIONS
from w3lib.url import canonicalize_url

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = [
    "LinkKind", "canonical_url", "choose_canonical", "classify", "could_be_article", "is_same_site", "site_host",
]


class LinkKind(str, Enum):
    """What a link points to; the spider follows ARTICLE, SECTION and PAGINATION links only."""

    ARTICLE = "article"
    SECTION = "section"
    TAG = "tag"
    AUTHOR = "author"
    PAGINATION = "pagination"
    OFFSITE = "offsite"
    STATIC = "static"
    OTHER = "other"


STATIC_EXTENSIONS = frozenset(IGNORED_EXTENSIONS) | {
    "atom", "css", "csv", "gz", "ics", "js", "json", "rss", "txt", "woff", "woff2", "xml",
}
# Extensions a page URL may carry; stripped before the slug is read.
PAGE_EXTENSIONS = frozenset({"asp", "aspx", "cms", "htm", "html", "php", "shtml", "xhtml"})
TAG_WORDS = frozenset({
    "keyword", "keywords", "mot-cle", "mots-cles", "schlagwort", "sujet", "sujets", "tag", "tags",
    "thema", "themen", "theme", "themes", "topic", "topics",
})
AUTHOR_WORDS = frozenset({
    "auteur", "auteurs", "author", "authors", "autor", "autoren", "contributor", "contributors",
    "journaliste", "journalistes", "journalist", "journalists", "profile", "signataire", "writer",
})
# Pages of a news site that are neither news nor lists of news.
UTILITY_WORDS = frozenset({
    "a-propos", "about", "abonnement", "account", "advertise", "aviso-legal", "cart", "cgu", "comments",
    "contact", "contacto", "cookies", "datenschutz", "faq", "feed", "feeds", "help", "impressum", "jobs",
    "kontakt", "legal", "login", "logout", "mentions-legales", "newsletter", "newsletters", "print",
    "privacidad", "privacy", "quienes-somos", "recherche", "register", "rss", "search", "share", "shop",
    "signin", "sitemap", "subscribe", "subscription", "suche", "terms", "ueber-uns",
})
PAGINATION_PARAMS = frozenset({"page", "pg", "pagina", "seite", "start", "offset"})
ARTICLE_ID_PARAMS = frozenset({"aid", "art", "article", "articleid", "id", "nid", "p", "story", "storyid"})
MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
DATE_RE = re.compile(
    rf"(?:^|/)(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2]|(?:{MONTHS})[a-z]*)[/-](?:0?[1-9]|[12]\d|3[01])(?=[/_-]|$)"
)
LONG_NUMBER_RE = re.compile(r"(?<![0-9])\d{5,}(?![0-9])")
PAGE_SEGMENT_RE = re.compile(r"^(?:page|pages|seite|pagina)[-_]?\d+$")
PAGE_WORDS = frozenset({"page", "pages", "seite", "pagina"})
LANGUAGE_RE = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2})?$")
WORD_SPLIT_RE = re.compile(r"[-_.+]+")
MAX_SECTION_SEGMENTS = 3
#: the shortest slug an article may have (two words); one word is a section's name
MIN_SHORT_SLUG_WORDS = 2
#: query parameters of a search
SEARCH_PARAMS = frozenset({"q", "query", "s"})
INDEX_PAGES = frozenset({"index", "default", "home", "accueil"})


def site_host(url_or_host: str) -> str:
    """The host that names a site: lower case, no port, no leading ``www.``."""
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host.split(":")[0]
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def is_same_site(url: str, hosts: Collection[str]) -> bool:
    """True when the URL's host is one of ``hosts`` or a subdomain of one (``m.``, ``www.``)."""
    host = site_host(url)
    return any(host == h or host.endswith("." + h) for h in map(site_host, hosts))


def _split(url: str) -> SplitResult | None:
    """The URL's parts, or None for one that can't be parsed."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def canonical_url(url: str) -> str:
    """One spelling per page, so the same article reached by two URLs is stored once.

    courlan drops tracking parameters (``utm_*``, ``fbclid``…), the default port and the case of
    the host; w3lib sorts the query and drops the fragment. A URL beyond ASCII (a host in another
    script) gets w3lib's spelling first (the host in punycode), which courlan then reads as it
    reads any other, so that the canonical form of a canonical URL is itself.
    """
    if not url.isascii():
        url = canonicalize_url(url, keep_fragments=False)
    with contextlib.suppress(ValueError):  # courlan rejects some odd URLs that w3lib still handles
        url = normalize_url(url)
    return canonicalize_url(url, keep_fragments=False)


def choose_canonical(url: str, declared: str | None, hosts: Collection[str]) -> str:
    """The page's declared canonical URL when it is a believable article URL of the same site.

    A ``<link rel=canonical>`` merges an article's variants (AMP, print, tracking) into one row,
    but some sites declare their home page or another site for every article; then the fetched
    URL is the safer key.
    """
    if declared:
        declared = urljoin(url, declared)
        if classify(declared, hosts) is LinkKind.ARTICLE:
            return canonical_url(declared)
    return canonical_url(url)


def classify(url: str, hosts: Collection[str]) -> LinkKind:
    """Say what a link on one of the ``hosts`` sites points to, from the shape of its URL; a URL
    that can't be parsed (``http://[oops``) points nowhere: OTHER."""
    parts = _split(url)
    if parts is None or parts.scheme not in ("http", "https"):
        return LinkKind.OTHER
    if not is_same_site(url, hosts):
        return LinkKind.OFFSITE
    segments, ext = _path_segments(parts.path)
    if ext in STATIC_EXTENSIONS:
        return LinkKind.STATIC
    return _classify_on_site(segments, dict(parse_qsl(parts.query.lower())))


def could_be_article(url: str, hosts: Collection[str]) -> bool:
    """Whether a URL the classifier calls a section or "other" may be an article all the same:
    its last segment is a slug of two words or more (digits aside), it has no query but trackers
    (``?sort=``, ``?q=`` make a list), and no word of its path makes it a utility, tag, author or
    pagination page. Only the page around the link can tell."""
    if classify(url, hosts) not in (LinkKind.SECTION, LinkKind.OTHER):
        return False
    parts = urlsplit(url)
    segments, _ = _path_segments(parts.path)
    query = dict(parse_qsl(parts.query.lower()))
    if not segments or _is_utility(segments, query) or any(not k.startswith("utm_") for k in query):
        return False
    lettered = [w for w in WORD_SPLIT_RE.split(segments[-1]) if any(c.isalpha() for c in w)]
    return len(lettered) >= MIN_SHORT_SLUG_WORDS


def _path_segments(path: str) -> tuple[list[str], str]:
    """The path's lower-cased segments, a page extension (``.html``) taken off the last one,
    and the last one's extension."""
    segments = [unquote(s).lower() for s in path.split("/") if s]
    last, ext = splitext(segments[-1]) if segments else ("", "")
    ext = ext.lstrip(".")
    if ext in PAGE_EXTENSIONS:
        segments[-1] = last
    return segments, ext


def _is_utility(segments: list[str], query: dict[str, str]) -> bool:
    return bool(set(segments) & UTILITY_WORDS or SEARCH_PARAMS & query.keys())


def _classify_on_site(segments: list[str], query: dict[str, str]) -> LinkKind:
    """The on-site part of :func:`classify`: word lists first, then the article signals."""
    words = set(segments)
    if _is_utility(segments, query):
        return LinkKind.OTHER
    if words & TAG_WORDS:
        return LinkKind.TAG
    if words & AUTHOR_WORDS:
        return LinkKind.AUTHOR
    if _is_pagination(segments, query):
        return LinkKind.PAGINATION
    if _is_article(segments, query):
        return LinkKind.ARTICLE
    if _is_section(segments) or _is_date_archive(segments):
        return LinkKind.SECTION
    return LinkKind.OTHER


def _is_pagination(segments: list[str], query: dict[str, str]) -> bool:
    if any(query.get(p, "").isdigit() for p in PAGINATION_PARAMS):
        return True
    if segments and PAGE_SEGMENT_RE.match(segments[-1]):
        return True
    return len(segments) >= 2 and segments[-2] in PAGE_WORDS and segments[-1].isdigit()


def _is_article(segments: list[str], query: dict[str, str]) -> bool:
    """A dated path with something after the date, a long number, a long slug or an id parameter."""
    path = "/".join(segments)
    date = DATE_RE.search(path)
    if date and path[date.end():].strip("/-_"):
        return True
    if LONG_NUMBER_RE.search(path):
        return True
    if segments and _slug_words(segments[-1]) >= 4:
        return True
    return any(query.get(p, "").isdigit() for p in ARTICLE_ID_PARAMS)


def _is_section(segments: list[str]) -> bool:
    """A few short words, after an optional language prefix: ``/``, ``/fr/monde/``, ``/news/uk/politics``."""
    if segments and LANGUAGE_RE.match(segments[0]):
        segments = segments[1:]
    return len(segments) <= MAX_SECTION_SEGMENTS and all(_is_section_word(s) for s in segments)


def _slug_words(segment: str) -> int:
    """How many words a slug has: ``us-election-results-live`` has 4; digits count as words."""
    return len([w for w in WORD_SPLIT_RE.split(segment) if w])


def _is_section_word(segment: str) -> bool:
    """Section paths are short words: ``world``, ``fr``, ``science-environment``, ``index``."""
    if segment in INDEX_PAGES or LANGUAGE_RE.match(segment):
        return True
    return not any(c.isdigit() for c in segment) and _slug_words(segment) <= 3


def _is_date_archive(segments: list[str]) -> bool:
    """``/2024/``, ``/2024/05/``, ``/world/2024/may/01/``: a list of one period's articles."""
    return bool(segments) and all(
        s.isdigit() or s[:3] in MONTHS.split("|") or _is_section_word(s) for s in segments
    ) and any(s.isdigit() and len(s) == 4 for s in segments)
