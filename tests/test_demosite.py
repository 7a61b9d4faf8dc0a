"""The demo site server: edition overlay, _routes.json, content types, validators and 304s, the request log."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import pytest

from newsscraper.demo.server import DemoSite

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def put(root: Path, relative: str, content: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[DemoSite]:
    put(tmp_path, "edition1/index.html", "home 1")
    put(tmp_path, "edition1/world/index.html", "world 1")
    put(tmp_path, "edition1/world/story.html", "story 1")
    put(tmp_path, "edition1/robots.txt", "User-agent: *\nDisallow: /private/\n")
    put(tmp_path, "edition1/_routes.json", json.dumps({"/broken.html": {"status": 500},
                                                       "/world/story.html": {"content_type": "application/pdf"}}))
    put(tmp_path, "edition2/world/index.html", "world 2")
    put(tmp_path, "edition2/_routes.json", json.dumps({"/world/story.html": {}}))
    put(tmp_path, "manifest.json", "{}")
    with DemoSite(tmp_path) as served:
        yield served


def get(site: DemoSite, path: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(site.url.rstrip("/") + path) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_serves_files_index_pages_and_content_types(site: DemoSite) -> None:
    assert site.url.startswith("http://127.0.0.1:") and site.port > 0
    assert get(site, "/") == (200, "text/html; charset=utf-8", "home 1")
    assert get(site, "/world/") == (200, "text/html; charset=utf-8", "world 1")
    assert get(site, "/robots.txt")[:2] == (200, "text/plain; charset=utf-8")


def test_routes_answer_a_status_or_override_a_content_type(site: DemoSite) -> None:
    status, content_type, body = get(site, "/broken.html")
    assert (status, content_type) == (500, "text/html; charset=utf-8") and "500" in body
    assert get(site, "/world/story.html") == (200, "application/pdf", "story 1")


def test_missing_hidden_and_outside_files_are_404(site: DemoSite) -> None:
    for path in ("/nope.html", "/_routes.json", "/manifest.json", "/../manifest.json", "/%2e%2e/manifest.json"):
        assert get(site, path)[0] == 404, path


def test_a_folder_without_slash_redirects(site: DemoSite) -> None:
    assert get(site, "/world") == (200, "text/html; charset=utf-8", "world 1")
    assert site.requested == ["/world", "/world/"]


def test_edition_two_overlays_edition_one(site: DemoSite) -> None:
    site.set_edition(2)
    assert get(site, "/world/") == (200, "text/html; charset=utf-8", "world 2")
    assert get(site, "/") == (200, "text/html; charset=utf-8", "home 1")
    assert get(site, "/world/story.html")[1] == "text/html; charset=utf-8"  # edition 2 route wins
    with pytest.raises(ValueError, match="no edition 3"):
        site.set_edition(3)


def test_requests_are_recorded_and_reset_per_edition(site: DemoSite) -> None:
    get(site, "/")
    get(site, "/nope.html?x=1")
    assert site.requested == ["/", "/nope.html?x=1"]
    site.set_edition(2)
    assert site.requested == []


def conditional(site: DemoSite, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(site.url.rstrip("/") + path, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:  # urllib raises on 304
        return error.code, dict(error.headers), error.read()


def test_files_carry_validators_and_conditional_requests_get_304_without_a_body(site: DemoSite) -> None:
    status, headers, body = conditional(site, "/world/")
    assert (status, body) == (200, b"world 1")
    etag, last_modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and last_modified.endswith(" GMT")
    assert conditional(site, "/world/", **{"If-None-Match": etag})[::2] == (304, b"")
    assert conditional(site, "/world/", **{"If-None-Match": f'"other", W/{etag}'})[0] == 304
    assert conditional(site, "/world/", **{"If-Modified-Since": last_modified})[0] == 304
    # If-None-Match decides when both are sent: a changed file is sent again whatever its date
    assert conditional(site, "/world/", **{"If-None-Match": '"stale"', "If-Modified-Since": last_modified})[0] == 200
    assert conditional(site, "/world/", **{"If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"})[0] == 200
    site.set_edition(2)
    assert conditional(site, "/world/", **{"If-None-Match": etag})[::2] == (200, b"world 2")
    assert site.answered == [("/world/", 200)]


def test_the_request_report_names_the_paths_asked_for_twice() -> None:
    from newsscraper.demo.server import request_report

    assert request_report(["/", "/a", "/", "/robots.txt"]).splitlines() == [
        "4 requests, 3 paths; asked for more than once: 1", "  2x /"]
    assert request_report([]) == "0 requests, 0 paths; asked for more than once: 0"
