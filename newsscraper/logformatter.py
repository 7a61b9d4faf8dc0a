"""Log lines for dropped items that a person can read: the reason and the URL, not the whole text."""

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


class NewsLogFormatter(LogFormatter):
    """Scrapy's formatter, except a dropped article is one line: ``Dropped (reason): URL``."""

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        result["msg"] = "Dropped (%(exception)s): %(url)s"
        result["args"] = {"exception": exception, "url": url}
        return result
