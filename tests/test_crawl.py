"""End to end on a small site built here: the real `scrapy crawl news`, two editions, one store.

The bundled demo site (tests/test_demo_crawl.py) is the full check; this one pins the crawl's own
behaviour on pages simple enough that any reasonable cleaner extracts them the same way.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

import pytest

from newsscraper.demo import runner as demo
from newsscraper.demo.server import DemoSite

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun


def page(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def story(topic: str, extra: str = "") -> str:
    return page(
        f"News about the {topic}",
        f"The {topic} was the talk of the town on Monday, as crowds gathered near the harbour to watch.{extra}",
        f"Officials said the {topic} would be reviewed by an independent panel before the end of the month.",
        f"Residents interviewed about the {topic} were divided, and several asked for a public meeting soon.",
        f"The council will publish its own report on the {topic} next week, a spokesman for the mayor said.",
    )


def links(*paths: str) -> str:
    return "".join(f'<a href="{p}">{p}</a> ' for p in paths)


EDITION1 = {
    "index.html": page("Home", links("/world/", "/tag/harbour", "/author/jane-doe", "https://twitter.com/x",
                                     "/2024/05/01/harbour-festival.html", "/2024/05/01/missing-story.html",
                                     "/2024/05/01/broken-story.html", "/2024/05/01/pdf-story-here.html",
                                     "/2024/05/01/brief-note-on-weather.html", "/private/2024/05/01/secret-plan.html")),
    "world/index.html": page("World", links("/2024/05/01/harbour-festival.html", "/2024/05/02/bridge-vote.html",
                                            "/2024/05/03/school-opening.html")),
    "2024/05/01/harbour-festival.html": story("harbour festival"),
    "2024/05/02/bridge-vote.html": story("bridge vote"),
    "2024/05/03/school-opening.html": story("school opening"),
    "2024/05/01/pdf-story-here.html": story("printed report"),
    "2024/05/01/brief-note-on-weather.html": page("Weather", "Rain later."),
    "private/2024/05/01/secret-plan.html": story("secret plan"),
    "robots.txt": "User-agent: *\nDisallow: /private/\n",
    "_routes.json": json.dumps({"/2024/05/01/broken-story.html": {"status": 500},
                                "/2024/05/01/pdf-story-here.html": {"content_type": "application/pdf"}}),
}
EDITION2 = {  # bridge vote edited, a new story, school opening no longer linked
    "world/index.html": page("World", links("/2024/05/01/harbour-festival.html", "/2024/05/02/bridge-vote.html",
                                            "/2024/05/04/new-ferry-line.html")),
    "2024/05/02/bridge-vote.html": story("bridge vote", " The vote was postponed."),
    "2024/05/04/new-ferry-line.html": story("new ferry line"),
}


SITE_EDITIONS = {"edition1": EDITION1, "edition2": EDITION2}  # served by conftest's `site` fixture


def rows(database: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(database)
    return {url.split("/", 3)[3]: (title, text) for url, title, text in
            conn.execute("SELECT canonical_url, title, text FROM articles")}


def test_two_editions_into_one_store(site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    first = crawl(site.url, database)
    assert first.returncode == 0, first.log
    assert first.counts() == {"new": 3, "updated": 0, "unchanged": 0, "dropped": 5}
    assert first.drops() == {"http_404": 1, "http_500": 1, "not_html": 1, "robots_txt": 1, "too_short": 1}
    assert first.summary[0].endswith(f"(store: {database})")
    assert not any(path.startswith("/private/") for path in site.requested)
    assert site.requested.count("/2024/05/01/harbour-festival.html") == 1  # linked twice, fetched once
    assert not any(p.startswith(("/tag/", "/author/")) for p in site.requested)
    assert "Dropped (too_short): http://127.0.0.1" in first.log
    stored = rows(database)
    assert sorted(stored) == ["2024/05/01/harbour-festival.html", "2024/05/02/bridge-vote.html",
                              "2024/05/03/school-opening.html"]
    assert stored["2024/05/02/bridge-vote.html"][0] == "News about the bridge vote"

    site.set_edition(2)
    second = crawl(site.url, database)
    assert second.returncode == 0, second.log
    assert second.counts() == {"new": 1, "updated": 1, "unchanged": 1, "dropped": 5}
    after = rows(database)
    assert len(after) == 4  # the unlinked school story is kept, not deleted
    assert "The vote was postponed." in after["2024/05/02/bridge-vote.html"][1]
    assert after["2024/05/03/school-opening.html"] == stored["2024/05/03/school-opening.html"]


def test_a_second_crawl_of_the_same_edition_loses_nothing(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    database = tmp_path / "news.sqlite"
    crawl(site.url, database)
    before = rows(database)
    again = crawl(site.url, database)
    assert again.counts() == {"new": 0, "updated": 0, "unchanged": 3, "dropped": 5}
    assert rows(database) == before


def test_items_export_with_dash_o(site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    run = crawl(site.url, tmp_path / "news.sqlite", "-O", str(out))
    assert run.returncode == 0, run.log
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(i["canonical_url"].split("/", 3)[3] for i in items) == [
        "2024/05/01/harbour-festival.html", "2024/05/02/bridge-vote.html", "2024/05/03/school-opening.html"]
    assert {i["change"] for i in items} == {"new"}
    assert all(isinstance(i["paragraphs"], list) and i["content_hash"] for i in items)


def test_without_a_store_the_crawl_still_exports(
    site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    out = tmp_path / "articles.jsonl"
    run = crawl(site.url, "", "-O", str(out))
    assert run.returncode == 0, run.log
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert run.summary[0] == "articles: new=0 updated=0 unchanged=0 dropped=5 scraped=3 (store: none)"


def test_the_demo_command_prints_both_summaries(
    site_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "data" / "demo.sqlite"
    assert demo.main(["--site", str(site_root), "--database", str(database)]) == 0
    summaries = [line for line in capsys.readouterr().out.splitlines() if line.startswith("articles:")]
    assert [s.split(" (store")[0] for s in summaries] == [
        "articles: new=3 updated=0 unchanged=0 dropped=5",
        "articles: new=1 updated=1 unchanged=1 dropped=5",
    ]
    assert (tmp_path / "data" / "demo-edition2.log").stat().st_size > 0
