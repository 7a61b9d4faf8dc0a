"""A user's mistake is one line, no traceback; a crawl's summary is the last thing it prints, on stdout.

Each case runs the real ``scrapy crawl news`` in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from conftest import PROJECT_ROOT, crawl_command, crawl_env, read_summary
from test_runs_crawl import story

from newsscraper.exitcodes import ExitCode

if TYPE_CHECKING:
    from pathlib import Path

    from newsscraper.demo.server import DemoSite

#: served by conftest's `site` fixture: one article
SITE_EDITIONS = {"edition1": {
    "index.html": '<html><body><a href="/2024/05/01/story-about-the-harbour.html">harbour</a></body></html>',
    "2024/05/01/story-about-the-harbour.html": story("harbour"),
}}


def scrapy_crawl(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"NEWSSCRAPER_DATABASE={database}", *args]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=crawl_env(), capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.mark.parametrize(("args", "message"), [
    (["-a", "start_url=http://127.0.0.1:9/"], "unknown argument start_url; did you mean start_urls?"),
    (["-a", "site=sites.toml"], "unknown argument site; did you mean sites?"),
    (["-a", "depth=3", "-a", "start_urls=http://127.0.0.1:9/"], "unknown argument depth; known: sites, start_urls"),
    (["-a", "start_urls=127.0.0.1:9"], "start URL '127.0.0.1:9' is not an http(s) URL"),
    ([], "nothing to crawl: pass -a start_urls=URL[,URL...] or -a sites=sites.toml, or set NEWSSCRAPER_SITES "
         "(or NEWSSCRAPER_REDIS_URL, and push start URLs to Redis)"),
    (["-s", "CONCURRENT_REQUESTS=lots"], "setting CONCURRENT_REQUESTS='lots' is not a number"),
    (["-s", "ROBOTSTXT_OBEY=maybe"], "setting ROBOTSTXT_OBEY='maybe' is not True or False"),
    (["-s", "NEWSSCRAPER_SECTION_DEPTH=1.5", "-a", "start_urls=http://127.0.0.1:9/"],
     "setting NEWSSCRAPER_SECTION_DEPTH='1.5' is not a whole number"),
    (["-s", "NEWSSCRAPER_REFETCH_AFTR=0"],
     "unknown setting NEWSSCRAPER_REFETCH_AFTR; did you mean NEWSSCRAPER_REFETCH_AFTER?"),
    (["-s", "NEWSSCRAPER_NOW=yesterday", "-a", "start_urls=http://127.0.0.1:9/"],
     "setting NEWSSCRAPER_NOW='yesterday' is not an ISO 8601 date (2026-11-20T12:00:00Z)"),
])
def test_a_mistake_is_one_line_and_the_crawl_does_not_start(args: list[str], message: str, tmp_path: Path) -> None:
    done = scrapy_crawl("--nolog", *args, database=tmp_path / "news.sqlite")
    assert (done.returncode, done.stderr, done.stdout) == (ExitCode.NOT_STARTED, f"newsscraper: {message}\n", "")
    assert not (tmp_path / "news.sqlite").exists()


def test_a_bad_sites_file_is_one_line_naming_its_line(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "x"\nstart_urls = ["http://127.0.0.1:9/"]\ndownload_delay = "fast"\n',
                     encoding="utf-8")
    done = scrapy_crawl("--nolog", "-a", f"sites={sites}", database=tmp_path / "news.sqlite")
    assert done.returncode == ExitCode.NOT_STARTED
    assert done.stderr == (f"newsscraper: {sites}:4: site 'x': download_delay must be a number of seconds, "
                           "0 or more (key 'download_delay')\n")


def test_with_the_log_on_a_mistake_is_still_said_once_and_without_a_traceback(tmp_path: Path) -> None:
    done = scrapy_crawl("-a", "start_url=http://127.0.0.1:9/", database=tmp_path / "news.sqlite")
    assert done.returncode == ExitCode.NOT_STARTED
    assert done.stderr.count("unknown argument start_url; did you mean start_urls?") == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("quiet", [["-s", "LOG_LEVEL=WARNING"], ["--nolog"], ["-L", "ERROR"]])
def test_the_summary_is_what_a_quiet_crawl_prints_on_stdout(site: DemoSite, tmp_path: Path, quiet: list[str]) -> None:
    summary = tmp_path / "summary.txt"
    done = subprocess.run(crawl_command(site.url, tmp_path / "news.sqlite", summary, *quiet), cwd=PROJECT_ROOT,
                          env=crawl_env(), capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == read_summary(summary)
    assert done.stdout.startswith("articles: new=1 updated=0 unchanged=0 dropped=0 ")
    assert "Crawl summary" not in done.stderr  # the log's copy is at INFO


def test_the_summary_comes_after_every_log_line(site: DemoSite, tmp_path: Path) -> None:
    summary = tmp_path / "summary.txt"
    command = crawl_command(site.url, tmp_path / "news.sqlite", summary)
    done = subprocess.run(command, cwd=PROJECT_ROOT, env=crawl_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout
    lines = read_summary(summary)
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in done.stdout  # the log is on
    assert done.stdout.splitlines()[-len(lines):] == lines
