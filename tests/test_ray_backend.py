"""`attrib ingest --backend ray` writes exactly the rows the local backend writes.

Runs on a local Ray (two CPUs); skipped when Ray is not installed, since it is an extra.
"""

from __future__ import annotations

import json
import sqlite3
import sys

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.run.ingest import Ingest
from attrib.store import open_database
from attrib.run.ray_backend import RayIngest, RayUnavailable, import_ray
from conftest import FIXTURES, get_nlp

SHORT = [
    ('"We will win this," Senator Maria Lopez said on Tuesday.', "lopez"),
    ("The ministry said in a statement that the talks had failed. It added that new talks were planned.", "ministry"),
    ("According to two officials who asked not to be named, the deal is off.", "anonymous"),
    ("Prices rose again in March, the third rise this year.", "unsourced"),
    ('"It is a disgrace," he told reporters. Mayor Tom Reyes later said he regretted the words.', "reyes"),
]


def corpus(tmp_path) -> list[str]:
    articles = tmp_path / "short.jsonl"
    lines = [json.dumps({"id": doc_id, "text": text, "publisher": "wire"}) for text, doc_id in SHORT]
    # A line that cannot be read and an article seen twice: counted the same way too.
    lines += ["{not json", json.dumps({"id": "lopez-again", "text": SHORT[0][0]})]
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(FIXTURES / "us-venezuela-relations.txt"), str(articles)]


def rows(path) -> dict[str, list[tuple]]:
    """Every table's rows in id order, all columns but the ingest time."""
    connection = sqlite3.connect(path)
    tables = {}
    for table in ("articles", "speakers", "attributions", "failures"):
        columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})") if r[1] not in ("ingested_at", "at")]
        order = "rowid" if table == "failures" else "id"
        tables[table] = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
    connection.close()
    return tables


def test_without_ray_the_backend_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(RayUnavailable, match=r"attrib\[ray\]"):
        import_ray()
    result = CliRunner().invoke(
        app, ["ingest", str(FIXTURES / "us-venezuela-relations.txt"), "--db", str(tmp_path / "x.db"), "--backend", "ray"]
    )
    assert result.exit_code == 2
    assert 'pip install "attrib[ray]"' in result.output


@pytest.fixture(scope="module")
def ray():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    started = not ray.is_initialized()
    if started:
        monkeypatch = pytest.MonkeyPatch()
        monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield ray
    if started:
        ray.shutdown()
        monkeypatch.undo()


def test_ray_backend_writes_the_local_backends_rows(ray, tmp_path):
    paths = corpus(tmp_path)
    local_db, ray_db = tmp_path / "local.db", tmp_path / "ray.db"
    local = Ingest(open_database(local_db), get_nlp, n_process=1).run(paths)
    # A window of three articles: the corpus goes through Ray in several datasets,
    # and the rows must still come back in input order.
    on_ray = RayIngest(open_database(ray_db), workers=2, window=3).run(paths)

    assert (on_ray.ingested, on_ray.skipped, on_ray.failed) == (local.ingested, local.skipped, local.failed) == (6, 1, 1)
    local_rows, ray_rows = rows(local_db), rows(ray_db)
    assert len(local_rows["attributions"]) > 10
    for table in local_rows:
        assert ray_rows[table] == local_rows[table], table


def test_ray_backend_skips_what_is_stored(ray, tmp_path):
    paths = corpus(tmp_path)
    db = open_database(tmp_path / "ray.db")
    RayIngest(db, workers=2).run(paths)
    again = RayIngest(db, workers=2).run(paths)
    assert (again.ingested, again.skipped, again.failed) == (0, 7, 1)


def test_cli_ingest_backend_ray(ray, tmp_path):
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(
        app, ["ingest", str(FIXTURES / "us-venezuela-relations.txt"), "--db", str(db), "--backend", "ray", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "ingested 1, skipped 0, failed 0" in result.output
    result = CliRunner().invoke(app, ["quotes", "--speaker", "Burgum", "--db", str(db), "--json"])
    assert len(json.loads(result.output)) == 2
