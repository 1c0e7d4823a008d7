"""The quote database as a library: schema and migrations, writes, queries, Datasette."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import date

import pytest

import attrib
from attrib.errors import InputError, ReadOnlyQueryError, StoreError
from attrib.model import Article, Attribution, Spans, Speaker
from attrib.run.ingest import Ingest, ingest
from attrib.store import QuoteFilters, open_database, quotes, speakers, sql, store_articles, who_said
from attrib.store.db import failed_paths, forget_failures, now, record_failure
from attrib.store.schema import MIGRATIONS
from attrib.store.identity import CREDIT_CONFIDENCE
from conftest import FIXTURES, get_nlp

SEED = FIXTURES / "us-venezuela-relations.txt"
GOLD = json.loads((FIXTURES / "us-venezuela-relations.gold.json").read_text(encoding="utf-8"))["attributions"]
HOSTILE = ['"', "AND", "*", "NEAR(", "'; DROP TABLE x; --", 'Golden AND "Age', "OR OR", "Golden*", "NEAR(Golden Age, 2)", "-Age", "^Golden", ""]


@pytest.fixture(scope="module")
def seed_analysed() -> list[tuple[Article, list[Attribution]]]:
    article = Article(id="us-venezuela-relations", text=SEED.read_text(encoding="utf-8"), source_path=str(SEED))
    return list(attrib.analyze_articles([article], nlp=get_nlp()))


@pytest.fixture
def db(tmp_path):
    return open_database(tmp_path / "attrib.db")


@pytest.fixture
def seeded(db, seed_analysed):
    assert store_articles(db, seed_analysed) == [True]
    return db


def made_up(article_id: str, text: str, publisher: str, published: str, said: list[tuple[str, str, int]]):
    """An article with attributions built by hand, (speaker, content, tier) each, no spaCy."""
    attributions = []
    for speaker, content, tier in said:
        start = text.index(content)
        attributions.append(
            Attribution(
                doc=article_id,
                kind="direct",
                content=Spans.from_offsets(text, [(start, start + len(content))]),
                cue=None,
                speaker=Speaker(name=speaker, type="person", mention=None),
                tier=tier,
                confidence=0.5 + tier / 10,
            )
        )
    return Article(id=article_id, text=text, publisher=publisher, published=published), attributions


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_schema_has_the_tables_search_indexes_view_and_foreign_keys(db):
    assert {"articles", "speakers", "attributions", "failures", "_migrations"} <= set(db.table_names())
    assert db["attributions"].detect_fts() == "attributions_fts"
    assert db["speakers"].detect_fts() == "speakers_fts"
    assert "attributions_view" in db.view_names()
    assert {(fk.column, fk.other_table) for fk in db["attributions"].foreign_keys} == {
        ("article_id", "articles"),
        ("speaker_id", "speakers"),
    }
    indexed = {tuple(index.columns) for index in db["attributions"].indexes}
    assert {("article_id",), ("speaker_id",), ("tier",), ("kind",), ("confidence",)} <= indexed
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_recorded_once_and_reopening_changes_nothing(tmp_path):
    path = tmp_path / "attrib.db"
    schema = open_database(path).execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    again = open_database(path)
    assert [r[0] for r in again.execute("SELECT name FROM _migrations")] == [m.__name__ for m in MIGRATIONS]
    assert again.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema


def test_opening_waits_out_a_lock_sqlite_will_not_wait_for(tmp_path, monkeypatch):
    """SQLite refuses at once, without its busy timeout, where waiting could deadlock
    (two processes making the same new database): opening tries again."""
    from attrib.store import db as store_db

    real_migrate, refusals = store_db.migrate, []

    def refused_once(db):
        if not refusals:
            refusals.append(1)
            raise sqlite3.OperationalError("database is locked")
        real_migrate(db)

    monkeypatch.setattr(store_db, "migrate", refused_once)
    db = open_database(tmp_path / "new.db")
    assert refusals == [1]
    assert "articles" in db.table_names()


def test_opening_reports_other_errors_at_once(tmp_path, monkeypatch):
    from attrib.store import db as store_db

    def broken(db):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_db, "migrate", broken)
    with pytest.raises(StoreError, match="disk I/O error"):
        open_database(tmp_path / "new.db")


def test_an_older_database_is_brought_up_to_date(tmp_path):
    path = tmp_path / "attrib.db"
    db = open_database(path)
    # As if it had been made before the view existed.
    db.execute("DROP VIEW attributions_view")
    db.execute("DELETE FROM _migrations WHERE name = 'm004_browsing_view'")
    db.conn.close()
    assert "attributions_view" in open_database(path).view_names()


def test_an_article_and_its_attributions_are_stored_with_their_offsets(seeded, seed_analysed):
    article, attributions = seed_analysed[0]
    assert count(seeded, "articles") == 1
    assert count(seeded, "attributions") == len(attributions)
    stored = seeded.execute("SELECT id, content_hash, source_path FROM articles").fetchone()
    assert stored[0] == "us-venezuela-relations" and len(stored[1]) == 64 and stored[2] == str(SEED)
    for content, spans in seeded.execute("SELECT content, content_spans FROM attributions"):
        assert " ... ".join(article.text[s:e] for s, e in json.loads(spans)) == content


def test_the_same_text_again_is_skipped_whatever_its_id(seeded, seed_analysed):
    article, attributions = seed_analysed[0]
    renamed = Article(id="another-name", text=article.text)
    assert store_articles(seeded, [(article, attributions), (renamed, attributions)]) == [False, False]
    assert count(seeded, "articles") == 1
    assert count(seeded, "attributions") == len(attributions)


def test_a_taken_id_with_other_text_gets_a_suffix(db):
    first = made_up("story", "Ann said: rain.", "P", "2024-01-01", [("Ann Lee", "rain", 1)])
    second = made_up("story", "Bob said: snow.", "P", "2024-01-02", [("Bob Ray", "snow", 1)])
    assert store_articles(db, [first, second]) == [True, True]
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY ingested_at")]
    assert ids[0] == "story" and ids[1].startswith("story-") and len(ids[1]) == len("story-") + 8


def test_an_article_that_fails_to_store_is_undone_whole_and_the_batch_kept(db):
    good = made_up("good", "Ann said: rain.", "P", "2024-01-01", [("Ann Lee", "rain", 1)])
    bad = made_up("bad", "Bob said: snow.", "P", "2024-01-02", [("Bob Ray", "snow", 1)])
    bad[1][0].kind = None  # violates NOT NULL on the second article's attribution
    added, failed = store_articles(db, [good, bad])
    assert added is True
    assert isinstance(failed, InputError)
    assert failed.message == "cannot store article 'bad' (IntegrityError: NOT NULL constraint failed: attributions.kind)"
    assert [r[0] for r in db.execute("SELECT id FROM articles")] == ["good"]
    assert [r[0] for r in db.execute("SELECT name FROM speakers")] == ["Ann Lee"]
    assert count(db, "attributions") == 1


def test_one_speaker_row_per_name_with_its_other_names(seeded):
    rows = {r[0]: (r[1], json.loads(r[2])) for r in seeded.execute("SELECT name, type, aliases FROM speakers")}
    assert len(rows) == seeded.execute("SELECT count(DISTINCT name) FROM speakers").fetchone()[0]
    kind, aliases = rows["Doug Burgum"]
    assert kind == "person"
    assert "Burgum" in aliases
    # Pronouns are never aliases: "it" refers to the State Department in the text.
    assert all(a.lower() not in ("it", "he", "she", "they") for _, names in rows.values() for a in names)


def test_who_said_golden_age_names_doug_burgum(seeded):
    rows = who_said(seeded, "Golden Age")
    assert [r["speaker"] for r in rows] == ["Doug Burgum"]
    assert "usher in a Golden Age" in rows[0]["content"]
    assert rows[0]["article"] == "us-venezuela-relations"
    assert set(rows[0]) == {"speaker", "tier", "confidence", "snippet", "content", "article", "published"}
    assert "**Golden Age**" in rows[0]["snippet"]
    assert rows.total == 1


@pytest.mark.parametrize("phrase", HOSTILE)
def test_search_syntax_and_sql_in_a_phrase_are_plain_text(seeded, phrase):
    rows = who_said(seeded, phrase)
    assert isinstance(rows, list)
    assert count(seeded, "attributions") > 0


def test_a_phrase_is_matched_as_words_in_order(seeded):
    assert who_said(seeded, '"Golden') != []  # a stray quote mark is ignored
    assert who_said(seeded, "golden age") != []  # any case
    assert who_said(seeded, "Age Golden") == []  # a phrase, not a bag of words
    venezuela = who_said(seeded, "Venezuela", limit=2)
    assert len(venezuela) == 2 and venezuela.total == len(who_said(seeded, "Venezuela", limit=0)) > 2


def test_quotes_filters(db):
    store_articles(
        db,
        [
            made_up("a1", "Ann Lee said: the rain will stop. Bob Ray said: snow.", "Gazette", "2024-01-10",
                    [("Ann Lee", "the rain will stop", 1), ("Bob Ray", "snow", 3)]),
            made_up("a2", "Ann Lee said: sun tomorrow.", "Herald", "2024-02-20T09:30:00",
                    [("Ann Lee", "sun tomorrow", 2)]),
        ],
    )

    def contents(**filters) -> list[str]:
        return [r["content"] for r in quotes(db, QuoteFilters(**filters))]

    assert contents() == ["the rain will stop", "snow", "sun tomorrow"]
    assert contents(speaker="ann") == ["the rain will stop", "sun tomorrow"]
    assert contents(speaker="%") == []  # LIKE wildcards are literal
    assert contents(tiers=[3]) == ["snow"]
    assert contents(tiers=[1, 2]) == ["the rain will stop", "sun tomorrow"]
    assert contents(kind="indirect") == []
    assert contents(article="a2") == ["sun tomorrow"]
    assert contents(publisher="gazette") == ["the rain will stop", "snow"]
    assert contents(since=date(2024, 2, 1)) == ["sun tomorrow"]
    assert contents(until=date(2024, 2, 20)) == ["the rain will stop", "snow", "sun tomorrow"]
    assert contents(until=date(2024, 2, 19)) == ["the rain will stop", "snow"]
    assert contents(min_confidence=0.75) == ["snow"]
    assert contents(limit=1) == ["the rain will stop"]
    assert contents(speaker="Ann", tiers=[2], publisher="Herald") == ["sun tomorrow"]


def test_quotes_by_speaker_gives_the_seed_speakers_quotes(seeded, seed_analysed):
    rows = quotes(seeded, QuoteFilters(speaker="Burgum"))
    expected = [a for a in seed_analysed[0][1] if a.speaker and a.speaker.name == "Doug Burgum"]
    assert [r["content"] for r in rows] == [a.content.text for a in expected]
    gold = [g["content"]["text"] for g in GOLD if g["speaker"]["name"] == "Doug Burgum"]
    assert len(gold) == 2
    assert all(any(g.strip(' ."') in r["content"] for r in rows) for g in gold)


def test_quotes_by_speaker_matches_aliases_as_well_as_names(db):
    text = 'Interior Secretary Doug Burgum said: "oil". He added: "gas".'
    article, attributions = made_up("a", text, "P", "2024-01-01", [("Doug Burgum", "oil", 1), ("Doug Burgum", "gas", 1)])
    start = text.index("Interior")
    mention = Spans.from_offsets(text, [(start, start + len("Interior Secretary Doug Burgum"))])
    attributions[0].speaker = Speaker(name="Doug Burgum", type="person", mention=mention)
    he = Spans.from_offsets(text, [(text.index("He"), text.index("He") + 2)])
    attributions[1].speaker = Speaker(name="Doug Burgum", type="person", mention=he)
    store_articles(db, [(article, attributions)])
    aliases = json.loads(db.execute("SELECT aliases FROM speakers").fetchone()[0])
    assert aliases == {"Interior Secretary Doug Burgum": 1}  # "He" is no name for him
    by_alias = quotes(db, QuoteFilters(speaker="interior secretary"))
    assert [r["content"] for r in by_alias] == ["oil", "gas"]


def test_speakers_counts_by_tier(seeded, seed_analysed):
    rows = {r["speaker"]: r for r in speakers(seeded)}
    analysed = seed_analysed[0][1]
    department = [a for a in analysed if a.speaker and a.speaker.name == "US State Department"]
    assert rows["US State Department"]["on_record"] == sum(a.tier == 1 for a in department) >= 4
    assert rows["US State Department"]["total"] == len(department)
    # An attribution less likely right than wrong waits for a review before it counts.
    axios = [a for a in analysed if a.speaker and a.speaker.name == "Axios sources" and a.confidence >= CREDIT_CONFIDENCE]
    assert rows["Axios sources"]["anonymous"] == len(axios) >= 1
    totals = [r["total"] for r in speakers(seeded)]
    assert totals == sorted(totals, reverse=True)
    assert len(speakers(seeded, limit=2)) == 2


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM attributions",
        "DROP TABLE articles",
        "UPDATE speakers SET name = 'x'",
        "INSERT INTO failures (path, error, at) VALUES ('x', 'y', 'z')",
        "ATTACH DATABASE '{folder}/other.db' AS other",
        "ATTACH DATABASE ':memory:' AS other",
        "CREATE TEMP TABLE t (x)",
        "PRAGMA user_version = 7",
        "VACUUM",
    ],
)
def test_sql_refuses_everything_but_reads(seeded, tmp_path, statement):
    before = count(seeded, "attributions")
    with pytest.raises(ReadOnlyQueryError, match="is refused"):
        list(sql(tmp_path / "attrib.db", statement.format(folder=tmp_path)))
    assert count(seeded, "attributions") == before
    assert not (tmp_path / "other.db").exists()


def test_sql_reads(seeded, tmp_path):
    rows = list(sql(tmp_path / "attrib.db", "SELECT name FROM speakers WHERE name LIKE :n", {"n": "%Burgum"}))
    assert rows == [{"name": "Doug Burgum"}]
    fts = "SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH 'golden'"
    assert len(list(sql(tmp_path / "attrib.db", fts))) == 1
    with pytest.raises(StoreError, match="only execute one statement"):
        list(sql(tmp_path / "attrib.db", "SELECT 1; DELETE FROM articles"))
    with pytest.raises(StoreError, match="no database here"):
        sql(tmp_path / "missing.db", "SELECT 1")


def test_query_commands_do_not_create_a_database(tmp_path):
    with pytest.raises(StoreError, match="no database here"):
        open_database(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_failures_are_kept_until_the_path_reads_cleanly(db):
    started = now()
    record_failure(db, InputError("bad.jsonl", "malformed JSON", 3))
    record_failure(db, InputError("bad.jsonl", "malformed JSON (again)", 3))  # one row per file and line
    record_failure(db, InputError("other.txt", "empty file"))
    assert [tuple(r) for r in db.execute("SELECT path, line, error FROM failures ORDER BY path")] == [
        ("bad.jsonl", 3, "malformed JSON (again)"),
        ("other.txt", None, "empty file"),
    ]
    assert failed_paths(db) == ["bad.jsonl", "other.txt"]
    # A later run read bad.jsonl cleanly; a failure recorded during that run stays.
    record_failure(db, InputError("bad.jsonl", "article has no 'text'", 5))
    forget_failures(db, ["bad.jsonl"], before=now())
    assert failed_paths(db) == ["other.txt"]
    forget_failures(db, ["other.txt"], before=started)
    assert failed_paths(db) == ["other.txt"]


def test_ingest_reads_analyses_stores_and_counts(db, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "seed-copy.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")  # same text
    (corpus / "empty.txt").write_text("")
    counts = ingest(db, [str(corpus)], get_nlp())
    assert (counts.ingested, counts.skipped, counts.failed) == (1, 1, 1)
    assert str(counts) == "ingested 1, skipped 1, failed 1"
    assert count(db, "articles") == 1
    assert failed_paths(db) == [str(corpus / "empty.txt")]
    assert [r["speaker"] for r in who_said(db, "Golden Age")] == ["Doug Burgum"]


def test_ingest_commits_a_batch_every_batch_articles(db, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(5):
        (corpus / f"{k}.txt").write_text(f"The mayor said the bridge {k} would open in May.", encoding="utf-8")
    commits = []
    run = Ingest(db, get_nlp, batch_articles=2, on_progress=commits.append)
    assert str(run.run([str(corpus)])) == "ingested 5, skipped 0, failed 0"
    assert commits == [2, 2, 1]


def test_ingest_loads_no_pipeline_when_nothing_is_new(seeded):
    def no_pipeline():
        raise AssertionError("the pipeline was loaded")

    run = Ingest(seeded, no_pipeline)
    assert str(run.run([str(SEED)])) == "ingested 0, skipped 1, failed 0"


def test_datasette_browses_the_database(seeded, tmp_path):
    datasette_app = pytest.importorskip("datasette.app")
    seeded.conn.close()

    async def pages():
        ds = datasette_app.Datasette(files=[str(tmp_path / "attrib.db")])
        await ds.invoke_startup()
        tables = (await ds.client.get("/attrib.json")).json()["tables"]
        labelled = (await ds.client.get("/attrib/attributions.json?_labels=on&_shape=objects")).json()
        search = (await ds.client.get("/attrib/attributions.json?_search=Golden&_shape=objects")).json()
        statuses = [(await ds.client.get(p)).status_code for p in ("/attrib/attributions", "/attrib/attributions_view")]
        view = (await ds.client.get("/attrib/attributions_view.json?_shape=objects")).json()
        return tables, labelled, search, statuses, view

    tables, labelled, search, statuses, view = asyncio.run(pages())
    assert {t["name"]: t["fts_table"] for t in tables}["attributions"] == "attributions_fts"
    speaker_links = {row["speaker_id"]["label"] for row in labelled["rows"] if row["speaker_id"]}
    assert "Doug Burgum" in speaker_links
    assert [row["content"] for row in search["rows"]][0].endswith("where America leads.\"")
    assert statuses == [200, 200]
    assert {"speaker", "title", "published", "content", "tier"} <= set(view["rows"][0])
