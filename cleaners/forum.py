"""Forum threads: the posts are the text, the chrome around each post is not.

On a thread page (phpBB, XenForo, vBulletin, Discourse, Invision...) every post sits between a
user card (name, rank, join date, post count), a header ("#3", the date, a share link), a footer
(Like, Quote, Reply, Report) and a signature; a reply opens with a quote of an earlier post under
"X said:". Left in, that chrome makes each post a link-dense, mostly non-prose block, and
extraction drops short posts whole, and a reply that opens with a quote with it. Marking the
chrome for pruning leaves the posts' own words, each once (a quote repeats another post).

These class names mean chrome only on a thread page: a news page's ``quote`` is a pull quote,
its ``signature`` the author's sign-off. So nothing is marked unless the page says it is a
thread, by schema.org (``DiscussionForumPosting``, in JSON-LD or microdata) or by the
fingerprint a forum engine leaves on every page it serves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from .article import Removed
from .jsonld import json_ld_types
from .prune import MAX_TEXT_SHARE, PRUNE_MARK, class_tokens, mark_pruned, vocabulary
from .subtrees import BLOCK_TAGS, NearestAncestor, TextSizes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["is_forum_thread", "mark_post_chrome"]

#: the schema.org types of a thread and its posts
FORUM_TYPES = frozenset({"DiscussionForumPosting"})
#: what the engines write on every page: phpBB's ``<body id="phpbb">``, XenForo's ``<html id="XF">``,
#: Invision's ``<body class="ipsApp">``, and the generator line of vBulletin, Discourse, MyBB, SMF
_ENGINE_XPATH = (
    "//body[@id='phpbb'] | /html[@id='XF'] | //body[contains(concat(' ', @class, ' '), ' ipsApp ')]"
    " | //meta[@name='generator'][starts-with(@content, 'vBulletin') or starts-with(@content, 'Discourse')"
    " or starts-with(@content, 'MyBB') or starts-with(@content, 'SMF')]"
)
#: class/id names (as prune.class_tokens splits and joins them) of the parts of a post that are
#: not its text: the user card, the header, the footer and action bar, the signature
CHROME_NAMES = frozenset({
    # the user card: phpBB postprofile, XenForo message-user*, vBulletin userinfo, Invision author pane
    "postprofile", "messageuser", "messageuserdetails", "messageuserextras", "userinfo", "userdetails",
    "usertitle", "userstats", "authorpane", "cauthorpane", "postauthor", "poster", "topicavatar",
    # the header: "#3", the date, permalink and share buttons; phpBB's "Post by X » date" line
    "messageattribution", "postheader", "posthead", "topicmetadata", "author",
    # the footer: Like, Quote, Reply, Report, "Back to top"
    "messagefooter", "messageactionbar", "actionbar", "postfoot", "postbuttons", "postcontrols",
    "postmenuarea", "back2top",
    # the signature
    "signature", "messagesignature", "tapatalksignatur",
    # the thread's header line (XenForo: starter, start date) and its "similar threads" list
    "pdescription", "similarthreads",
})
#: a quote in a post: XenForo bbCodeBlock--quote, vBulletin bbcode_quote, Invision ipsQuote,
#: Discourse aside.quote (phpBB's is a bare <blockquote> opening with <cite>)
QUOTE_NAMES = frozenset({"quote", "bbcodequote", "bbcodeblockquote", "ipsquote", "quotecontainer"})
#: inside a quote, its "X said:" line and its "Click to expand..." link
QUOTE_CHROME_NAMES = frozenset({
    "title", "bbcodeblocktitle", "bbcodepostedby", "ipsquotecitation", "quotetitle", "expandlink",
    "bbcodeblockexpandlink",
})
#: class/id names of a post's text: XenForo message-body, phpBB and vBulletin postbody,
#: vBulletin post_message_123, MyBB post_body, Discourse cooked, Invision cPost_contentWrap
BODY_NAMES = frozenset({"messagebody", "postbody", "postmessage", "postcontent", "cooked", "contentwrap"})
#: schema.org's name for a post's text, in microdata
BODY_PROPS = frozenset({"text", "articleBody"})
#: a reply's subject line, as mail has it: "Re: Backup stops at night", "AW: …", "Antw: …"
_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|antw|sv|vs|odp|rif)\s*(?:\[\d+\])?\s*:", re.IGNORECASE)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: the elements whose bare text runs are a post's paragraphs
_RUN_HOLDERS = ("div", "article", "section", "blockquote", "td")
#: the elements extraction takes for a body
_BODY_TAGS = frozenset({"article", "div", "main", "section"})
_VOCAB = vocabulary(CHROME_NAMES)
_QUOTE_VOCAB = vocabulary(QUOTE_NAMES | QUOTE_CHROME_NAMES)
_BODY_VOCAB = vocabulary(BODY_NAMES)
#: the page's visible text nodes (a JSON-LD articleBody repeats the first post: it does not count)
_ITEMTYPES = etree.XPath("//@itemtype")
_VISIBLE_TEXT = "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"


def is_forum_thread(tree: HtmlElement, page_types: frozenset[str] | None = None) -> bool:
    """The page is a forum thread, by its schema.org type or its engine's fingerprint."""
    if (json_ld_types(tree) if page_types is None else page_types) & FORUM_TYPES:
        return True
    if any(str(t).rstrip("/").rsplit("/", 1)[-1] in FORUM_TYPES for t in _ITEMTYPES(tree)):
        return True
    return bool(tree.xpath(_ENGINE_XPATH))


def _post_texts(tree: HtmlElement) -> list[HtmlElement]:
    """The elements that hold the posts' text, outermost only, in reading order."""
    found: list[HtmlElement] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or (found and found[-1] in el.iterancestors()):
            continue
        if el.get("itemprop") in BODY_PROPS or class_tokens(el, _BODY_VOCAB) & BODY_NAMES:
            found.append(el)
    return found


def _holders(texts: list[HtmlElement]) -> set[HtmlElement]:
    """The posts' texts and everything above them: never chrome, whatever its name.

    Markup that closes a header with the wrong tag (``<div class="message-attribution">…</ul>``)
    leaves the post inside its header once parsed: the header then holds the text.
    """
    return {*texts, *(a for el in texts for a in el.iterancestors())}


def _is_block(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS and el.tag != "br"


def _wrap_text_runs(texts: list[HtmlElement]) -> None:
    """Make every run of bare text in a post a ``<p>``: a one-line reply ("Not ruined, feed it
    more often."), the answer under a quote. Extraction takes a bare ``<div>``'s text only from
    pages with little ``<p>`` text, and a thread's long posts have plenty: those runs were lost."""
    for text in texts:
        for box in list(text.iter(*_RUN_HOLDERS)):
            paragraph: HtmlElement | None = None
            if (box.text or "").strip():
                paragraph = box.makeelement("p", {})
                paragraph.text, box.text = box.text, None
                box.insert(0, paragraph)
            for child in list(box):
                if child is paragraph:
                    continue
                if _is_block(child):
                    paragraph = None
                    if (child.tail or "").strip():
                        paragraph = box.makeelement("p", {})
                        paragraph.text, child.tail = child.tail, None
                        child.addnext(paragraph)
                    continue
                if paragraph is None:
                    if not (child.tail or "").strip() and not _has_text(child):
                        continue  # a lone <br> or an empty anchor between blocks
                    paragraph = box.makeelement("p", {})
                    child.addprevious(paragraph)
                paragraph.append(child)


def _has_text(el: HtmlElement) -> bool:
    return bool("".join(el.itertext()).strip())


def _mark_thread_body(texts: list[HtmlElement]) -> None:
    """Name the block that holds every post the article body (schema.org's ``articleBody``).

    Engines write each post as an ``<article>``, and extraction takes a page's first ``<article>``
    for its body: the opening post, without a reply. The nearest block holding all the posts
    is the thread, and ``itemprop="articleBody"`` is what extraction looks for first. (The posts
    come in document order: the block holding the first and the last holds all in between.)
    """
    if len(texts) < 2:
        return
    last = set(texts[-1].iterancestors())
    thread = next((a for a in texts[0].iterancestors() if a in last and a.tag in _BODY_TAGS), None)
    if thread is not None and thread.get("itemprop") is None:
        thread.set("itemprop", "articleBody")


def _is_quote(el: HtmlElement) -> bool:
    if el.tag == "blockquote" and el.find(".//cite") is not None:
        return True  # phpBB's quote: <blockquote><cite>X wrote:</cite>... (3.0: <blockquote><div><cite>)
    return bool(class_tokens(el, _QUOTE_VOCAB) & QUOTE_NAMES)


def _quoted_words(quote: HtmlElement) -> str:
    """A quote's own words, without its "X said:" line: what the quoted post says."""
    chrome = {el for el in quote.iter() if el.tag == "cite" or class_tokens(el, _QUOTE_VOCAB) & QUOTE_CHROME_NAMES}
    parts = []
    for node in quote.iter():
        in_chrome = any(a in chrome for a in node.iterancestors())  # the tail is the parent's text
        if not (in_chrome or node in chrome):
            parts.append(node.text or "")
        if node is not quote and not in_chrome:
            parts.append(node.tail or "")
    return " ".join(" ".join(parts).split())


def _reason(el: HtmlElement, quote: HtmlElement | None, page_text: str) -> str | None:
    """Why ``el`` is not a post's own text (``quote``: the quote it is in, if any), or None.

    A quote of a post on the page repeats it, and goes; a quote of anything else (another thread,
    a news story, a changelog) is what the reply is about, and only its "X said:" line goes.
    """
    if quote is not None:
        tokens = class_tokens(el, _QUOTE_VOCAB)
        return "forum_chrome" if el.tag == "cite" or tokens & QUOTE_CHROME_NAMES else None
    if _is_quote(el):
        said = _quoted_words(el)
        return "forum_quote" if said and page_text.count(said) > 1 else None
    if el.tag in _HEADINGS and _REPLY_SUBJECT.match(el.text_content()):
        return "forum_chrome"  # the subject every reply repeats: the thread's title after "Re:"
    if el.tag == "noscript":
        return "hidden"  # the engine's "JavaScript is disabled" banner: a browser never shows it
    return "forum_chrome" if class_tokens(el, _VOCAB) & CHROME_NAMES else None


def mark_post_chrome(tree: HtmlElement, page_types: frozenset[str] | None = None) -> list[Removed]:
    """On a forum thread, mark every post's chrome for pruning; return what it held.

    As in prune.py, an element holding a large share of the page's text is spared whatever its
    name: that is a thread wrapped in a "quote" or "author" class, not a post's chrome.
    """
    if not is_forum_thread(tree, page_types):
        return []
    texts = _post_texts(tree)
    _wrap_text_runs(texts)
    _mark_thread_body(texts)
    holders = _holders(texts)
    page_text = " ".join(" ".join(tree.xpath(_VISIBLE_TEXT)).split())
    sizes, total = TextSizes(clean=True), len(page_text) or 1
    pruned = NearestAncestor(lambda a: a.get(PRUNE_MARK))
    quotes = NearestAncestor(_is_quote)
    removed: list[Removed] = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el in holders or el.get(PRUNE_MARK) or pruned.of(el) is not None:
            continue
        reason = _reason(el, quotes.of(el), page_text)
        if reason is None or sizes.of(el)[0] > MAX_TEXT_SHARE * total:
            continue
        mark_pruned(el, reason, removed)
    return removed
