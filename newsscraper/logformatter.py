"""Log lines about items that a person can read: the reason and the URL, not the article's whole text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from scrapy.logformatter import LogFormatterResult
    from twisted.python.failure import Failure

__all__ = ["NewsLogFormatter"]


def _url(item: Any) -> Any:
    return ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else item


class NewsLogFormatter(LogFormatter):
    """Scrapy's formatter, except an item is named by its URL: ``Dropped (reason): URL``."""

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        """One line per expected drop; Scrapy's default repeats the whole item."""
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped (%(exception)s): %(url)s"
        result["args"] = {"exception": exception, "url": _url(item)}
        return result

    def item_error(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        """A pipeline failure (a storage error…) names the article; the traceback follows."""
        result = super().item_error(item, exception, response, spider)
        result["msg"] = "Error processing %(url)s"
        result["args"] = {"url": _url(item)}
        return result
