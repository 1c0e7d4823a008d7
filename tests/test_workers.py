"""`analyze_articles(n_process=2)` in attrib's own worker processes (attrib/run/workers.py):
the same stream as one process, in input order, an engine failure costs its article
only, an error or a dead worker ends the run instead of hanging it, and no worker is
left behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal

import pytest

import attrib
from attrib import pipeline
from attrib.run import pieces, workers
from attrib.run.ingest import Ingest
from attrib.store import open_database
from conftest import FIXTURES, get_nlp

SEED = (FIXTURES / "us-venezuela-relations.txt").read_text(encoding="utf-8")
SHORT = [
    '"The bridge will open in May," the mayor said on Tuesday.',
    "The council said the budget was balanced, according to a statement.",
    'Ms. Ortiz, who chairs the committee, told reporters: "We are not done."',
    "Officials declined to comment.",
]
MARKER = "EXPLODE"


def corpus() -> list[attrib.Article]:
    """Long and short articles mixed, so that workers finish out of turn."""
    paragraphs = [p for p in SEED.split("\n\n") if p.strip()]
    texts = [SEED, *SHORT, "\n\n".join(paragraphs[:4]), *reversed(SHORT), SEED.upper(), "\n\n".join(paragraphs[3:])]
    return [attrib.Article(id=f"a{n}", text=text, source_path="in.jsonl", source_line=n) for n, text in enumerate(texts, 1)]


def plain(stream) -> list:
    return [(article.id, [(a.to_dict(), a.sentence) for a in found]) for article, found in stream]


@pytest.fixture(scope="module")
def one_process() -> list:
    return plain(attrib.analyze_articles(corpus(), nlp=get_nlp(), batch_size=2))


@pytest.fixture(autouse=True)
def no_worker_left():
    yield
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("batch_size", [1, 2, 5])
def test_two_workers_give_one_process_stream_in_input_order(one_process, batch_size):
    articles = corpus()
    got = list(attrib.analyze_articles(articles, nlp=get_nlp(), n_process=2, batch_size=batch_size))
    assert [article for article, _ in got] == articles  # the caller's own objects, in its order
    assert plain(got) == one_process
    assert sum(len(found) for _, found in got) > 20


def test_a_long_text_is_cut_in_the_workers_as_in_one_process(monkeypatch):
    monkeypatch.setattr(pieces, "MAX_CHUNK_CHARACTERS", 700)
    articles = corpus()[:3]
    assert plain(attrib.analyze_articles(articles, nlp=get_nlp(), n_process=2, batch_size=1)) == plain(
        attrib.analyze_articles(articles, nlp=get_nlp(), batch_size=1)
    )


@pytest.fixture
def fragile_engine(monkeypatch):
    real = pipeline.attribute

    def attribute(doc, *args, **kwargs):
        if MARKER in doc.text:
            raise IndexError("list index out of range")
        return real(doc, *args, **kwargs)

    # Set before the workers are forked, so they have it too.
    monkeypatch.setattr(pipeline, "attribute", attribute)


def with_marker(articles: list[attrib.Article], index: int) -> list[attrib.Article]:
    articles[index].text += f" The {MARKER} word."
    return articles


def test_an_engine_failure_in_a_worker_costs_that_article_only(fragile_engine, one_process):
    failures = []
    got = plain(attrib.analyze_articles(with_marker(corpus(), 3), nlp=get_nlp(), n_process=2, batch_size=2, on_error=failures.append))
    assert got == one_process[:3] + one_process[4:]
    assert [str(f) for f in failures] == ["in.jsonl:4: analysis of article 'a4' failed (IndexError: list index out of range)"]


def test_without_on_error_the_failure_is_raised_and_the_workers_end(fragile_engine):
    stream = attrib.analyze_articles(with_marker(corpus(), 3), nlp=get_nlp(), n_process=2, batch_size=1)
    with pytest.raises(attrib.AnalysisError, match="'a4' failed"):
        list(stream)


def test_another_error_in_a_worker_is_raised_in_the_caller(monkeypatch):
    real = pieces.chunk_bounds

    def chunk_bounds(text, limit):
        if MARKER in text:
            raise ValueError("no bounds for this")
        return real(text, limit)

    monkeypatch.setattr(pieces, "chunk_bounds", chunk_bounds)
    with pytest.raises(ValueError, match="no bounds for this") as raised:
        list(attrib.analyze_articles(with_marker(corpus(), 5), nlp=get_nlp(), n_process=2, batch_size=1))
    assert isinstance(raised.value.__cause__, workers.RemoteTraceback)
    assert "in chunk_bounds" in str(raised.value.__cause__)


def test_a_worker_that_dies_ends_the_run_instead_of_hanging_it(monkeypatch):
    real = pipeline.attribute

    def attribute(doc, *args, **kwargs):
        if MARKER in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "attribute", attribute)
    monkeypatch.setattr(workers, "POLL_SECONDS", 0.2)
    with pytest.raises(workers.WorkerDied, match=r"attrib-worker-\d died \(killed by signal 9\)"):
        list(attrib.analyze_articles(with_marker(corpus(), 2), nlp=get_nlp(), n_process=2, batch_size=1))


def test_a_caller_that_stops_early_leaves_no_worker(one_process):
    stream = attrib.analyze_articles(corpus(), nlp=get_nlp(), n_process=2, batch_size=1)
    assert plain([next(stream), next(stream)]) == one_process[:2]
    stream.close()


def test_ingest_with_two_workers_stores_one_process_rows(fragile_engine, tmp_path):
    path = tmp_path / "in.jsonl"
    articles = with_marker(corpus(), 6)
    path.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles), encoding="utf-8")
    dumps = []
    for n_process in (1, 2):
        db = open_database(tmp_path / f"{n_process}.db")
        counts = Ingest(db, get_nlp, n_process=n_process).run([str(path)])
        # Three of the short texts come twice: the second time is a duplicate.
        assert (counts.ingested, counts.skipped, counts.failed) == (len(articles) - 4, 3, 1)
        dumps.append(
            [
                list(db.execute(f"SELECT * FROM {table}").fetchall())
                for table in ("speakers", "attributions")
            ]
            + [list(db.execute("SELECT id, title, content_hash, text FROM articles ORDER BY rowid").fetchall())]
            + [list(db.execute("SELECT path, line, error FROM failures").fetchall())]
        )
    assert dumps[0] == dumps[1]
