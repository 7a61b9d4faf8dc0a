"""The news sitemap parser: urlsets, indexes, Google News fields, gzip, odd serving, hostile XML,
size caps; and where sitemaps are found (robots.txt ``Sitemap:`` lines, common paths)."""

from __future__ import annotations

import gzip

import pytest

from newsscraper.config import NewsSettings
from newsscraper.discovery.safexml import RejectedXML
from newsscraper.discovery.sitemaps import (
    SitemapEntry,
    fallback_sitemap_urls,
    parse_sitemap,
    robots_sitemap_urls,
    site_roots,
)

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://example.com/2024/05/01/river-rises-after-storm.html</loc>
    <news:news>
      <news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-01T07:30:00+02:00</news:publication_date>
      <news:title>River rises after storm</news:title>
    </news:news>
    <image:image><image:loc>https://example.com/img/river.jpg</image:loc></image:image>
  </url>
  <url>
    <loc> https://example.com/2024/05/01/bridge-closed.html </loc>
    <lastmod>2024-05-01</lastmod>
  </url>
  <url><lastmod>2024-05-01</lastmod></url>
  <url><loc>/2024/05/02/relative-entry-on-the-site.html</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://example.com/sitemaps/news.xml.gz</loc><lastmod>2024-05-02T10:00:00Z</lastmod></sitemap>
  <sitemap><loc>https://example.com/sitemap.php?type=articles&amp;month=2024-04</loc>
           <lastmod>2024-04-30</lastmod></sitemap>
</sitemapindex>"""

BASE = "https://example.com/sitemap.xml"
#: the parsers' size cap; the default crawl's is NEWSSCRAPER_XML_MAX_BYTES
CAP = 1024 * 1024


def entries(body: bytes, max_bytes: int = CAP) -> tuple[str, list[SitemapEntry]]:
    sitemap = parse_sitemap(body, BASE, max_bytes=max_bytes)
    return sitemap.kind, list(sitemap)


def test_a_news_sitemap_keeps_publication_date_and_title() -> None:
    kind, found = entries(NEWS_SITEMAP)
    assert kind == "urlset"
    assert found == [
        SitemapEntry("https://example.com/2024/05/01/river-rises-after-storm.html",
                     news_published="2024-05-01T07:30:00+02:00", news_title="River rises after storm", is_news=True),
        SitemapEntry("https://example.com/2024/05/01/bridge-closed.html", lastmod="2024-05-01T00:00:00+00:00"),
        SitemapEntry("https://example.com/2024/05/02/relative-entry-on-the-site.html"),
    ]
    assert found[0].date is not None and found[0].date.isoformat() == "2024-05-01T07:30:00+02:00"
    assert found[1].date is not None and found[2].date is None


def test_scrapy_s_own_parser_loses_what_ours_keeps() -> None:
    from scrapy.utils.sitemap import Sitemap

    first = next(iter(Sitemap(NEWS_SITEMAP)))
    assert "publication_date" not in first and "title" not in first  # why sitemaps.py exists


def test_a_sitemap_index_lists_its_sitemaps_with_their_lastmod() -> None:
    kind, found = entries(INDEX)
    assert kind == "sitemapindex"
    assert [(e.loc, e.lastmod) for e in found] == [
        ("https://example.com/sitemaps/news.xml.gz", "2024-05-02T10:00:00+00:00"),
        ("https://example.com/sitemap.php?type=articles&month=2024-04", "2024-04-30T00:00:00+00:00"),
    ]


def test_gzipped_sitemaps_are_read_whatever_they_were_served_as() -> None:
    # The spider passes response.body whatever the Content-Type (application/octet-stream,
    # text/plain) or the URL (sitemap.php?…): the content decides.
    assert entries(gzip.compress(NEWS_SITEMAP)) == entries(NEWS_SITEMAP)


def test_a_sitemap_with_a_bom_leading_blank_lines_and_no_namespace() -> None:
    body = b"\xef\xbb\xbf<?xml version='1.0'?><urlset><url><loc>https://example.com/a-b-c-d-e</loc></url></urlset>"
    assert entries(body) == ("urlset", [SitemapEntry("https://example.com/a-b-c-d-e")])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!doctype html><html><body>Page not found</body></html>", "not_xml"),
        (b"<html><body>Page not found</body></html>", "not_a_sitemap"),
        (b"User-agent: *\nDisallow: /\n", "not_xml"),
        (b'<rss version="2.0"><channel/></rss>', "not_a_sitemap"),
    ],
    ids=["html5-soft-404", "html-soft-404", "plain-text", "a-feed"],
)
def test_other_documents_are_rejected(body: bytes, reason: str) -> None:
    with pytest.raises(RejectedXML) as raised:
        parse_sitemap(body, BASE, max_bytes=CAP)
    assert raised.value.reason == reason


def test_a_truncated_sitemap_keeps_the_entries_read_before_the_cut_and_says_so() -> None:
    cut = NEWS_SITEMAP[: NEWS_SITEMAP.index(b"<url><lastmod>")]
    sitemap = parse_sitemap(cut, BASE, max_bytes=CAP)
    assert sitemap.kind == "urlset" and len(list(sitemap)) == 2
    assert sitemap.truncated


def test_a_whole_sitemap_is_not_truncated() -> None:
    sitemap = parse_sitemap(NEWS_SITEMAP, BASE, max_bytes=CAP)
    assert len(list(sitemap)) == 3 and not sitemap.truncated


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset><url><loc>https://example.com/&c;</loc></url></urlset>',
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
        b"<urlset><url><loc>https://example.com/&xxe;</loc></url></urlset>",
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_hostile_sitemaps_are_refused(body: bytes) -> None:
    with pytest.raises(RejectedXML) as raised:
        parse_sitemap(body, BASE, max_bytes=CAP)
    assert raised.value.reason == "entities"


def test_the_size_cap_applies_to_the_body_and_to_what_gunzip_gives() -> None:
    url = b"<url><loc>https://example.com/2024/05/01/some-long-article-slug-here.html</loc></url>"
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + url * 2000 + b"</urlset>"
    assert len(entries(body)[1]) == 2000
    for sent in (body, gzip.compress(body)):
        with pytest.raises(RejectedXML) as raised:
            parse_sitemap(sent, BASE, max_bytes=len(body) - 1)
        assert raised.value.reason == "too_large"


def test_robots_txt_sitemap_lines_in_any_case_absolute_or_relative() -> None:
    robots = (b"User-agent: *\nDisallow: /private/\n\nSitemap: https://example.com/sitemap_index.xml\n"
              b"sitemap:/news-sitemap.xml\nSITEMAP: https://example.com/sitemap_index.xml\n"
              b"Sitemap: ftp://example.com/nope.xml\n# Sitemap: https://example.com/commented.xml\n")
    assert robots_sitemap_urls(robots, "https://example.com/robots.txt") == [
        "https://example.com/sitemap_index.xml", "https://example.com/news-sitemap.xml"]
    assert robots_sitemap_urls(b"User-agent: *\nDisallow:\n", "https://example.com/robots.txt") == []


def test_common_paths_are_tried_on_each_host_once() -> None:
    roots = site_roots(["https://www.example.com/world/", "https://www.example.com/", "http://m.example.com:8080/x"])
    assert roots == ["https://www.example.com", "http://m.example.com:8080"]
    assert fallback_sitemap_urls(roots[0], NewsSettings.defaults().sitemap_fallback_paths) == [
        "https://www.example.com/sitemap.xml", "https://www.example.com/news-sitemap.xml",
        "https://www.example.com/sitemap_index.xml", "https://www.example.com/sitemap-news.xml",
    ]
