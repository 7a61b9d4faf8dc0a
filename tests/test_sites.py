"""The sites file: a small TOML format whose mistakes are reported with the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsscraper.discovery.links import LinkKind
from newsscraper.discovery.sites import Site, SitesFileError, load_sites, sites_from_urls

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sites_are_loaded_in_order_with_default_domains(tmp_path: Path) -> None:
    path = write(tmp_path, """
[[site]]
name = "example"
start_urls = ["https://www.example.com/", "https://www.example.com/world/"]

[[site]]
name = "le-journal"
start_urls = ["https://journal.fr/monde/"]
allowed_domains = ["journal.fr", "www.journal.fr", "m.journal.fr"]
""")
    assert load_sites(path) == [
        Site("example", ("https://www.example.com/", "https://www.example.com/world/"), ("example.com",)),
        Site("le-journal", ("https://journal.fr/monde/",), ("journal.fr", "m.journal.fr")),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[site]]\nname = "a"\nstart_urls = https://a.com/\n', r"sites.toml: not valid TOML: .*line 3"),
        ('title = "no sites"\n', "no \\[\\[site\\]\\] table"),
        ('\n\n[[site]]\nstart_urls = ["https://a.com/"]\n', r"sites.toml:3: \[\[site\]\] needs a name"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\n[[site]]\nname = "b"\n',
         "sites.toml:4: site 'b' needs start_urls"),
        ('[[site]]\nname = "a"\nstart_urls = ["ftp://a.com/"]\n', "not http\\(s\\) URLs"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\nfeeds = []\n',
         r"sites.toml:4: unknown key\(s\) feeds"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\n[[site]]\nname = "a"\n'
         'start_urls = ["https://b.com/"]\n', "two sites share a name"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\n\n[[site]]\nname = "b"\n'
         'start_urls = ["https://b.com/"]\nfeed_urls = "https://b.com/rss"\n',
         r"sites.toml:8: site 'b': feed_urls must be a list of URLs \(key 'feed_urls'\)"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\nsitemap_urls = ["/sitemap.xml"]\n',
         r"sites.toml:4: .*sitemap_urls that are not http\(s\) URLs.*\(key 'sitemap_urls'\)"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\narticle_pattern = "/(\\\\d+"\n',
         r"sites.toml:4: .*article_pattern is not a valid regular expression.*\(key 'article_pattern'\)"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\n  download_delay = -1\n',
         r"sites.toml:4: .*download_delay must be a number.*\(key 'download_delay'\)"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\ndownload_delay = "2s"\n',
         r"sites.toml:4: .*download_delay"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\nallowed_domains = []\n',
         r"sites.toml:4: .*allowed_domains must be a list"),
        ('[[site]]\nname = "a"\nstart_urls = []\n', r"sites.toml:3: site 'a' needs start_urls"),
    ],
    ids=["toml-syntax", "no-site", "no-name", "no-start-urls", "bad-url", "unknown-key", "duplicate-name",
         "feeds-not-a-list", "relative-sitemap", "bad-pattern", "negative-delay", "delay-string",
         "empty-domains", "empty-start-urls"],
)
def test_malformed_files_name_the_line_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SitesFileError, match=message):
        load_sites(write(tmp_path, text))


def test_feeds_sitemaps_and_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, """
# a site known only by its feed and its news sitemap
[[site]]
name = "wire"
feed_urls = ["https://feeds.wire.example/top.rss"]
sitemap_urls = ["https://www.wire.example/sitemap.php?type=news"]
article_pattern = "/story/[a-z0-9-]+$"
download_delay = 2
""")
    (site,) = load_sites(path)
    assert site == Site("wire", (), ("feeds.wire.example", "wire.example"),
                        feed_urls=("https://feeds.wire.example/top.rss",),
                        sitemap_urls=("https://www.wire.example/sitemap.php?type=news",),
                        article_pattern="/story/[a-z0-9-]+$", download_delay=2.0)
    assert site.download_slot == "newsscraper-site:wire"


def test_the_article_pattern_decides_what_is_an_article() -> None:
    site = Site("wire", ("https://wire.example/",), ("wire.example",), article_pattern=r"/story/\w+$")
    plain = Site("plain", ("https://wire.example/",), ("wire.example",))
    assert site.classify("https://wire.example/story/abc") is LinkKind.ARTICLE  # too short for the guess
    assert plain.classify("https://wire.example/story/abc") is not LinkKind.ARTICLE
    long_slug = "https://wire.example/about/our-long-history-of-reporting"
    assert plain.classify("https://wire.example/2024/05/01/river-rises-after-storm") is LinkKind.ARTICLE
    assert site.classify("https://wire.example/2024/05/01/river-rises-after-storm") is LinkKind.OTHER
    assert site.classify("https://wire.example/world/") is LinkKind.SECTION
    assert site.classify("https://other.example/story/abc") is LinkKind.OFFSITE
    assert plain.classify(long_slug) is site.classify(long_slug) is LinkKind.OTHER
    assert plain.download_slot is None


def test_the_example_sites_file_loads() -> None:
    sites = load_sites(PROJECT_ROOT / "sites.example.toml")
    assert len(sites) >= 2
    assert any(s.feed_urls for s in sites) and any(s.sitemap_urls for s in sites)


def test_a_missing_file_is_a_sites_file_error(tmp_path: Path) -> None:
    with pytest.raises(SitesFileError, match="can't read"):
        load_sites(tmp_path / "nope.toml")


def test_start_urls_group_by_host_and_reject_non_http() -> None:
    assert sites_from_urls(["https://a.com/", " ", "https://www.a.com/x/"]) == [
        Site("a.com", ("https://a.com/", "https://www.a.com/x/"), ("a.com",))
    ]
    with pytest.raises(ValueError, match="not an http"):
        sites_from_urls(["a.com/world"])


def test_the_readme_example_loads(tmp_path: Path) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### The sites file", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (site,) = load_sites(write(tmp_path, block))
    assert site.download_delay == 3.0
    assert site.classify("https://www.journal.example/article-12.html") is LinkKind.ARTICLE
