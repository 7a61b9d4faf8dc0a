"""Sites are data: a TOML file with one ``[[site]]`` table a site, loaded into small typed records.

::

    [[site]]
    name = "demo"
    start_urls = ["http://127.0.0.1:8000/"]   # section pages the crawl starts from
    allowed_domains = ["127.0.0.1"]            # optional; default: the start URLs' hosts

Issue 5 adds feeds, sitemaps and per-site overrides to the same table. A malformed file raises
:class:`SitesFileError` naming the file and line before the crawl sends any request.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .links import site_host

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Site", "SitesFileError", "load_sites", "sites_from_urls"]

KNOWN_KEYS = frozenset({"name", "start_urls", "allowed_domains"})


class SitesFileError(ValueError):
    """The sites file can't be used; the message names the file, the line and the problem."""


@dataclass(frozen=True)
class Site:
    """One site to crawl: where to start and which hosts belong to it."""

    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]


def sites_from_urls(urls: Iterable[str]) -> list[Site]:
    """Group ad-hoc start URLs (``-a start_urls=…``) into one site per host, in order."""
    by_host: dict[str, list[str]] = {}
    for url in urls:
        url = url.strip()
        if not url:
            continue
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"start URL {url!r} is not an http(s) URL")
        by_host.setdefault(site_host(url), []).append(url)
    return [Site(host, tuple(urls), (host,)) for host, urls in by_host.items()]


def load_sites(path: str | Path) -> list[Site]:
    """Read a sites file; every problem is reported with the file and line it comes from."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SitesFileError(f"{path}: can't read the sites file: {exc.strerror}") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise SitesFileError(f"{path}: not valid TOML: {exc}") from exc
    tables = data.get("site")
    if not isinstance(tables, list) or not tables:
        raise SitesFileError(f"{path}: no [[site]] table found")
    lines = _site_lines(raw)
    sites = []
    for index, table in enumerate(tables):
        where = f"{path}:{lines[index] if index < len(lines) else '?'}"
        sites.append(_site(table, where))
    names = [s.name for s in sites]
    if len(set(names)) != len(names):
        raise SitesFileError(f"{path}: two sites share a name: {sorted(n for n in names if names.count(n) > 1)}")
    return sites


def _site(table: dict[str, Any], where: str) -> Site:
    """Check one ``[[site]]`` table and turn it into a Site."""
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise SitesFileError(f"{where}: unknown key(s) {', '.join(unknown)} in [[site]]")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SitesFileError(f"{where}: [[site]] needs a name")
    urls = table.get("start_urls")
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
        raise SitesFileError(f"{where}: site {name!r} needs start_urls, a list of URLs")
    bad = [u for u in urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).hostname]
    if bad:
        raise SitesFileError(f"{where}: site {name!r} has start URLs that are not http(s) URLs: {bad}")
    domains = table.get("allowed_domains", [site_host(u) for u in urls])
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise SitesFileError(f"{where}: site {name!r}: allowed_domains must be a list of host names")
    return Site(name.strip(), tuple(urls), tuple(dict.fromkeys(site_host(d) for d in domains)))


def _site_lines(raw: str) -> list[int]:
    """Line numbers (1-based) of each ``[[site]]`` header, to point errors at the right entry."""
    return [n for n, line in enumerate(raw.splitlines(), 1) if line.strip().startswith("[[site]]")]
