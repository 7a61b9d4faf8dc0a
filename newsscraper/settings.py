# Scrapy settings for the newsscraper project
#
# Scrapy's own settings keep the names and polite defaults of the `scrapy startproject` template;
# newsscraper's knobs are the NEWSSCRAPER_* block below, each with its default. Override any of
# them per run with `-s NAME=VALUE`.
#
#     https://docs.scrapy.org/en/latest/topics/settings.html

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

BOT_NAME = "newsscraper"

SPIDER_MODULES = ["newsscraper.spiders"]
NEWSSPIDER_MODULE = "newsscraper.spiders"

# The shared frontier switches Scrapy's scheduler to scrapy-redis's when NEWSSCRAPER_REDIS_URL is set
ADDONS = {"newsscraper.frontier.addon.SharedFrontier": 0}


# --- newsscraper -----------------------------------------------------------------------------

# Where articles are stored: a SQLite file path (default data/newsscraper.sqlite in the project) or
# sqlite:///path, or a PostgreSQL URL (postgresql://user:password@host/db, libpq parameters as query
# parameters, e.g. ?options=-csearch_path%3Dnews for a schema; needs `pip install
# 'newsscraper[postgresql]'`); also read from the NEWSSCRAPER_DATABASE environment variable; empty
# switches storage off.
NEWSSCRAPER_DATABASE = os.environ.get(
    "NEWSSCRAPER_DATABASE", str(PROJECT_ROOT / "data" / "newsscraper.sqlite")
)
# Seconds a store write waits for a lock another program holds before it fails (the crawl then
# stops with store_error, exit code 5); writes run in the store's writer thread, so a wait holds
# back the items behind it, not the downloads. PostgreSQL: the session's lock_timeout, and its
# connect_timeout unless the URL sets one.
# Every default of this block is written here only (newsscraper/config.py reads them).
NEWSSCRAPER_DATABASE_TIMEOUT = 5
# A TOML file listing the sites to crawl (overridden by `-a sites=PATH` or `-a start_urls=…`).
NEWSSCRAPER_SITES = os.environ.get("NEWSSCRAPER_SITES", "")
# How many links deep the spider follows section and pagination links from a start URL.
NEWSSCRAPER_SECTION_DEPTH = 2
# Articles whose cleaned body is shorter than this many characters (teasers, live-blog stubs,
# failed extractions) are dropped as too_short.
NEWSSCRAPER_MIN_BODY_CHARS = 300
# Drop copies: an article seen twice in one run (same canonical URL or same text), and a new URL
# whose text is already stored. False stores every copy under its own URL.
NEWSSCRAPER_DEDUP_ENABLED = True
# Also write the end-of-crawl summary to this file (empty: only the log and stdout get it).
NEWSSCRAPER_SUMMARY_FILE = ""
# Seconds between two progress reports of a running crawl (pages, articles new/updated/unchanged,
# drops, rate): one line redrawn in place when stdout is a terminal, else a log line; 0: none
# (`newsscraper crawl` sets it; Scrapy's LogStats still logs its own line every minute).
NEWSSCRAPER_PROGRESS_INTERVAL = 0

# --- newsscraper: cleaning pages, off the reactor and bounded -------------------------------

# The cleaner: a dotted path to a function of (html, url) that returns a cleaners.Article or
# raises cleaners.NotAnArticle.
NEWSSCRAPER_CLEANER = "cleaners.clean"
# Worker processes that clean pages, so the crawl uses every core and one page can't stall it
# (default: one per core). 0 cleans in the crawling process, for debugging: no limit applies then.
NEWSSCRAPER_CLEAN_WORKERS = os.cpu_count() or 1
# Seconds one page may take to clean; past it the worker is killed and replaced, and the page is
# dropped as clean_timeout.
NEWSSCRAPER_CLEAN_TIMEOUT = 20
# Resident memory a worker may grow to, in MiB; past it the worker is killed and replaced, and the
# page is dropped as clean_memory.
NEWSSCRAPER_CLEAN_MEMORY_MB = 1024
# Pages larger than this many bytes are dropped as too_large before cleaning (no news article is).
NEWSSCRAPER_MAX_PAGE_BYTES = 5 * 1024 * 1024
# The longest Retry-After (seconds) a 429 or 503 is retried after; a longer one is not retried.
NEWSSCRAPER_RETRY_AFTER_MAX = 60

# --- newsscraper: finding articles in feeds and sitemaps --------------------------------------

# Follow only sitemap entries (and sitemap-index children) dated within this many days, by
# news:publication_date or lastmod; undated entries of a urlset are skipped.
NEWSSCRAPER_SITEMAP_MAX_AGE_DAYS = 2
# Paths tried on each site host whose robots.txt names no sitemap (empty list: don't guess).
NEWSSCRAPER_SITEMAP_FALLBACK_PATHS = ["/sitemap.xml", "/news-sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml"]
# Largest feed or sitemap read, in bytes, downloaded and again once gunzipped (sitemaps.org: 50 MB).
NEWSSCRAPER_XML_MAX_BYTES = 50 * 1024 * 1024
# The "now" sitemap ages are measured from, ISO 8601 (empty: the clock); only the demo and tests set it.
# Also read from the NEWSSCRAPER_NOW environment variable, as `newsscraper demo-site` says to set it.
NEWSSCRAPER_NOW = os.environ.get("NEWSSCRAPER_NOW", "")


# --- newsscraper: incremental re-crawls and cron-safe runs -----------------------------------

# Hours after which a stored article is fetched again (conditionally); one fetched more recently is
# skipped before its request is scheduled. 0 revisits every article on every run.
NEWSSCRAPER_REFETCH_AFTER = 6
# A changed text shorter than this fraction of the stored one is a suspected extraction failure:
# kept aside in the suspects table and dropped as shrunk, not stored as an update (0: off).
NEWSSCRAPER_SHRINK_RATIO = 0.5
# The lock file that keeps two crawls out of a SQLite store (empty: the database path plus ".lock");
# a PostgreSQL store takes an advisory lock per spider and arguments instead.
NEWSSCRAPER_LOCK_FILE = ""
# The id shared by the worker processes of one distributed crawl into a PostgreSQL store (e.g.
# news-$(date +%Y%m%d%H), the same on every machine), also read from the environment: they share the
# run lock, and each records its own runs row with this crawl_id. Empty: a crawl of one process.
NEWSSCRAPER_CRAWL_ID = os.environ.get("NEWSSCRAPER_CRAWL_ID", "")
# The spider arguments recorded in the runs table; the project's `scrapy crawl` sets it from -a.
NEWSSCRAPER_RUN_ARGUMENTS = {}


# --- newsscraper: a shared frontier (several crawler processes, one Redis) -------------------

# The Redis server several crawler processes share one request queue and one set of seen requests
# in (scrapy-redis), e.g. redis://127.0.0.1:6379/0: each URL is fetched by one of them, once a run.
# Also read from the NEWSSCRAPER_REDIS_URL environment variable, else REDIS_URL (scrapy-redis's
# setting, which `-s REDIS_URL=…` also sets); empty: each crawl keeps its own queue in memory.
NEWSSCRAPER_REDIS_URL = os.environ.get("NEWSSCRAPER_REDIS_URL") or os.environ.get("REDIS_URL", "")
# Put before every Redis key of the frontier: <prefix><spider>:requests (the queue), :start_urls
# (URLs pushed to crawl), :crawl and :workers (who shares the run), :dupefilter:<crawl id>.
# Empty keeps scrapy-redis's names (news:requests, news:start_urls); set one per project or test.
NEWSSCRAPER_REDIS_PREFIX = ""
# Seconds a process waits, idle with the shared queue empty, before its crawl ends (other processes
# may still add requests meanwhile); 0 never ends it: a worker that waits for pushed start URLs.
NEWSSCRAPER_REDIS_IDLE_CLOSE = 30
# Seconds a run's seen requests outlive the last process heard from (every process renews them
# while it runs): one started within that joins the run; later, a new run starts and revisits the
# section pages, feeds and sitemaps. A run's last process to finish forgets them at once.
NEWSSCRAPER_REDIS_RUN_TTL = 60


# --- newsscraper: the store writer ------------------------------------------------------------

# Article saves, 304 touches and incremental lookups run on one writer thread with its own
# connection, never on the reactor. At most this many wait for it; when the queue is full, the
# store pipeline waits too (back-pressure) instead of holding more items.
NEWSSCRAPER_STORE_QUEUE_SIZE = 500
# Group commit: up to this many operations already queued share one transaction (each article
# still whole or absent; nobody hears of one before its commit). 1: a transaction per operation.
NEWSSCRAPER_STORE_BATCH_SIZE = 100


# --- Scrapy ----------------------------------------------------------------------------------

# Crawl responsibly by identifying yourself (and your website) on the user-agent
USER_AGENT = "newsscraper/0.1 (+https://github.com/newsscraper/newsscraper)"

# Obey robots.txt rules
ROBOTSTXT_OBEY = True

# Concurrency and throttling settings
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1

# Items a response's output is processed with in parallel (Scrapy: 100). An article page yields one
# item, a section page requests only: Scrapy starts this many asyncio tasks for every response's
# output, which at 100 cost the crawl more CPU than its own pipelines (bench/crawl_speed.py).
CONCURRENT_ITEMS = 4

# Limits no news page needs to exceed: a response that stalls is given up after 30 s (Scrapy: 180)
DOWNLOAD_TIMEOUT = 30
# A body over 10 MB is not downloaded, also once decompressed (a gzip bomb stops there); Scrapy: 1 GB
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
# A body over 2 MB is logged as a warning (Scrapy: 32 MB)
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# Redirect chains longer than this are given up (Scrapy: 20)
REDIRECT_MAX_TIMES = 10
# 429 and 5xx are retried twice (Scrapy's RETRY_TIMES); a 429/503 with Retry-After waits as asked,
# up to NEWSSCRAPER_RETRY_AFTER_MAX
RETRY_TIMES = 2

# Disable Telnet Console (enabled by default)
TELNETCONSOLE_ENABLED = False
# Disable Scrapy's remote control (enabled by default): an HTTP server that runs Python sent to it
REMOTE_CONTROL_ENABLED = False

# A news crawl logs what it did, not every item (DEBUG would dump each article's text)
LOG_LEVEL = "INFO"
# Dropped items are logged as one line with the reason and the URL
LOG_FORMATTER = "newsscraper.logformatter.NewsLogFormatter"

# `scrapy crawl` exits with the run's code (newsscraper/exitcodes.py) instead of always 0
COMMANDS_MODULE = "newsscraper.commands"

# The store first (it takes the run lock and opens the crawl's one connection), then the run
# recorder (runs table, exit code); the summary prints its record
EXTENSIONS = {
    "newsscraper.store.crawl.CrawlStore": 50,
    "newsscraper.extensions.runs.RunRecorder": 100,
    # JOBDIR: a crawl that died leaves a queue Scrapy can't resume; a finished one's is cleared
    # (after the store, whose lock keeps a second crawl from touching the first one's JOBDIR)
    "newsscraper.extensions.jobdir.JobDirGuard": 110,
    # the cleaner pool: pages are cleaned in worker processes, each under a time and memory limit
    "newsscraper.extraction.cleaning.Cleaning": 200,
    "newsscraper.extensions.summary.CrawlSummary": 500,
    # NEWSSCRAPER_PROGRESS_INTERVAL: what the crawl has done so far, on a terminal or in the log
    "newsscraper.extensions.progress.Progress": 510,
    # the shared frontier (NEWSSCRAPER_REDIS_URL): start URLs pushed to Redis, the idle close
    "newsscraper.frontier.starts.RedisStartUrls": 600,
}

# Incremental re-crawls: count per site, then skip fresh articles before the scheduler (below 50,
# HttpErrorMiddleware, so every response is counted); a 304 ends in the downloader
SPIDER_MIDDLEWARES = {
    "newsscraper.middlewares.incremental.IncrementalMiddleware": 40,
    "newsscraper.middlewares.sitehealth.SiteHealthMiddleware": 45,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt middleware, fixed: every request waiting for a robots.txt obeys it
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsscraper.middlewares.robots.RobotsTxtMiddleware": 100,
    "newsscraper.middlewares.notmodified.NotModifiedMiddleware": 650,
    # before Scrapy's RetryMiddleware (550) sees the response: wait as Retry-After asks
    "newsscraper.middlewares.retryafter.RetryAfterMiddleware": 560,
}

# validate -> dedup -> store, one job each
ITEM_PIPELINES = {
    "newsscraper.pipelines.validate.ValidatePipeline": 100,
    "newsscraper.pipelines.dedup.DedupPipeline": 200,
    "newsscraper.pipelines.store.StorePipeline": 300,
}

# Enable and configure the AutoThrottle extension
# See https://docs.scrapy.org/en/latest/topics/autothrottle.html
AUTOTHROTTLE_ENABLED = True
# The initial download delay
AUTOTHROTTLE_START_DELAY = 5
# The maximum download delay to be set in case of high latencies
AUTOTHROTTLE_MAX_DELAY = 60
# The average number of requests Scrapy should be sending in parallel to each remote server
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Set settings whose default value is deprecated to a future-proof value
FEED_EXPORT_ENCODING = "utf-8"
