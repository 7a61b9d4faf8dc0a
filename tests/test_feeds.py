"""The feed parser: RSS 2.0, RSS 1.0 and Atom entries with their dates, feed discovery on HTML
pages, and hostile XML that must stay harmless (no entity expansion, no file or network access)."""

from __future__ import annotations

import gzip
import time

import pytest
from scrapy.http import HtmlResponse

from newsscraper.discovery.dates import parse_date
from newsscraper.discovery.feeds import FeedEntry, feed_links, parse_feed
from newsscraper.discovery.safexml import RejectedXML

FEED_URL = "https://example.com/world/rss.xml"
#: the parsers' size cap; the default crawl's is NEWSSCRAPER_XML_MAX_BYTES
CAP = 1024 * 1024

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>World - Example News</title>
  <link>https://example.com/world/</link>
  <atom:link href="https://example.com/world/rss.xml" rel="self" type="application/rss+xml"/>
  <item>
    <title>River rises after storm</title>
    <link>https://example.com/2024/05/01/river-rises-after-storm.html?utm_source=rss</link>
    <pubDate>Wed, 01 May 2024 07:30:00 +0200</pubDate>
  </item>
  <item>
    <title><![CDATA[Bridge <em>closed</em> &amp; buses rerouted]]></title>
    <guid>https://example.com/2024/05/01/bridge-closed-buses-rerouted.html</guid>
    <dc:date>2024-05-01T09:00:00Z</dc:date>
  </item>
  <item>
    <title>Caf&eacute; owners count the cost</title>
    <link>/2024/05/02/cafe-owners-count-the-cost.html</link>
    <pubDate>not a date</pubDate>
  </item>
  <item><title>No link, no entry</title><guid isPermaLink="false">tag:example.com,2024:1</guid></item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Monde</title>
  <link rel="self" href="https://example.com/monde/atom.xml"/>
  <updated>2024-05-02T10:00:00+02:00</updated>
  <entry>
    <title type="html">Grève des dockers à Marseille</title>
    <link rel="alternate" type="text/html" href="https://example.com/monde/2024/05/01/greve-dockers-marseille.html"/>
    <link rel="enclosure" type="image/jpeg" href="https://example.com/img/dockers.jpg"/>
    <id>urn:uuid:1</id>
    <published>2024-05-01T06:15:00+02:00</published>
    <updated>2024-05-02T08:00:00+02:00</updated>
  </entry>
  <entry>
    <title>Only updated</title>
    <link href="/monde/2024/05/02/seulement-mis-a-jour.html"/>
    <updated>2024-05-02T08:00:00Z</updated>
  </entry>
</feed>""".encode()

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.com/"><title>Example</title></channel>
  <item rdf:about="https://example.com/2024/05/03/rdf-item-about-things.html">
    <title>RDF item</title><dc:date>2024-05-03</dc:date>
  </item>
</rdf:RDF>"""


def test_rss_items_give_url_title_and_published_date() -> None:
    assert parse_feed(RSS, FEED_URL, max_bytes=CAP) == [
        FeedEntry("https://example.com/2024/05/01/river-rises-after-storm.html?utm_source=rss",
                  "River rises after storm", "2024-05-01T07:30:00+02:00"),
        FeedEntry("https://example.com/2024/05/01/bridge-closed-buses-rerouted.html",
                  "Bridge <em>closed</em> & buses rerouted", "2024-05-01T09:00:00+00:00"),
        FeedEntry("https://example.com/2024/05/02/cafe-owners-count-the-cost.html", "Café owners count the cost", None),
    ]


def test_atom_entries_prefer_the_html_alternate_link_and_published_over_updated() -> None:
    assert parse_feed(ATOM, "https://example.com/monde/atom.xml", max_bytes=CAP) == [
        FeedEntry("https://example.com/monde/2024/05/01/greve-dockers-marseille.html",
                  "Grève des dockers à Marseille", "2024-05-01T06:15:00+02:00"),
        FeedEntry("https://example.com/monde/2024/05/02/seulement-mis-a-jour.html", "Only updated",
                  "2024-05-02T08:00:00+00:00"),
    ]


def test_rss_1_0_rdf_items() -> None:
    assert parse_feed(RDF, FEED_URL, max_bytes=CAP) == [
        FeedEntry("https://example.com/2024/05/03/rdf-item-about-things.html", "RDF item", "2024-05-03T00:00:00+00:00")
    ]


def test_a_gzipped_feed_served_as_octet_stream_is_read() -> None:
    assert parse_feed(gzip.compress(RSS), FEED_URL, max_bytes=CAP) == parse_feed(RSS, FEED_URL, max_bytes=CAP)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html><body><p>Not a feed</p></body></html>", "not_a_feed"),
        (b"", "not_xml"),
        (b"\x1f\x8b\x08garbage", "bad_gzip"),
        (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "not_a_feed"),
    ],
    ids=["html", "empty", "broken-gzip", "sitemap"],
)
def test_other_documents_are_rejected_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(RejectedXML) as raised:
        parse_feed(body, FEED_URL, max_bytes=CAP)
    assert raised.value.reason == reason


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]><rss><channel><item><title>&lol9;</title><link>https://example.com/2024/05/01/a-b-c-d</link></item>"
    b"</channel></rss>"
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
    b'<!ENTITY net SYSTEM "http://127.0.0.1:9/evil.dtd">]>'
    b"<rss><channel><item><title>&xxe;&net;</title><link>https://example.com/2024/05/01/a-b-c-d</link></item>"
    b"</channel></rss>"
)
PARAMETER_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>'
    b"<rss><channel><item><title>x</title><link>https://example.com/2024/05/01/a-b-c-d</link></item></channel></rss>"
)


@pytest.mark.parametrize("body", [BILLION_LAUGHS, EXTERNAL_ENTITY, PARAMETER_ENTITY],
                         ids=["billion-laughs", "external-entity", "parameter-entity"])
def test_hostile_xml_is_refused_quickly_without_expanding_or_fetching_anything(body: bytes) -> None:
    started = time.perf_counter()
    with pytest.raises(RejectedXML) as raised:
        parse_feed(body, FEED_URL, max_bytes=CAP)
    assert raised.value.reason == "entities"
    assert "root:" not in str(raised.value)  # nothing of /etc/passwd
    assert time.perf_counter() - started < 1


def test_an_external_dtd_reference_alone_is_not_fetched_and_the_feed_is_read() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            b'"http://127.0.0.1:9/rss-0.91.dtd"><rss version="0.91"><channel><item><title>Old &amp; fine</title>'
            b"<link>https://example.com/2024/05/01/a-b-c-d</link></item></channel></rss>")
    assert parse_feed(body, FEED_URL, max_bytes=CAP) == [
        FeedEntry("https://example.com/2024/05/01/a-b-c-d", "Old & fine", None)]


def test_a_feed_over_the_size_cap_is_refused_before_and_after_gunzip() -> None:
    big = RSS.replace(b"</channel>", b"<!--" + b"x" * 5000 + b"--></channel>")
    with pytest.raises(RejectedXML, match="cap") as raised:
        parse_feed(big, FEED_URL, max_bytes=4000)
    assert raised.value.reason == "too_large"
    with pytest.raises(RejectedXML) as raised:
        parse_feed(gzip.compress(big), FEED_URL, max_bytes=4000)  # small compressed, large inflated
    assert raised.value.reason == "too_large"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed, 01 May 2024 07:30:00 +0200", "2024-05-01T07:30:00+02:00"),
        ("Wed, 01 May 2024 07:30:00 GMT", "2024-05-01T07:30:00+00:00"),
        ("2024-05-01", "2024-05-01T00:00:00+00:00"),
        ("2024-05-01T07:30+02:00", "2024-05-01T07:30:00+02:00"),
        ("2024-05-01T07:30:15.123Z", "2024-05-01T07:30:15+00:00"),
        ("2024-05-01 07:30:15", "2024-05-01T07:30:15+00:00"),
        ("2024-05", "2024-05-01T00:00:00+00:00"),
        ("2024-13-01", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_dates_in_feed_and_sitemap_formats(text: str, expected: str | None) -> None:
    parsed = parse_date(text)
    assert (parsed.isoformat() if parsed else None) == expected


def test_feeds_announced_on_a_section_page() -> None:
    page = b"""<html><head>
<link rel="alternate" type="application/rss+xml" title="World" href="/world/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://example.com/monde/atom.xml">
<link rel="Alternate" type="application/rss+xml; charset=utf-8" href="/world/rss.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/json" href="/wp-json/">
<link rel="stylesheet" href="/main.css">
</head><body><a href="/feed/" rel="alternate" type="application/rss+xml">an a, not a link</a></body></html>"""
    response = HtmlResponse("https://example.com/world/", body=page, encoding="utf-8")
    assert feed_links(response) == ["https://example.com/world/rss.xml", "https://example.com/monde/atom.xml"]
