"""The link classifier: positives and negatives for every kind of link a section page carries."""

from __future__ import annotations

import pytest

from newsscraper.discovery.links import LinkKind, canonical_url, choose_canonical, classify, is_same_site

HOSTS = ("example.com",)
SITE = "https://www.example.com"

CASES = {
    LinkKind.ARTICLE: [
        "/2024/05/01/fox-crosses-river.html",           # date path
        "/world/2024/may/01/us-votes-today",             # date with a month name
        "/international/article/2024/05/01/titre_6231234_3210.html",
        "/news/world-europe-68834721",                   # long numeric id
        "/a/123456",
        "/fr/monde/un-attentat-fait-dix-morts-a-bagdad.html",  # long slug
        "/politics/senate-passes-the-budget-bill",
        "/article.php?id=123",                          # id parameter
        "/2024-05-01-fox-crosses-river",
    ],
    LinkKind.SECTION: [
        "/", "/world/", "/fr/monde/", "/news/science-environment", "/sport.html", "/index.html",
        "/2024/05/", "/2024/05/01/",                     # date archives list articles
    ],
    LinkKind.TAG: ["/tag/iraq", "/tags/us-election-results-2024/", "/topics/climate", "/fr/sujet/irak"],
    LinkKind.AUTHOR: ["/author/jane-doe", "/fr/auteur/jean-dupont/", "/profile/john-smith-12345"],
    LinkKind.PAGINATION: ["/world/page/2/", "/world/?page=3", "/fr/monde/page-4", "/archive?seite=2"],
    LinkKind.STATIC: ["/img/photo.jpg", "/files/report-2024-annual-results.pdf", "/feed.xml", "/a.css"],
    LinkKind.OTHER: [
        "/search?q=iraq", "/about/", "/fr/contact", "/newsletter", "/login?next=/world/",
        "/deep/path/with-one/odd_thing/",
    ],
}


@pytest.mark.parametrize(
    ("kind", "path"),
    [(kind, path) for kind, paths in CASES.items() for path in paths],
    ids=lambda v: v.value if isinstance(v, LinkKind) else v,
)
def test_classify(kind: LinkKind, path: str) -> None:
    assert classify(SITE + path, HOSTS) is kind


@pytest.mark.parametrize(
    "url",
    ["https://twitter.com/share?url=x", "https://example.org/2024/05/01/story-on-another-site",
     "https://notexample.com/a/123456"],
)
def test_other_sites_are_offsite(url: str) -> None:
    assert classify(url, HOSTS) is LinkKind.OFFSITE


@pytest.mark.parametrize("url", ["mailto:desk@example.com", "javascript:void(0)", "tel:+33100000000"])
def test_non_http_links_are_other(url: str) -> None:
    assert classify(url, HOSTS) is LinkKind.OTHER


def test_subdomains_and_www_belong_to_the_site() -> None:
    assert is_same_site("https://m.example.com/x", HOSTS)
    assert is_same_site("http://www.example.com:8080/x", ["www.example.com"])
    assert not is_same_site("https://example.com.evil.net/x", HOSTS)


def test_canonical_url_drops_trackers_fragment_and_default_port() -> None:
    assert (
        canonical_url("HTTPS://WWW.Example.com:443/a/b.html?utm_source=x&b=2&a=1&fbclid=z#comments")
        == "https://www.example.com/a/b.html?a=1&b=2"
    )


def test_canonical_url_keeps_article_ids() -> None:
    assert canonical_url("http://example.com/article.php?id=3&story=9") == "http://example.com/article.php?id=3&story=9"


def test_declared_canonical_wins_when_it_is_an_article_of_the_site() -> None:
    fetched = "https://example.com/2024/05/01/fox-crosses-river.html?utm_medium=rss"
    declared = "/amp/2024/05/01/fox-crosses-river.html"
    assert choose_canonical(fetched, declared, HOSTS) == "https://example.com/amp/2024/05/01/fox-crosses-river.html"


@pytest.mark.parametrize("declared", [None, "https://example.com/", "https://other.org/2024/05/01/fox-story"])
def test_untrustworthy_declared_canonical_is_ignored(declared: str | None) -> None:
    fetched = "https://example.com/2024/05/01/fox-crosses-river.html?utm_medium=rss"
    assert choose_canonical(fetched, declared, HOSTS) == "https://example.com/2024/05/01/fox-crosses-river.html"
