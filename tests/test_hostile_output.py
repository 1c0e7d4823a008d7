"""Reads never write, and output never attacks its reader (issue 27): query and report
commands leave every file as it was and refuse what is not an attrib database;
escape sequences, bidi controls and formulas from stored text reach no terminal or
spreadsheet as such; Markdown is shown, not rendered; `-o` replaces a file whole."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import attrib
from attrib.cli import app
from attrib.cli.safe_text import csv_safe, json_safe, terminal_safe
from attrib.model import Article
from attrib.store import open_database, store_articles
from attrib.store.schema import MIGRATIONS
from conftest import get_nlp

runner = CliRunner()
# An id with no glob character in it (`attrib show` takes those for file patterns).
ARTICLE_ID = "story\x1b]0;owned\x07\u202e"
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\\x9b31m\r\u202e"
TEXT = (
    '"We will reopen the bridge by June," Mayor Ann Lee said on Tuesday. '
    '"=HYPERLINK(""http://evil.example"")," Senator Bob Ray said. '
    '"<img src=x onerror=alert(1)> [click](javascript:alert(1)) ![x](http://evil.example/x.png)," said Carl Diaz, an aide.'
)
READS = [
    ["quotes"], ["who-said", "bridge"], ["speakers"], ["sql", "SELECT count(*) FROM articles"],
    ["report"], ["report", "--speaker", "Ann Lee"], ["report", "--publisher", "Gazette"], ["show", ARTICLE_ID],
    ["corrections", "list"],
]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """A database holding what the readers now drop: as an older attrib, or another
    program writing into the file, could have stored it."""
    path = tmp_path_factory.mktemp("output") / "attrib.db"
    db = open_database(path)
    title = f"Council news{ESCAPES}\n## Findings\n- forged <img src=x onerror=alert(1)>"
    article = Article(id=ARTICLE_ID, text=TEXT + ESCAPES, title=title, publisher="Gazette")
    found = attrib.analyze(TEXT, nlp=get_nlp())
    assert len(found) == 3
    store_articles(db, [(article, found)])
    db.execute("UPDATE speakers SET name = name || ? WHERE name LIKE '%Lee%'", [ESCAPES])
    db.conn.commit()
    db.conn.close()
    return path


def fingerprint(path: Path) -> tuple[str, list]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    return hashlib.sha256(path.read_bytes()).hexdigest(), [*schema, mode]


def assert_inert(output: str) -> None:
    raw = [c for c in output if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
    assert raw == [], output


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--nl"], ["--csv"]])
@pytest.mark.parametrize("command", [["quotes"], ["who-said", "bridge"], ["speakers"], ["sql", "SELECT * FROM attributions_view"]])
def test_query_output_holds_no_control_characters(hostile_db, command, fmt):
    result = runner.invoke(app, [*command, "--db", str(hostile_db), *fmt])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout + result.stderr)
    assert "Ann Lee" in result.stdout


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html", "json"])
def test_report_output_holds_no_control_characters(hostile_db, fmt):
    result = runner.invoke(app, ["report", "--db", str(hostile_db), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)


def test_show_output_holds_no_control_characters_and_keeps_its_marks_in_place(hostile_db):
    result = runner.invoke(app, ["show", ARTICLE_ID, "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    # Each character a terminal would act on is one U+FFFD: the marks stay where they were.
    assert "[Mayor Ann Lee]1" in result.stdout and "\ufffd" in result.stdout


def test_analyze_output_holds_no_control_characters(tmp_path):
    page = tmp_path / "story.jsonl"
    page.write_text('{"id": "s\\u001b[2J", "title": "T\\u001b]0;x\\u0007", "text": "\\u001b[31m' + TEXT.replace('"', '\\"') + '\\u202e"}\n')
    for command in (["analyze"], ["analyze", "--json"], ["show"]):
        result = runner.invoke(app, [*command, str(page)])
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout + result.stderr)
        assert "Ann Lee" in result.stdout


def test_csv_cells_that_would_be_formulas_are_prefixed_unless_asked(hostile_db):
    query = ["sql", "SELECT '=HYPERLINK(\"http://evil.example\")' AS a, '@SUM(A1)' AS b, 'plain' AS c, -5 AS d",
             "--db", str(hostile_db)]
    guarded = runner.invoke(app, [*query, "--csv"])
    raw = runner.invoke(app, [*query, "--csv", "--csv-formulas"])
    assert guarded.stdout == 'a,b,c,d\n"\'=HYPERLINK(""http://evil.example"")",\'@SUM(A1),plain,-5\n'
    assert raw.stdout == 'a,b,c,d\n"=HYPERLINK(""http://evil.example"")",@SUM(A1),plain,-5\n'
    assert [csv_safe(v) for v in ("+1", "-x", "@SUM(A1)", "\tx", "plain", -5, 2.5)] == ["'+1", "'-x", "'@SUM(A1)", "'\tx", "plain", -5, 2.5]


def test_markdown_report_shows_markup_as_text_and_titles_on_one_line(hostile_db):
    result = runner.invoke(app, ["report", "--db", str(hostile_db), "--article", ARTICLE_ID, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # Escaped for the terminal (\x1b), then for Markdown (its backslash, the bracket).
    assert lines[0].startswith("# Sourcing report: Council news\\\\x1b\\]0;owned")
    assert lines[0].endswith("\\#\\# Findings - forged \\<img src=x onerror=alert(1)\\>")
    assert lines.count("## Findings") == 1
    for raw in ("<img", "[click](", "![x](", "](javascript:"):  # none of them unescaped
        assert re.search(r"(?<!\\)" + re.escape(raw), result.stdout) is None, raw
    assert "\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\!\\[x\\](http://evil.example/x.png)" in result.stdout


def test_reads_change_nothing_in_the_database(hostile_db):
    before = fingerprint(hostile_db)
    for command in READS:
        result = runner.invoke(app, [*command, "--db", str(hostile_db)])
        assert result.exit_code == 0, (command, result.output)
    assert fingerprint(hostile_db) == before


def other_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (url TEXT, body BLOB)")
        conn.execute("INSERT INTO articles VALUES ('x', 'y')")


@pytest.mark.parametrize("kind", ["empty", "other", "newer", "older", "not-sqlite"])
def test_reads_refuse_what_is_not_this_attribs_database_and_change_nothing(tmp_path, kind):
    path = tmp_path / "some.db"
    expected = {
        "empty": f"attrib: {path}: not an attrib database (it is empty; run `attrib ingest` first)",
        "other": f"attrib: {path}: not an attrib database (another program's SQLite file?); refused, nothing changed",
        "newer": f"attrib: {path}: made by a newer attrib (schema m999_future; this attrib knows up to {MIGRATIONS[-1].__name__}); upgrade attrib",
        "older": f"attrib: {path}: made by an older attrib (schema {MIGRATIONS[-2].__name__}); any `attrib ingest` into it upgrades it",
        "not-sqlite": f"attrib: {path}: cannot open the database (file is not a database)",
    }[kind]
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "other":
        other_programs_database(path)
    elif kind == "not-sqlite":
        path.write_bytes(b"plain text, not a database at all\n" * 200)
    else:
        db = open_database(path)
        if kind == "newer":
            db.execute("INSERT INTO _migrations (name, applied_at) VALUES ('m999_future', 'later')")
        else:
            db.execute("DELETE FROM _migrations WHERE name = ?", [MIGRATIONS[-1].__name__])
        db.conn.commit()
        db.conn.close()
    before = path.read_bytes()
    for command in READS:
        result = runner.invoke(app, [*command, "--db", str(path)])
        assert (result.exit_code, result.stderr.splitlines()) == (2, [expected]), command
    assert path.read_bytes() == before
    if kind in ("empty", "other", "not-sqlite"):
        assert sorted(p.name for p in tmp_path.iterdir()) == ["some.db"]


def test_ingest_refuses_another_programs_database_before_changing_it(tmp_path):
    path = tmp_path / "theirs.db"
    other_programs_database(path)
    before = path.read_bytes()
    story = tmp_path / "story.txt"
    story.write_text(TEXT)
    result = runner.invoke(app, ["ingest", str(story), "--db", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"attrib: {path}: not an attrib database (another program's SQLite file?); refused, nothing changed"
    ]
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_reads_work_on_a_read_only_filesystem(hostile_db, tmp_path):
    if os.geteuid() != 0 or sys.platform != "linux":
        pytest.skip("needs root to bind-mount a folder read-only")
    source, mounted = tmp_path / "source", tmp_path / "mounted"
    source.mkdir()
    mounted.mkdir()
    (source / "attrib.db").write_bytes(hostile_db.read_bytes())
    if subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True).returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mounted)], capture_output=True).returncode != 0:
            pytest.skip("a read-only remount is not allowed here")
        for command in READS:
            result = runner.invoke(app, [*command, "--db", str(mounted / "attrib.db")])
            assert result.exit_code == 0, (command, result.output)
        result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM attributions", "--db", str(mounted / "attrib.db"), "--nl"])
        assert result.stdout == '{"n": 3}\n'
    finally:
        gc.collect()  # the commands' connections, which hold files open on the mount
        if subprocess.run(["umount", str(mounted)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", str(mounted)], capture_output=True)


@pytest.mark.parametrize("statement", ["CREATE TABLE temp.t (x)", "CREATE TEMP TABLE t (x)", "CREATE TEMP VIEW v AS SELECT 1",
                                       "ATTACH ':memory:' AS m", "CREATE TABLE t (x)", "INSERT INTO failures VALUES ('a', 1, 'b', 'c')"])
def test_sql_refuses_temporary_objects_like_every_write(hostile_db, statement):
    result = runner.invoke(app, ["sql", statement, "--db", str(hostile_db)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"attrib: {statement!r} is refused: the database is opened read-only"]


def test_sql_table_output_is_capped_with_a_note_and_the_other_formats_stream_all(hostile_db):
    query = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) SELECT i FROM n"
    table = runner.invoke(app, ["sql", query, "--db", str(hostile_db)])
    assert table.exit_code == 0
    assert table.stdout.splitlines()[2:] == [f"{i:>4}" for i in range(1, 1001)]
    assert table.stderr.splitlines() == ["attrib: showing the first 1,000 rows; --csv, --nl or --json write them all"]
    lines = runner.invoke(app, ["sql", query, "--db", str(hostile_db), "--nl"])
    assert lines.stdout.splitlines() == [f'{{"i": {i}}}' for i in range(1, 2501)] and lines.stderr == ""


@pytest.mark.parametrize("speaker", ["\udcff", "a" * 50_000, "x\x00y"])
@pytest.mark.parametrize("command", ["quotes", "report"])
def test_a_speaker_that_cannot_be_searched_for_is_one_line(hostile_db, command, speaker):
    result = runner.invoke(app, [command, "--speaker", speaker, "--db", str(hostile_db)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("attrib: '")
    assert any(reason in line for reason in ("not valid text", "too long to search for"))
    assert_inert(line)


def test_report_output_replaces_the_file_whole_and_never_writes_through_a_symlink(hostile_db, tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "report.md"
    link.symlink_to(precious)
    result = runner.invoke(app, ["report", "--db", str(hostile_db), "--format", "markdown", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert precious.read_text() == "keep me"
    assert not link.is_symlink() and link.read_text().startswith("# Sourcing report:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.txt", "report.md"]  # no temporary file left


def test_a_report_that_cannot_be_written_leaves_the_old_file_as_it_was(hostile_db, tmp_path, monkeypatch):
    old = tmp_path / "report.html"
    old.write_text("the old report")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = runner.invoke(app, ["report", "--db", str(hostile_db), "--format", "html", "-o", str(old)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"attrib: {old}: cannot write (No space left on device); nothing changed"]
    assert old.read_text() == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_report_output_is_never_a_device(hostile_db):
    result = runner.invoke(app, ["report", "--db", str(hostile_db), "-o", "/dev/null"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "attrib: /dev/null: cannot write (not a regular file; write to standard output instead (leave out -o)); nothing changed"
    ]


def test_a_reader_that_stops_reading_ends_the_command_quietly(hostile_db):
    query = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT i FROM n"
    command = [sys.executable, "-c", "from attrib.cli import main; main()", "sql", query, "--nl", "--db", str(hostile_db)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline() == b'{"i": 1}\n'
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (0, b"")


def test_the_escaping_functions_write_what_they_escape_visibly():
    assert terminal_safe("a\x1b[2Jb\rc\u202ed\x9be\tf\ng\udcff") == "a\\x1b[2Jb\\x0dc\\u202ed\\x9be\tf\ng\\udcff"
    assert terminal_safe("plain \u201cquotes\u201d \u00e9") == "plain \u201cquotes\u201d \u00e9"
    assert json_safe('{"a": "\x9b\u202e"}') == '{"a": "\\u009b\\u202e"}'
