"""The cleaner pool: real worker processes, each page under a time and a memory limit, a worker
that misbehaves replaced, and a stop that does not wait for slow pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleaners import NotAnArticle, clean
from newsscraper.config import NewsSettings
from newsscraper.extraction.cleaning import Cleaning
from newsscraper.extraction.pool import CleanerPool, CleanFailed
from newsscraper.extraction.worker import page_input

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
PAGE = (PAGES / "en_nav_menus_footer.html").read_bytes()
URL = "https://example.com/2024/05/01/story.html"
BAD = "https://example.com/2024/05/01/bad-story.html"
#: how long a test waits for any answer: far longer than a page takes, far shorter than a hang
WAIT = 60


def pool(cleaner: str = "cleaners.clean", *, workers: int = 1, timeout: float = 20,
         memory_mb: int = 1024) -> CleanerPool:
    started = CleanerPool(cleaner, workers=workers, timeout=timeout, memory_bytes=memory_mb * 1024 * 1024)
    started.start()
    return started


def test_a_page_cleaned_in_a_worker_is_the_article_clean_gives_in_process() -> None:
    workers = pool(workers=2)
    try:
        pages = [PAGES / f"{name}.html" for name in ("en_nav_menus_footer", "en_read_more_inline",
                                                     "fr_ad_slots_publicite", "de_summary_box_bottom")]
        futures = [workers.submit((page.read_bytes(), URL, None)) for page in pages]
        assert [f.result(WAIT) for f in futures] == [clean(page.read_bytes(), URL) for page in pages]
    finally:
        workers.stop()
    assert workers.started == 2  # started once per crawl, not per page


def test_what_the_cleaner_refuses_comes_back_with_its_reason() -> None:
    workers = pool()
    try:
        with pytest.raises(NotAnArticle) as refused:
            workers.submit((b"   ", URL, None)).result(WAIT)
        assert refused.value.reason == "empty"
    finally:
        workers.stop()


def test_a_workers_start_up_is_not_counted_in_its_first_pages_time_limit() -> None:
    workers = pool("plugged_slow.clean", timeout=0.5)  # loading takes 1 s, a page far less
    try:
        assert workers.submit((PAGE, URL, None)).result(WAIT) == clean(PAGE, URL)
    finally:
        workers.stop()


def test_a_cleaner_that_cannot_be_loaded_is_a_crash_of_the_page() -> None:
    workers = pool("plugged.no_such_cleaner")
    try:
        with pytest.raises(CleanFailed) as failed:
            workers.submit((PAGE, URL, None)).result(WAIT)
        assert failed.value.reason == CleanFailed.CRASH and "exit code 1" in failed.value.detail
    finally:
        workers.stop()


@pytest.mark.parametrize(
    ("cleaner", "limits", "reason", "detail"),
    [
        ("plugged.sleeps", {"timeout": 0.5}, CleanFailed.TIMEOUT, "no answer within 0.5 s"),
        ("plugged.crashes", {}, CleanFailed.CRASH, "exit code 7"),
        ("plugged.hogs_memory", {"memory_mb": 300}, CleanFailed.MEMORY, "the worker grew to"),
        ("plugged.raises", {}, CleanFailed.ERROR, "KeyError"),
    ],
    ids=["timeout", "crash", "memory", "bug"],
)
def test_a_misbehaving_page_costs_its_worker_and_the_next_page_is_cleaned(
    cleaner: str, limits: dict[str, float], reason: str, detail: str
) -> None:
    workers = pool(cleaner, **limits)  # type: ignore[arg-type]
    try:
        with pytest.raises(CleanFailed) as failed:
            workers.submit((PAGE, BAD, None)).result(WAIT)
        assert failed.value.reason == reason and detail in failed.value.detail
        killed = reason != CleanFailed.ERROR  # a bug in the cleaner leaves its worker alive and well
        assert (workers.slots[0].process is None) is killed
        assert workers.submit((PAGE, URL, None)).result(WAIT) == clean(PAGE, URL)
        assert workers.started == (2 if killed else 1)  # the killed worker was replaced
    finally:
        workers.stop()


def test_stopping_does_not_wait_for_slow_pages_and_cancels_the_rest() -> None:
    workers = pool("plugged.sleeps", workers=2)
    futures = [workers.submit((PAGE, BAD, None)) for _ in range(5)]
    time.sleep(1)  # two pages are in the workers now, three wait
    started = time.monotonic()
    workers.stop()
    assert time.monotonic() - started < 5
    for future in futures:
        with pytest.raises(CleanFailed) as failed:
            future.result(WAIT)
        assert failed.value.reason == CleanFailed.CANCELLED
    assert all(slot.process is None for slot in workers.slots)
    with pytest.raises(CleanFailed):
        workers.submit((PAGE, URL, None)).result(WAIT)


def test_a_cleaner_setting_that_names_no_function_stops_the_crawl_before_it_starts() -> None:
    config = NewsSettings.defaults()
    for path in ("cleaners.no_such_function", "no_such_module.clean", "clean"):
        with pytest.raises(ValueError, match="NEWSSCRAPER_CLEANER"):
            Cleaning(config.__class__(**{**config.__dict__, "cleaner": path}))


def test_the_header_charset_decodes_the_body_unless_a_bom_or_an_error_says_otherwise() -> None:
    assert page_input("café".encode("cp1252"), "cp1252") == "café"
    assert page_input(b"\xef\xbb\xbfcaf\xc3\xa9", "cp1252") == b"\xef\xbb\xbfcaf\xc3\xa9"  # the BOM wins
    assert page_input(b"caf\xe9", "utf-8") == b"caf\xe9"  # wrong header: the cleaner detects
    assert page_input(b"abc", "no-such-codec") == b"abc"
    assert page_input(b"abc", None) == b"abc"
