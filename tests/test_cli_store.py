"""`attrib ingest` and the query commands, through Typer's CliRunner, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from conftest import FIXTURES

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The fixtures folder ingested once (the pipeline loads once for the module)."""
    path = tmp_path_factory.mktemp("store") / "attrib.db"
    result = runner.invoke(app, ["ingest", str(FIXTURES), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "ingested 1, skipped 0, failed 0"
    return path


def run(*args: str):
    # Tables fit the terminal: 80 columns here, whatever the terminal running the tests.
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "80"})


def rows(db, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def as_json(*args: str) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_second_identical_ingest_adds_nothing(db):
    before = {t: rows(db, t) for t in ("articles", "attributions", "speakers")}
    result = run("ingest", FIXTURES, "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "ingested 0, skipped 1, failed 0"
    assert {t: rows(db, t) for t in before} == before


def test_who_said_golden_age_names_doug_burgum(db):
    result = run("who-said", "Golden Age", "--db", db)
    assert result.exit_code == 0, result.output
    header, rule, *lines = result.stdout.splitlines()
    assert header.split() == ["speaker", "tier", "conf", "snippet", "article"]
    assert len(lines) == 1 and lines[0].startswith("Doug Burgum")
    assert "**Golden Age**" in lines[0] and "us-venezuela" in lines[0]
    assert result.stderr == ""


def test_quotes_by_speaker_gives_burgums_two(db):
    quotes = as_json("quotes", "--speaker", "Burgum", "--db", db)
    assert [q["speaker"] for q in quotes] == ["Doug Burgum", "Doug Burgum"]
    assert quotes[0]["content"].startswith("Just wrapped a trip to Venezuela")
    assert "usher in a Golden Age" in quotes[1]["content"]


def test_speakers_shows_the_state_department_on_record(db):
    speakers = {s["speaker"]: s for s in as_json("speakers", "--db", db)}
    department = speakers["US State Department"]
    assert department["type"] == "government"
    assert (department["on_record"], department["total"]) == (4, 4)
    table = run("speakers", "--db", db).stdout
    assert table.splitlines()[0].split() == [
        "speaker", "type", "on", "rec", "2nd", "hand", "anon", "unsourced", "total", "aliases"
    ]


def test_quotes_filters_and_validation(db):
    assert {q["tier"] for q in as_json("quotes", "--tier", "3", "--db", db)} == {3}
    assert {q["kind"] for q in as_json("quotes", "--kind", "direct", "--db", db)} == {"direct"}
    assert len(as_json("quotes", "--limit", "2", "--db", db)) == 2
    assert as_json("quotes", "--since", "2030-01-01", "--db", db) == []
    assert as_json("quotes", "--article", "no-such-article", "--db", db) == []
    assert all(q["confidence"] >= 0.6 for q in as_json("quotes", "--min-confidence", "0.6", "--db", db))
    bad_kind = run("quotes", "--kind", "shouted", "--db", db)
    assert bad_kind.exit_code == 2
    assert bad_kind.stderr == "attrib: --kind: 'shouted' is not one of direct, indirect, mixed (see `attrib quotes --help`)\n"
    bad_date = run("quotes", "--since", "last week", "--db", db)
    assert bad_date.exit_code == 2
    assert bad_date.stderr == "attrib: --since: 'last week' is not a date (YYYY-MM-DD) (see `attrib quotes --help`)\n"


def test_output_formats_agree(db):
    array = as_json("quotes", "--db", db)
    lines = [json.loads(line) for line in run("quotes", "--nl", "--db", db).stdout.splitlines()]
    table = list(csv.DictReader(io.StringIO(run("quotes", "--csv", "--db", db).stdout)))
    assert array == lines
    assert [r["content"] for r in table] == [r["content"] for r in array]
    assert run("quotes", "--json", "--csv", "--db", db).exit_code == 2


@pytest.mark.parametrize("phrase", ['"', "AND", "*", "NEAR(", "'; DROP TABLE x; --", 'Golden AND "Age'])
def test_hostile_who_said_input_is_searched_as_text(db, phrase):
    result = run("who-said", phrase, "--db", db, "--json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.parametrize(
    "statement", ["DELETE FROM attributions", "DROP TABLE articles", "ATTACH DATABASE 'x.db' AS x"]
)
def test_sql_refuses_writes_and_deletes_nothing(db, statement):
    before = rows(db, "attributions")
    result = run("sql", statement, "--db", db)
    assert result.exit_code == 2
    assert result.stderr == f"attrib: {statement!r} is refused: the database is opened read-only\n"
    assert rows(db, "attributions") == before
    assert rows(db, "articles") == 1


def test_sql_reads(db):
    result = run("sql", "SELECT name FROM speakers WHERE name = 'Doug Burgum'", "--db", db, "--nl")
    assert result.exit_code == 0, result.output
    assert result.stdout == '{"name": "Doug Burgum"}\n'
    error = run("sql", "SELEC nothing", "--db", db)
    assert error.exit_code == 2 and error.stderr.startswith("attrib: SQL error:")


def test_the_database_comes_from_attrib_db_else_the_working_folder(db, tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIB_DB", str(db))
    assert run("db", "path").stdout.strip() == str(db.resolve())
    assert run("who-said", "Golden Age", "--json").exit_code == 0
    monkeypatch.delenv("ATTRIB_DB")
    monkeypatch.chdir(tmp_path)
    assert run("db", "path").stdout.strip() == str(tmp_path / "attrib.db")
    missing = run("speakers")
    assert missing.exit_code == 2 and "no database here" in missing.stderr
    assert not (tmp_path / "attrib.db").exists()


def test_bad_files_are_recorded_and_retried(tmp_path):
    db = tmp_path / "attrib.db"
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("  \n")
    (inputs / "broken.jsonl").write_text('{"id": "ok", "text": "The mayor said the bridge would reopen."}\n{oops\n')
    result = run("ingest", inputs, tmp_path / "missing.txt", "--db", db)
    assert result.exit_code == 1
    assert f"attrib: {inputs / 'broken.jsonl'}:2: malformed JSON" in result.stderr
    assert f"attrib: {inputs / 'empty.txt'}: empty file" in result.stderr
    assert result.stderr.splitlines()[-1] == "ingested 1, skipped 0, failed 3"
    with sqlite3.connect(db) as conn:
        failures = conn.execute("SELECT path, line FROM failures ORDER BY path").fetchall()
    assert failures == [(str(inputs / "broken.jsonl"), 2), (str(inputs / "empty.txt"), None), (str(tmp_path / "missing.txt"), None)]

    # Fixed files, read again with --retry: their failures are gone, the missing one stays.
    (inputs / "empty.txt").write_text("Officials said the talks had failed.")
    (inputs / "broken.jsonl").write_text('{"id": "ok", "text": "The mayor said the bridge would reopen."}\n')
    again = run("ingest", "--retry", "--db", db)
    assert again.exit_code == 1
    assert again.stderr.splitlines()[-1] == "ingested 1, skipped 1, failed 1"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT path FROM failures").fetchall() == [(str(tmp_path / "missing.txt"),)]


def test_ingest_needs_something_to_read(tmp_path):
    result = run("ingest", "--db", tmp_path / "attrib.db")
    assert result.exit_code == 2
    assert "give files, folders or - to read" in result.stderr
