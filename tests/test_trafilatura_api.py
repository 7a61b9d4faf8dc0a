"""trafilatura as the cleaner relies on it: each name cleaners/trafilatura_api.py re-exports.

Most of them are trafilatura internals, guarded only by the version pin. When an upgrade moves,
renames or reshapes one, a test here fails and names it, instead of every page failing at import
or, worse, silently reading less metadata. Then fix cleaners/trafilatura_api.py and its callers.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from configparser import ConfigParser
from copy import deepcopy
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import trafilatura
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

CLEANERS = Path(__file__).resolve().parent.parent / "cleaners"
ADAPTER = "trafilatura_api.py"
#: each function the cleaner calls: (its module, how many positional arguments the cleaner
#: passes, the keyword arguments it passes) -- the call shapes in cleaners/core.py, metadata.py, blocks.py
CALLS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "bare_extraction": (
        "trafilatura", 1, ("url", "include_comments", "fast", "include_tables", "prune_xpath", "config"),
    ),
    "examine_meta": ("trafilatura.metadata", 1, ()),
    "extract_meta_json": ("trafilatura.metadata", 2, ()),
    "extract_title": ("trafilatura.metadata", 1, ()),
    "extract_author": ("trafilatura.metadata", 1, ()),
    "normalize_authors": ("trafilatura.json_metadata", 2, ()),
    "xmltotxt": ("trafilatura.xml", 2, ()),
}
#: each other name: (its module, what it must be an instance of)
VALUES: dict[str, tuple[str, type]] = {
    "DEFAULT_CONFIG": ("trafilatura.settings", ConfigParser),
    "Document": ("trafilatura.settings", type),
}
#: the Document attributes the cleaner reads or sets
DOCUMENT_FIELDS = ("title", "author", "url", "description", "body")
MODULES = {name: module for name, (module, *_) in {**CALLS, **VALUES}.items()}

PAGE = """<html><head>
<title>Harbour bridge to close to cars | Riverside Courier</title>
<meta name="description" content="Engineers found the supports corroded.">
<meta name="author" content="Jane Doe">
<meta property="og:url" content="https://news.example/bridge">
<link rel="canonical" href="https://news.example/bridge">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour bridge to close to cars next spring", "author": {"@type": "Person", "name": "John Smith"}}
</script>
</head><body><article><h1>Harbour bridge to close to cars next spring</h1>
<p class="byline">By <span class="author">Jane Doe</span></p>
""" + "".join(
    f"<p>Paragraph {i} of the story, long enough for trafilatura to keep it as text of the body.</p>" for i in range(5)
) + "</article></body></html>"


def _trafilatura_name(name: str) -> Any:
    """``name`` from the module the adapter takes it from, failing with the version and the fix."""
    where = f"{MODULES[name]}.{name} (trafilatura {trafilatura.__version__})"
    try:
        module = importlib.import_module(MODULES[name])
    except ImportError as exc:
        pytest.fail(f"{where}: module gone ({exc}); cleaners/{ADAPTER} imports from it")
    if not hasattr(module, name):
        pytest.fail(f"{where}: name gone; cleaners/{ADAPTER} re-exports it")
    return getattr(module, name)


@pytest.fixture(scope="module")
def api() -> ModuleType:
    return importlib.import_module("cleaners.trafilatura_api")


@pytest.fixture
def tree() -> HtmlElement:
    return document_fromstring(PAGE)


# --- the surface: names, types, call shapes ------------------------------------------------------

def test_adapter_reexports_exactly_the_names_checked_here(api: ModuleType) -> None:
    assert sorted(api.__all__) == sorted(MODULES), "a name added to the adapter needs its checks here"
    for name in api.__all__:
        assert getattr(api, name) is _trafilatura_name(name), f"{name} is not trafilatura's own"


def test_no_other_cleaners_module_imports_trafilatura() -> None:
    """The adapter is the one place: anything else reaching into trafilatura escapes these checks."""
    found = []
    for path in sorted(CLEANERS.glob("*.py")):
        if path.name == ADAPTER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            found += [f"{path.name}:{node.lineno} {m}" for m in modules if m.split(".")[0] == "trafilatura"]
    assert found == [], f"import these through cleaners/{ADAPTER}: {found}"


@pytest.mark.parametrize("name", sorted(CALLS))
def test_function_takes_the_arguments_the_cleaner_passes(name: str) -> None:
    function = _trafilatura_name(name)
    assert callable(function), f"{name} is no longer callable: {function!r}"
    _, positional, keywords = CALLS[name]
    signature = inspect.signature(function)
    try:
        signature.bind(*range(positional), **dict.fromkeys(keywords))
    except TypeError as exc:
        pytest.fail(f"{name} no longer accepts {positional} positional argument(s) and keywords "
                    f"{list(keywords)}: {exc}; its signature now: {signature}")


@pytest.mark.parametrize("name", sorted(VALUES))
def test_value_has_the_expected_type(name: str) -> None:
    value, expected = _trafilatura_name(name), VALUES[name][1]
    assert isinstance(value, expected), f"{name} is a {type(value).__name__}, not a {expected.__name__}"


# --- the behaviour the cleaner relies on, one small case each ----------------------------------

def test_document_has_the_fields_the_cleaner_reads(api: ModuleType) -> None:
    doc = api.Document()
    missing = [f for f in DOCUMENT_FIELDS if not hasattr(doc, f)]
    assert missing == [], f"Document lost {missing}"
    doc.author = None  # metadata.py drops one-word meta authors this way


def test_default_config_has_the_setting_the_cleaner_overrides(api: ModuleType) -> None:
    config = deepcopy(api.DEFAULT_CONFIG)
    assert config.getint("DEFAULT", "MIN_EXTRACTED_SIZE") > 0
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "1"
    assert api.DEFAULT_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] != "1", "the copy must not change the default"


def test_bare_extraction_returns_a_document_with_a_body_tree(api: ModuleType, tree: HtmlElement) -> None:
    doc = api.bare_extraction(
        tree, url="https://news.example/bridge", include_comments=False, fast=True, include_tables=True,
        prune_xpath=".//*[@data-pruned]", config=api.DEFAULT_CONFIG,
    )
    assert isinstance(doc, api.Document)
    assert doc.body is not None and doc.body.tag == "body"
    paragraphs = [child.text or "" for child in doc.body if child.tag == "p"]
    assert paragraphs[0].startswith("Paragraph 0 of the story")


def test_examine_meta_reads_meta_tags(api: ModuleType, tree: HtmlElement) -> None:
    doc = api.examine_meta(tree)
    assert isinstance(doc, api.Document)
    assert (doc.title, doc.author, doc.description, doc.url) == (
        None, "Jane Doe", "Engineers found the supports corroded.", "https://news.example/bridge",
    )


def test_extract_meta_json_completes_the_document_from_json_ld(api: ModuleType, tree: HtmlElement) -> None:
    doc = api.extract_meta_json(tree, api.examine_meta(tree))
    assert isinstance(doc, api.Document)
    assert doc.title == "Harbour bridge to close to cars next spring"
    assert doc.author == "Jane Doe; John Smith"


def test_extract_title_prefers_the_headline(api: ModuleType, tree: HtmlElement) -> None:
    assert api.extract_title(tree) == "Harbour bridge to close to cars next spring"


def test_extract_author_reads_the_byline(api: ModuleType, tree: HtmlElement) -> None:
    assert api.extract_author(tree) == "Jane Doe"


def test_normalize_authors_appends_the_names_of_a_json_ld_author(api: ModuleType) -> None:
    assert api.normalize_authors("Jane Doe", "John Smith and Ann Lee") == "Jane Doe; John Smith; Ann Lee"
    assert api.normalize_authors(None, "jane@example.com") is None


def test_xmltotxt_gives_plain_text_and_marks_list_items(api: ModuleType) -> None:
    """blocks.py strips the ``- `` it puts before a list item."""
    assert api.xmltotxt(etree.fromstring('<p>Hello <hi rend="#b">world</hi>, again.</p>'), False) == (
        "Hello world, again."
    )
    assert api.xmltotxt(etree.fromstring("<item>one</item>"), False) == "- one"
