"""Each pipeline built the way Scrapy builds it (from a crawler), the store on a real SQLite file."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
from crawlers import stop, store_crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from newsscraper.config import NewsSettings
from newsscraper.items import ArticleItem
from newsscraper.pipelines.dedup import DedupPipeline
from newsscraper.pipelines.store import StorePipeline
from newsscraper.pipelines.validate import ValidatePipeline
from newsscraper.stats import STORE
from newsscraper.store.errors import StoreUnavailable
from newsscraper.store.hashing import content_hash, normalise_text
from newsscraper.store.writer import StoreWriter

if TYPE_CHECKING:
    from collections.abc import Coroutine
    from pathlib import Path

    from scrapy.crawler import Crawler

BODY = "The river rose overnight and the bridge was closed to traffic by the city. " * 4


def article(**fields: Any) -> ArticleItem:
    values: dict[str, Any] = {
        "url": "https://example.com/2024/05/01/river-rises.html",
        "title": "River rises",
        "text": BODY,
        "paragraphs": [BODY],
        "authors": ["Jane Doe"],
        "published": "2024-05-01",
        "language": "en",
    }
    values.update(fields)
    return ArticleItem(**values)


def crawler_with(**settings: Any) -> Crawler:
    return store_crawler(**{"NEWSSCRAPER_DATABASE": "", "NEWSSCRAPER_MIN_BODY_CHARS": 200, **settings})


def dropped(crawler: Crawler) -> dict[str, int]:
    prefix = "newsscraper/dropped/"
    return {k[len(prefix):]: v for k, v in crawler.stats.get_stats().items() if k.startswith(prefix)}


# --- validate ----------------------------------------------------------------------------------


def test_validate_passes_a_complete_article() -> None:
    crawler = crawler_with()
    item = article()
    assert ValidatePipeline.from_crawler(crawler).process_item(item) is item
    assert dropped(crawler) == {}


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"url": ""}, "missing_url"),
        ({"title": None}, "missing_title"),
        ({"title": "  \n"}, "missing_title"),
        ({"text": ""}, "missing_text"),
        ({"text": "Too short to be news."}, "too_short"),
    ],
)
def test_validate_drops_and_counts_each_reason(fields: dict[str, Any], reason: str) -> None:
    crawler = crawler_with()
    with pytest.raises(DropItem, match=reason):
        ValidatePipeline.from_crawler(crawler).process_item(article(**fields))
    assert dropped(crawler) == {reason: 1}


def test_minimum_body_length_is_a_setting() -> None:
    short = article(text="Twelve chars")
    assert ValidatePipeline.from_crawler(crawler_with(NEWSSCRAPER_MIN_BODY_CHARS=10)).process_item(short)
    with pytest.raises(DropItem, match="too_short"):
        ValidatePipeline.from_crawler(crawler_with(NEWSSCRAPER_MIN_BODY_CHARS=13)).process_item(short)


# --- dedup -------------------------------------------------------------------------------------


def test_dedup_sets_the_canonical_url_and_the_content_hash() -> None:
    item = DedupPipeline.from_crawler(crawler_with()).process_item(
        article(url="https://Example.com/2024/05/01/river-rises.html?utm_source=rss#top")
    )
    assert item.canonical_url == "https://example.com/2024/05/01/river-rises.html"
    assert item.content_hash == content_hash(BODY)


def test_dedup_drops_a_second_copy_by_url_or_by_text() -> None:
    crawler = crawler_with()
    pipeline = DedupPipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.process_item(article())
    with pytest.raises(DropItem, match="duplicate_url"):
        pipeline.process_item(article(url="https://example.com/2024/05/01/river-rises.html?utm_campaign=x",
                                      text=BODY + " Updated."))
    with pytest.raises(DropItem, match="duplicate_text"):
        pipeline.process_item(article(url="https://example.com/print/2024/05/01/river-rises.html"))
    pipeline.process_item(article(url="https://example.com/2024/05/02/bridge-reopens.html", text="Other " + BODY))
    assert dropped(crawler) == {"duplicate_url": 1, "duplicate_text": 1}
    assert crawler.stats.get_value("newsscraper/site/example.com/duplicates") == 2  # the item's host by default
    with pytest.raises(DropItem, match="duplicate_text"):
        pipeline.process_item(article(url="https://example.com/amp/2024/05/01/river-rises.html", site="ex"))
    assert crawler.stats.get_value("newsscraper/site/ex/duplicates") == 1


def test_the_hash_ignores_spacing_but_not_words() -> None:
    assert normalise_text("  One  two\tthree \n\n\n Four\u00a0five ") == "One two three\nFour five"
    assert content_hash("One two.\n\nThree.") == content_hash("One   two.\nThree.  ")
    assert content_hash("One two.\n\nThree.") != content_hash("One two.\n\nFour.")
    assert content_hash("Cafe\u0301") == content_hash("Café")  # NFC


# --- store -------------------------------------------------------------------------------------


def save(pipeline: StorePipeline, item: ArticleItem) -> ArticleItem:
    """The store pipeline's process_item, awaited on an asyncio loop as Scrapy's reactor would."""
    saved: ArticleItem = asyncio.run(pipeline.process_item(item))
    return saved


def run_through_store(database: Path, items: list[ArticleItem]) -> tuple[Crawler, list[str]]:
    """One 'crawl': the dedup and store pipelines over items, as Scrapy would call them."""
    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(database))
    dedup, store = DedupPipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    dedup.open_spider()
    store.open_spider()
    try:
        changes = [save(store, dedup.process_item(item)).change for item in items]
    finally:
        stop(crawler)
    return crawler, changes


def run_now(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine that never suspends to its end, here and now."""
    with pytest.raises(StopIteration):
        coroutine.send(None)


def broken_writer(pipeline: StorePipeline, error: Exception) -> None:
    """The pipeline's writer replaced by one whose store fails every save with ``error``."""

    class BrokenStore:
        location = "broken"

        def save(self, record: object, **kwargs: object) -> None:
            raise error

        def close(self) -> None: ...

    pipeline.owner.writer.close()
    pipeline.owner.writer = StoreWriter(BrokenStore, queue_size=10)  # type: ignore[arg-type, return-value]
    pipeline.owner.writer.start()


def articles_counted(crawler: Crawler) -> dict[str, int]:
    prefix = "newsscraper/articles/"
    return {k[len(prefix):]: v for k, v in crawler.stats.get_stats().items() if k.startswith(prefix)}


def test_store_counts_new_updated_and_unchanged_across_runs(tmp_path: Path) -> None:
    database = tmp_path / "data" / "news.sqlite"
    other = article(url="https://example.com/2024/05/02/bridge-reopens.html", text="Bridge " + BODY)
    first, changes = run_through_store(database, [article(), other])
    assert changes == ["new", "new"]
    assert articles_counted(first) == {"new": 2}
    assert first.stats.get_value(STORE) == str(database)

    second, changes = run_through_store(database, [article(), replace(other, text="Edited " + BODY)])
    assert changes == ["unchanged", "updated"]
    assert articles_counted(second) == {"unchanged": 1, "updated": 1}

    rows = sqlite3.connect(database).execute("SELECT canonical_url, text FROM articles ORDER BY id").fetchall()
    assert rows == [(article().url, BODY), (other.url, "Edited " + BODY)]


def test_store_keeps_every_column_of_the_item(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    run_through_store(database, [article(url=article().url + "?utm_source=x")])
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM articles").fetchone())
    assert row["url"] == article().url + "?utm_source=x"
    assert row["canonical_url"] == article().url
    assert (row["title"], row["text"], row["published"], row["language"]) == ("River rises", BODY, "2024-05-01", "en")
    assert (row["paragraphs"], row["authors"]) == (f'["{BODY}"]', '["Jane Doe"]')
    assert row["content_hash"] == content_hash(BODY)
    assert row["first_seen"] == row["last_seen"] == row["last_changed"]


def test_store_remembers_the_links_that_redirected_to_the_article(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    moved = "https://example.com/2024/05/01/river-rises"
    run_through_store(database, [article(redirected_from=[moved])])
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT url, article_id FROM aliases").fetchall() == [(moved, 1)]


def test_store_drops_a_new_url_whose_text_is_already_stored(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    run_through_store(database, [article()])
    with pytest.raises(DropItem, match="duplicate_text"):
        run_through_store(database, [article(url="https://example.com/print/2024/05/01/river-rises.html",
                                             site="example")])
    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(database))
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    with pytest.raises(DropItem, match="duplicate_text"):
        save(pipeline, article(url="https://example.com/amp/2024/05/01/river-rises.html", site="example"))
    stop(crawler)
    assert dropped(crawler) == {"duplicate_text": 1}
    assert crawler.stats.get_value("newsscraper/site/example/duplicates") == 1
    assert sqlite3.connect(database).execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_store_is_switched_off_by_an_empty_database_setting() -> None:
    with pytest.raises(NotConfigured):
        StorePipeline.from_crawler(crawler_with(NEWSSCRAPER_DATABASE=""))


def test_store_errors_propagate(tmp_path: Path) -> None:
    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(tmp_path / "x.sqlite"))
    pipeline = StorePipeline.from_crawler(crawler)
    broken_writer(pipeline, sqlite3.OperationalError("disk I/O error"))
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        save(pipeline, article())
    assert articles_counted(crawler) == {}
    stop(crawler)


def test_an_unopenable_store_fails_before_the_crawl_starts(tmp_path: Path) -> None:
    (tmp_path / "is-a-dir.sqlite").mkdir()
    with pytest.raises(StoreUnavailable, match=r"is-a-dir\.sqlite: unable to open"):
        crawler_with(NEWSSCRAPER_DATABASE=str(tmp_path / "is-a-dir.sqlite"))


def test_a_storage_error_during_a_crawl_closes_it_with_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[str] = []
    # No engine runs in a unit test: run the close it schedules at once.
    monkeypatch.setattr("newsscraper.store.crawl.deferred_from_coro", run_now)

    class Engine:
        async def close_spider_async(self, *, reason: str) -> None:
            closed.append(reason)

    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(tmp_path / "x.sqlite"))
    pipeline = StorePipeline.from_crawler(crawler)
    broken_writer(pipeline, sqlite3.OperationalError("database or disk is full"))
    crawler.crawling = True
    crawler.engine = Engine()  # type: ignore[assignment]
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        save(pipeline, article())
    assert closed == ["store_error"]
    crawler.crawling = False
    stop(crawler)


def test_store_keeps_standfirst_and_validators_and_drops_a_shrunk_text(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    first = article(standfirst="The bridge stays shut.", etag='"v1"', last_modified="Wed, 01 May 2024 12:00:00 GMT")
    run_through_store(database, [first])
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT standfirst, etag, last_modified FROM articles").fetchone() == (
        "The bridge stays shut.", '"v1"', "Wed, 01 May 2024 12:00:00 GMT")

    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(database))
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    with pytest.raises(DropItem, match="shrunk"):
        save(pipeline, DedupPipeline.from_crawler(crawler).process_item(article(text=BODY[:100])))
    stop(crawler)
    assert dropped(crawler) == {"shrunk": 1}
    assert conn.execute("SELECT text FROM articles").fetchone() == (BODY,)
    assert conn.execute("SELECT count(*) FROM suspects").fetchone() == (1,)


def test_the_shrink_ratio_is_a_setting(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    run_through_store(database, [article()])
    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(database), NEWSSCRAPER_SHRINK_RATIO=0)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert save(pipeline, article(text=BODY[:100])).change == "updated"
    stop(crawler)


def hold_write_lock(database: Path) -> sqlite3.Connection:
    """Another program's open write transaction on the store, as a long-running script would hold."""
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_write_waits_for_a_foreign_lock_no_longer_than_the_timeout_setting(tmp_path: Path) -> None:
    database = tmp_path / "news.sqlite"
    run_through_store(database, [])  # create the store
    other = hold_write_lock(database)
    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(database), NEWSSCRAPER_DATABASE_TIMEOUT=0.2)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        save(pipeline, article())
    assert time.monotonic() - started < 2
    other.rollback()
    assert save(pipeline, article()).change == "new"  # usable once the lock is gone
    stop(crawler)


def test_the_default_wait_for_a_foreign_lock_is_short_and_written_once() -> None:
    from newsscraper import settings

    assert settings.NEWSSCRAPER_DATABASE_TIMEOUT == 5
    # a crawler whose settings lack it (not the project's settings module) gets settings.py's value
    assert NewsSettings.from_settings(get_crawler().settings).database_timeout == 5


def test_dedup_is_switched_off_by_its_setting_and_copies_are_stored(tmp_path: Path) -> None:
    assert isinstance(DedupPipeline.from_crawler(crawler_with(NEWSSCRAPER_DEDUP_ENABLED="True")), DedupPipeline)
    with pytest.raises(NotConfigured, match="NEWSSCRAPER_DEDUP_ENABLED"):
        DedupPipeline.from_crawler(crawler_with(NEWSSCRAPER_DEDUP_ENABLED="False"))
    database = tmp_path / "news.sqlite"
    run_through_store(database, [article()])
    crawler = crawler_with(NEWSSCRAPER_DATABASE=str(database), NEWSSCRAPER_DEDUP_ENABLED=False)
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    copy = article(url="https://example.com/print/2024/05/01/river-rises.html")
    assert save(pipeline, copy).change == "new"  # the store keeps a copy under its own URL too
    stop(crawler)
    assert dropped(crawler) == {}
