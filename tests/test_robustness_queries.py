"""Hostile queries: whatever text `who-said` and the filters are given, it is searched
for as text or refused with a typed error, and `attrib sql` can't change the database
(or hang it past a Ctrl-C)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from attrib.cli import app
from attrib.errors import QueryTextError, StoreError
from attrib.model import Article, Attribution, Spans, Speaker
from attrib.store import QuoteFilters, open_database, quotes, sql, store_articles, who_said

runner = CliRunner()
PIECES = [
    '"', "'", "AND", "OR", "NOT", "NEAR(", "NEAR/2", "(", ")", "*", "^", "-", "+", ":", "content:", "{", "}",
    ";", "--", "/*", "%", "_", "\\", "DROP TABLE articles", "' OR 1=1 --", "\x00", " ", "\u201c", "\U0001f600",
]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=12).map("".join)
# Lone surrogates: what Python makes of command-line bytes that are not UTF-8.
undecodable = st.one_of(hostile_text, st.sampled_from(["\udcff", "Golden \ud800 Age"]))
# Things said that are themselves search and SQL syntax: each must be found as text.
SAID = [
    'we will vote AND NEAR(x, y) "soon"',
    "prices * rates ^ 2 - costs",
    "Robert'); DROP TABLE articles; --",
    '"unbalanced quote',
    "100% of_the vote",
    "plain words",
]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "attrib.db"
    db = open_database(path)
    text = " ".join(f"Ann Lee said: {said}." for said in SAID)
    attributions = []
    for said in SAID:
        start = text.index(said)
        attributions.append(
            Attribution(
                doc="a", kind="direct", content=Spans.from_offsets(text, [(start, start + len(said))]), cue=None,
                speaker=Speaker(name="Ann Lee", type="person", mention=None), tier=1, confidence=0.9,
            )
        )
    store_articles(db, [(Article(id="a", text=text, publisher="Gazette"), attributions)])
    db.conn.close()
    return path


def contents(path) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT content FROM attributions ORDER BY id").fetchall()


def unsearchable(text: str) -> bool:
    """Text a query must refuse: not encodable, or holding a NUL."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return "\x00" in text


@SETTINGS
@given(undecodable)
@example("\x00")
@example('Golden AND "Age')
@example("\u00dd")  # "Ý": found in rows that hold "y" (accents are folded)
def test_who_said_searches_any_text_or_refuses_it_cleanly(db_path, phrase):
    db = open_database(db_path, create=False)
    try:
        rows = who_said(db, phrase)
    except QueryTextError:
        assert unsearchable(phrase)
        return
    finally:
        db.conn.close()
    assert not unsearchable(phrase)
    # Search folds accents ("Ý" finds "y", "Rodriguez" finds "Rodríguez": see the test
    # below), so the words found are only checked letter for letter for plain ASCII.
    if phrase.strip().isalpha() and phrase.isascii():
        assert all(phrase.strip().lower() in row["content"].lower() for row in rows)


def test_who_said_ignores_accents(tmp_path):
    db = open_database(tmp_path / "accents.db")
    text = "Delcy Rodríguez said: the talks went well."
    said = "the talks went well"
    start = text.index(said)
    attribution = Attribution(
        doc="v", kind="indirect", content=Spans.from_offsets(text, [(start, start + len(said))]), cue=None,
        speaker=Speaker(name="Delcy Rodríguez", type="person", mention=None), tier=1, confidence=0.9,
    )
    store_articles(db, [(Article(id="v", text=text, publisher="Gazette"), [attribution])])
    assert [row["content"] for row in who_said(db, "tálks")] == [said]
    assert who_said(db, "walks") == []
    db.conn.close()


@pytest.mark.parametrize("said", SAID)
def test_what_was_said_is_found_whatever_syntax_it_holds(db_path, said):
    rows = who_said(open_database(db_path, create=False), said)
    assert [row["content"] for row in rows] == [said]


@SETTINGS
@given(undecodable)
def test_quote_filters_take_any_text(db_path, text):
    db = open_database(db_path, create=False)
    try:
        for filters in (QuoteFilters(speaker=text), QuoteFilters(publisher=text), QuoteFilters(article=text, kind=text)):
            rows = quotes(db, filters)
            if filters.speaker and text.lower() not in "ann lee":
                assert rows == []
    except QueryTextError:
        assert unsearchable(text)
    finally:
        db.conn.close()


@SETTINGS
@given(undecodable)
@example("DROP TABLE articles")
@example("SELECT 1; DELETE FROM attributions")
def test_sql_reads_or_refuses_and_never_changes_the_database(db_path, query):
    before = contents(db_path)
    try:
        list(sql(db_path, query))
    except StoreError:
        pass
    assert contents(db_path) == before


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE articles",
        "WITH gone AS (SELECT 1) DELETE FROM attributions",
        "REPLACE INTO speakers (id, name) VALUES (1, 'Someone Else')",
        "SELECT 1; DROP TABLE articles",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA wal_checkpoint(TRUNCATE)",
        "VACUUM INTO 'copy.db'",
        "SELECT load_extension('evil')",
    ],
)
def test_sql_command_refuses_writes_with_one_line(db_path, statement):
    before = contents(db_path)
    result = runner.invoke(app, ["sql", statement, "--db", str(db_path)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("attrib: ")
    assert contents(db_path) == before


@pytest.mark.parametrize(
    "command, shown",
    [
        (["who-said", "caf\udce9"], "'caf\\udce9'"),
        (["quotes", "--speaker", "caf\udce9"], "'caf\\udce9'"),
        (["sql", "SELECT 'caf\udce9'"], "\"SELECT 'caf\\udce9'\""),
    ],
)
def test_text_that_is_not_utf8_gets_one_clear_line(db_path, command, shown):
    result = runner.invoke(app, [*command, "--db", str(db_path)])
    assert result.exit_code == 2
    assert result.stderr == f"attrib: {shown} is not valid text (bytes that are not UTF-8)\n"


def test_ctrl_c_stops_a_runaway_sql_query(db_path):
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    # "ready" once the (slow) imports are done: the query starts a few milliseconds later.
    cli = "from attrib.cli import main; print('ready', flush=True); main()"
    process = subprocess.Popen(
        [sys.executable, "-c", cli, "sql", endless, "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from a terminal: a shell may start a background job with Ctrl-C ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stdout.readline() == "ready\n"
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    stderr = process.communicate(timeout=10)[1]
    assert process.returncode == 2
    assert stderr == "attrib: SQL error: interrupted\n"
