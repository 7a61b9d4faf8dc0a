"""The sites file: a small TOML format whose mistakes are reported with the file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from newsscraper.sites import Site, SitesFileError, load_sites, sites_from_urls

if TYPE_CHECKING:
    from pathlib import Path


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
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\nfeeds = []\n', "unknown key\\(s\\) feeds"),
        ('[[site]]\nname = "a"\nstart_urls = ["https://a.com/"]\n[[site]]\nname = "a"\n'
         'start_urls = ["https://b.com/"]\n', "two sites share a name"),
    ],
    ids=["toml-syntax", "no-site", "no-name", "no-start-urls", "bad-url", "unknown-key", "duplicate-name"],
)
def test_malformed_files_name_the_line_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SitesFileError, match=message):
        load_sites(write(tmp_path, text))


def test_a_missing_file_is_a_sites_file_error(tmp_path: Path) -> None:
    with pytest.raises(SitesFileError, match="can't read"):
        load_sites(tmp_path / "nope.toml")


def test_start_urls_group_by_host_and_reject_non_http() -> None:
    assert sites_from_urls(["https://a.com/", " ", "https://www.a.com/x/"]) == [
        Site("a.com", ("https://a.com/", "https://www.a.com/x/"), ("a.com",))
    ]
    with pytest.raises(ValueError, match="not an http"):
        sites_from_urls(["a.com/world"])
