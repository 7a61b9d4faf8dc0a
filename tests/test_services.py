"""The server fixtures skip without a server, except in CI, where they fail."""

from __future__ import annotations

import socket

import pytest
import services


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_server_is_a_skip_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    with pytest.raises(pytest.skip.Exception, match=r"Redis is not reachable .*NEWSSCRAPER_TEST_REDIS"):
        services.require("Redis", url, "NEWSSCRAPER_TEST_REDIS")


def test_in_ci_an_unreachable_server_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    url = f"postgresql://postgres@127.0.0.1:{_closed_port()}/test"
    with pytest.raises(pytest.fail.Exception, match="CI=true needs PostgreSQL"):
        services.require("PostgreSQL", url, "NEWSSCRAPER_TEST_POSTGRES")


def test_a_listening_server_is_returned() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        url = f"postgresql://postgres@127.0.0.1:{sock.getsockname()[1]}/test"
        assert services.require("PostgreSQL", url, "NEWSSCRAPER_TEST_POSTGRES") == url
