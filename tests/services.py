"""The servers some tests need (PostgreSQL, Redis): reachable, skipped, or, in CI, a failure.

A developer without a local PostgreSQL or Redis still runs the rest of the suite: those tests skip,
naming the server and how to point the tests at one. With ``CI=true`` the same absence fails the
test instead, so a green CI means the PostgreSQL and Redis paths really ran.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

#: where the tests look for the servers; override with these environment variables
POSTGRES_URL = os.environ.get("NEWSSCRAPER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("NEWSSCRAPER_TEST_REDIS", "redis://127.0.0.1:6379/0")


def in_ci() -> bool:
    """Whether this run is CI's, where every server must be there."""
    return os.environ.get("CI", "").lower() == "true"


def reachable(url: str, *, timeout: float = 1.0) -> str | None:
    """``None`` when a TCP connection to the URL's host and port opens, else why not."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port
    try:
        with socket.create_connection((host, port or 0), timeout=timeout):
            return None
    except OSError as exc:
        return f"{host}:{port}: {exc.strerror or exc}"


def require(name: str, url: str, variable: str) -> str:
    """The server's URL, once it answers; otherwise skip the test (or fail it in CI) saying why."""
    problem = reachable(url)
    if problem is None:
        return url
    message = f"{name} is not reachable ({problem}); start it or set {variable} to one that is"
    if in_ci():
        pytest.fail(f"CI=true needs {name}: {message}", pytrace=False)
    pytest.skip(message)
