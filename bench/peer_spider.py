"""The peers of newsscraper in crawl_speed.py: what a user would write instead, as one plain spider.

    scrapy runspider bench/peer_spider.py -a start_url=URL -a extract=none|trafilatura -O out.jsonl

A ``CrawlSpider`` with two rules, the shape of Scrapy's own tutorial: follow the section and
pagination links, and call back on the article links (``/YYYY/MM/DD/slug.html``). With
``extract=none`` the callback writes the raw HTML (row a, the ceiling: Scrapy's own cost of
fetching the site); with ``extract=trafilatura`` it writes ``trafilatura.extract`` of the body with
its defaults (row b, the same call bench/clean_speed.py compares the cleaner with). Items go to a
JSON lines feed. It runs outside the project (no scrapy.cfg in its working folder), so none of
newsscraper's settings apply; crawl_speed.py passes the ones every row shares on the command line.
"""

from __future__ import annotations

from typing import Any

from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule

ARTICLE = r"/\d{4}/\d\d/\d\d/[^/]+\.html$"
LISTING = r"/(world|politics|business|technology|science|health|sport|culture)/(page/\d+/)?$"


class PeerSpider(CrawlSpider):
    """Sections in, one item per article out."""

    name = "peer"
    rules = (
        Rule(LinkExtractor(allow=ARTICLE), callback="parse_article"),
        Rule(LinkExtractor(allow=LISTING), follow=True),
    )
    # What newsscraper's settings.py also sets, so the rows differ only in what they do per page.
    custom_settings = {  # noqa: RUF012  (Scrapy's documented shape)
        "USER_AGENT": "newsscraper/0.1 (+https://github.com/newsscraper/newsscraper)",
        "ROBOTSTXT_OBEY": True,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "FEED_EXPORT_ENCODING": "utf-8",
    }

    def __init__(self, start_url: str = "", extract: str = "none", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start_url]
        if extract not in ("none", "trafilatura"):
            raise ValueError(f"extract must be none or trafilatura, not {extract!r}")
        self.extract = extract
        if extract == "trafilatura":
            import trafilatura

            self.trafilatura_extract = trafilatura.extract

    def parse_article(self, response: Any) -> Any:
        """Row a: the page as fetched; row b: trafilatura's text of it."""
        if self.extract == "none":
            yield {"url": response.url, "html": response.text}
        else:
            yield {"url": response.url, "text": self.trafilatura_extract(response.body, url=response.url)}
