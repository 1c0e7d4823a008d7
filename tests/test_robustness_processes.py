"""Crashes, Ctrl-C and concurrent use, with real `attrib ingest` processes on a slice of
PolNeAR dev: a SIGKILL at any moment and a re-run give the rows of one clean ingest;
SIGINT stops after storing what was analysed; two ingests at once both finish while
queries read."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from attrib.run.ingest import ingest
from attrib.store import open_database, sql, who_said
from conftest import ROOT, get_nlp

DEV = ROOT.parent / "shared" / "polnear" / "dev.articles.jsonl"
ATTRIB = [sys.executable, "-c", "from attrib.cli import main; main()"]
# Short articles keep the whole file under a minute on two cores; 16 of them still
# take several batch commits (one every 2 s) to ingest.
ARTICLES = 16
MAX_CHARACTERS = 4000

pytestmark = pytest.mark.skipif(not DEV.is_file(), reason="PolNeAR dev split not present")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """The first short articles of dev as one JSONL file, and as two halves."""
    records = [r for r in map(json.loads, DEV.read_text(encoding="utf-8").splitlines()) if len(r["text"]) < MAX_CHARACTERS]
    records = records[:ARTICLES]
    folder = tmp_path_factory.mktemp("dev-slice")
    files = {"all": records, "first": records[: ARTICLES // 2], "second": records[ARTICLES // 2 :]}
    for name, part in files.items():
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
    return {name: folder / f"{name}.jsonl" for name in files}


def snapshot(db: Path) -> dict[str, list]:
    """Everything an ingest stores, in an order that doesn't depend on who wrote first;
    the database must be sound to be read."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # Raises if the full-text index and its table disagree.
        conn.execute("INSERT INTO attributions_fts (attributions_fts) VALUES ('integrity-check')")
        return {
            "articles": conn.execute("SELECT id, content_hash FROM articles ORDER BY id").fetchall(),
            "attributions": sorted(
                conn.execute(
                    """SELECT article_id, content, content_spans, speakers.name, kind, tier, confidence
                       FROM attributions LEFT JOIN speakers ON speakers.id = speaker_id"""
                ).fetchall(),
                key=repr,
            ),
            "speakers": sorted(r[0] for r in conn.execute("SELECT name FROM speakers")),
        }


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict[str, list]:
    """The rows of one uninterrupted ingest of the slice (in this process: the pipeline is loaded already)."""
    path = tmp_path_factory.mktemp("clean") / "attrib.db"
    counts = ingest(open_database(path), [str(corpus["all"])], get_nlp())
    assert (counts.ingested, counts.skipped, counts.failed) == (ARTICLES, 0, 0)
    return snapshot(path)


def start_ingest(path: Path, db: Path, *options: str) -> subprocess.Popen:
    return subprocess.Popen([*ATTRIB, "ingest", str(path), "--db", str(db), *options], stderr=subprocess.PIPE, text=True)


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the tables are not made yet
        return 0


def wait_for(condition: Callable[[], bool], process: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"ingest ended early: {process.stderr.read()}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_sigkill_at_start_and_mid_ingest_then_a_rerun_gives_a_clean_ingests_rows(corpus, clean, tmp_path):
    db = tmp_path / "attrib.db"
    # Killed as the database is being made (the schema migration), then after a commit.
    first = start_ingest(corpus["all"], db)
    wait_for(db.exists, first)
    first.kill()
    first.wait()
    # A commit per article: a fast machine may parse all 16 within one 2-second batch,
    # and the kill must come between commits.
    second = start_ingest(corpus["all"], db, "--batch-size", "1")
    wait_for(lambda: stored_articles(db) >= 1, second)
    second.kill()
    second.wait()
    partial = stored_articles(db)
    assert 1 <= partial < ARTICLES
    partial_rows = snapshot(db)
    assert partial_rows["attributions"] == [a for a in clean["attributions"] if a[0] in {r[0] for r in partial_rows["articles"]}]

    rerun = subprocess.run([*ATTRIB, "ingest", str(corpus["all"]), "--db", str(db)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.splitlines()[-1] == f"ingested {ARTICLES - partial}, skipped {partial}, failed 0"
    assert snapshot(db) == clean


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as handle:
                if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie (an orphan's zombie is reaped by init, in time)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def copies_of(corpus: dict[str, Path], folder: Path) -> tuple[Path, int]:
    """Six copies of the slice, each copy's texts ending in a line of its own (so none is
    skipped as stored already): enough work that a signal comes mid-run, after the first
    commit, even with two workers on a fast machine."""
    records = [json.loads(line) for line in corpus["all"].read_text(encoding="utf-8").splitlines()]
    copies = records + [dict(r, id=f"{r['id']}-copy{k}", text=f"{r['text']}\n\nCopy {k}.") for k in range(1, 6) for r in records]
    big = folder / "copies.jsonl"
    big.write_text("".join(json.dumps(r) + "\n" for r in copies), encoding="utf-8")
    return big, len(copies)


def test_sigkill_with_two_workers_leaves_no_worker_and_a_rerun_stores_the_rest(corpus, clean, tmp_path):
    db = tmp_path / "attrib.db"
    big, total = copies_of(corpus, tmp_path)
    process = subprocess.Popen([*ATTRIB, "ingest", str(big), "--db", str(db), "--workers", "2"], stderr=subprocess.PIPE, text=True)
    wait_for(lambda: stored_articles(db) >= 1, process)
    workers = children(process.pid)
    assert len(workers) == 2
    process.kill()
    process.wait()
    partial = stored_articles(db)
    assert 1 <= partial < total
    # Each worker ends once its batch is done: it has nobody to send it to.
    deadline = time.monotonic() + 60
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "orphaned workers are still running"
        time.sleep(0.1)

    rerun = subprocess.run([*ATTRIB, "ingest", str(big), "--db", str(db), "--workers", "2"], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.splitlines()[-1] == f"ingested {total - partial}, skipped {partial}, failed 0"
    rows = snapshot(db)
    assert len(rows["articles"]) == total
    originals = {r[0] for r in clean["articles"]}
    assert [a for a in rows["attributions"] if a[0] in originals] == clean["attributions"]


@pytest.mark.parametrize("workers, presses", [(1, 1), (2, 1), (2, 2)])
def test_ctrl_c_stores_what_was_analysed_and_stops_with_the_summary(corpus, clean, tmp_path, workers, presses):
    db = tmp_path / "attrib.db"
    big, total = copies_of(corpus, tmp_path)
    # In a session of its own, so that Ctrl-C can go to the whole group, workers too, as
    # a terminal sends it.
    process = subprocess.Popen(
        [*ATTRIB, "ingest", str(big), "--db", str(db), "--workers", str(workers)],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_for(lambda: stored_articles(db) >= 1, process)
    for _ in range(presses):
        os.killpg(process.pid, signal.SIGINT)
        time.sleep(0.1)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 130, stderr
    assert stderr.splitlines() == [
        "attrib: stopping once the articles being analysed are stored (Ctrl-C again to quit now)",
        f"attrib: interrupted: ingested {stored_articles(db)}, skipped 0, failed 0",
    ]
    rows = snapshot(db)
    assert 1 <= len(rows["articles"]) < total
    # The articles stored are whole: the originals among them have a clean ingest's rows.
    originals = {r[0] for r in rows["articles"]} & {r[0] for r in clean["articles"]}
    stored = [a for a in rows["attributions"] if a[0] in originals]
    assert stored == [a for a in clean["attributions"] if a[0] in originals]


def test_two_ingests_at_once_both_finish_with_the_full_set_while_queries_read(corpus, clean, tmp_path):
    db = tmp_path / "attrib.db"
    processes = [start_ingest(corpus["first"], db), start_ingest(corpus["second"], db)]
    answered = 0
    while any(p.poll() is None for p in processes):
        if stored_articles(db):
            # Each query opens the file anew, as a separate command would.
            found = who_said(open_database(db, create=False), "said", limit=0)
            counted = list(sql(db, "SELECT count(*) AS n FROM attributions"))[0]["n"]
            assert len(found) <= counted
            answered += 1
        time.sleep(0.2)
    stderrs = [p.stderr.read() for p in processes]
    assert [p.returncode for p in processes] == [0, 0], stderrs
    assert [s.splitlines()[-1] for s in stderrs] == [f"ingested {ARTICLES // 2}, skipped 0, failed 0"] * 2
    assert answered > 0
    assert snapshot(db) == clean
