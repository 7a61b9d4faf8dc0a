"""The cleaner's side of the pool: what runs in a worker process, and nothing of Scrapy.

A worker loads the cleaner once (``NEWSSCRAPER_CLEANER``, a dotted path to a function of
``(html, url)`` that returns a :class:`cleaners.Article` or raises :class:`cleaners.NotAnArticle`),
then answers one task at a time over its pipe. Answers are plain tuples, so nothing but the
Article itself has to survive pickling.
"""

from __future__ import annotations

import importlib
import signal
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from w3lib.encoding import read_bom

from cleaners import Article, NotAnArticle

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection

__all__ = ["READY", "Answer", "Task", "clean_task", "load_cleaner", "page_input", "serve"]

#: (body, url, encoding of the HTTP header or None)
Task = tuple[bytes, str, "str | None"]
#: ("article", Article) | ("not_article", reason, message) | ("error", description)
Answer = tuple[Any, ...]
#: a worker's first message, once its cleaner is loaded: a page's time limit starts after it
READY = "ready"


def load_cleaner(path: str) -> Callable[[str | bytes, str | None], Any]:
    """The function a dotted path names (``cleaners.clean``); a clear error if it names none."""
    module_name, _, name = path.rpartition(".")
    try:
        function = getattr(importlib.import_module(module_name), name) if module_name else None
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"NEWSSCRAPER_CLEANER={path!r} names no function: {exc}") from exc
    if not callable(function):
        raise ValueError(f"NEWSSCRAPER_CLEANER={path!r} names no function")
    return function  # type: ignore[no-any-return]


def page_input(body: bytes, encoding: str | None) -> str | bytes:
    """Text when the HTTP header named a charset that decodes the body, else the raw bytes.

    The header outranks a ``<meta charset>`` for browsers; when it is missing or wrong, the
    cleaner's own decoding (BOM, meta, detection) gets the bytes and may say ``undecodable``.
    A body that is valid UTF-8 goes to the cleaner as bytes too, whatever the header says: it reads
    UTF-8 as UTF-8 (a server that calls every page ISO-8859-1 is a common mistake).
    """
    if encoding and read_bom(body) == (None, None) and not _is_utf8(body):
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return body


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def clean_task(cleaner: Callable[[str | bytes, str | None], Any], task: Task) -> Answer:
    """One page through the cleaner, as an answer; a bug in the cleaner is an answer too. The
    Article comes without its ``removed`` blocks, which the crawl does not keep."""
    body, url, encoding = task
    try:
        article = cleaner(page_input(body, encoding), url)
    except NotAnArticle as exc:
        return ("not_article", exc.reason, str(exc))
    except RecursionError:
        return ("error", "RecursionError: the page is nested too deeply for the cleaner")
    except Exception as exc:  # a bug of the cleaner on this page: the crawl goes on, the log names it
        return ("error", f"{type(exc).__name__}: {exc}")
    if isinstance(article, Article) and article.removed:
        article = replace(article, removed=())  # the crawl keeps none of it: don't pickle it back
    return ("article", article)


def serve(conn: Connection, cleaner_path: str) -> None:
    """A worker's life: load the cleaner, then clean each task sent until ``None`` or EOF.

    Shutdown signals are the parent's to handle: a Ctrl-C in a terminal (or a SIGTERM to the
    process group) reaches every worker too, and a worker that died of it would look like a
    crash. The parent ends its workers itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    cleaner = load_cleaner(cleaner_path)
    conn.send(READY)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(clean_task(cleaner, task))
