"""Sites are data: a TOML file with one ``[[site]]`` table a site, loaded into small typed records.

::

    [[site]]
    name = "demo"
    start_urls = ["http://127.0.0.1:8000/"]          # section pages the crawl starts from
    feed_urls = ["http://127.0.0.1:8000/world/rss.xml"]  # optional; default: found on section pages
    sitemap_urls = ["http://127.0.0.1:8000/sitemap.xml"] # optional; default: robots.txt, common paths
    allowed_domains = ["127.0.0.1"]                  # optional; default: the hosts of the URLs above
    article_pattern = "/20\\d\\d/\\d\\d/\\d\\d/"     # optional; overrides the URL-shape guess
    download_delay = 2.5                             # optional; seconds between requests to this site

A malformed file raises :class:`SitesFileError` naming the file, the line and the key before the
crawl sends any request.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsscraper.exitcodes import UserError

from .links import LinkKind, classify, site_host

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Site", "SitesFileError", "load_sites", "sites_from_urls"]

URL_LIST_KEYS = ("start_urls", "feed_urls", "sitemap_urls")
KNOWN_KEYS = frozenset({"name", *URL_LIST_KEYS, "allowed_domains", "article_pattern", "download_delay"})


class SitesFileError(UserError):
    """The sites file can't be used; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Site:
    """One site to crawl: where to find its articles and which hosts belong to it.

    ``feed_urls`` empty means "look for feeds on the section pages"; ``sitemap_urls`` empty
    means "ask robots.txt, then try the common paths".
    """

    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    feed_urls: tuple[str, ...] = ()
    sitemap_urls: tuple[str, ...] = ()
    article_pattern: str | None = None
    download_delay: float | None = None

    def classify(self, url: str) -> LinkKind:
        """:func:`newsscraper.discovery.links.classify`, except that with an ``article_pattern`` a URL of the
        site is an article exactly when the pattern matches it (searched anywhere in the URL)."""
        kind = classify(url, self.allowed_domains)
        if self.article_pattern is None or kind in (LinkKind.OFFSITE, LinkKind.STATIC):
            return kind
        if re.search(self.article_pattern, url):
            return LinkKind.ARTICLE
        return LinkKind.OTHER if kind is LinkKind.ARTICLE else kind

    @property
    def download_slot(self) -> str | None:
        """The Scrapy download slot of a site with its own delay (``DOWNLOAD_SLOTS``), else None."""
        return None if self.download_delay is None else f"newsscraper-site:{self.name}"


def sites_from_urls(urls: Iterable[str]) -> list[Site]:
    """Group ad-hoc start URLs (``-a start_urls=…``) into one site per host, in order."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        url = url.strip()
        if not url:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            raise UserError(f"start URL {url!r} is not an http(s) URL")
        by_host.setdefault(site_host(url), []).append(url)
    return [Site(host, tuple(urls), (host,)) for host, urls in by_host.items()]


def load_sites(path: str | Path) -> list[Site]:
    """Read a sites file; every problem is reported with the file and line it comes from."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SitesFileError(f"{path}: can't read the sites file: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SitesFileError(f"{path}: not UTF-8 text (byte {exc.start}), which TOML must be") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise SitesFileError(f"{path}: not valid TOML: {exc}") from exc
    tables = data.get("site")
    if not isinstance(tables, list) or not tables:
        raise SitesFileError(f"{path}: no [[site]] table found")
    lines = raw.splitlines()
    headers = _site_lines(lines)
    sites = []
    for index, table in enumerate(tables):
        start = headers[index] if index < len(headers) else None
        end = headers[index + 1] if index + 1 < len(headers) else len(lines) + 1
        sites.append(_TableReader(table, path, lines, start, end).site())
    names = [s.name for s in sites]
    if len(set(names)) != len(names):
        raise SitesFileError(f"{path}: two sites share a name: {sorted({n for n in names if names.count(n) > 1})}")
    return sites


class _TableReader:
    """Checks one ``[[site]]`` table; errors point at the line of the key at fault (or the header)."""

    def __init__(self, table: dict[str, Any], path: Path, lines: list[str], start: int | None, end: int) -> None:
        self.table = table
        self.path = path
        self.lines = lines
        self.start = start
        self.end = end

    def error(self, message: str, key: str | None = None) -> SitesFileError:
        line = self.key_line(key) if key else None
        line = line or self.start
        where = f"{self.path}:{line if line else '?'}"
        return SitesFileError(f"{where}: {message}" + (f" (key {key!r})" if key else ""))

    def key_line(self, key: str) -> int | None:
        """The 1-based line where ``key = …`` is set inside this table, if it is written plainly."""
        if self.start is None:
            return None
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        return next((n for n in range(self.start, self.end) if pattern.match(self.lines[n - 1])), None)

    def site(self) -> Site:
        unknown = sorted(set(self.table) - KNOWN_KEYS)
        if unknown:
            raise self.error(f"unknown key(s) {', '.join(unknown)} in [[site]]; known: {', '.join(sorted(KNOWN_KEYS))}",
                             unknown[0])
        name = self.table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.error("[[site]] needs a name", "name" if "name" in self.table else None)
        name = name.strip()
        urls = {key: self.url_list(name, key) for key in URL_LIST_KEYS}
        if not any(urls.values()):
            raise self.error(f"site {name!r} needs start_urls, a list of URLs (or feed_urls / sitemap_urls)",
                             "start_urls" if "start_urls" in self.table else None)
        every_url = [u for key in URL_LIST_KEYS for u in urls[key]]
        domains = self.table.get("allowed_domains", [site_host(u) for u in every_url])
        if not isinstance(domains, list) or not domains or not all(isinstance(d, str) and d.strip() for d in domains):
            raise self.error(f"site {name!r}: allowed_domains must be a list of host names", "allowed_domains")
        return Site(
            name, urls["start_urls"], tuple(dict.fromkeys(site_host(d.strip()) for d in domains)),
            feed_urls=urls["feed_urls"], sitemap_urls=urls["sitemap_urls"],
            article_pattern=self.pattern(name), download_delay=self.delay(name),
        )

    def url_list(self, name: str, key: str) -> tuple[str, ...]:
        urls = self.table.get(key, [])
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise self.error(f"site {name!r}: {key} must be a list of URLs", key)
        bad = [u for u in urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).hostname]
        if bad:
            raise self.error(f"site {name!r} has {key} that are not http(s) URLs: {bad}", key)
        return tuple(urls)

    def pattern(self, name: str) -> str | None:
        pattern = self.table.get("article_pattern")
        if pattern is None:
            return None
        if not isinstance(pattern, str) or not pattern:
            raise self.error(f"site {name!r}: article_pattern must be a regular expression string", "article_pattern")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise self.error(f"site {name!r}: article_pattern is not a valid regular expression: {exc}",
                             "article_pattern") from exc
        return pattern

    def delay(self, name: str) -> float | None:
        delay = self.table.get("download_delay")
        if delay is None:
            return None
        if isinstance(delay, bool) or not isinstance(delay, (int, float)) or delay < 0:
            raise self.error(f"site {name!r}: download_delay must be a number of seconds, 0 or more",
                             "download_delay")
        return float(delay)


def _site_lines(lines: list[str]) -> list[int]:
    """Line numbers (1-based) of each ``[[site]]`` header, to point errors at the right entry."""
    return [n for n, line in enumerate(lines, 1) if re.match(r"^\s*\[\[\s*site\s*\]\]", line)]
