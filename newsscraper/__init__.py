"""newsscraper: a Scrapy project that crawls news sites and stores each article once, cleaned."""
