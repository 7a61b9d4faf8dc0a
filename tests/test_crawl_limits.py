"""The polite and safe limits of settings.py, on a real crawl: a 429 waits as Retry-After asks,
a gzip bomb stops at DOWNLOAD_MAXSIZE once inflated, a redirect loop and a stalled response end."""

from __future__ import annotations

import gzip
import json
import re
from typing import TYPE_CHECKING

import pytest

from newsscraper.demo.server import DemoSite
from newsscraper.exitcodes import ExitCode
from newsscraper.middlewares.retryafter import retry_after_seconds

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from conftest import CrawlRun


def story(topic: str) -> str:
    paragraphs = "".join(f"<p>{s}</p>" for s in (
        f"The {topic} was the talk of the town on Monday, as crowds gathered near the harbour to watch.",
        f"Officials said the {topic} would be reviewed by an independent panel before the end of the month.",
        f"Residents interviewed about the {topic} were divided, and several asked for a public meeting soon.",
        f"The council will publish its own report on the {topic} next week, a spokesman for the mayor said.",
    ))
    return f"<html><head><title>The {topic}</title></head><body><article><h1>The {topic}</h1>{paragraphs}</article>" \
           "</body></html>"


PATHS = {
    "busy": "/2024/05/01/busy-harbour-story.html",  # 429, come back in 1 s, then fine
    "closed": "/2024/05/02/closed-bridge-story.html",  # 429, come back in an hour
    "bomb": "/2024/05/03/gzip-bomb-story.html",  # 60 kB on the wire, 50 MB inflated
    "chain": "/2024/05/04/redirect-chain-story-0.html",  # redirects on and on, never twice to one URL
    "stalled": "/2024/05/05/stalled-server-story.html",
    "fine": "/2024/05/06/fine-market-story.html",
}
SITE_EDITIONS = {
    "edition1": {
        "index.html": "<html><body>" + "".join(f'<a href="{p}">{k}</a>' for k, p in PATHS.items()) + "</body></html>",
        **{path.lstrip("/"): story(name) for name, path in PATHS.items() if name not in ("bomb", "chain")},
        "_routes.json": json.dumps({
            PATHS["busy"]: {"status": 429, "times": 1, "headers": {"Retry-After": "1"}},
            PATHS["closed"]: {"status": 429, "headers": {"Retry-After": "3600"}},
            PATHS["bomb"]: {"content_type": "text/html", "headers": {"Content-Encoding": "gzip"}},
            **{PATHS["chain"].replace("-0.", f"-{n}."): {"status": 301, "headers": {
                "Location": PATHS["chain"].replace("-0.", f"-{n + 1}.")}} for n in range(20)},
            PATHS["stalled"]: {"delay": 4},
        }),
    },
}


@pytest.fixture
def hostile_site(site_root: Path) -> Iterator[DemoSite]:
    bomb = site_root / "edition1" / PATHS["bomb"].lstrip("/")
    bomb.parent.mkdir(parents=True, exist_ok=True)
    bomb.write_bytes(
        gzip.compress(b"<html><body><p>" + b"news " * (10 * 1024 * 1024) + b"</p></body></html>"))
    with DemoSite(site_root) as served:
        yield served


def stat(log: str, key: str) -> int:
    found = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def test_the_limits_end_every_hostile_answer_and_the_crawl_goes_on(
    hostile_site: DemoSite, crawl: Callable[..., CrawlRun], tmp_path: Path
) -> None:
    run = crawl(hostile_site.url, tmp_path / "db.sqlite", "-s", "DOWNLOAD_TIMEOUT=1")
    assert run.returncode == ExitCode.OK, run.log
    requested = hostile_site.requested
    assert requested.count(PATHS["busy"]) == 2 and stat(run.log, "newsscraper/retry_after/waited") == 1
    assert requested.count(PATHS["closed"]) == 1 and stat(run.log, "newsscraper/retry_after/too_long") == 1
    chain = [path for path in requested if "redirect-chain" in path]
    assert len(chain) == 11  # the first request and REDIRECT_MAX_TIMES redirects
    assert "exceeded DOWNLOAD_MAXSIZE (10485760 B) during decompression" in run.log  # 60 kB on the wire
    assert run.counts()["new"] == 2  # busy (after its wait) and fine
    # closed; stalled; the bomb; the chain
    assert run.drops() == {"http_429": 1, "download_error": 1, "too_large": 1, "too_many_redirects": 1}


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("120", 120.0), ("0", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), ("", None)],
)
def test_retry_after_is_seconds_or_an_http_date(value: str, seconds: float | None) -> None:
    assert retry_after_seconds(value) == seconds


def test_an_http_date_is_counted_from_now() -> None:
    from datetime import datetime, timezone

    now = datetime(2015, 10, 21, 7, 27, 30, tzinfo=timezone.utc)
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now) == 30.0
