"""Everything the cleaner takes from trafilatura, and the one module that imports it.

Most of it is not trafilatura's public API (``trafilatura.__all__``): the metadata readers
behind ``extract_metadata`` (called one by one, so that only the fields the Article has are
read), the serialiser of the body tree, the default config and the ``Document`` class.
Internals carry no stability promise; the pin in pyproject.toml (one minor series) guards
them, and tests/test_trafilatura_api.py checks every name here, its type and the parameters
the cleaner passes, so an upgrade that moves one fails there, by name, not somewhere deep in
a page. ``bare_extraction`` is public but comes through here too, so this file is the whole
of trafilatura the cleaner relies on.
"""

from __future__ import annotations

from trafilatura import bare_extraction
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title
from trafilatura.settings import DEFAULT_CONFIG, Document
from trafilatura.xml import xmltotxt

__all__ = [
    "DEFAULT_CONFIG",
    "Document",
    "bare_extraction",
    "examine_meta",
    "extract_author",
    "extract_meta_json",
    "extract_title",
    "normalize_authors",
    "xmltotxt",
]
