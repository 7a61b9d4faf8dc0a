"""A generated news site of N distinct articles, served from memory by its own process on 127.0.0.1.

    python bench/newssite.py --articles 2000 [--port 0] [--seed 9]   # prints "READY <port> ..."

What the crawl benchmarks (crawl_speed.py, crawl_scale.py) crawl. The site looks like a news
site to a crawler and to an extractor alike:

- ``/`` links to eight section pages (and to the latest stories, tags, authors, utility pages);
- ``/<section>/`` lists that section's newest 100 articles and a pager linking to every further
  page ``/<section>/page/<k>/`` (100 articles each), so every article is at most two links from the
  home page: within newsscraper's default ``NEWSSCRAPER_SECTION_DEPTH`` of 2;
- an article is ``/2026/11/<dd>/<headline-slug>.html``: a headline, a standfirst, a byline and a
  date, 5-12 paragraphs of sentences built from word lists and random names and figures (so no
  two bodies are alike and dedup rightly keeps them all), a subheading or a quote, inside the
  usual header, mega-menu, cookie banner, "most read", newsletter box and footer, with meta tags
  and NewsArticle JSON-LD;
- ``/robots.txt`` allows everything but /search/ and names no sitemap; anything else is a 404.

Article ``i`` depends only on the seed and ``i``: the 1,000-article site is the first 1,000
articles of the 20,000 one. Pages are rendered and gzipped once, before the server says READY,
and served from memory with ``Content-Encoding: gzip`` (as a news site's CDN would; Scrapy asks
for it): the server's own work per request is a dictionary lookup and one write, on an asyncio
loop with keep-alive, so it is not what limits a crawl at 32 concurrent requests (crawl_speed.py
shows it: the bare spider is the ceiling it measures, and the server's CPU seconds are reported).
Each page has an ``ETag``; a matching ``If-None-Match`` gets a 304.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import hashlib
import html
import json
import os
import random
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

SITE_NAME = "The Loopback Herald"
PER_PAGE = 100
YEAR, MONTH = 2026, 11
SECTIONS = {
    "world": "World", "politics": "Politics", "business": "Business", "technology": "Technology",
    "science": "Science", "health": "Health", "sport": "Sport", "culture": "Culture",
}
SUBSECTIONS = {
    "world": ["Europe", "Americas", "Asia", "Africa", "Middle East"],
    "politics": ["Parliament", "Elections", "Policy", "Local government"],
    "business": ["Markets", "Companies", "Economy", "Personal finance", "Property"],
    "technology": ["Gadgets", "Startups", "Security", "Internet"],
    "science": ["Space", "Environment", "Research", "Climate"],
    "health": ["Hospitals", "Medicine", "Wellbeing", "Public health"],
    "sport": ["Football", "Tennis", "Cycling", "Athletics", "Rugby"],
    "culture": ["Books", "Film", "Music", "Theatre", "Art"],
}

FIRST = ("Anna Ben Clara David Elena Farid Grace Hugo Ines Jonas Kemal Lena Marta Nadia Omar Paula "
         "Rafael Sofia Tomas Ursula Victor Wanda Yusuf Zoe Amir Bea Carlos Dana Emil Fatima Georg Hana "
         "Ivan Julia Karim Lucia Mateo Nina Oskar Priya Quentin Rosa Samir Tara Ulrich Vera Walter Xenia "
         "Yara Zeno Alice Bruno Chiara Diego Esther Felix Gloria Henrik Irene Jakob").split()
LAST = ("Adler Baptiste Castillo Dubois Eriksen Fischer Garcia Hansen Ivanova Jansen Kowalski Lindqvist "
        "Moreau Novak Okafor Petrov Quinn Rossi Schmidt Tanaka Urban Vogel Weber Xu Yilmaz Zimmermann "
        "Andersen Bauer Costa Dimitrov Engel Ferreira Gruber Horvath Iglesias Jovanovic Keller Lopez "
        "Mendes Nielsen Ortega Pereira Ramos Santos Torres Varga Wagner Young Ziegler Brandt Carvalho "
        "Delgado Esposito Fontaine Greco Hoffmann").split()
PLACES = ("Northfield|Port Avalon|Lakeside|Eastbrook|Granite Bay|Millhaven|Westmoor|Riverton|Saltmarsh|"
          "Highcliff|Oakridge|Silverton|Brackenford|Kingsmere|Ashworth|Fairhaven|Coldwater|Redhill|"
          "Stonebridge|Larkspur|the northern provinces|the coastal region|the capital|the valley districts").split("|")
ORGS = ("the Ministry of Finance|the regional council|the central bank|the transport authority|the national "
        "statistics office|the university hospital|the port authority|the teachers' union|the chamber of "
        "commerce|the energy regulator|the competition watchdog|the housing association|the water board|"
        "the football federation|the national museum|the weather service|the police federation|the audit "
        "office|the farmers' cooperative|the medical association").split("|")
ROLES = ("a spokesperson for {org}|the head of {org}|a senior economist at {org}|a lawyer representing "
         "{org}|the deputy mayor of {place}|a researcher at {org}|an adviser to {org}|a shop owner in "
         "{place}|a nurse in {place}|the chair of {org}|a former official at {org}|a resident of {place}").split("|")
TOPICS = {
    "world": "ceasefire talks|border crossing|trade agreement|refugee programme|election observers|aid convoy|"
             "summit declaration|embassy staff|peace plan|sanctions package",
    "politics": "budget vote|coalition deal|spending review|housing bill|pension reform|tax proposal|"
                "committee report|ballot count|party conference|consultation",
    "business": "quarterly results|merger talks|interest rate decision|factory expansion|wage negotiations|"
                "bond issue|retail sales figures|supply contract|share buyback|inflation data",
    "technology": "data breach|chip plant|software update|broadband rollout|app store rules|encryption law|"
                  "satellite launch|robotics trial|outage|privacy ruling",
    "science": "climate model|telescope images|drought study|vaccine trial|fossil discovery|ocean survey|"
               "particle experiment|glacier measurements|crop research|solar storm",
    "health": "waiting lists|hospital funding|flu season|mental health service|drug approval|screening "
              "programme|staff shortages|clinic closures|emergency department|care homes",
    "sport": "cup final|transfer window|doping inquiry|stadium plans|league table|coaching change|"
             "championship qualifier|injury crisis|ticket prices|youth academy",
    "culture": "film festival|museum reopening|book prize|concert tour|theatre season|art auction|"
               "streaming deal|heritage grant|opera premiere|literary festival",
}
TOPICS = {k: v.split("|") for k, v in TOPICS.items()}
VERBS = ("approved|delayed|rejected|defended|questioned|welcomed|criticised|postponed|announced|revised|"
         "extended|suspended|backed|challenged|confirmed").split("|")
HEADLINES = (
    "{Place} {verb} {topic} after {weeks} weeks of talks",
    "{Org} {verb} {topic} as costs rise",
    "Why the {topic} matters for {place}",
    "{Topic}: what we know so far",
    "{Person} says {topic} will be {verb} by {month}",
    "{Topic} {verb} amid protests in {place}",
    "Inside the {topic} that divided {place}",
    "{Number} things to know about the {topic}",
    "{Topic} faces fresh doubts in {place}",
    "{Org} under pressure over {topic}",
    "{Place} residents react to {topic}",
    "Questions grow over {topic} in {place}",
)
SENTENCES = (
    "{Person}, {role}, said the {topic} had been {verb} {when}.",
    "The decision affects about {number} people in {place}, according to figures published by {org}.",
    "Officials in {place} {verb} the plan on {weekday}, saying it would cost {money} over {years} years.",
    "Critics argue that the {topic} does little for households already paying {pct} more than last year.",
    "\u201cWe have been waiting for this since {month},\u201d said {person}, {role}.",
    "A report by {org} found that {pct} of those surveyed in {place} were worried about the {topic}.",
    "The {topic} is expected to be discussed again when {org} meets in {month}.",
    "Turnout at the meeting in {place} was the highest in {years} years, organisers said.",
    "{Org} declined to comment on the figures, but said a fuller statement would follow {when}.",
    "Supporters say the {topic} could create {number} jobs by {year}.",
    "The same proposal was {verb} in {year}, when it was estimated to cost {money}.",
    "In {place}, where unemployment stands at {pct}, the reaction was mixed.",
    "{Person} told reporters that \u201cnothing has been ruled out\u201d on the {topic}.",
    "Data from {org} show a rise of {pct} since {month}, the sharpest increase on record.",
    "Opposition members {verb} the timetable, calling it \u201cunrealistic and rushed\u201d.",
    "By {weekday} evening, more than {number} people had signed a petition about the {topic}.",
    "The {topic} follows months of negotiations between {org} and local groups in {place}.",
    "Analysts at {org} warned that the plan leaves a gap of {money} in next year's accounts.",
    "Residents of {place} say they learned about the {topic} from social media rather than from {org}.",
    "The committee will publish its findings on the {topic} {when}, {person} confirmed.",
    "A similar scheme in {place} was {verb} after {weeks} weeks because of rising costs.",
    "{Person}, who has followed the {topic} for {years} years, described the outcome as \u201ca turning point\u201d.",
    "Under the new rules, applications must be submitted within {weeks} weeks.",
    "{Org} said it had received {number} complaints about the {topic} since {month}.",
    "It is the {ordinal} time this year that the {topic} has been {verb}.",
    "Independent experts said the estimate of {money} was probably too low.",
    "Schools and clinics in {place} are among those most likely to be affected.",
    "The vote passed by {small} to {smaller}, with {tiny} abstentions.",
)
SUBHEADS = ("What happens next", "Reaction in {place}", "The cost", "A long dispute", "What the figures show",
            "Who is affected", "The background")
MONTHS = ("January February March April May June July August September October November December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
WHENS = ("last week", "earlier this month", "on Tuesday", "late on Friday", "this morning", "next month",
         "before the summer", "within days", "by the end of the year")
ORDINALS = "second third fourth fifth sixth".split()
UTILITY_LINKS = [("/about/", "About us"), ("/contact/", "Contact"), ("/jobs/", "Careers"), ("/advertise/", "Advertise"),
                 ("/privacy/", "Privacy policy"), ("/cookies/", "Cookie settings"), ("/terms/", "Terms of use"),
                 ("/newsletter/", "Newsletters"), ("/subscribe/", "Subscribe"), ("/help/", "Help")]

STYLE = ("body{font-family:Georgia,serif;margin:0;color:#111}.site-header{border-bottom:1px solid #ddd;"
         "padding:8px 16px}.main-nav ul{list-style:none;display:flex;gap:12px}.mega{display:none}"
         ".main-nav li:hover .mega{display:block}.cookie-banner{position:fixed;bottom:0;background:#222;"
         "color:#fff;padding:12px}.article-body p{line-height:1.6;max-width:680px}.most-read ol{padding-left"
         ":20px}.site-footer{background:#f4f4f4;padding:24px;font-size:14px}.pager a{margin:0 4px}"
         ".kicker{text-transform:uppercase;color:#b00}.byline{color:#555}.share a{margin-right:8px}") * 3
SCRIPT = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
          "gtag('js',new Date());gtag('config','LH-0000',{anonymize_ip:true});"
          "(function(d,s){var e=d.createElement(s);e.async=1;e.src='/static/ads.js';"
          "d.head.appendChild(e)})(document,'script');") * 4


@dataclass(frozen=True)
class Story:
    """What every page needs to know about one article: its place in the site and its headline."""

    index: int
    section: str
    day: int
    title: str
    path: str
    author: str


def _rng(seed: int, index: int) -> random.Random:
    return random.Random(f"{seed}:{index}")


def _fill(template: str, rng: random.Random, section: str, topic: str | None = None) -> str:
    """One template with its slots filled at random (``topic`` given: mostly that one); capitalised
    slots start with a capital."""
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    org, place = rng.choice(ORGS), rng.choice(PLACES)
    small = rng.randint(40, 300)
    values = {
        "person": person, "org": org, "place": place,
        "topic": topic if topic and rng.random() < 0.7 else rng.choice(TOPICS[section]),
        "role": rng.choice(ROLES).format(org=org, place=place), "verb": rng.choice(VERBS),
        "when": rng.choice(WHENS), "weekday": rng.choice(WEEKDAYS), "month": rng.choice(MONTHS),
        "number": f"{rng.randint(120, 98000):,}", "money": f"\u00a3{rng.randint(2, 950)}{rng.choice(['m', 'bn'])}",
        "pct": f"{rng.randint(2, 68)}.{rng.randint(0, 9)}%", "years": rng.randint(3, 40), "weeks": rng.randint(2, 30),
        "year": rng.randint(1998, 2031), "ordinal": rng.choice(ORDINALS), "small": small,
        "smaller": small - rng.randint(1, 39), "tiny": rng.randint(0, 12), "Number": rng.randint(3, 12),
    }
    values.update({k[0].upper() + k[1:]: str(v)[0].upper() + str(v)[1:] for k, v in list(values.items())
                   if isinstance(v, str)})
    return template.format(**values)


def _slug(title: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words[:9])


def stories(n: int, seed: int) -> list[Story]:
    """The site's N articles, newest first within each section; slugs made unique."""
    taken: set[str] = set()
    result = []
    sections = list(SECTIONS)
    for i in range(n):
        rng = _rng(seed, i)
        section = sections[i % len(sections)]
        title = _fill(rng.choice(HEADLINES), rng, section)
        day = 30 - (i * 29 // max(n, 1))
        base = f"/{YEAR}/{MONTH:02d}/{day:02d}/{_slug(title)}"
        path, k = base + ".html", 2
        while path in taken:
            path, k = f"{base}-{k}.html", k + 1
        taken.add(path)
        result.append(Story(i, section, day, title, path, f"{rng.choice(FIRST)} {rng.choice(LAST)}"))
    return result


def _links(items: list[tuple[str, str]], cls: str = "") -> str:
    lis = "".join(f'<li><a href="{href}">{html.escape(text)}</a></li>' for href, text in items)
    return f'<ul class="{cls}">{lis}</ul>'


def _header() -> str:
    menu = "".join(
        f'<li><a href="/{key}/">{name}</a><div class="mega">'
        + _links([(f"/{key}/#{sub.lower().replace(' ', '-')}", sub) for sub in SUBSECTIONS[key]])
        + "</div></li>"
        for key, name in SECTIONS.items())
    return (
        '<div class="cookie-banner" id="cookies"><p>We use cookies to improve your experience, measure '
        'audiences and show you relevant advertising. You can change your choice at any time in the cookie '
        'settings.</p><a href="/privacy/">Privacy policy</a> <button>Accept all</button> <button>Manage '
        'choices</button></div>'
        f'<header class="site-header"><a class="logo" href="/">{SITE_NAME}</a>'
        f'<nav class="main-nav" aria-label="Sections"><ul>{menu}</ul></nav>'
        '<form class="search" action="/search/"><input name="q" placeholder="Search"><button>Go</button></form>'
        '<a class="subscribe" href="/subscribe/">Subscribe from \u00a31 a week</a> <a href="/login/">Sign in</a>'
        '</header>')


def _footer() -> str:
    columns = "".join(
        f'<div class="col"><h3>{name}</h3>' + _links([(f"/{key}/", sub) for sub in SUBSECTIONS[key]]) + "</div>"
        for key, name in SECTIONS.items())
    return (f'<footer class="site-footer">{columns}<div class="legal">{_links(UTILITY_LINKS)}'
            f'<p>\u00a9 {YEAR} {SITE_NAME}. All rights reserved. Registered in Port Avalon, company no. 0451.'
            '</p></div></footer><script src="/static/app.js" defer></script>')


def _page(title: str, head: str, body_class: str, main: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{html.escape(title)}</title>{head}'
            f'<link rel="stylesheet" href="/static/site.css"><style>{STYLE}</style><script>{SCRIPT}</script>'
            f'</head><body class="{body_class}">{_header()}<main>{main}</main>{_footer()}</body></html>\n')


def article_page(story: Story, site: list[Story], seed: int) -> str:
    """One article: distinct text from its own random stream, inside the site's chrome."""
    rng = random.Random(f"{seed}:{story.index}:body")
    section = story.section
    topic = rng.choice(TOPICS[section])
    standfirst = _fill(rng.choice(SENTENCES), rng, section, topic)
    paragraphs = []
    for p in range(rng.randint(5, 12)):
        sentences = " ".join(_fill(rng.choice(SENTENCES), rng, section, topic)
                             for _ in range(rng.randint(2, 5)))
        paragraphs.append(f"<p>{html.escape(sentences, quote=False)}</p>")
        if p == 2 and rng.random() < 0.5:
            paragraphs.append(f"<h2>{html.escape(_fill(rng.choice(SUBHEADS), rng, section))}</h2>")
        elif p == 4 and rng.random() < 0.4:
            quote = _fill(rng.choice(SENTENCES[4:5] + SENTENCES[12:13]), rng, section)
            paragraphs.append(f"<blockquote><p>{html.escape(quote, quote=False)}</p></blockquote>")
    others = [site[rng.randrange(len(site))] for _ in range(13)]
    related = "".join(f'<a href="{s.path}">{html.escape(s.title)}</a>' for s in others[:3])
    most_read = _links([(s.path, s.title) for s in others[3:]])
    published = f"{YEAR}-{MONTH:02d}-{story.day:02d}T{rng.randint(5, 22):02d}:{rng.randint(0, 59):02d}:00Z"
    when = date(YEAR, MONTH, story.day).strftime("%-d %B %Y")
    author_path = "/author/" + story.author.lower().replace(" ", "-") + "/"
    tags = rng.sample(TOPICS[section], 3)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
                     "datePublished": published, "author": [{"@type": "Person", "name": story.author}],
                     "publisher": {"@type": "Organization", "name": SITE_NAME}, "articleSection": SECTIONS[section]})
    head = (f'<meta name="description" content="{html.escape(standfirst)}">'
            f'<meta property="og:title" content="{html.escape(story.title)}"><meta property="og:type" '
            f'content="article"><meta property="og:url" content="{story.path}">'
            f'<meta property="article:published_time" content="{published}">'
            f'<meta name="author" content="{html.escape(story.author)}"><link rel="canonical" href="{story.path}">'
            f'<script type="application/ld+json">{ld}</script>')
    main = (
        f'<article><p class="kicker"><a href="/{section}/">{SECTIONS[section]}</a></p>'
        f'<h1>{html.escape(story.title)}</h1><p class="standfirst">{html.escape(standfirst, quote=False)}</p>'
        f'<div class="byline">By <a href="{author_path}">{html.escape(story.author)}</a> \u00b7 '
        f'<time datetime="{published}">{when}</time></div>'
        f'<figure><img src="/static/img/{story.index}.jpg" alt="" width="800" height="450"><figcaption>'
        f'{html.escape(rng.choice(PLACES).capitalize())}, {when}. Photograph: {SITE_NAME}</figcaption></figure>'
        f'<div class="article-body">{"".join(paragraphs)}</div>'
        f'<aside class="inline-related"><h2>Read more</h2>{related}</aside>'
        '<div class="tags">Topics: ' + " ".join(f'<a href="/tag/{t.replace(" ", "-")}/">{t}</a>' for t in tags)
        + '</div><div class="share">Share this article: <a href="/share/fb">Facebook</a> '
        '<a href="/share/x">X</a> <a href="/share/mail">Email</a></div></article>'
        f'<aside class="most-read"><h2>Most read</h2>{most_read}</aside>'
        '<section class="newsletter"><h2>The morning briefing</h2><p>The day\'s top stories, in your inbox '
        'before breakfast. Sign up to our free newsletter.</p><a href="/newsletter/">Sign up</a></section>')
    return _page(f"{story.title} | {SITE_NAME}", head, "article-page", main)


def listing_page(title: str, items: list[Story], pager: list[tuple[str, str]]) -> str:
    """A section page (or the home page): teasers, a pager, the site's chrome."""
    teasers = "".join(
        f'<li class="teaser"><a href="{s.path}"><h3>{html.escape(s.title)}</h3></a>'
        f'<span class="meta">{SECTIONS[s.section]} \u00b7 {s.day} November</span></li>' for s in items)
    nav = f'<nav class="pager">{_links(pager)}</nav>' if pager else ""
    main = f'<h1>{html.escape(title)}</h1><ul class="teasers">{teasers}</ul>{nav}'
    return _page(f"{title} | {SITE_NAME}", "", "section-page", main)


def pages(n: int, seed: int = 9) -> Iterator[tuple[str, str]]:
    """Every (path, HTML) of the N-article site: home, section pages, articles."""
    site = stories(n, seed)
    by_section: dict[str, list[Story]] = {key: [] for key in SECTIONS}
    for story in site:
        by_section[story.section].append(story)
    home_links = [(f"/{key}/", name) for key, name in SECTIONS.items()]
    home_links += [("/tag/elections/", "Elections"), ("/author/anna-adler/", "Anna Adler"), *UTILITY_LINKS]
    yield "/", listing_page(SITE_NAME, site[:30], home_links)
    for key, items in by_section.items():
        count = max(1, -(-len(items) // PER_PAGE))
        paths = [f"/{key}/"] + [f"/{key}/page/{k}/" for k in range(2, count + 1)]
        pager = [(p, str(k)) for k, p in enumerate(paths, 1)]
        for k, path in enumerate(paths):
            chunk = items[k * PER_PAGE:(k + 1) * PER_PAGE]
            yield path, listing_page(f"{SECTIONS[key]} \u2013 page {k + 1}", chunk, pager if count > 1 else [])
    for story in site:
        yield story.path, article_page(story, site, seed)


@dataclass(frozen=True)
class Page:
    body: bytes  # gzipped
    etag: bytes
    content_type: bytes


ROBOTS = b"User-agent: *\nDisallow: /search/\n"


def build(n: int, seed: int = 9) -> tuple[dict[bytes, Page], int]:
    """The site as served: path -> gzipped page, and the uncompressed bytes of all its HTML."""
    site: dict[bytes, Page] = {}
    raw = 0
    for path, text in pages(n, seed):
        data = text.encode("utf-8")
        raw += len(data)
        site[path.encode()] = Page(gzip.compress(data, 6, mtime=0), b'"' + hashlib.md5(data).hexdigest().encode()
                                   + b'"', b"text/html; charset=utf-8")
    site[b"/robots.txt"] = Page(gzip.compress(ROBOTS, mtime=0), b'"robots"', b"text/plain")
    return site, raw


def _response(status: bytes, headers: list[tuple[bytes, bytes]], body: bytes) -> bytes:
    lines = [b"HTTP/1.1 " + status, *(k + b": " + v for k, v in headers), b"Content-Length: %d" % len(body)]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


NOT_FOUND = _response(b"404 Not Found", [(b"Content-Type", b"text/html")], b"<h1>Not found</h1>")


def answer(site: dict[bytes, Page], head: bytes) -> tuple[bytes, bool]:
    """The response bytes for one request head, and whether the connection stays open."""
    line, _, rest = head.partition(b"\r\n")
    method, target, *_ = line.split(b" ")
    headers = {}
    for header in rest.split(b"\r\n"):
        name, _, value = header.partition(b":")
        headers[name.strip().lower()] = value.strip()
    keep = headers.get(b"connection", b"").lower() != b"close"
    page = site.get(target.split(b"?", 1)[0])
    if page is None:
        return NOT_FOUND, keep
    common = [(b"Content-Type", page.content_type), (b"ETag", page.etag), (b"Cache-Control", b"max-age=60")]
    if headers.get(b"if-none-match") == page.etag:
        return _response(b"304 Not Modified", common[1:], b""), keep
    if b"gzip" in headers.get(b"accept-encoding", b""):
        body, common = page.body, [*common, (b"Content-Encoding", b"gzip"), (b"Vary", b"Accept-Encoding")]
    else:
        body = gzip.decompress(page.body)
    response = _response(b"200 OK", common, body)
    return (response.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n" if method == b"HEAD" else response), keep


async def serve(site: dict[bytes, Page], port: int, ready: str) -> None:
    """Answer requests on 127.0.0.1 until SIGTERM; keep-alive, one coroutine per connection."""
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            while True:
                response, keep = answer(site, await reader.readuntil(b"\r\n\r\n"))
                writer.write(response)
                await writer.drain()
                if not keep:
                    break
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=256)
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    print(ready.format(port=server.sockets[0].getsockname()[1]), flush=True)
    async with server:
        await stop


class Served:
    """``with Served(2000) as site:`` the site in its own process; ``site.url``, ``site.cpu_seconds()``."""

    def __init__(self, articles: int, seed: int = 9) -> None:
        self.articles = articles
        self.seed = seed
        self.url = ""
        self.raw_bytes = 0
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Served:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__)), "--articles", str(self.articles), "--seed", str(self.seed)],
            stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().split()
        if not line or line[0] != "READY":
            self.process.kill()
            raise RuntimeError(f"the site server did not start: {line}")
        self.url = f"http://127.0.0.1:{line[1]}/"
        self.raw_bytes = int(line[3])
        return self

    def cpu_seconds(self) -> float:
        """User + system CPU the server has used so far (from /proc, Linux only)."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    site, raw = build(args.articles, args.seed)
    ready = f"READY {{port}} {args.articles} {raw} pages={len(site)}"
    asyncio.run(serve(site, args.port, ready))


if __name__ == "__main__":
    main()
