"""Hostile input costs only itself (issue 27): each input is made here, at test time,
put in a folder with the seed article and ingested; each gives one line naming it,
the articles around it are stored, the run exits 1, and what an article may cost in
time and memory is bounded. Reads never change the database."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import attrib
from attrib import budget
from attrib import readers
from attrib.cli import app
from attrib.model import Article
from attrib.run.pieces import analysed
from attrib.readers import read_articles
from attrib.walk import folder_files, glob_files
from conftest import FIXTURES, get_nlp

runner = CliRunner()
SEED = FIXTURES / "us-venezuela-relations.txt"
GOOD = '"We will reopen the bridge by June," the mayor said on Tuesday.'


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def write_hostile_folder(folder: Path) -> None:
    """The seed among one of each hostile input of issue 27 (sizes as in the issue where
    they are cheap now, smaller where only the kind of input matters)."""
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    good = [{"id": f"good-{n}", "text": f"{GOOD} Item {n}."} for n in range(10)]
    surrogate = '{"id": "bad", "title": "Half \\ud800 a title", "text": "He said \\ud800 it would \\u0000rain."}\n'
    (folder / "surrogate.jsonl").write_text(jsonl(*good[:5]) + surrogate + jsonl(*good[5:]))
    (folder / "deep.json").write_text("[" * 100_000)
    (folder / "deep.jsonl").write_text(jsonl({"id": "before", "text": f"{GOOD} Before."}) + '{"a":' * 15_000 + "\n")
    (folder / "quotes.txt").write_text('"' * 100_000)
    (folder / "parens.txt").write_text("(" * 20_000 + ' "We will win," he said. ' + ")" * 20_000)
    (folder / "too-long.jsonl").write_text(jsonl({"id": "long", "text": "word " * 30_000}, {"id": "after", "text": f"{GOOD} After."}))
    (folder / "object-title.jsonl").write_text(jsonl({"id": "odd", "title": {"a": 1}, "text": GOOD}))
    (folder / "escapes.jsonl").write_text(
        jsonl({"id": "escapes", "title": "\x1b]0;owned\x07News\x1b[2J", "text": f"\x1b[31m{GOOD}\x1b[0m \u202eevil\u202c"})
    )
    os.mkfifo(folder / "pipe.txt")
    inner = folder / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "story.txt").write_text(f"{GOOD} Once.")
    os.symlink("..", inner / "up")
    os.symlink("../..", inner / "top")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus"
    write_hostile_folder(folder)
    db = root / "attrib.db"
    with pytest.MonkeyPatch.context() as patch:
        # A line of 150,000 characters stands for the 50 MB one: the limit is what matters.
        patch.setattr(readers, "MAX_INPUT_BYTES", 100_000)
        started = time.monotonic()
        result = runner.invoke(app, ["ingest", f"{folder}/**/*", "--db", str(db)])
        seconds = time.monotonic() - started
    return folder, db, result, seconds


def test_each_hostile_input_gives_one_line_and_the_run_exits_1(hostile):
    folder, _, result, _ = hostile
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"attrib: {folder / 'deep.json'}: JSON nested too deeply",
        f"attrib: {folder / 'deep.jsonl'}:2: JSON nested too deeply",
        f"attrib: {folder / 'escapes.jsonl'}:1: 5 control characters replaced by spaces",
        f"attrib: {folder / 'object-title.jsonl'}:1: 'title' is not text",
        f"attrib: {folder / 'parens.txt'}: 39,960 characters in runs too long to parse (punctuation, or no space) left out of the analysis",
        f"attrib: {folder / 'pipe.txt'}: not a regular file (a FIFO), skipped",
        f"attrib: {folder / 'quotes.txt'}: 99,980 characters in runs too long to parse (punctuation, or no space) left out of the analysis",
        f"attrib: {folder / 'surrogate.jsonl'}:6: 1 control character replaced by spaces, 2 invalid characters (lone surrogates) replaced by U+FFFD",
        f"attrib: {folder / 'too-long.jsonl'}:1: too long to analyse (150,027 bytes; at most 100,000)",
        "attrib: 5 input(s) failed, kept in the failures table: fix them and run `attrib ingest --retry`",
        "ingested 18, skipped 0, failed 5",
    ]


def test_the_articles_around_each_hostile_input_are_stored(hostile):
    _, db, _, _ = hostile
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
        bad = conn.execute("SELECT title, text FROM articles WHERE id = 'bad'").fetchone()
        escapes = conn.execute("SELECT title, text FROM articles WHERE id = 'escapes'").fetchone()
    assert ids == {
        "seed", "bad", "before", "after", "quotes", "parens", "escapes", "story",
        *(f"good-{n}" for n in range(10)),
    }
    # Sanitised once, as read: surrogates and controls replaced one for one.
    assert bad == ("Half \ufffd a title", "He said \ufffd it would  rain.")
    assert escapes == (" ]0;owned News [2J", f" [31m{GOOD} [0m \u202eevil\u202c")


def test_the_seeds_statements_are_all_stored(hostile):
    _, db, _, _ = hostile
    expected = [a.content.text for a in attrib.analyze(SEED.read_text(encoding="utf-8"), nlp=get_nlp())]
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute("SELECT content FROM attributions WHERE article_id = 'seed' ORDER BY id")]
    assert stored == expected and len(stored) >= 11


def test_failures_are_recorded_one_row_each(hostile):
    folder, db, _, _ = hostile
    with sqlite3.connect(db) as conn:
        failed = set(conn.execute("SELECT path, line FROM failures"))
    assert failed == {
        (str(folder / "deep.json"), None),
        (str(folder / "deep.jsonl"), 2),
        (str(folder / "object-title.jsonl"), 1),
        (str(folder / "pipe.txt"), None),
        (str(folder / "too-long.jsonl"), 1),
    }


def test_the_hostile_folder_is_ingested_in_bounded_time(hostile):
    _, _, _, seconds = hostile
    # 100,000 quotation marks alone did not finish in 300 s; 20,000 brackets took 111 s.
    assert seconds < 60


def test_walks_visit_each_folder_once_whatever_symlinks_loop(tmp_path):
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "story.txt").write_text(GOOD)
    (tmp_path / "a" / "top.txt").write_text(GOOD)
    os.symlink("..", inner / "up")
    os.symlink("../..", inner / "top")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "linked.txt").write_text(GOOD)
    os.symlink(tmp_path / "elsewhere", tmp_path / "a" / "link")  # a folder not visited otherwise: followed
    expected = [tmp_path / "a" / "b" / "story.txt", tmp_path / "a" / "link" / "linked.txt", tmp_path / "a" / "top.txt"]
    assert folder_files(tmp_path / "a") == expected
    assert list(glob_files(f"{tmp_path}/a/**/*.txt")) == expected
    assert [a.id for a in read_articles([f"{tmp_path}/a/**/*.txt", f"{tmp_path}/a"])] == [
        "story", "linked", "top", "story", "linked", "top",  # each path once per argument
    ]


def test_a_fifo_device_or_socket_given_as_an_argument_is_one_line(tmp_path):
    import socket

    os.mkfifo(tmp_path / "pipe.jsonl")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock.txt"))
    try:
        errors = [str(e) for e in read_articles([str(tmp_path / "pipe.jsonl"), "/dev/zero", str(tmp_path / "sock.txt")])]
    finally:
        server.close()
    assert errors == [
        f"{tmp_path / 'pipe.jsonl'}: not a regular file (a FIFO), skipped",
        "/dev/zero: not a regular file (a device), skipped",
        f"{tmp_path / 'sock.txt'}: not a regular file (a socket), skipped",
    ]


def test_a_page_whose_charset_lies_is_decoded_with_a_warning(tmp_path):
    page = tmp_path / "lying.html"
    text = "\u00abWe will reopen the bridge by June,\u00bb the mayor of \u041a\u0438\u0435\u0432 said on Tuesday."
    body = f"<p>{text} The council agreed after a long debate about the costs of the project and its schedule.</p>"
    page.write_bytes(f'<html><head><meta charset="utf-8"><title>Mayor</title></head><body><article>{body}</article></body></html>'.encode("cp1251"))
    honest = tmp_path / "honest.html"
    honest.write_bytes(page.read_bytes().replace(b"utf-8", b"windows-1251"))
    western = tmp_path / "western.html"
    cafe = "\u201cWe will reopen the caf\u00e9 by June,\u201d the mayor said on Tuesday."
    western.write_bytes(page.read_bytes().decode("cp1251").replace(text, cafe).encode("cp1252"))
    [lying, plain, latin] = read_articles([str(page), str(honest), str(western)])
    assert text in lying.text and text in plain.text and cafe in latin.text
    assert lying.warning == f"{page}: the page says its charset is utf-8, but it is not; read as cp1251"
    assert plain.warning is None
    assert latin.warning == f"{western}: the page says its charset is utf-8, but it is not; read as cp1252"


def test_a_page_garbled_before_it_was_written_gets_a_warning(tmp_path):
    page = tmp_path / "garbled.html"
    text = "The caf\u00e9 will reopen by June, the mayor said, and it\u2019s the town\u2019s own."
    garbled = text.encode("utf-8").decode("cp1252")  # as a system that read UTF-8 as Windows-1252 stored it
    body = f"<p>{garbled} The council agreed after a long debate about the costs of the project and its schedule.</p>"
    page.write_text(f'<html><head><meta charset="utf-8"></head><body><article>{body}</article></body></html>', encoding="utf-8")
    [article] = read_articles([str(page)])
    assert garbled in article.text
    assert article.warning == f"{page}: the text looks garbled (UTF-8 read as another encoding somewhere before this page)"


def test_an_article_over_the_time_budget_fails_alone(monkeypatch):
    import attrib.run.pieces as pieces

    monkeypatch.setenv(budget.ENV_VAR, "1")
    # The budget is checked between batches: here of one piece each, about 0.8 s.
    monkeypatch.setattr(pieces, "MAX_CHUNK_CHARACTERS", 10_000)
    monkeypatch.setattr(pieces, "MAX_BATCH_TOKENS", 1_000)
    words = "the mayor said the council would close the plant " * 2000  # about 15 s to analyse
    articles = [Article(id="first", text=GOOD), Article(id="long", text=words), Article(id="last", text=GOOD)]
    failures = []
    started = time.monotonic()
    done = [a.id for a, _ in attrib.analyze_articles(articles, nlp=get_nlp(), on_error=failures.append)]
    assert time.monotonic() - started < 4
    assert done == ["first", "last"]
    assert [f.message for f in failures] == [
        "analysis of article 'long' failed (took longer than the time budget of 1 s ($ATTRIB_TIME_BUDGET sets it))"
    ]


def test_an_engine_that_runs_away_is_stopped_by_the_budget(monkeypatch):
    import attrib.pipeline as pipeline

    real = pipeline.attribute

    def slow(doc, **options):
        if "forever" in doc.text:
            while True:
                time.sleep(0.01)
        return real(doc, **options)

    monkeypatch.setattr(pipeline, "attribute", slow)
    articles = [Article(id="stuck", text=f"{GOOD} It will go on forever."), Article(id="fine", text=GOOD)]
    started = time.monotonic()
    results = list(analysed(articles, get_nlp(), 4, seconds=0.5))
    assert time.monotonic() - started < 3
    assert [(a.id, failure) for a, _, failure in results] == [
        ("stuck", "took longer than the time budget of 0.5 s ($ATTRIB_TIME_BUDGET sets it)"),
        ("fine", None),
    ]


def test_a_bad_budget_setting_is_one_line_before_any_work(monkeypatch, tmp_path):
    from attrib.errors import BudgetError

    monkeypatch.setenv(budget.ENV_VAR, "soon")
    with pytest.raises(BudgetError, match="must be a number of seconds"):
        budget.time_budget()
    result = runner.invoke(app, ["analyze", str(SEED)])
    assert (result.exit_code, result.stderr) == (2, "attrib: $ATTRIB_TIME_BUDGET must be a number of seconds, not 'soon'\n")


def test_spacy_failing_on_one_article_fails_that_article_only(monkeypatch):
    from spacy.language import Language

    real_call = Language.__call__

    def fragile_pipe(self, docs, **options):
        docs = list(docs)
        if any("BOOM" in doc.text for doc in docs):
            raise ValueError("spaCy gave up")
        yield from (real_call(self, doc) for doc in docs)

    def fragile_call(self, doc, **options):
        if "BOOM" in (doc if isinstance(doc, str) else doc.text):
            raise ValueError("spaCy gave up")
        return real_call(self, doc, **options)

    monkeypatch.setattr(Language, "pipe", fragile_pipe)
    monkeypatch.setattr(Language, "__call__", fragile_call)
    articles = [Article(id=name, text=f"{GOOD} {name}") for name in ("one", "BOOM", "three")]
    results = [(a.id, len(found) > 0, failure) for a, found, failure in analysed(articles, get_nlp(), 4)]
    assert results == [("one", True, None), ("BOOM", False, "ValueError: spaCy gave up"), ("three", True, None)]


def test_runs_are_blanked_one_for_one_and_spans_keep_the_text_as_read():
    text = f'{GOOD} {"!" * 50}{"x" * 300} "We will win," the senator said.'
    parsed = budget.parseable(text)
    assert len(parsed) == len(text)
    # The punctuation cut to 20, then what has no space cut to 200.
    assert parsed == text.replace("!" * 50 + "x" * 300, "!" * 20 + " " * 30 + "x" * 200 + " " * 100)
    assert budget.parseable(GOOD) is GOOD
    found = attrib.analyze(text, nlp=get_nlp())
    assert found
    for a in found:
        for role in (a.content, a.cue, a.speaker.mention if a.speaker else None):
            if role is not None:
                assert role.text == " ... ".join(text[s:e] for s, e in role.spans)
