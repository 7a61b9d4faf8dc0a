"""PostgreSQL full-text search: each article's title and text as a ``tsvector`` in its language.

Migration 6 (:func:`create_search_index`) maps ISO 639-1 codes to the server's text search
configurations in a ``search_configs`` table (``''``: the ``simple`` one, for every other language);
:sql:`search_config(language)` looks an article's up. A trigger keeps ``articles.search`` in step
with the title (weight A) and the text (weight B) in the same statement as every save, and a GIN
index serves the queries. When the ``unaccent`` extension is there (or can be created), each
configuration is a copy that folds accents, so "etat" finds "État", in the text and in the
highlighted snippet; without it, accents count (the README says how to add it).

A query is parsed as each matching article's language would parse it
(``websearch_to_tsquery``: words, "quoted phrases", ``or``, ``-word``; it never rejects a query).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from typing import Any

__all__ = ["LANGUAGES", "create_search_index"]

#: ISO 639-1 code -> PostgreSQL text search configuration (those the server has are used)
LANGUAGES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil",
    "tr": "turkish", "yi": "yiddish",
}

#: after the configurations: the column, the lookup, the trigger, the first fill, the index ({s}: the schema)
SEARCH_DDL = (
    "ALTER TABLE {s}.articles ADD COLUMN search tsvector",
    """
    CREATE FUNCTION {s}.search_config(lang text) RETURNS regconfig LANGUAGE sql STABLE AS $$
        SELECT coalesce(
            (SELECT config FROM {s}.search_configs
             WHERE code = lower(split_part(replace(coalesce(lang, ''), '_', '-'), '-', 1))),
            (SELECT config FROM {s}.search_configs WHERE code = ''))
    $$
    """,
    """
    CREATE FUNCTION {s}.articles_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search := setweight(to_tsvector({s}.search_config(NEW.language), NEW.title), 'A')
                   || setweight(to_tsvector({s}.search_config(NEW.language), NEW.text), 'B');
        RETURN NEW;
    END
    $$
    """,
    "CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF title, text, language ON {s}.articles "
    "FOR EACH ROW EXECUTE FUNCTION {s}.articles_search()",
    "UPDATE {s}.articles SET title = title",  # the trigger fills every existing row
    "CREATE INDEX articles_search ON {s}.articles USING gin (search)",
)


def create_search_index(conn: psycopg.Connection[Any], schema: str) -> None:
    """Migration 6 in ``schema``, inside the migration's transaction."""
    s = sql.Identifier(schema).as_string(conn)
    unaccent = _unaccent(conn)
    have = {row[0] for row in conn.execute(
        "SELECT cfgname FROM pg_ts_config WHERE cfgnamespace = 'pg_catalog'::regnamespace").fetchall()}
    _run(conn, f"CREATE TABLE {s}.search_configs (code TEXT PRIMARY KEY, config regconfig NOT NULL)")
    made: dict[str, str] = {}
    for code, name in [*LANGUAGES.items(), ("", "simple")]:
        if name not in have:
            continue
        if name not in made:
            made[name] = _configuration(conn, s, name, unaccent)
        _run(conn, f"INSERT INTO {s}.search_configs (code, config) VALUES (%s, %s::regconfig)", (code, made[name]))
    for statement in SEARCH_DDL:
        _run(conn, statement.format(s=s))


def _configuration(conn: psycopg.Connection[Any], s: str, name: str, unaccent: str | None) -> str:
    """The configuration articles in ``name``'s language use: the server's own, or with
    ``unaccent``, a copy in the store's schema that folds accents before its own dictionaries."""
    if unaccent is None:
        return f"pg_catalog.{name}"
    own = f"{s}.news_{name}"
    _run(conn, f"CREATE TEXT SEARCH CONFIGURATION {own} (COPY = pg_catalog.{name})")
    row = conn.execute("SELECT array_to_string(dictionaries, ', ') FROM ts_debug(%s::regconfig, 'été')",
                       (f"pg_catalog.{name}",)).fetchone()
    dictionaries = row[0] if row else "simple"
    _run(conn, f"ALTER TEXT SEARCH CONFIGURATION {own} ALTER MAPPING FOR hword, hword_part, word "
               f"WITH {unaccent}, {dictionaries}")
    return own


def _unaccent(conn: psycopg.Connection[Any]) -> str | None:
    """The ``unaccent`` dictionary, schema-qualified: the installed extension's, else one created
    now (in ``public`` where we may, else in the store's schema); None when the server has none
    or we may not create it."""
    for create in (None, "CREATE EXTENSION unaccent SCHEMA public", "CREATE EXTENSION unaccent"):
        if create is not None:
            try:
                with conn.transaction():  # a savepoint: a refusal leaves the migration going
                    _run(conn, create)
            except psycopg.Error:
                continue
        row = conn.execute("SELECT extnamespace::regnamespace::text FROM pg_extension "
                           "WHERE extname = 'unaccent'").fetchone()
        if row is not None:
            return f"{row[0]}.unaccent"
    return None


def _run(conn: psycopg.Connection[Any], statement: str, params: tuple[Any, ...] | None = None) -> psycopg.Cursor[Any]:
    """One statement built here from identifiers psycopg quoted (psycopg's types want literals)."""
    return conn.execute(statement, params)  # type: ignore[arg-type]
