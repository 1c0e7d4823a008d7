"""Bad input: every broken file gets one clear line, the rest of the batch is stored,
and the run ends non-zero. Texts too long to parse at once are cut into pieces whose
offsets still point into the whole text. A database locked for too long is one clear
error too."""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import attrib
from attrib.cli import app
from attrib.model import Article
from attrib.run.pieces import MAX_CHUNK_CHARACTERS, chunk_bounds
from attrib.readers import read_articles
from attrib.store import db as store_db
from attrib.store import open_database
from conftest import FIXTURES, get_nlp
from test_properties import arbitrary_text, news_like

runner = CliRunner()
SEED = FIXTURES / "us-venezuela-relations.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa" + bytes(range(256))
# Windows-1252: an accented letter and curly quotes (0x93, 0x94), which are not UTF-8.
CP1252 = "The caf\u00e9 owner said the rent was too high. \u201cWe will close in May,\u201d she said.".encode("cp1252")
UNBALANCED_QUOTES = (
    '"We will not close the plant," the mayor said, "unless the council votes \'no\' on the "rescue plan.\n\n'
    "Officials said the talks were 'going well\" and would go on.\n\n"
    '"He told me, \'They said "never" twice,\' and left," the aide said. "\n\n'
    "\u00ab Nous verrons \u00bb, said the minister. \u201cNested \u201cquotes\u201d inside,\u201d he added. \u201d"
)
NO_ARTICLE_PAGE = "<html><body><nav><a href=/>Home</a> <a href=/about>About</a></nav></body></html>"


def read(*paths) -> list:
    return list(read_articles([str(p) for p in paths]))


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    """The seed article among one of each kind of bad input; `attrib ingest` run once over it."""
    root = tmp_path_factory.mktemp("robustness")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(SEED.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text(" \n\t\n  ")
    (corpus / "photo.png").write_bytes(PNG)
    (corpus / "scan.txt").write_bytes(PNG)  # an image under a text file's name
    (corpus / "windows.txt").write_bytes(CP1252)
    (corpus / "broken.jsonl").write_text('{oops\n{"id": "no-text", "title": "A title and nothing else"}\n\n')
    (corpus / "nothing.html").write_text(NO_ARTICLE_PAGE)
    (corpus / "quotes.txt").write_text(UNBALANCED_QUOTES, encoding="utf-8")
    unreadable = root / "only-hidden"
    unreadable.mkdir()
    (unreadable / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    db = root / "attrib.db"
    result = runner.invoke(app, ["ingest", str(corpus), str(unreadable), str(root / "missing.txt"), "--db", str(db)])
    return root, corpus, db, result


def test_one_ingest_stores_the_seed_and_names_each_bad_input_once(bad_corpus):
    root, corpus, db, result = bad_corpus
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[:-2] == [
        f"attrib: {corpus / 'blank.txt'}: empty file",
        f"attrib: {corpus / 'broken.jsonl'}:1: malformed JSON (Expecting property name enclosed in double quotes)",
        f"attrib: {corpus / 'broken.jsonl'}:2: article has no 'text'",
        f"attrib: {corpus / 'empty.txt'}: empty file",
        f"attrib: {corpus / 'nothing.html'}: no article text found in the page",
        f"attrib: {corpus / 'photo.png'}: unsupported file type '.png' (use .txt, .html, .json or .jsonl)",
        f"attrib: {corpus / 'scan.txt'}: binary file, not text",
        f"attrib: {corpus / 'windows.txt'}: not UTF-8 (byte 7); read as Windows-1252",
        f"attrib: {root / 'only-hidden'}: folder holds no files to read",
        f"attrib: {root / 'missing.txt'}: no such file",
    ]
    assert lines[-2:] == [
        "attrib: 9 input(s) failed, kept in the failures table: fix them and run `attrib ingest --retry`",
        "ingested 3, skipped 0, failed 9",
    ]


def test_the_seeds_attributions_are_all_stored(bad_corpus):
    _, _, db, _ = bad_corpus
    expected = attrib.analyze(SEED.read_text(encoding="utf-8"), nlp=get_nlp())
    assert len(expected) >= 11  # every gold attribution of the seed, and more (tests/test_seed.py)
    with sqlite3.connect(db) as conn:
        stored = [r[0] for r in conn.execute("SELECT content FROM attributions WHERE article_id = 'seed' ORDER BY id")]
    assert stored == [a.content.text for a in expected]


def test_failures_are_recorded_for_retry_and_readable_oddities_are_stored(bad_corpus):
    root, corpus, db, _ = bad_corpus
    with sqlite3.connect(db) as conn:
        failed = {(path, line) for path, line in conn.execute("SELECT path, line FROM failures")}
        texts = dict(conn.execute("SELECT id, text FROM articles"))
        spans = conn.execute(
            "SELECT articles.text, content, content_spans FROM attributions JOIN articles ON articles.id = article_id"
        ).fetchall()
    assert failed == {
        (str(corpus / "blank.txt"), None),
        (str(corpus / "broken.jsonl"), 1),
        (str(corpus / "broken.jsonl"), 2),
        (str(corpus / "empty.txt"), None),
        (str(corpus / "nothing.html"), None),
        (str(corpus / "photo.png"), None),
        (str(corpus / "scan.txt"), None),
        (str(root / "only-hidden"), None),
        (str(root / "missing.txt"), None),
    }
    assert set(texts) == {"seed", "windows", "quotes"}
    assert "\u201cWe will close in May,\u201d she said" in texts["windows"]
    assert texts["quotes"] == UNBALANCED_QUOTES
    for text, content, content_spans in spans:
        assert " ... ".join(text[s:e] for s, e in json.loads(content_spans)) == content


def test_text_that_is_not_utf8_is_read_with_a_warning(tmp_path):
    windows = tmp_path / "windows.txt"
    windows.write_bytes(CP1252)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"Caf\xe9 \x81 owners said so.")  # 0x81: undefined in Windows-1252
    lines = tmp_path / "articles.jsonl"
    lines.write_bytes(b'{"id": "a", "text": "Plain, she said."}\n{"id": "b", "text": "\x93Caf\xe9,\x94 he said."}\n')
    array = tmp_path / "articles.json"
    array.write_bytes(b'[{"id": "c", "text": "Caf\xe9, she said."}, {"id": "d", "text": "Th\xe9, he said."}]')
    articles = read(windows, latin1, lines, array)
    assert [(a.id, a.warning) for a in articles] == [
        ("windows", f"{windows}: not UTF-8 (byte 7); read as Windows-1252"),
        # 0x81 read as Latin-1 is a C1 control character, which means nothing in text.
        ("latin1", f"{latin1}: not UTF-8 (byte 3); read as Latin-1; 1 control character replaced by spaces"),
        ("a", None),
        ("b", f"{lines}:2: not UTF-8 (byte 21); read as Windows-1252"),
        ("c", f"{array}: not UTF-8 (byte 25); read as Windows-1252"),
        ("d", None),  # said once for the file
    ]
    assert articles[1].text == "Caf\u00e9   owners said so."  # the control character a space: offsets kept
    assert articles[3].text == "\u201cCaf\u00e9,\u201d he said."


def test_empty_and_binary_files_of_every_type_are_one_error_each(tmp_path):
    for name in ("empty.jsonl", "empty.json", "empty.html"):
        (tmp_path / name).write_text("\n  \n")
    for name in ("image.jsonl", "image.json", "image.html"):
        (tmp_path / name).write_bytes(PNG + b"\n" * 50)
    errors = [str(e) for e in read(tmp_path)]
    assert errors == [
        f"{tmp_path / 'empty.html'}: empty file",
        f"{tmp_path / 'empty.json'}: empty file",
        f"{tmp_path / 'empty.jsonl'}: empty file",
        f"{tmp_path / 'image.html'}: binary file, not text",
        f"{tmp_path / 'image.json'}: binary file, not text",
        f"{tmp_path / 'image.jsonl'}: binary file, not text",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!\n\t\"\u201d"), max_size=400), st.integers(min_value=1, max_value=60))
def test_chunks_cover_the_text_in_order_within_the_limit(text, limit):
    bounds = chunk_bounds(text, limit)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(e - s <= limit for s, e in bounds)
    assert all(s < e for s, e in bounds) or bounds == [(0, 0)]
    assert [s for s, _ in bounds[1:]] == [e for _, e in bounds[:-1]]


def test_chunks_end_at_paragraphs_then_sentences_then_spaces():
    text = "One two. Three four.\n\nFive six seven. Eight nine ten eleven."
    assert [text[s:e] for s, e in chunk_bounds(text, 30)] == [
        "One two. Three four.\n\n", "Five six seven. ", "Eight nine ten eleven."
    ]
    spaceless = "abcdefgh ij"
    assert [spaceless[s:e] for s, e in chunk_bounds(spaceless, 4)] == ["abcd", "efgh", " ij"]
    assert chunk_bounds(text, len(text)) == [(0, len(text))]


PARAGRAPHS = [
    '"The bridge will reopen in June," Mayor Ruth Okafor said on Tuesday.',
    "Anna Kowal, the finance minister, told reporters that taxes would not rise this year.",
    "According to the Carrow Gazette, the council has not approved the budget.",
    '"We are not worried," said Jonas Berg, a spokesman for the harbour authority. "The ships will come back."',
]


@contextmanager
def max_length(nlp, characters: int):
    """The shared pipeline with a small max_length, as if every text were very long."""
    saved = nlp.max_length
    nlp.max_length = characters
    try:
        yield nlp
    finally:
        nlp.max_length = saved


def summary(attributions) -> list[tuple]:
    """What a piece finds as the whole text does (confidence may differ: it weighs
    evidence from the whole document, such as how often a speaker is named)."""
    return [
        (a.content.spans, a.cue.spans if a.cue else None, a.speaker and a.speaker.name, a.sentence, a.tier)
        for a in attributions
    ]


def test_a_text_longer_than_max_length_is_analysed_in_pieces_with_offsets_into_the_whole():
    text = "\n\n".join(PARAGRAPHS * 3)
    nlp = get_nlp()
    whole = attrib.analyze(text, nlp=nlp)
    with max_length(nlp, 200):
        assert len(chunk_bounds(text, 200)) > 3
        pieces = attrib.analyze(text, doc_id="long", nlp=nlp)
    # The paragraphs stand alone, so the pieces find just what the whole text gives.
    assert len(whole) == 12
    assert summary(pieces) == summary(whole)
    assert all(a.doc == "long" for a in pieces)
    for a in pieces:
        for role in (a.content, a.cue, a.speaker.mention if a.speaker else None):
            if role:
                assert role.text == " ... ".join(text[s:e] for s, e in role.spans)


def test_long_and_short_articles_stream_together_in_order():
    nlp = get_nlp()
    short = Article(id="short", text=PARAGRAPHS[0])
    long = Article(id="long", text="\n\n".join(PARAGRAPHS * 2))
    with max_length(nlp, 150):
        results = list(attrib.analyze_articles([short, long, short], nlp=nlp))
    assert [(article.id, len(found)) for article, found in results] == [("short", 1), ("long", 8), ("short", 1)]
    assert MAX_CHUNK_CHARACTERS < nlp.max_length  # the default pieces are smaller than spaCy's limit


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(news_like(), arbitrary_text), min_size=1, max_size=6), st.integers(min_value=10, max_value=300))
def test_spans_found_in_pieces_of_any_text_lie_inside_it_and_match_it(paragraphs, limit):
    text = "\n\n".join(paragraphs)
    nlp = get_nlp()
    with max_length(nlp, limit):
        attributions = attrib.analyze(text, nlp=nlp)
    for a in attributions:
        for role in (a.content, a.cue, a.speaker.mention if a.speaker else None):
            if role:
                assert all(0 <= s < e <= len(text) for s, e in role.spans)
                assert role.text == " ... ".join(text[s:e] for s, e in role.spans)


def test_a_database_locked_past_the_busy_timeout_is_one_clear_error(tmp_path, monkeypatch):
    db = tmp_path / "attrib.db"
    open_database(db).conn.close()
    (tmp_path / "empty.txt").write_text("")  # its failure is the first write
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_SECONDS", 0.2)
    other = sqlite3.connect(db)
    other.execute("BEGIN IMMEDIATE")  # another process holding the write lock
    try:
        result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", str(db)])
    finally:
        other.rollback()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "attrib: cannot write to the database (database is locked)",
        "attrib: stopped: ingested 0, skipped 0, failed 0",
    ]
