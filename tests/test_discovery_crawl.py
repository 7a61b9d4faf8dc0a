"""End to end on the bundled demo site: articles found through feeds and sitemaps only, one fetch
per URL whatever the routes, and the old sitemap left alone; newsscraper/demo/site/manifest.json
names the articles."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from newsscraper.demo.server import DEMO_SITE_ROOT, DemoSite

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun

MANIFEST: dict[str, Any] = json.loads((DEMO_SITE_ROOT / "manifest.json").read_text(encoding="utf-8"))
FEED_ONLY, SITEMAP_ONLY, MULTI = MANIFEST["feed_only"], MANIFEST["sitemap_only"], MANIFEST["multi_route_article"]


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture(scope="module")
def editions(crawl: Callable[..., CrawlRun], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each edition crawled into its own store and export: its items by path, rows, requests and log."""
    folder = tmp_path_factory.mktemp("discovery")
    results = {}
    with DemoSite() as site:
        for edition in ("1", "2"):
            site.set_edition(int(edition))
            export, database = folder / f"edition{edition}.jsonl", folder / f"edition{edition}.sqlite"
            now = MANIFEST["editions"][edition]["now"]
            run = crawl(site.url, database, "-O", str(export), "-s", f"NEWSSCRAPER_NOW={now}")
            assert run.returncode == 0, run.log
            items = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
            results[edition] = {"items": {path_of(i["canonical_url"]): i for i in items}, "rows": rows(database),
                                "requested": list(site.requested), "run": run}
    return results


def rows(database: Path) -> dict[str, str]:
    conn = sqlite3.connect(database)
    return {path_of(url): title for url, title in conn.execute("SELECT canonical_url, title FROM articles")}


@pytest.mark.parametrize("edition", ["1", "2"])
def test_every_manifest_article_is_stored_including_feed_only_and_sitemap_only(
    editions: dict[str, dict[str, Any]], edition: str
) -> None:
    expected = MANIFEST["editions"][edition]["articles"]
    assert editions[edition]["rows"] == {path: article["title"] for path, article in expected.items()}


@pytest.mark.parametrize("edition", ["1", "2"])
def test_the_feed_only_and_sitemap_only_articles_carry_their_route_and_listed_date(
    editions: dict[str, dict[str, Any]], edition: str
) -> None:
    items = editions[edition]["items"]
    assert items[FEED_ONLY]["discovered_via"] == "feed"
    assert items[FEED_ONLY]["listed_published"] == "2026-11-20T09:45:00+00:00"  # the RSS pubDate
    assert items[SITEMAP_ONLY]["discovered_via"] == "sitemap"
    assert items[SITEMAP_ONLY]["listed_published"] == "2026-11-20T11:25:00+01:00"  # news:publication_date
    assert {i["discovered_via"] for i in items.values()} == {"section", "feed", "sitemap"}


@pytest.mark.parametrize("edition", ["1", "2"])
def test_a_url_found_by_sections_feed_and_sitemap_is_fetched_once(
    editions: dict[str, dict[str, Any]], edition: str
) -> None:
    requested = editions[edition]["requested"]
    assert requested.count(MULTI) == 1
    articles = [p for p in requested if p in MANIFEST["editions"][edition]["articles"]]
    assert len(articles) == len(set(articles)) == len(MANIFEST["editions"][edition]["articles"])


@pytest.mark.parametrize("edition", ["1", "2"])
def test_listings_are_read_once_and_the_old_sitemap_never(editions: dict[str, dict[str, Any]], edition: str) -> None:
    requested = editions[edition]["requested"]
    for listing in ("/robots.txt", *MANIFEST["feeds"], MANIFEST["sitemap_index"], "/sitemaps/news.xml",
                    "/sitemap.php?type=articles&month=2026-11"):
        assert requested.count(listing) == 1, listing
    assert MANIFEST["old_sitemap"] not in requested  # its index lastmod is weeks old
    assert not {"/sitemap.xml", "/news-sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml"} & set(requested)
    assert editions[edition]["run"].counts()["dropped"] == 5  # listings are never article drops


def test_edition2_finds_the_added_articles(editions: dict[str, dict[str, Any]]) -> None:
    items = editions["2"]["items"]
    for path in MANIFEST["edition2"]["added"]:
        assert items[path]["title"] == MANIFEST["editions"]["2"]["articles"][path]["title"]
    assert MANIFEST["edition2"]["removed"] not in editions["2"]["requested"]


def test_without_robotstxt_obey_the_sitemap_lines_of_robots_txt_are_still_read(
    crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    now = MANIFEST["editions"]["1"]["now"]
    with DemoSite() as site:
        run = crawl(site.url, tmp_path / "news.sqlite", "-s", "ROBOTSTXT_OBEY=False", "-s", f"NEWSSCRAPER_NOW={now}")
        requested = list(site.requested)
    assert run.returncode == 0, run.log
    assert requested.count("/robots.txt") == 1
    assert requested.count(MANIFEST["sitemap_index"]) == 1
    assert SITEMAP_ONLY in rows(tmp_path / "news.sqlite")
