"""Scrapy middlewares of the project, one class a file (see SPIDER_MIDDLEWARES and
DOWNLOADER_MIDDLEWARES in settings.py)."""
