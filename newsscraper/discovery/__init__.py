"""Where article URLs come from: the sites file, link classification, feeds, sitemaps, and the
safe XML and date reading they share. Plain functions and records, free of Scrapy but for two
helpers it already has (gunzip with a size cap, robots.txt's Sitemap: lines), so they are tested
on bytes, without a crawl."""
