"""The shared frontier: several crawler processes, on one machine or many, share one request queue
and one set of seen requests in Redis, so each URL is fetched once a run by one of them.

It is scrapy-redis's scheduler and dupefilter, switched on by ``NEWSSCRAPER_REDIS_URL`` (or
``REDIS_URL``) through :class:`~newsscraper.frontier.addon.SharedFrontier`. What newsscraper adds:

- :mod:`newsscraper.frontier.redisapi`, the one module that touches scrapy-redis: its scheduler with
  a seen-requests set per run (so an hourly run revisits the section pages the last one saw) and
  without the calls Scrapy 2.13+ deprecates;
- :mod:`newsscraper.frontier.runs`, how the processes of one run find each other (the run id);
- :mod:`newsscraper.frontier.starts`, start URLs pushed to ``<spider>:start_urls`` as
  scrapy-redis's ``RedisSpider`` reads them, through Scrapy's async ``start()`` and the engine, and
  the idle close that ends a cron run.
"""
