"""Forum threads (issue 13): every post's text, each once, without the chrome around the posts.

The XenForo-shaped page is a fixture (``en_forum_thread_xenforo``); here the rules one by one, on
phpBB-shaped markup (a different engine, no JSON-LD), and the gate that keeps news pages out.
"""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring

from cleaners import clean
from cleaners.forum import is_forum_thread

OPENING = (
    "Since the update to version 3.2 my backup job stops halfway through the night with a timeout, "
    "always on the same folder of holiday photos, and the log says nothing useful about why it happens."
)
QUOTED = "always on the same folder of holiday photos"
CITE = "<cite>ferndale wrote: ↑12 Jan 2024</cite>"
ANSWER = (
    "That folder probably holds a file with a name longer than the old limit. Rename the longest "
    "ones and run the job again, then tell us what the log says this time."
)
SHORT_REPLY = "Same here on two machines."
THANKS = "Renaming three files fixed it. Thank you!"


def _post(pid: int, user: str, body: str, signature: str = "") -> str:
    """One phpBB (prosilver) post: profile column, "Post by" line, buttons, text, signature."""
    sig = f'<div id="sig{pid}" class="signature">{signature}</div>' if signature else ""
    return f"""
    <div id="p{pid}" class="post has-profile bg2"><div class="inner">
      <dl class="postprofile" id="profile{pid}">
        <dt class="has-profile-rank"><a href="./memberlist.php?u={pid}" class="username">{user}</a></dt>
        <dd class="profile-rank">Regular member</dd>
        <dd class="profile-posts"><strong>Posts:</strong> <a href="./search.php?author_id={pid}">412</a></dd>
        <dd class="profile-joined"><strong>Joined:</strong> 14 Mar 2019, 08:12</dd>
      </dl>
      <div class="postbody"><div id="post_content{pid}">
        <h3><a href="#p{pid}">Re: Backup stops at night</a></h3>
        <ul class="post-buttons"><li><a href="./posting.php?mode=quote&amp;p={pid}">Quote</a></li></ul>
        <p class="author"><a href="./viewtopic.php?p={pid}#p{pid}">Post</a> by
          <strong><a href="./memberlist.php?u={pid}">{user}</a></strong> » 12 Jan 2024, 21:4{pid % 10}</p>
        <div class="content">{body}</div>
        {sig}
      </div></div>
      <div class="back2top"><a href="#top" class="top" title="Top">Top</a></div>
    </div></div>"""


def _thread(fingerprint: bool = True) -> str:
    posts = "".join([
        _post(101, "ferndale", OPENING, signature="Running 3.2 on a home server since 2019"),
        _post(102, "quietbyte", SHORT_REPLY),
        _post(103, "modbert", f"<blockquote><div>{CITE}{QUOTED}</div></blockquote>{ANSWER}"),
        _post(104, "ferndale", THANKS, signature="Running 3.2 on a home server since 2019"),
    ])
    body = '<body id="phpbb" class="section-viewtopic">' if fingerprint else "<body>"
    return f"""<html lang="en-gb"><head><title>Backup stops at night - Help board</title></head>{body}
    <div id="wrap"><div class="navbar"><a href="./index.php">Board index</a> <a href="./faq.php">FAQ</a></div>
    <div id="page-body"><h2 class="topic-title">Backup stops at night</h2>
    <div class="action-bar">Post Reply 4 posts • Page 1 of 1</div>{posts}</div>
    <div class="copyright">Powered by phpBB® Forum Software © phpBB Limited</div></div></body></html>"""


def test_a_thread_is_its_posts_text_each_once() -> None:
    """Every post, the one-line ones and the answer under a quote too; the quote of the first post
    is a repeat; user columns, "Post by" lines, buttons and signatures are no post's text."""
    assert clean(_thread()).paragraphs == (OPENING, SHORT_REPLY, ANSWER, THANKS)


def test_a_quote_of_nothing_on_the_page_is_the_reply_s_text() -> None:
    """A quote of another thread or a changelog is what the reply is about: only "X wrote:" goes."""
    source = "Version 3.2 shortens the timeout for network folders from ten minutes to two minutes."
    page = _thread().replace(f"{CITE}{QUOTED}", f"<cite>devteam wrote:</cite>{source}")
    assert clean(page).paragraphs == (OPENING, SHORT_REPLY, source, ANSWER, THANKS)


def test_a_header_that_swallowed_its_post_keeps_the_post() -> None:
    """A header closed with the wrong tag holds the post once parsed: it is not pruned as chrome."""
    header = '<header class="message-attribution"><div class="message-attribution-opposite"><a href="#">#2</a></ul>'
    page = _thread().replace('<div class="postbody">', header + '<div class="postbody">', 1)
    assert OPENING in clean(page).paragraphs


@pytest.mark.parametrize(
    "head_or_body",
    [
        '<script type="application/ld+json">{"@type": "DiscussionForumPosting", "headline": "x"}</script>',
        '<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>x</p></div>',
        '<meta name="generator" content="vBulletin 4.2.5">',
    ],
    ids=["json-ld", "microdata", "engine-generator"],
)
def test_a_thread_says_so(head_or_body: str) -> None:
    assert is_forum_thread(document_fromstring(f"<html><head></head><body>{head_or_body}</body></html>"))


def test_news_pages_are_no_threads_and_keep_their_quotes() -> None:
    """The same class names on a news page are a pull quote and a sign-off: kept."""
    quote = "We will not close the bridge before the new one is open, whatever the engineers say."
    page = f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle"}}</script></head><body>
    <article><h1>Harbour bridge to close</h1><p>{OPENING}</p><blockquote class="quote"><p>{quote}</p></blockquote>
    <p>{ANSWER}</p></article></body></html>"""
    assert not is_forum_thread(document_fromstring(page))
    assert not is_forum_thread(document_fromstring(_thread(fingerprint=False)))
    assert clean(page).paragraphs == (OPENING, quote, ANSWER)
