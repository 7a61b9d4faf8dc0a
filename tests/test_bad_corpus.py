"""The bad-input corpus (tests/bad_corpus.py), crawled end to end and cleaned directly: every kind
ends exactly as its row says, the run's counts are the table's, and the crawl finishes (exit 0)
with nothing crashed, hung past its timeout or closed early."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from bad_corpus import KINDS, NOW, STALL_SECONDS, Kind, article_path, sites_file, write_site
from conftest import PROJECT_ROOT

from cleaners import Article, NotAnArticle, clean
from newsscraper.demo.server import DemoSite

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import CrawlRun

#: a stall lasts past this; a request that got no answer is retried twice (RETRY_TIMES)
DOWNLOAD_TIMEOUT = STALL_SECONDS // 3  # 4 s: a 6 MB body on a busy machine needs some
DROPPED = re.compile(r"Dropped \((\w+)\): (\S+)")
UNUSABLE = re.compile(r"Unusable (?:feed|sitemap) \((\w+)\): (\S+)")


@dataclass
class Crawled:
    """What the corpus crawl left: its run, the paths the server was asked for, the store's URLs."""

    run: CrawlRun
    requested: Counter[str]
    stored: dict[str, str]

    def drops(self, name: str) -> list[str]:
        return [reason for reason, url in DROPPED.findall(self.run.log) if kind_of(url) == name]

    def refusals(self, name: str) -> list[str]:
        return [reason for reason, url in UNUSABLE.findall(self.run.log) if kind_of(url) == name]


def kind_of(url: str) -> str:
    """The kind a URL belongs to: ``/2024/05/01/<kind>/…`` or ``/listings/<kind>.xml``."""
    parts = unquote(urlsplit(url).path).split("/")
    if parts[1:4] == ["2024", "05", "01"]:
        return parts[4]
    return parts[2].removesuffix(".xml").removesuffix("-child") if parts[1] == "listings" else ""


@pytest.fixture(scope="module")
def crawled(crawl: Callable[..., CrawlRun], tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    root = tmp_path_factory.mktemp("corpus")
    write_site(root)
    database = root / "store.sqlite"
    with DemoSite(root) as site:
        run = crawl("", database, "-a", f"sites={sites_file(root, site.url)}", "-s", f"NEWSSCRAPER_NOW={NOW}",
                    "-s", f"DOWNLOAD_TIMEOUT={DOWNLOAD_TIMEOUT}")
        requested = Counter(urlsplit(path).path for path in site.requested)
    with closing(sqlite3.connect(database)) as conn:
        stored = {unquote(urlsplit(url).path): text for url, text in conn.execute(
            "SELECT url, text FROM articles UNION ALL SELECT canonical_url, text FROM articles "
            "UNION ALL SELECT s.url, a.text FROM aliases s JOIN articles a ON a.id = s.article_id")}
    return Crawled(run, requested, stored)


def crawl_outcome(kind: Kind, crawled: Crawled) -> str:
    """How the crawl ended for a kind, in the words of its row."""
    drops = crawled.drops(kind.name)
    if kind.group == "xml":
        refused = crawled.refusals(kind.name)
        listing = f"refused: {', '.join(refused)}" if refused else "read"
        path = article_path(kind.name)
        if path in crawled.stored:
            article = "article stored"
        elif not crawled.requested[path]:
            article = "article not requested"
        else:
            article = f"article {drops}"
        return f"{listing}, {article}"
    stored = [path for path in (kind.path, *kind.files, *kind.hrefs) if path in crawled.stored]
    ends = (["stored"] if stored else []) + [
        "request failed" if reason == "download_error" else f"dropped: {reason}" for reason in drops]
    if kind.group == "link" and not ends:
        asked = [href for href in kind.hrefs if crawled.requested[unquote(urlsplit(href).path)]]
        return f"requested {asked} and nothing came of it" if asked else "not followed"
    return " + ".join(ends) or "nothing"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_kind_ends_in_the_crawl_as_its_row_says(kind: Kind, crawled: Crawled) -> None:
    assert crawl_outcome(kind, crawled) == kind.crawl
    if kind.requests is not None:
        assert crawled.requested[kind.path] == kind.requests
    if kind.contains:
        assert kind.contains in crawled.stored[kind.path]


def test_the_crawl_finishes_and_its_counts_are_the_tables(crawled: Crawled) -> None:
    run = crawled.run
    assert run.returncode == 0, run.log[-5000:]
    assert run.summary[-1] == "  exit 0: ok"
    assert not [line for line in run.summary if "closed early" in line]
    assert "Traceback" not in run.log and "spider_exceptions" not in run.log
    dropped = Counter("download_error" if k.crawl == "request failed" else k.crawl.removeprefix("dropped: ")
                      for k in KINDS if k.group in ("body", "http") and k.crawl != "stored")
    assert run.drops() == dropped
    stored = [k for k in KINDS if k.crawl == "stored" or k.crawl.endswith("article stored")]
    assert run.counts()["new"] == len(stored)
    assert "'urllength/request_ignored_count': 1" in run.log  # the 3,000-character path
    assert "'newsscraper/links/offsite': 1" in run.log


def test_tracking_parameters_and_fragments_lead_to_one_request_and_one_row(crawled: Crawled) -> None:
    path = article_path("link_tracking_parameters")
    assert crawled.requested[path] == 1
    assert [p for p in crawled.stored if kind_of(p) == "link_tracking_parameters"] == [path]


def clean_outcome(kind: Kind) -> str:
    """How ``cleaners.clean`` ended on the kind's body: anything but an Article or NotAnArticle fails."""
    try:
        article = clean(kind.cleaned, url="http://127.0.0.1" + kind.path)
    except NotAnArticle as exc:
        return f"not_article: {exc.reason}"
    assert isinstance(article, Article)
    assert article.paragraphs and all(p.strip() for p in article.paragraphs)
    return "article"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_kind_ends_in_the_cleaner_as_its_row_says(kind: Kind) -> None:
    assert clean_outcome(kind) == kind.clean


def test_the_corpus_has_forty_kinds_and_each_is_named_once() -> None:
    names = [kind.name for kind in KINDS]
    assert len(names) >= 40 and len(set(names)) == len(names)


def test_the_readme_lists_every_kind_and_how_it_ends() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert [k.name for k in KINDS if f"| `{k.name}` | {k.group} | {k.crawl} | {k.clean} |" not in readme] == []
