"""``newsscraper crawl``: the command line it runs, and real crawls of a demo site through it, piped
(log lines) and on a terminal (one progress line, then the summary)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from conftest import FAST, PROJECT_ROOT, crawl_env
from test_runs_crawl import story

from newsscraper.cli.crawl import command
from newsscraper.cli.main import main, parser

if TYPE_CHECKING:
    from pathlib import Path

    from newsscraper.demo.server import DemoSite

#: served by conftest's `site` fixture: two articles
SITE_EDITIONS = {"edition1": {
    "index.html": "<html><body>" + "".join(f'<a href="/2024/05/0{n}/story-about-the-{t}.html">{t}</a>'
                                           for n, t in ((1, "harbour"), (2, "bridge"))) + "</body></html>",
    **{f"2024/05/0{n}/story-about-the-{t}.html": story(t) for n, t in ((1, "harbour"), (2, "bridge"))},
}}


def argv(*args: str, on_terminal: bool) -> list[str]:
    """What ``newsscraper crawl ARGS`` runs, from the interpreter on."""
    return command(parser().parse_args(["crawl", *args]), on_terminal=on_terminal)[1:]


def test_start_urls_and_options_become_scrapy_crawl_news() -> None:
    assert argv("http://a.example/", "https://b.example/x", "--db", "d.sqlite", "-s", "DOWNLOAD_DELAY=2",
                "-O", "out.jsonl", on_terminal=False) == [
        "-m", "scrapy", "crawl", "news", "-a", "start_urls=http://a.example/,https://b.example/x",
        "-s", "NEWSSCRAPER_PROGRESS_INTERVAL=10", "-s", "NEWSSCRAPER_DATABASE=d.sqlite", "-s", "DOWNLOAD_DELAY=2",
        "-O", "out.jsonl"]


def test_on_a_terminal_the_log_shows_warnings_and_progress_is_redrawn_every_second() -> None:
    assert argv("http://a.example/", on_terminal=True)[-4:] == [
        "-s", "NEWSSCRAPER_PROGRESS_INTERVAL=1", "-L", "WARNING"]
    assert argv("http://a.example/", "-L", "DEBUG", "--progress", "0", on_terminal=True)[-4:] == [
        "-s", "NEWSSCRAPER_PROGRESS_INTERVAL=0", "-L", "DEBUG"]
    assert argv("http://a.example/", "--logfile", "crawl.log", on_terminal=True)[-2:] == ["--logfile", "crawl.log"]


def test_a_sites_file_is_passed_as_sites(tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text("", encoding="utf-8")
    assert argv(str(sites), "-a", "x=y", on_terminal=False)[4:8] == ["-a", f"sites={sites}", "-a", "x=y"]


@pytest.mark.parametrize(("targets", "message"), [
    (["www.example.com"], "www.example.com: no such sites file (a start URL begins with http:// or https://)"),
    (["http://a.example/", "sites.example.toml"], "give start URLs or one sites file, not both"),
])
def test_targets_that_are_neither_urls_nor_one_sites_file_are_one_line(
    targets: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    assert main(["crawl", *targets]) == 2
    assert capsys.readouterr().err == f"newsscraper crawl: {message}\n"


def newsscraper_crawl(*args: str) -> list[str]:
    fast = [arg for name, value in FAST.items() for arg in ("-s", f"{name}={value}")]
    return [sys.executable, "-m", "newsscraper.cli", "crawl", *args, *fast]


def test_piped_it_logs_progress_lines_and_prints_the_summary_last(site: DemoSite, tmp_path: Path) -> None:
    done = subprocess.run(newsscraper_crawl(site.url, "--db", str(tmp_path / "news.sqlite"), "--progress", "0.1"),
                          cwd=tmp_path, env=crawl_env(), capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0] == f"articles: new=2 updated=0 unchanged=0 dropped=0 (store: {tmp_path / 'news.sqlite'})"
    assert out[-1] == "  exit 0: ok"
    progress = [line for line in done.stderr.splitlines() if "Progress: " in line]
    assert progress and progress[0].endswith("Progress: pages=0 (0/min) new=0 updated=0 unchanged=0 dropped=0 [0:00]")
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in done.stderr


def test_a_misspelt_argument_through_it_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(newsscraper_crawl("-a", "start_url=http://127.0.0.1:9/", "--nolog"), cwd=tmp_path,
                          env=crawl_env(), capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stderr) == (1, "newsscraper: unknown argument start_url; did you mean start_urls?\n")


def test_on_a_terminal_one_line_is_redrawn_then_erased_before_the_summary(site: DemoSite, tmp_path: Path) -> None:
    main_end, child_end = pty.openpty()
    crawl = subprocess.Popen(newsscraper_crawl(site.url, "--db", str(tmp_path / "news.sqlite"), "--progress", "0.1"),
                             cwd=tmp_path, env=crawl_env(), stdout=child_end, stderr=subprocess.PIPE)
    os.close(child_end)
    shown = b""
    while True:
        try:
            chunk = os.read(main_end, 4096)
        except OSError:  # EIO: the crawl closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(main_end)
    assert crawl.wait(timeout=120) == 0
    assert crawl.stderr is not None and b"INFO" not in crawl.stderr.read()  # warnings only on a terminal
    screen = shown.decode()
    assert screen.startswith("\r\x1b[Kpages=")
    progress, summary = screen.rsplit("\r\x1b[K", 1)
    assert "\n" not in progress  # one line, redrawn in place
    assert summary.startswith("articles: new=2 updated=0 unchanged=0 dropped=0 ")
    assert summary.rstrip().endswith("exit 0: ok")
