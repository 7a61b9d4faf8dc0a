"""The ``newsscraper`` command's frame and its ``demo-site`` subcommand."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request

import pytest

from newsscraper.cli.main import COMMANDS, main, parser


def test_every_subcommand_has_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    listed = capsys.readouterr().out
    for name in COMMANDS:
        assert name.replace("_", "-") in listed
    assert parser().parse_args(["demo-site"]).port == 8473


def test_no_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([])
    assert done.value.code == 2 and "COMMAND" in capsys.readouterr().err


def test_demo_site_without_that_edition_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-site", "--edition", "9"]) == 1
    assert capsys.readouterr().err == "newsscraper demo-site: no edition 9 in the demo site\n"


def test_demo_site_serves_until_sigterm_and_reports_its_requests() -> None:
    server = subprocess.Popen([sys.executable, "-m", "newsscraper.cli", "demo-site", "--port", "0", "--edition", "2"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith("Serving edition 2 of the demo site at http://127.0.0.1:"), first
        url = first.split(" at ")[1].split()[0]
        crawl_with = server.stdout.readline()
        assert crawl_with.startswith("Crawl it with: NEWSSCRAPER_NOW=") and f"start_urls={url}" in crawl_with
        for _ in range(2):
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert answer.status == 200
        server.send_signal(signal.SIGTERM)
        out, _ = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 0
    assert "2 requests, 1 paths; asked for more than once: 1" in out and "2x /" in out
