"""Cleaners to plug into the crawl (NEWSSCRAPER_CLEANER="plugged.<name>"): each misbehaves one way
on pages whose URL contains "bad", and cleans the others as cleaners.clean does."""

from __future__ import annotations

import os
import time

from cleaners import Article, NotAnArticle, clean

__all__ = ["crashes", "hogs_memory", "not_an_article", "raises", "sleeps"]


def _bad(url: str | None) -> bool:
    return bool(url) and "bad" in str(url)


def not_an_article(html: str | bytes, url: str | None) -> Article:
    raise NotAnArticle("no_body", "no article body found on the page")


def raises(html: str | bytes, url: str | None) -> Article:
    if _bad(url):
        raise KeyError("a bug in the cleaner")
    return clean(html, url)


def sleeps(html: str | bytes, url: str | None) -> Article:
    if _bad(url):
        time.sleep(60)
    return clean(html, url)


def crashes(html: str | bytes, url: str | None) -> Article:
    if _bad(url):
        os._exit(7)
    return clean(html, url)


def hogs_memory(html: str | bytes, url: str | None) -> Article:
    hog = []
    while _bad(url):  # the cleaner's memory grows without end on this page
        hog.append(bytearray(16 * 1024 * 1024))
        time.sleep(0.01)
    return clean(html, url)
