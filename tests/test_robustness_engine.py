"""A bug in the engine on one article costs that article only: it is reported with its
file (and line), recorded as a failure for `--retry`, and every other article is
analysed and stored. The failure is provoked by a stand-in engine that raises on a
marker word, since the real one has no known failing input."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

import attrib
from attrib import pipeline
from attrib.cli import app
from conftest import get_nlp

runner = CliRunner()
GOOD = '"The bridge will open in May," the mayor said on Tuesday.'
BAD = 'The council said the EXPLODE budget was balanced.'


@pytest.fixture
def fragile_engine(monkeypatch):
    real = pipeline.attribute

    def attribute(doc, *args, **kwargs):
        if "EXPLODE" in doc.text:
            raise IndexError("list index out of range")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "attribute", attribute)


def test_analyze_raises_a_typed_error(fragile_engine):
    with pytest.raises(attrib.AnalysisError, match=r"analysis of article 'x' failed \(IndexError: list index out of range\)"):
        attrib.analyze(BAD, doc_id="x", nlp=get_nlp())
    assert attrib.analyze(GOOD, nlp=get_nlp())  # the pipeline still works


def test_analyze_articles_hands_failures_over_and_goes_on(fragile_engine):
    articles = [attrib.Article(id=str(i), text=t) for i, t in enumerate([GOOD, BAD, GOOD])]
    failures = []
    done = list(attrib.analyze_articles(articles, nlp=get_nlp(), on_error=failures.append))
    assert [a.id for a, _ in done] == ["0", "2"]
    assert all(found for _, found in done)
    assert [f.article_id for f in failures] == ["1"]


def test_cli_analyze_reports_the_file_and_goes_on(fragile_engine, tmp_path):
    (tmp_path / "a-good.txt").write_text(GOOD)
    (tmp_path / "b-bad.txt").write_text(BAD)
    result = runner.invoke(app, ["analyze", str(tmp_path / "a-good.txt"), str(tmp_path / "b-bad.txt"), "--json"])
    assert result.exit_code == 1
    assert [record["doc"] for record in json.loads(result.stdout)] == ["a-good"]
    assert f"{tmp_path / 'b-bad.txt'}: analysis of article 'b-bad' failed (IndexError" in result.stderr


def test_ingest_records_the_failed_article_and_retry_stores_it_once(fragile_engine, monkeypatch, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(GOOD)
    lines = [{"id": "j1", "text": GOOD.replace("May", "June")}, {"id": "j2", "text": BAD}, {"id": "j3", "text": "A third. " + GOOD}]
    (corpus / "many.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = tmp_path / "quotes.db"

    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 1
    assert f"{corpus / 'many.jsonl'}:2: analysis of article 'j2' failed (IndexError" in result.stderr
    with sqlite3.connect(db) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT id FROM articles")) == ["j1", "j3", "one"]
        assert list(conn.execute("SELECT path, line FROM failures")) == [(str(corpus / "many.jsonl"), 2)]
        stored = conn.execute("SELECT count(*) FROM attributions").fetchone()[0]

    monkeypatch.undo()  # the engine is mended
    result = runner.invoke(app, ["ingest", "--retry", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT id FROM articles")) == ["j1", "j2", "j3", "one"]
        assert list(conn.execute("SELECT path, line FROM failures")) == []
        assert conn.execute("SELECT count(*) FROM attributions").fetchone()[0] > stored


def test_ray_actor_rows_carry_the_failure_to_the_driver(fragile_engine):
    # The actor and the driver's row reader, called directly (no Ray needed).
    from dataclasses import asdict

    from attrib.run.ray_backend import Analyser, rows_to_pairs

    articles = [attrib.Article(id=i, text=t, source_path="in.jsonl", source_line=n) for n, (i, t) in
                enumerate([("a", GOOD), ("b", BAD), ("c", GOOD)], start=1)]
    actor = Analyser.__new__(Analyser)
    actor.nlp = get_nlp()
    batch = actor({"article": [json.dumps(asdict(a)) for a in articles]})
    assert [bool(e) for e in batch["error"]] == [False, True, False]
    rows = [dict(zip(batch, values)) for values in zip(*batch.values())]
    failures = []
    pairs = list(rows_to_pairs(rows, failures.append))
    assert [a.id for a, _ in pairs] == ["a", "c"]
    assert [str(f) for f in failures] == ["in.jsonl:2: analysis of article 'b' failed (IndexError: list index out of range)"]


def test_cli_agreement_scores_an_article_the_engine_fails_on_as_nothing_found(fragile_engine, tmp_path):
    text = "The council said the EXPLODE budget was balanced.\n"
    s = text.index("said")
    c = text.index("the EXPLODE")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a_1.txt").write_text(text, encoding="utf-8")
    content = text[c:text.index(".")]
    ann = (f"T1\tCue {s} {s + 4}\tsaid\nT2\tContent {c} {c + len(content)}\t{content}\n"
           f"T3\tAttribution {s} {s + 4}\tsaid\nE1\tAttribution:T3 Cue:T1 Content:T2\n")
    for annotator in ("aaaa", "bbbb"):
        (tmp_path / "attributions" / f"a_1_{annotator}.ann").write_text(ann, encoding="utf-8")
    result = runner.invoke(app, ["agreement", str(tmp_path), "--attrib"])
    assert result.exit_code == 1
    assert "annotator against annotator" in result.stdout  # the scores are still written
    assert "analysis of article 'a_1' failed (IndexError" in result.stderr
