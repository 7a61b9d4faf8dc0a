"""Incremental re-crawls end to end on the bundled demo site: edition 1, edition 2, edition 2 again,
one store, every stored article revisited (NEWSSCRAPER_REFETCH_AFTER=0, see conftest.FAST).

Edition 2 must answer 304 for every stored article but the edited one, and a second crawl of the
same edition must download no stored article's body; the numbers come from the demo server's own
record of what it answered and from the runs table.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from newsscraper.demo.server import DEMO_SITE_ROOT, DemoSite

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun

MANIFEST: dict[str, Any] = json.loads((DEMO_SITE_ROOT / "manifest.json").read_text(encoding="utf-8"))


@dataclass
class Crawl:
    """One crawl: its run, the article paths stored after it, what the server answered, its runs row."""

    run: CrawlRun
    stored: set[str]
    answered: list[tuple[str, int]]
    row: dict[str, Any]

    def article_answers(self, paths: set[str]) -> dict[str, list[int]]:
        """The statuses each of these article paths was answered with during the crawl."""
        answers: dict[str, list[int]] = {}
        for path, status in self.answered:
            if path in paths:
                answers.setdefault(path, []).append(status)
        return answers


def paths(database: Path) -> set[str]:
    rows = sqlite3.connect(database).execute("SELECT canonical_url FROM articles")
    return {"/" + url.split("/", 3)[3] for (url,) in rows}


def last_run(database: Path) -> dict[str, Any]:
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    return dict(conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone())


@pytest.fixture(scope="module")
def crawls(crawl: Callable[..., CrawlRun], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Crawl]:
    database = tmp_path_factory.mktemp("demo-incremental") / "demo.sqlite"
    done = {}
    with DemoSite() as site:
        for name, edition in (("edition1", 1), ("edition2", 2), ("edition2_again", 2)):
            site.set_edition(edition)
            now = MANIFEST["editions"][str(edition)].get("now")  # sitemap ages, when the site has sitemaps
            run = crawl(site.url, database, *(("-s", f"NEWSSCRAPER_NOW={now}") if now else ()))
            assert run.returncode == 0, run.log
            done[name] = Crawl(run, paths(database), list(site.answered), last_run(database))
    return done


def test_edition2_answers_304_for_every_stored_article_but_the_edited_one(crawls: dict[str, Crawl]) -> None:
    edited = MANIFEST["edition2"]["edited"]
    stored = crawls["edition1"].stored
    answers = crawls["edition2"].article_answers(stored)
    assert answers[edited] == [200]
    revisited = set(answers) - {edited}
    assert revisited and all(answers[path] == [304] for path in revisited), answers
    assert MANIFEST["edition2"]["removed"] not in answers  # no longer linked: not requested
    run = crawls["edition2"].run
    assert run.counts()["updated"] == 1
    assert run.counts()["unchanged"] == len(revisited) == crawls["edition2"].row["not_modified"]


def test_a_second_crawl_of_the_same_edition_downloads_no_stored_article_body(crawls: dict[str, Crawl]) -> None:
    again = crawls["edition2_again"]
    answers = again.article_answers(crawls["edition2"].stored)
    assert answers and all(statuses == [304] for statuses in answers.values()), answers
    assert again.run.counts() == {"new": 0, "updated": 0, "unchanged": len(answers),
                                  "dropped": crawls["edition2"].run.counts()["dropped"]}
    assert again.row["not_modified"] == len(answers)
    # every body it still downloads is a page that is not a stored article: listings, feeds, traps
    bodies = [path for path, status in again.answered if status != 304]
    assert len(bodies) == again.row["bodies"]
    assert not set(bodies) & crawls["edition2"].stored


def test_the_second_run_makes_as_many_requests_but_downloads_only_what_changed(crawls: dict[str, Crawl]) -> None:
    first, second = crawls["edition1"].row, crawls["edition2"].row
    assert first["bodies"] == first["requests"]  # nothing to revalidate in a new store
    assert second["requests"] >= first["requests"]  # one article no longer linked, two added
    # every article of edition 1 but the removed and the edited one is a 304: no body
    assert second["not_modified"] == first["articles_new"] - 2
    assert second["bodies"] == second["requests"] - second["not_modified"]


def test_history_keeps_both_texts_of_the_edited_article(crawls: dict[str, Crawl], tmp_path_factory: Any) -> None:
    edited = MANIFEST["edition2"]["edited"]
    database = next(tmp_path_factory.getbasetemp().glob("demo-incremental*/demo.sqlite"))
    versions = sqlite3.connect(database).execute(
        "SELECT v.run_id FROM versions v JOIN articles a ON a.id = v.article_id "
        "WHERE a.canonical_url LIKE ? ORDER BY v.id", (f"%{edited}",)).fetchall()
    assert versions == [(crawls["edition1"].row["id"],), (crawls["edition2"].row["id"],)]


def test_robots_txt_is_downloaded_once_a_crawl_and_every_request_is_counted(crawls: dict[str, Crawl]) -> None:
    for crawl in crawls.values():
        assert [path for path, _ in crawl.answered].count("/robots.txt") == 1
        assert crawl.row["requests"] == len(crawl.answered)
        assert crawl.row["bodies"] == len([status for _, status in crawl.answered if status != 304])
