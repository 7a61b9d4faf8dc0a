"""The store as the ``newsscraper`` command reads it: the ``site`` column (schema 5), full-text search
kept in step by the database (schema 6), and the articles, show, search, export, runs and health
subcommands, on a real SQLite file and a PostgreSQL schema of its own (the ``database`` fixture)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from contextlib import closing
from dataclasses import fields, replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from storedrows import RECORD, T0, WAIT, rows

from newsscraper.cli.health import FLAGGED, trends
from newsscraper.cli.main import main
from newsscraper.items import ArticleItem
from newsscraper.store import RunRecord, SiteHealth, is_postgresql, open_reader, open_store
from newsscraper.store.queries import ArticleFilter
from newsscraper.store.schema import MIGRATIONS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from conftest import CrawlRun

STATE = replace(
    RECORD, url="https://www.news.example/2024/05/02/etat.html",
    canonical_url="https://www.news.example/2024/05/02/etat.html", title="L’État et la rivière",
    text="Le gouvernement a décidé hier de protéger la rivière.\n\nLes riverains attendent.",
    paragraphs=("Le gouvernement a décidé hier de protéger la rivière.", "Les riverains attendent."),
    published="2024-05-02", content_hash="h-etat", site="lemonde",
)
FLOOD = replace(
    RECORD, url="https://daily.example/2024/05/03/flood", canonical_url="https://daily.example/2024/05/03/flood",
    title="River floods the valley", text="The river rose overnight and flooded the valley; the state sent help.",
    paragraphs=("The river rose overnight and flooded the valley; the state sent help.",), authors=("Ann Lee",),
    published="2024-05-03", language="en", content_hash="h-flood", site="daily",
)


def write(database: str, sql: str, *params: Any) -> None:
    """One statement, committed (``rows`` reads; its SQLite connection never commits)."""
    if is_postgresql(database):
        rows(database, sql + " RETURNING 1", *params)
        return
    with closing(sqlite3.connect(database, isolation_level=None)) as conn:
        conn.execute(sql, params)


def field(out: str, name: str) -> str:
    """The value of one ``Name: value`` line of ``show``'s output."""
    return next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith(f"{name}:"))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``newsscraper ARGV``: its exit code, stdout and stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(database: str) -> str:
    """A store of each backend with three articles (one of them edited once) and two runs."""
    store = open_store(database, busy_timeout=WAIT)
    first = store.start_run(spider="news", arguments={}, now=T0)
    store.save(RECORD, now=T0, run_id=first)  # example.com, no site name: its host
    store.save(STATE, now=T0)
    store.save(replace(FLOOD, aliases=("https://daily.example/flood",)), now=T0)
    store.finish_run(RunRecord(id=first, spider="news", arguments={}, started="2024-05-01T12:00:00Z",
                               finished="2024-05-01T12:01:00Z", status="finished", exit_code=0, new=3,
                               sites=(SiteHealth("daily", stored=4), SiteHealth("lemonde", stored=2))))
    second = store.start_run(spider="news", arguments={}, now=T0 + timedelta(days=1))
    edited = replace(FLOOD, text=FLOOD.text.replace("sent help", "sent two helicopters"), content_hash="h-flood2")
    store.save(edited, now=T0 + timedelta(days=1), run_id=second)
    store.finish_run(RunRecord(id=second, spider="news", arguments={}, started="2024-05-02T12:00:00Z",
                               finished="2024-05-02T12:01:00Z", status="finished", exit_code=0, updated=1,
                               dropped={"http_404": 2},
                               warnings=("site daily yielded no article; it yielded 4 in run 1",),
                               sites=(SiteHealth("daily", failures=3), SiteHealth("lemonde", stored=1, unchanged=1))))
    store.close()
    return database


# --- the store ---------------------------------------------------------------------------------------


def test_each_article_has_its_sites_name_or_its_host(filled: str) -> None:
    assert rows(filled, "SELECT canonical_url, site FROM articles ORDER BY id") == [
        (RECORD.canonical_url, "example.com"), (STATE.canonical_url, "lemonde"), (FLOOD.canonical_url, "daily")]


def test_the_crawl_stores_the_items_site() -> None:
    from itemadapter import ItemAdapter

    from newsscraper.pipelines.store import _record

    item = ArticleItem(url=STATE.url, title="t", text="x", site="lemonde")
    assert _record(ItemAdapter(item)).site == "lemonde"


def test_schemas_5_and_6_upgrade_a_schema_4_store(database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = "postgres" if is_postgresql(database) else "sqlite"
    with monkeypatch.context() as patched:  # a store as the previous release wrote it
        patched.setattr(f"newsscraper.store.{backend}.MIGRATIONS", MIGRATIONS[:4])
        patched.setattr(f"newsscraper.store.{backend}.SCHEMA_VERSION", 4)
        open_store(database, busy_timeout=WAIT).close()
    for n, (url, title) in enumerate([("https://www.lemonde.example/a/1", "L’État décide"),
                                      ("http://Daily.example:8080/b/2", "River news")]):
        write(database, "INSERT INTO articles (url, canonical_url, title, text, paragraphs, authors, language, "
              "content_hash, first_seen, last_seen, last_changed) VALUES (?, ?, ?, 'Du texte.', '[]', '[]', 'fr', ?, "
              "'a', 'b', 'c')", url, url, title, f"h{n}")
    reader = open_reader(database, busy_timeout=WAIT)
    assert [hit.article.record.title for hit in reader.search("etat", ArticleFilter(), limit=5)] == ["L’État décide"]
    reader.close()
    assert rows(database, "SELECT site FROM articles ORDER BY id") == [("lemonde.example",), ("daily.example",)]


def test_the_index_follows_every_save(database: str) -> None:
    store = open_store(database, busy_timeout=WAIT)
    reader = open_reader(database, busy_timeout=WAIT)
    store.save(FLOOD, now=T0)
    assert [hit.article.id for hit in reader.search("overnight", ArticleFilter(), limit=5)] == [1]
    store.save(replace(FLOOD, text="The water went down by morning.", content_hash="h2"), now=T0)
    assert reader.search("overnight", ArticleFilter(), limit=5) == []
    assert [hit.article.id for hit in reader.search("morning", ArticleFilter(), limit=5)] == [1]
    store.close()
    reader.close()


def test_search_folds_accents_ranks_and_marks_matches(filled: str) -> None:
    reader = open_reader(filled, busy_timeout=WAIT)
    hits = reader.search("etat", ArticleFilter(), limit=5)
    assert [hit.article.record.canonical_url for hit in hits] == [STATE.canonical_url]
    assert "[État]" in hits[0].snippet
    # "river" is in RECORD's title, FLOOD's title and text, and in STATE's only as "rivière" (French)
    hits = reader.search("river", ArticleFilter(), limit=5)
    assert {hit.article.record.canonical_url for hit in hits} == {RECORD.canonical_url, FLOOD.canonical_url}
    assert all("[river]" in hit.snippet.lower() for hit in hits)
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    assert [hit.article.id for hit in reader.search("river", ArticleFilter(language="en"), limit=5)] == [3]
    assert reader.search("river", ArticleFilter(site="lemonde"), limit=5) == []
    reader.close()


def test_a_sqlite_store_uses_its_indexes_for_a_site_and_the_latest(tmp_path: Path) -> None:
    from newsscraper.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "s.sqlite", busy_timeout=WAIT)
    plan = " ".join(str(row[-1]) for row in store._execute(
        "EXPLAIN QUERY PLAN SELECT id FROM articles a ORDER BY coalesce(a.published, a.first_seen) DESC LIMIT 5"))
    assert "articles_date" in plan and "TEMP B-TREE" not in plan
    plan = " ".join(str(row[-1]) for row in store._execute(
        "EXPLAIN QUERY PLAN SELECT id FROM articles a WHERE a.site = 'x' AND a.id > 5 ORDER BY a.id LIMIT 5"))
    assert "articles_site" in plan
    store.close()


# --- articles, show, search ----------------------------------------------------------------------


def test_articles_lists_the_latest_first_with_filters(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "articles", "--db", filled)
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0].split() == ["ID", "DATE", "SITE", "LANGUAGE", "TITLE"]
    assert [line.split()[1] for line in lines[1:]] == ["2024-05-03", "2024-05-02", "2024-05-01"]
    _, out, _ = cli(capsys, "articles", "--db", filled, "--site", "lemonde", "--format", "jsonl")
    assert [json.loads(line)["title"] for line in out.splitlines()] == [STATE.title]
    _, out, _ = cli(capsys, "articles", "--db", filled, "--since", "2024-05-02", "--until", "2024-05-02",
                    "--format", "csv")
    listed = list(csv.DictReader(io.StringIO(out)))
    assert [(r["url"], r["site"]) for r in listed] == [(STATE.canonical_url, "lemonde")]
    _, out, _ = cli(capsys, "articles", "--db", filled, "--lang", "en", "--limit", "1", "--format", "jsonl")
    assert [json.loads(line)["authors"] for line in out.splitlines()] == [["Ann Lee"]]


def test_show_prints_an_article_by_id_or_url_its_versions_and_a_word_diff(
    filled: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, by_id, _ = cli(capsys, "show", "3", "--db", filled)
    assert code == 0 and field(by_id, "Site") == "daily" and by_id.rstrip().endswith("sent two helicopters.")
    assert field(by_id, "Redirected from") == "https://daily.example/flood"
    _, by_alias, _ = cli(capsys, "show", "https://daily.example/flood", "--db", filled)
    assert by_alias == by_id
    code, out, _ = cli(capsys, "show", FLOOD.canonical_url + "?utm_source=x", "--db", filled, "--versions", "--diff")
    assert code == 0 and field(out, "Versions") == "2"
    assert "… flooded the valley; the state sent [-help.-] {+two helicopters.+}\n" in out
    assert "sent two helicopters." not in out.split("--- version 1")[0]  # no text with --versions
    _, single, _ = cli(capsys, "show", "1", "--db", filled, "--diff")
    assert "Only one version" in single


def test_search_prints_ranked_hits_with_snippets(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "search", "valley", "--db", filled)
    assert code == 0
    assert out.splitlines()[0].startswith("3  2024-05-03  daily  River floods the valley")
    assert "[valley]" in out.splitlines()[1] and out.splitlines()[2].strip() == FLOOD.canonical_url
    _, out, _ = cli(capsys, "search", "etat", "--db", filled, "--format", "jsonl", "--since", "2024-05-02")
    found = [json.loads(line) for line in out.splitlines()]
    assert [(f["id"], f["site"]) for f in found] == [(2, "lemonde")] and "[État]" in found[0]["snippet"]
    _, out, err = cli(capsys, "search", "etat", "--db", filled, "--site", "daily")
    assert out == "" and err == "no article matches\n"


# --- export ------------------------------------------------------------------------------------------


def test_export_writes_the_fields_of_the_crawls_export(filled: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "all.jsonl"
    assert cli(capsys, "export", "--format", "jsonl", "--db", filled, "-o", str(target)) == (0, "", "")
    exported = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [list(item) for item in exported] == [[f.name for f in fields(ArticleItem)]] * 3
    assert exported[1]["title"] == "L’État et la rivière" and "\\u" not in target.read_text(encoding="utf-8")
    assert exported[2]["redirected_from"] == ["https://daily.example/flood"] and exported[2]["site"] == "daily"
    assert exported[2]["text"].endswith("two helicopters.") and exported[2]["change"] is None
    code, out, _ = cli(capsys, "export", "--format", "csv", "--db", filled, "--site", "daily")
    (row,) = csv.DictReader(io.StringIO(out))
    assert code == 0 and row["authors"] == "Ann Lee" and row["canonical_url"] == FLOOD.canonical_url


def test_export_reads_a_batch_at_a_time(database: str) -> None:
    store = open_store(database, busy_timeout=WAIT)
    for n in range(11):
        store.save(replace(FLOOD, url=f"https://daily.example/a/{n}", canonical_url=f"https://daily.example/a/{n}",
                           content_hash=f"h{n}"), now=T0)
    store.close()
    reader = open_reader(database, busy_timeout=WAIT)
    reader.EXPORT_BATCH = 4
    fetched: list[int] = []
    execute = reader._execute

    def counting(sql: str, params: Any = ()) -> Any:
        rows = execute(sql, params).fetchall()
        if "FROM articles a WHERE a.id > ?" in sql:
            fetched.append(len(rows))
        return _Rows(rows)

    reader._execute = counting  # type: ignore[method-assign]
    exported = reader.each_article(ArticleFilter(site="daily"))
    next(exported)
    assert fetched == [4]  # one batch read, not the store
    assert len([*exported]) == 10
    assert fetched == [4, 4, 3, 0]
    reader.close()


class _Rows:
    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows

    def fetchall(self) -> list[Any]:
        return self.rows

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None


# --- runs and health ---------------------------------------------------------------------------------


def test_runs_lists_the_latest_runs_with_their_warnings(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "runs", "--db", filled)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:5] == ["ID", "STARTED", "FINISHED", "STATUS", "EXIT"]
    assert lines[1].split()[:9] == ["2", "2024-05-02T12:00:00Z", "2024-05-02T12:01:00Z", "finished", "0", "0", "1",
                                    "0", "2"]
    assert lines[-1] == "run 2: site daily yielded no article; it yielded 4 in run 1"
    _, out, _ = cli(capsys, "runs", "--db", filled, "--last", "1", "--format", "jsonl")
    assert [json.loads(line)["dropped"] for line in out.splitlines()] == [{"http_404": 2}]


def test_health_flags_a_site_whose_yield_fell_to_zero(filled: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "health", "--db", filled)
    assert code == FLAGGED
    assert [line.split() for line in out.splitlines()] == [
        ["SITE", "CRAWLS", "YIELD", "FAILURES", "STATUS"],
        ["daily", "1", "2", "4", "0", "0", "3", "yield", "fell", "to", "zero"],
        ["lemonde", "1", "2", "2", "2", "0", "0", "ok"],
    ]


def test_health_sums_the_workers_of_a_crawl_and_flags_rising_failures() -> None:
    def run(run_id: int, crawl: str | None, *sites: SiteHealth, status: str = "finished") -> RunRecord:
        return RunRecord(id=run_id, spider="news", arguments={}, started="", status=status, sites=sites, crawl_id=crawl)

    runs = [run(4, None, SiteHealth("a", stored=1, failures=2), status="killed"),
            run(3, "c2", SiteHealth("a", stored=1, failures=1)), run(2, "c2", SiteHealth("a", unchanged=1, failures=1)),
            run(1, None, SiteHealth("a", stored=5, failures=1))]
    (trend,) = trends(runs, crawls=5)
    assert (trend.crawls, trend.yields, trend.failures) == (("1", "c2(2)"), (5, 2), (1, 2))
    assert trend.problem == "failures rose"
    assert trends(runs, crawls=1)[0].problem is None


# --- a user's mistakes: one line, exit code 1, nothing created -----------------------------------


def test_a_store_that_does_not_exist_is_one_line_and_is_not_created(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "store.sqlite"
    for command in (["articles"], ["show", "1"], ["search", "x"], ["export", "--format", "jsonl"], ["runs"],
                    ["health"]):
        assert cli(capsys, *command, "--db", str(missing)) == (
            1, "", f"newsscraper {command[0]}: {missing}: no such store\n")
    assert not missing.parent.exists()
    (tmp_path / "empty.sqlite").touch()
    code, _, err = cli(capsys, "runs", "--db", str(tmp_path / "empty.sqlite"))
    assert (code, err) == (1, f"newsscraper runs: {tmp_path / 'empty.sqlite'} is not a newsscraper store\n")
    (tmp_path / "notes.txt").write_text("not a database at all, but long enough to look like a header", "utf-8")
    code, _, err = cli(capsys, "runs", "--db", str(tmp_path / "notes.txt"))
    assert (code, err) == (
        1, f"newsscraper runs: can't open the store: {tmp_path / 'notes.txt'}: file is not a database\n")


def test_a_postgresql_schema_without_a_store_is_one_line_and_stays_empty(
    postgres_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "articles", "--db", postgres_database)
    assert code == 1 and err.startswith("newsscraper articles: postgresql://") and "no newsscraper store" in err
    assert rows(postgres_database, "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = current_schema()") == [(0,)]


def test_bad_dates_unknown_articles_and_rejected_queries_are_one_line(
    filled: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(capsys, "articles", "--db", filled, "--since", "2024-13-01") == (
        1, "", "newsscraper articles: --since '2024-13-01' is not a date: use YYYY-MM-DD, today or yesterday\n")
    code, _, err = cli(capsys, "show", "https://nowhere.example/x", "--db", filled)
    assert code == 1 and err.startswith("newsscraper show: no article 'https://nowhere.example/x' in ")
    assert cli(capsys, "search", "  ", "--db", filled) == (1, "", "newsscraper search: the query is empty\n")
    code, out, err = cli(capsys, "search", '"unbalanced', "--db", filled)
    if is_postgresql(filled):  # websearch_to_tsquery takes any text: an unclosed quote runs to the end
        assert (code, out) == (0, "")
    else:
        assert code == 1 and err.startswith("newsscraper search: the search engine rejects '\"unbalanced': ")
        assert err.count("\n") == 1


# --- end to end: a demo crawl, then the command -------------------------------------------------------


def test_a_crawl_fills_the_site_and_the_index_the_command_reads(
    crawl: Callable[..., CrawlRun], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from crawlers import NOW

    from newsscraper.demo.server import DemoSite

    database = tmp_path / "demo.sqlite"
    with DemoSite() as site:
        run = crawl(site.url, database, "-s", f"NEWSSCRAPER_NOW={NOW}")
    assert run.returncode == 0, run.log
    stored = rows(database, "SELECT count(*), count(DISTINCT site), min(site) FROM articles")
    assert stored[0][0] > 20 and stored[0][1:] == (1, "127.0.0.1")
    title = rows(database, "SELECT title FROM articles ORDER BY id LIMIT 1")[0][0]
    word = max(re.findall(r"\w+", title), key=len)
    code, out, _ = cli(capsys, "search", word, "--db", str(database), "--site", "127.0.0.1", "--format", "jsonl")
    assert code == 0 and title in [json.loads(line)["title"] for line in out.splitlines()]
    code, out, _ = cli(capsys, "runs", "--db", str(database), "--format", "jsonl")
    assert code == 0 and json.loads(out.splitlines()[0])["new"] == stored[0][0]

