"""Shared fixtures: run the real `scrapy crawl news` in a subprocess, fast, against 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from newsscraper.demo.server import DemoSite

if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Callable, Iterator

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Localhost answers in microseconds: no politeness delay in tests (settings.py keeps it for real sites).
FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    # revisit every stored article, so a second crawl of an edition exercises the 304 path
    "NEWSSCRAPER_REFETCH_AFTER": "0",
}


@dataclass
class CrawlRun:
    """What one `scrapy crawl` left behind: its exit code, its log and its summary lines."""

    returncode: int
    log: str
    summary: list[str]

    def counts(self) -> dict[str, int]:
        """``{"new": N, "updated": U, "unchanged": K, "dropped": D}`` from the summary's first line."""
        fields = self.summary[0].split("(store:")[0].split(":", 1)[1].split()
        return {k: int(v) for k, v in (f.split("=") for f in fields)}

    def drops(self) -> dict[str, int]:
        """``{"http_404": 1, …}`` from the summary's ``  dropped/<reason>=N`` lines."""
        pairs = (line.strip().removeprefix("dropped/").split("=") for line in self.summary[1:]
                 if line.startswith("  dropped/"))
        return {reason: int(n) for reason, n in pairs}


def crawl_env() -> dict[str, str]:
    """The environment of a test crawl: no NEWSSCRAPER_* (nor REDIS_URL) of the developer's, and tests/
    importable, so a crawl (and its cleaner workers) can load a cleaner from tests/plugged.py."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSSCRAPER_") and k != "REDIS_URL"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT / "tests"), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., CrawlRun]:
    """Run ``scrapy crawl news -a start_urls=URL`` into ``database`` from the project folder."""
    summaries = tmp_path_factory.mktemp("summaries")
    runs = 0

    def run(start_url: str, database: Path | str, *args: str) -> CrawlRun:
        nonlocal runs
        runs += 1
        summary = summaries / f"summary-{runs}.txt"
        done = subprocess.run(crawl_command(start_url, database, summary, *args), cwd=PROJECT_ROOT, env=crawl_env(),
                              capture_output=True, text=True, timeout=120, check=False)
        return CrawlRun(done.returncode, done.stderr, read_summary(summary))

    return run


def crawl_command(start_url: str, database: Path | str, summary: Path, *args: str) -> list[str]:
    """``scrapy crawl news -a start_urls=URL`` into ``database``, fast, its summary in ``summary``
    (no start URL: ``-a`` is left out)."""
    settings = {**FAST, "NEWSSCRAPER_DATABASE": str(database), "NEWSSCRAPER_SUMMARY_FILE": str(summary)}
    command = [sys.executable, "-m", "scrapy", "crawl", "news"]
    command += ["-a", f"start_urls={start_url}"] if start_url else []
    command += [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]
    return [*command, *args]


def read_summary(summary: Path) -> list[str]:
    """The lines of a crawl's summary file, none if it wrote none."""
    return summary.read_text(encoding="utf-8").splitlines() if summary.exists() else []


@pytest.fixture(scope="session")
def alone(crawl: Callable[..., CrawlRun],
          tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Counter[str]]:
    """One process without Redis into SQLite, on demo edition 1: the rows it stores, by canonical URL,
    and what it requested; what a crawl shared by several processes must store and fetch too."""
    from crawlers import NOW, fetched, stored

    database = tmp_path_factory.mktemp("alone") / "alone.sqlite"
    with DemoSite() as site:
        run = crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={NOW}")
        assert run.returncode == 0, run.log
        requested = fetched(site)
    rows = stored(database)
    assert len(rows) > 20, run.summary  # the demo edition has articles to compare
    return rows, requested


@pytest.fixture
def site_root(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The test module's ``SITE_EDITIONS`` (``{"edition1": {path: content}, …}``) written as a
    DemoSite document root."""
    root = tmp_path / "site"
    for edition, files in request.module.SITE_EDITIONS.items():
        for relative, content in files.items():
            path = root / edition / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def site(site_root: Path) -> Iterator[DemoSite]:
    """``site_root`` served on 127.0.0.1, edition 1 first."""
    with DemoSite(site_root) as served:
        yield served


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL server's URL (tests/services.py: skipped when unreachable, failed in CI)."""
    from services import POSTGRES_URL, require

    return require("PostgreSQL", POSTGRES_URL, "NEWSSCRAPER_TEST_POSTGRES")


@pytest.fixture
def postgres_database(postgres_url: str) -> Iterator[str]:
    """A ``NEWSSCRAPER_DATABASE`` URL of a schema of its own on the test server (libpq's ``options``
    query parameter sets the search_path), dropped with everything in it after the test."""
    from storedrows import postgres_schema

    with postgres_schema(postgres_url) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A ``NEWSSCRAPER_DATABASE`` value of each backend: a new SQLite file, a new PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "sub" / "articles.sqlite")
    return str(request.getfixturevalue("postgres_database"))


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis server's URL (tests/services.py: skipped when unreachable, failed in CI)."""
    from services import REDIS_URL, require

    return require("Redis", REDIS_URL, "NEWSSCRAPER_TEST_REDIS")


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test's own on the Redis server; every key under it is deleted after."""
    import uuid

    import redis

    prefix = f"newsscraper-test-{uuid.uuid4().hex[:10]}:"
    yield prefix
    server = redis.Redis.from_url(redis_url)
    keys = list(server.scan_iter(match=prefix + "*"))
    if keys:
        server.delete(*keys)
    server.close()
