"""Project commands (``COMMANDS_MODULE``): ``crawl`` replaces Scrapy's to exit with the run's code."""
