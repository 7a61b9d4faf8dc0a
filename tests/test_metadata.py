"""Metadata a user can trust: one failure class of the readers at a time, on a small page.

Each case is a page the way sites build it (a promo heading, an account menu, a wire agency in
the meta tags, a relative canonical link) and the field the cleaner must give, or must never
give. tests/test_cleaner_rules.py checks the body rules; the eval sets (../shared/eval) score
the same readers on real pages.
"""

from __future__ import annotations

import json
from html import escape

import pytest

from cleaners import clean
from cleaners.authors import is_plausible_name, split_byline, without_date
from cleaners.metadata import Metadata, read_metadata
from cleaners.page import parse_page

URL = "https://www.riverside-courier.example/news/2024/03/harbour-bridge-closure"
TITLE = "Old harbour bridge to close to cars next spring"
BODY = (
    "The city council voted on Tuesday evening to close the old harbour bridge to all motor traffic from "
    "next spring, after engineers warned that corrosion in the steel supports had advanced faster than "
    "expected.",
    "Council leader Maria Hollis said the decision had not been taken lightly, but that the safety of "
    "residents had to come first. Cyclists and pedestrians will still be able to cross while repairs are "
    "planned.",
    "Local businesses on both sides of the river fear the closure will cut trade, and the chamber of commerce "
    "has asked for a temporary ferry service to be funded until the bridge reopens to cars.",
)


def page(*, head: str = "", before: str = "", byline: str = "", after: str = "", title: str = TITLE) -> str:
    """A plain article page; ``before``/``after`` go around the article, ``byline`` inside it."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in BODY)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)}</title>{head}</head><body>
<header><a href="/">Riverside Courier</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
{before}<main><article>{byline}{paragraphs}</article></main>{after}
<footer><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer></body></html>"""


def meta_of(html: str, url: str | None = URL) -> Metadata:
    return read_metadata(parse_page(html), url)


def json_ld(obj: object, wrap: str = "{}") -> str:
    return f'<script type="application/ld+json">{wrap.format(json.dumps(obj))}</script>'


# --- titles: a heading the <title> does not bear out heads something else ----------------------

@pytest.mark.parametrize(
    ("heading", "title", "expected"),
    [
        pytest.param("Information and Resources", f"{TITLE} | Riverside Courier", TITLE, id="sidebar-heading"),
        pytest.param("Take your next trip with Riverside Travel", TITLE, TITLE, id="promo-heading"),
        pytest.param("Riverside Courier beta", f"{TITLE} - Riverside Courier", TITLE, id="logo-heading"),
        pytest.param("Lorem", "Harbour bridge closure test", "Harbour bridge closure test", id="short-heading"),
        pytest.param("Gewinnt ein Headset!", "Hafenverein e.V. - Neuigkeiten » Die Events der letzten Zeit",
                     "Hafenverein e.V. - Neuigkeiten » Die Events der letzten Zeit", id="site-first-kept-whole"),
        pytest.param("Information and Resources", f"{TITLE} | Harbour Health", f"{TITLE} | Harbour Health",
                     id="last-part-not-the-site"),
    ],
)
def test_title_heading_unrelated_to_page_title_is_not_the_title(heading: str, title: str, expected: str) -> None:
    html = page(title=title, before=f"<aside><h1>{heading}</h1></aside>")
    assert meta_of(html).title == expected
    assert clean(html, URL).title == expected


def test_title_refused_heading_is_no_body_text_either() -> None:
    """The sidebar's heading trafilatura took for the title stays among the title forms, so
    that the body rules remove the block, as they would have done had it been the title."""
    heading = '<h2 class="text__headline">Ansprechpartner und Kontakte</h2>'
    html = page(title=f"{TITLE} | Riverside Courier", byline=heading)
    meta = meta_of(html)
    assert meta.title == TITLE
    assert "Ansprechpartner und Kontakte" in meta.titles
    assert "Ansprechpartner und Kontakte" not in clean(html, URL).paragraphs


def test_title_heading_borne_out_by_page_title_stays() -> None:
    """The <title> adds the site: the single h1 is the headline, as trafilatura reads it."""
    html = page(title="Harbour bridge | Riverside Courier", byline="<h1>Harbour bridge</h1>")
    assert meta_of(html).title == "Harbour bridge"


def test_title_declared_in_og_title_wins_over_page_title() -> None:
    html = page(head='<meta property="og:title" content="Bridge to close">', before="<h1>Information</h1>")
    assert meta_of(html).title == "Bridge to close"


# --- authors: interface words are never names ---------------------------------------------------

@pytest.mark.parametrize(
    ("markup", "label"),
    [
        pytest.param('<span class="username">Username</span>', "Username", id="account-menu"),
        pytest.param('<div class="navbox authority-control">Authority control</div>', "Authority control",
                     id="wikipedia-navbox"),
        pytest.param('<span id="author_baidu">作者：</span>', "作者", id="cjk-label"),
        pytest.param('<a class="author" href="/follow">Follow Author</a>', "Follow Author", id="follow-button"),
    ],
)
def test_authors_never_an_interface_word(markup: str, label: str) -> None:
    authors = meta_of(page(after=markup)).authors
    assert label not in authors
    assert authors == ()


def test_authors_software_credit_in_meta_is_no_author() -> None:
    """A generator's "creator" meta tag ("rfcmarkup version 1.111") beside the real creators."""
    head = ('<meta name="creator" content="rfcmarkup version 1.111">'
            '<meta name="DC.Creator" content="Jong, Michiel de">')
    authors = meta_of(page(head=head)).authors
    assert authors and not any("ersion" in a or "Rfcmarkup" in a for a in authors)
    assert "Michiel de" in authors


@pytest.mark.parametrize(
    "name", ["Username", "Authority control", "作者", "Rfcmarkup Version", "Follow Author", "F", "Staff Writer",
             "3 May 2024", "jane@example.com", "Datum", "Name", "Publiziert am", "Art Edwards says", "Unbenannt",
             "publisher", "PhD", "Źródło Statista com", "Support Team", "Last Updated",
             "Bradley M Kuhn http", "Ebb Org", "Stol It", "kath.net", "cipha[at]cipha.net",
             "Gesponserte Inhalte", "Sponsored Content", "MesOpinions com", "Cooperativa cl", "FLVW de",
             "Redaktion datev de", "Jdadmin", "oradmin", "Editorial", "K A", "N N", "Interview Julia Lauter",
             "Richard David Precht im Gespräch", "Catch Themes", "Fuchsy designed"],
)
def test_is_plausible_name_refuses(name: str) -> None:
    assert not is_plausible_name(name)


@pytest.mark.parametrize("name", ["Jane Doe", "Giampiero Maggio", "Jan Kowalski", "J. R. R. Tolkien",
                                  "肖春芳", "Michiel de Jong", "Contributors to Wikimedia projects",
                                  "Brenda Goodman, MA", "Jean-Luc O’Neil", "Michiel de", "Badminton Club Kiel",
                                  "Administración Federal de Ingresos Públicos"])
def test_is_plausible_name_accepts(name: str) -> None:
    assert is_plausible_name(name)


@pytest.mark.parametrize(
    "value",
    ["View all posts by Daniel Lemire", "Zeige alle Beiträge von Daniel Lemire", "Veröffentlicht vonDaniel Lemire",
     "par Daniel Lemire", "Posted by Daniel Lemire"],
)
def test_authors_without_the_words_of_their_link_or_label(value: str) -> None:
    html = page(head=f'<meta name="author" content="{value}">')
    assert meta_of(html).authors == ("Daniel Lemire",)


def test_authors_byline_element_behind_an_account_menu() -> None:
    """The account menu comes first in the page; the article's byline element is the author."""
    html = page(before='<span class="username">Username</span>',
                byline='<span class="pb-byline">By Erin Cunningham</span>')
    assert meta_of(html).authors == ("Erin Cunningham",)


def test_authors_one_word_meta_author_in_an_unspaced_script_is_a_name() -> None:
    html = page(head='<meta name="author" content="肖春芳">', after='<span id="author_baidu">作者：</span>')
    assert meta_of(html).authors == ("肖春芳",)


def test_authors_one_word_meta_author_in_a_spaced_script_is_the_site() -> None:
    html = page(head='<meta name="author" content="Courier">', byline='<p class="byline">By Jane Doe</p>')
    assert meta_of(html).authors == ("Jane Doe",)


@pytest.mark.parametrize(
    "head",
    [
        pytest.param('<meta name="author" content="Associated Press">', id="meta-agency"),
        pytest.param(json_ld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Riverside Wire"}}),
                     id="json-ld-organization"),
    ],
)
def test_authors_person_in_byline_wins_over_agency_or_organization(head: str) -> None:
    html = page(head=head, byline='<p class="byline">By Jane Doe</p>')
    assert meta_of(html).authors == ("Jane Doe",)


def test_authors_organization_stands_when_no_person_is_named() -> None:
    org = {"@type": "Organization", "name": "Contributors to Wikimedia projects"}
    head = json_ld({"@type": "Article", "author": org})
    html = page(head=head, after='<div class="navbox authority-control">Authority control</div>')
    assert meta_of(html).authors == ("Contributors to Wikimedia projects",)


@pytest.mark.parametrize(
    "wrap", [pytest.param("<![CDATA[{}]]>", id="cdata"), pytest.param("{}", id="plain")],
)
def test_authors_and_date_from_json_ld_trafilatura_cannot_read(wrap: str) -> None:
    obj = {"@type": "ReportageNewsArticle", "datePublished": "2018-12-21T12:55:00Z",
           "author": [{"@type": "Person", "name": "Bruno Rodrigues"}]}
    meta = meta_of(page(head=json_ld(obj, wrap)))
    assert meta.authors == ("Bruno Rodrigues",)
    assert meta.published == "2018-12-21"


def test_json_ld_with_a_trailing_comma_is_read() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-07-10",'
            ' "author": {"@type": "Person", "name": "Jane Doe"},}</script>')
    meta = meta_of(page(head=head))
    assert (meta.authors, meta.published) == (("Jane Doe",), "2020-07-10")


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Martin Untersinger (avec Damien Leloup et Morgane Tual)",
         ("Martin Untersinger", "Damien Leloup", "Morgane Tual")),
        ("By Jane Doe and John Smith", ("Jane Doe", "John Smith")),
        ("By Brenda Goodman, MA", ("Brenda Goodman, MA",)),
        ("Bruno (Henrique) Rodrigues", ("Bruno Rodrigues",)),
        ("作者：肖春芳", ("肖春芳",)),
        ("Par Jean Dupont, AFP", ("Jean Dupont", "AFP")),
        ("Autor/in: Korinna Hennig", ("Korinna Hennig",)),
        (", par Attac France", ("Attac France",)),
    ],
)
def test_split_byline(byline: str, names: tuple[str, ...]) -> None:
    assert split_byline(byline) == names


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Malcolm Owen Monday", "Malcolm Owen"), ("Jeff FoustMonday", "Jeff Foust"),
     ("Carrie Arnold November", "Carrie Arnold"), ("Nov", ""), ("Jan Kowalski", "Jan Kowalski"),
     ("Joe Friday", "Joe Friday"), ("Ronald McDonald", "Ronald McDonald"),
     ("Bradley M Kuhn http", "Bradley M Kuhn"), ("Giampiero Maggio", "Giampiero Maggio")],
)
def test_without_date(name: str, expected: str) -> None:
    assert without_date(name) == expected


def test_authors_byline_run_on_into_its_date() -> None:
    byline = '<p class="byline">By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019, 04:05 pm PT</p>'
    assert meta_of(page(byline=byline)).authors == ("Mike Wuerthele", "Malcolm Owen")


def test_authors_the_same_name_in_two_cases_is_one_author() -> None:
    html = page(head='<meta name="author" content="Steven Davidoff Solomon; STEVEN DAVIDOFF SOLOMON">')
    assert meta_of(html).authors == ("Steven Davidoff Solomon",)


def test_authors_date_line_in_an_author_element_is_no_author() -> None:
    updated = '<div class="author">Last Updated: January 7, 2025</div>'
    assert meta_of(page(byline=updated)).authors == ()


def test_authors_one_word_json_ld_person_is_the_site() -> None:
    head = json_ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "AppleInsider"}})
    assert meta_of(page(head=head, byline='<p class="byline">By Mike Wuerthele</p>')).authors == ("Mike Wuerthele",)
    assert meta_of(page(head=head)).authors == ("AppleInsider",)


def test_authors_co_authors_in_parentheses() -> None:
    html = page(byline='<span itemprop="author">Martin Untersinger (avec Damien Leloup et Morgane Tual)</span>')
    assert meta_of(html).authors == ("Martin Untersinger", "Damien Leloup", "Morgane Tual")


def test_authors_byline_in_a_sidebar_teaser_is_not_the_author() -> None:
    html = page(before='<aside class="sidebar"><span class="byline">Joanna Rothkopf</span></aside>',
                byline='<a rel="author" href="/writer/eskow">Richard Eskow</a>')
    assert meta_of(html).authors == ("Richard Eskow",)


# --- authors on pages nobody tuned for: what a split, an agency, a job title leave behind ---------

@pytest.mark.parametrize(
    ("name", "expected"),
    [("Jos&eacute; Mart&iacute;nez", "José Martínez"),
     ("Redacci&oacute;n Diario Pagina Siete", "Redacción Diario Pagina Siete")],
)
def test_authors_json_ld_name_with_html_entities_is_decoded(name: str, expected: str) -> None:
    """trafilatura splits the name at "&" and ";" ("Redacci", "Oacute", "N Diario…"): nobody."""
    head = json_ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": name}})
    assert meta_of(page(head=head)).authors == (expected,)


@pytest.mark.parametrize(
    ("head", "byline", "expected"),
    [
        pytest.param('<meta name="author" content="Olympia-Verlag GmbH, Nürnberg, Germany">', "",
                     ("Olympia-Verlag GmbH",), id="organisation-and-its-address"),
        pytest.param("", '<p class="byline">Reuters, Washington, Nov 20 2019, 11:06am</p>', ("Reuters",),
                     id="agency-and-dateline"),
        pytest.param("", '<p class="byline">By Ilana Muhlstein, RDN</p>', ("Ilana Muhlstein",), id="credential"),
        pytest.param('<meta name="author" content="Jobs &amp; Hire">', "", ("Jobs & Hire",),
                     id="no-name-left-the-whole-meta-value-stands"),
    ],
)
def test_authors_one_word_pieces_of_a_split_are_no_names(head: str, byline: str, expected: tuple[str, ...]) -> None:
    assert meta_of(page(head=head, byline=byline)).authors == expected


def test_authors_dublin_core_creator_stands_whole_when_nobody_is_named() -> None:
    """trafilatura splits "Mac & i" into "Mac" and "I"; the magazine's whole name is the credit."""
    assert meta_of(page(head='<meta name="DC.creator" content="Mac &amp; i">')).authors == ("Mac & i",)


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        pytest.param("By DANICA KIRKA and JILL LAWLESS Associated Press", ("DANICA KIRKA", "JILL LAWLESS"),
                     id="agency-glued-to-the-last-name"),
        pytest.param("By Tom Krisher, AP Auto Writer", ("Tom Krisher",), id="job-title"),
        pytest.param("Analysis by Chris Cillizza, CNN Editor-at-large", ("Chris Cillizza",), id="analysis-by"),
        pytest.param("Revised Edition Edited by Adrian Parr", ("Adrian Parr",), id="edited-by"),
        pytest.param("HNN Staff", ("HNN Staff",), id="desk-alone-stands"),
        pytest.param("By Michael Bloomberg", ("Michael Bloomberg",), id="surname-that-is-an-agency"),
    ],
)
def test_authors_people_apart_from_their_agency_or_job(byline: str, expected: tuple[str, ...]) -> None:
    assert meta_of(page(byline=f'<p class="byline">{byline}</p>')).authors == expected


# --- dates: the story's declared publication date, not its last update ---------------------------

def test_published_json_ld_date_wins_over_modified_time() -> None:
    head = ('<meta property="article:modified_time" content="2025-01-07T09:08:22+00:00">'
            + json_ld({"@type": "NewsArticle", "datePublished": "2020-07-10T14:15:42+00:00",
                       "dateModified": "2025-01-07T09:08:22+00:00"}))
    updated = '<div datetime="2025-01-07T09:08:22+00:00"><em>Last Updated:</em> January 7, 2025</div>'
    html = page(head=head, byline=updated)
    assert meta_of(html).published == "2020-07-10"


@pytest.mark.parametrize("value", ["2020-13-45", "0001-01-01", "3024-01-01"])
def test_published_implausible_json_ld_date_is_not_taken(value: str) -> None:
    head = ('<meta property="article:published_time" content="2021-05-04T10:00:00+00:00">'
            + json_ld({"@type": "NewsArticle", "datePublished": value}))
    assert meta_of(page(head=head)).published == "2021-05-04"


def test_published_date_of_a_web_page_object_is_not_the_storys() -> None:
    head = ('<meta property="article:published_time" content="2021-05-04T10:00:00+00:00">'
            + json_ld({"@type": "WebPage", "datePublished": "2009-01-01"}))
    assert meta_of(page(head=head)).published == "2021-05-04"


# --- canonical URL --------------------------------------------------------------------------------

OG_IMAGE = '<meta property="og:image" content="https://img.example.net/f5/share-1200x630.jpg">'


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        pytest.param(f'{OG_IMAGE}<link rel="canonical" href="/monde/x.html">', "http://127.0.0.1/y.html",
                     "http://127.0.0.1/monde/x.html", id="relative-not-on-the-image-host"),
        pytest.param('<link rel="canonical" href="x.html">', "http://127.0.0.1/news/y.html?utm=1",
                     "http://127.0.0.1/news/x.html", id="relative-to-the-path"),
        pytest.param('<base href="https://mirror.example/a/"><link rel="canonical" href="x.html">',
                     "http://127.0.0.1/y.html", "https://mirror.example/a/x.html", id="against-base-href"),
        pytest.param(f'{OG_IMAGE}<meta property="og:url" content="/monde/x.html">', "http://127.0.0.1/y.html",
                     "http://127.0.0.1/monde/x.html", id="relative-og-url"),
        pytest.param('<link rel="canonical" href="https://www.courier.example/news/x.html">',
                     "http://127.0.0.1/x.html", "https://www.courier.example/news/x.html",
                     id="absolute-on-another-host-kept"),
        pytest.param('<link rel="canonical" href="https://img.example.net/f5/share.jpg">',
                     "http://127.0.0.1/x.html", "http://127.0.0.1/x.html", id="an-image-is-no-page"),
        pytest.param('<link rel="canonical" href="https://www.courier.example/">',
                     "https://www.courier.example/news/x.html", "https://www.courier.example/news/x.html",
                     id="home-page-of-an-article"),
        pytest.param('<link rel="canonical" href="javascript:void(0)">', "http://127.0.0.1/x.html",
                     "http://127.0.0.1/x.html", id="not-http"),
        pytest.param(f'{OG_IMAGE}<link rel="canonical" href="/monde/x.html">', None, None, id="relative-without-url"),
    ],
)
def test_canonical_url(head: str, url: str | None, expected: str | None) -> None:
    assert meta_of(page(head=head), url).canonical_url == expected
    assert clean(page(head=head), url).canonical_url == expected


# --- authors: the story's own JSON-LD, not the other stories' or the site's ----------------------

def test_authors_json_ld_of_teasers_after_the_story_are_not_its_authors() -> None:
    """A page lists its teasers as NewsArticle objects too: trafilatura appends all their authors."""
    story = {"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Person", "name": "Jane Doe"}}
    teasers = [{"@type": "NewsArticle", "headline": f"Other story {i}", "author": {"@type": "Person", "name": name}}
               for i, name in enumerate(["John Smith", "Ann Lee"])]
    assert meta_of(page(head=json_ld([story, *teasers]))).authors == ("Jane Doe",)


def test_authors_json_ld_author_by_reference_and_not_the_sites_owner() -> None:
    """Yoast's graph: the story names its author by ``@id``; the site owner is a Person too."""
    graph = {"@graph": [
        {"@type": "Article", "headline": TITLE, "author": {"@id": "#/person/2"}},
        {"@type": ["Person", "Organization"], "@id": "#/person/1", "name": "Boris Owner"},
        {"@type": "Person", "@id": "#/person/2", "name": "Daniel Writer"},
    ]}
    assert meta_of(page(head=json_ld(graph))).authors == ("Daniel Writer",)


def test_authors_json_ld_names_given_as_a_list_of_links() -> None:
    author = {"@type": "Person", "name": ['<a href="/experts/jane-doe">Jane Doe</a>', '<a href="/experts/ann">Ann Lee</a>']}
    assert meta_of(page(head=json_ld({"@type": "Article", "author": author}))).authors == ("Jane Doe", "Ann Lee")


@pytest.mark.parametrize(("name", "expected"), [("Red.", ()), ("Robert -", ("Robert",))])
def test_authors_desk_abbreviation_or_trailing_dash_of_a_one_word_json_ld_name(
    name: str, expected: tuple[str, ...]
) -> None:
    """"Red." is "Redaktion", the desk; the dash is what a template put between a name and a date."""
    head = json_ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": name}})
    assert meta_of(page(head=head)).authors == expected


# --- authors: what a page's byline elements and credits glue onto a name ---------------------------

@pytest.mark.parametrize(
    ("head", "byline", "expected"),
    [
        pytest.param("", '<span class="authors"><a href="/a/jd">Jane Doe<span class="u-screen-reader-text">'
                     'Jane Doe</span></a></span>', ("Jane Doe",), id="screen-reader-copy"),
        pytest.param('<meta name="author" content="jesusfreak jesusfreak">', "", ("Jesusfreak",), id="doubled-handle"),
        pytest.param("", '<span class="authors">, par Attac France</span>', ("Attac France",),
                     id="by-word-after-a-comma"),
        pytest.param('<meta name="author" content="Peter Amende und Fuchsy designed">', "", ("Peter Amende",),
                     id="web-designer-credit"),
    ],
)
def test_authors_read_from_what_the_byline_glues_on(head: str, byline: str, expected: tuple[str, ...]) -> None:
    assert meta_of(page(head=head, byline=byline)).authors == expected


def test_authors_wordpress_theme_credit_is_no_author() -> None:
    credit = ('<div class="powered"><span class="theme-name">Theme: Catch Evolution by </span>'
              '<span class="theme-author"><a href="https://catchthemes.example/">Catch Themes</a></span></div>')
    assert meta_of(page(after=credit)).authors == ()


def test_authors_picture_credit_is_not_the_storys_byline() -> None:
    byline = ('<div class="byline">Reuters</div>'
              '<figure><span class="img-author">Mike Blake/Reuters files</span></figure>')
    assert meta_of(page(byline=byline)).authors == ("Reuters",)


def test_authors_person_glued_to_a_desk_is_the_person() -> None:
    """The byline glues name and desk; the name link after it gives the person alone."""
    byline = ('<div class="article-byline">By Adam Aaronson PhillyVoice Staff</div>'
              '<a class="author-name" href="/a/aaronson">Adam Aaronson</a>')
    assert meta_of(page(byline=byline)).authors == ("Adam Aaronson",)


def test_authors_recent_comments_widget_names_commenters() -> None:
    """trafilatura's class-name guess reads a "comment-author-link" of the sidebar's widget."""
    widget = ('<div class="widget widget_recent_comments"><ul><li class="recentcomments">'
              '<span class="comment-author-link"><a href="https://spam.example">flappy bird</a></span>'
              ' on <a href="/other-post">Another post</a></li></ul></div>')
    assert meta_of(page(after=widget)).authors == ()


def test_authors_generated_handle_in_json_ld_is_no_name() -> None:
    """trafilatura drops the digits and splits at "_": "majainfos_zlfca4v6" -> "Majainfos Zlfca"."""
    head = json_ld({"@type": "BlogPosting", "author": {"@type": "Person", "name": "majainfos_zlfca4v6"}})
    assert meta_of(page(head=head)).authors == ()
