"""newsscraper's cleaner: an article page in, its title, clean body paragraphs and metadata out.

Usable on a plain HTML string, with no Scrapy import::

    from cleaners import clean
    article = clean(html, url="https://example.com/news/1")
    article.title, article.paragraphs, article.text, article.removed
"""

from __future__ import annotations

from .article import DEFAULT_OPTIONS, Article, CleanOptions, Removed
from .core import clean
from .errors import CleanerError, NotAnArticle, UndecodableDocument

__all__ = [
    "DEFAULT_OPTIONS",
    "Article",
    "CleanOptions",
    "CleanerError",
    "NotAnArticle",
    "Removed",
    "UndecodableDocument",
    "clean",
]
