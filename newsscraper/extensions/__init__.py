"""Scrapy extensions of the project, one class a file."""
