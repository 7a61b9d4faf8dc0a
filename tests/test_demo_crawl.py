"""End to end on the bundled demo site: the real `scrapy crawl news`, edition 1, edition 2, then
edition 2 again, all into one SQLite file, checked against newsscraper/demo/site/manifest.json.

Text checks stay within what the cleaner guarantees: the title as a field, and the seed page's
lead paragraph exactly once.
"""

from __future__ import annotations

import json
import re
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
EDITION1: dict[str, dict[str, Any]] = MANIFEST["editions"]["1"]["articles"]
EDITION2: dict[str, dict[str, Any]] = MANIFEST["editions"]["2"]["articles"]
TRAPS = ("not_found", "server_error", "not_html", "robots_disallowed", "too_short")


@dataclass
class Snapshot:
    """One crawl's outcome: its run, the rows stored after it, and the paths the server was asked for."""

    run: CrawlRun
    rows: dict[str, dict[str, Any]]
    requested: list[str]


def stored(database: Path) -> dict[str, dict[str, Any]]:
    """Rows by URL path (the port changes from one test session to the next)."""
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    return {"/" + row["canonical_url"].split("/", 3)[3]: dict(row) for row in conn.execute("SELECT * FROM articles")}


@pytest.fixture(scope="module")
def crawls(crawl: Callable[..., CrawlRun], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Snapshot]:
    database = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    snapshots = {}
    with DemoSite() as site:
        for name, edition in (("edition1", 1), ("edition2", 2), ("edition2_again", 2)):
            site.set_edition(edition)
            now = MANIFEST["editions"][str(edition)]["now"]  # the day the edition stands for: sitemap ages
            run = crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={now}")
            assert run.returncode == 0, run.log
            snapshots[name] = Snapshot(run, stored(database), list(site.requested))
    return snapshots


def test_edition1_stores_exactly_the_manifest_articles_with_their_titles(crawls: dict[str, Snapshot]) -> None:
    rows = crawls["edition1"].rows
    assert sorted(rows) == sorted(EDITION1)
    assert {path: row["title"] for path, row in rows.items()} == {p: a["title"] for p, a in EDITION1.items()}
    assert len({row["language"] for row in rows.values()} - {None}) >= 3


def test_edition1_summary_counts_every_trap_as_a_drop(crawls: dict[str, Snapshot]) -> None:
    run = crawls["edition1"].run
    assert run.counts() == {"new": len(EDITION1), "updated": 0, "unchanged": 0, "dropped": len(TRAPS)}
    drops = run.drops()
    assert {k: drops.pop(k, 0) for k in ("http_404", "http_500", "not_html", "robots_txt")} == {
        "http_404": 1, "http_500": 1, "not_html": 1, "robots_txt": 1}
    assert sum(drops.values()) == 1  # the too-short page: too_short, or the cleaner's own reason


@pytest.mark.parametrize("trap", TRAPS)
def test_no_row_and_one_logged_drop_for_each_trap(crawls: dict[str, Snapshot], trap: str) -> None:
    path = MANIFEST[trap]
    assert path not in crawls["edition1"].rows
    line = re.compile(rf"Dropped \((\w+)\): http://127\.0\.0\.1:\d+{re.escape(path)}(?: \(.*)?$", re.M)
    assert len(line.findall(crawls["edition1"].run.log)) == 1


def test_robots_disallowed_paths_are_never_requested(crawls: dict[str, Snapshot]) -> None:
    robots = (DEMO_SITE_ROOT / "edition1" / "robots.txt").read_text(encoding="utf-8")
    disallowed = [line.split(":", 1)[1].strip() for line in robots.splitlines() if line.lower().startswith("disallow:")]
    assert any(MANIFEST["robots_disallowed"].startswith(prefix) for prefix in disallowed)
    for snapshot in crawls.values():
        assert "/robots.txt" in snapshot.requested
        assert not [p for p in snapshot.requested if any(p.startswith(prefix) for prefix in disallowed)]


def test_shared_article_is_fetched_and_stored_once(crawls: dict[str, Snapshot]) -> None:
    shared = MANIFEST["shared_article"]
    assert crawls["edition1"].requested.count(shared) == 1
    assert shared in crawls["edition1"].rows


def test_seed_page_title_is_a_field_and_its_lead_paragraph_is_stored_once(crawls: dict[str, Snapshot]) -> None:
    seed = MANIFEST["seed_page"]
    row = crawls["edition1"].rows[seed]
    expected = EDITION1[seed]
    assert row["title"] == expected["title"]
    assert row["text"].count(expected["title"]) == 0
    assert row["text"].count(expected["first_paragraph"]) == 1
    assert json.loads(row["paragraphs"]).count(expected["first_paragraph"]) == 1


def test_edition2_counts_new_updated_unchanged_across_runs(crawls: dict[str, Snapshot]) -> None:
    changes = MANIFEST["edition2"]
    assert crawls["edition2"].run.counts() == {
        "new": len(changes["added"]),
        "updated": 1,
        "unchanged": len(EDITION2) - len(changes["added"]) - 1,
        "dropped": len(TRAPS),
    }


def test_edition2_keeps_history_rows_and_updates_the_edited_article(crawls: dict[str, Snapshot]) -> None:
    before, after = crawls["edition1"].rows, crawls["edition2"].rows
    changes = MANIFEST["edition2"]
    assert sorted(after) == sorted(set(EDITION1) | set(EDITION2))
    assert changes["removed"] in after and after[changes["removed"]] == before[changes["removed"]]
    edited = changes["edited"]
    assert after[edited]["content_hash"] != before[edited]["content_hash"]
    assert after[edited]["text"] != before[edited]["text"]
    assert after[edited]["first_seen"] == before[edited]["first_seen"]
    for path in set(EDITION1) & set(EDITION2) - {edited}:
        assert after[path]["text"] == before[path]["text"], path
        assert after[path]["last_changed"] == before[path]["last_changed"], path
    for path in changes["added"]:
        assert after[path]["title"] == EDITION2[path]["title"]


def test_a_second_crawl_of_the_same_edition_loses_nothing(crawls: dict[str, Snapshot]) -> None:
    first, again = crawls["edition2"], crawls["edition2_again"]
    assert again.run.counts() == {"new": 0, "updated": 0, "unchanged": len(EDITION2), "dropped": len(TRAPS)}
    assert len(again.rows) == len(first.rows)
    assert {p: r["text"] for p, r in again.rows.items()} == {p: r["text"] for p, r in first.rows.items()}


def test_no_crawl_starts_scrapys_remote_control_server(crawls: dict[str, Snapshot]) -> None:
    for snapshot in crawls.values():
        assert "remote_control" not in snapshot.run.log


def test_no_crawl_logs_a_warning_about_a_generator_callback(crawls: dict[str, Snapshot]) -> None:
    for snapshot in crawls.values():
        assert "is a generator and includes a \"return\"" not in snapshot.run.log
