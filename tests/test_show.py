"""`attrib show`: an article's text with every attribution marked in place, from the
database (tests/handmade.py, so the output is known whole) or from a file."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import attrib
from attrib.cli import app
from attrib.cli import show as show_command
from attrib.report.article_view import MARKS, paragraphs
from attrib.report.data import ReportAttribution
from conftest import get_nlp
from handmade import build

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("show") / "attrib.db")


def run(*args):
    return runner.invoke(app, ["show", *map(str, args)], prog_name="attrib", env={"COLUMNS": "80", "NO_COLOR": ""})


def test_a_stored_article_with_its_statements_marked(db):
    result = run("bridge", "--db", db)
    assert result.exit_code == 0, result.output
    rule = "\u2500" * 28
    assert result.stdout.splitlines() == [
        f"{rule} Bridge to open in May {rule}\u2500",
        "               Gazette \u00b7 2025-03-01 \u00b7 id bridge \u00b7 3 attributions",
        "                         {content}N  [speaker]N  <cue>N",
        "",
        "[Mayor Ann Lee]1 <said>1 {the new bridge over the Wensum would open in May}1.",
        '"{We will build it on time and on budget, whatever the weather does this',
        'winter}2," [she]2 <said>2.',
        "    1. Ann Lee (person), as \u201cMayor Ann Lee\u201d \u00b7 cue \u201csaid\u201d \u00b7 indirect statement \u00b7",
        "    tier 1 on the record \u00b7 confidence 0.91",
        "    2. Ann Lee (person), as \u201cshe\u201d \u00b7 cue \u201csaid\u201d \u00b7 direct statement \u00b7 tier 1 on",
        "    the record \u00b7 confidence 0.95",
        "",
        "{The council plans to borrow $5 million for the work}3, <according to>3 [two",
        "officials who asked not to be named]3.",
        "    3. council officials (anonymous), as \u201ctwo officials who asked not to be",
        "    named\u201d \u00b7 cue \u201caccording to\u201d \u00b7 indirect statement \u00b7 tier 3 anonymous \u00b7",
        "    confidence 0.42",
        "",
    ]
    assert result.stderr == ""


def test_on_a_colour_terminal_statements_take_their_tier_colour(db, monkeypatch):
    monkeypatch.setattr(show_command, "color_wanted", lambda stream: True)
    result = run("bridge", "--db", db)
    assert "\x1b[32mthe new bridge over the Wensum would open in May\x1b[0m" in result.stdout  # tier 1: green
    assert "\x1b[33mThe council plans to borrow $5 million for the work\x1b[0m" in result.stdout  # tier 3: yellow
    assert "\x1b[1mMayor Ann Lee\x1b[0m" in result.stdout  # the speaker in bold


def test_a_file_is_analysed_directly(tmp_path, monkeypatch):
    nlp = get_nlp()
    monkeypatch.setattr(attrib, "load_pipeline", lambda model=None: nlp)
    article = tmp_path / "bridge.txt"
    article.write_text('The mayor spoke on Monday.\n\n"The bridge will open in May," the mayor said.\n')
    result = run(article)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].strip() == "id bridge \u00b7 1 attribution"
    assert lines[4:6] == ["The mayor spoke on Monday.", ""]
    marked = lines[6]
    assert marked.startswith('"{The bridge will open in May') and marked.endswith("[the mayor]1 <said>1.")
    assert lines[7].startswith("    1. mayor (person), as \u201cthe mayor\u201d \u00b7 cue \u201csaid\u201d \u00b7 direct statement")


def test_neither_a_file_nor_a_stored_article_is_one_line(db, tmp_path):
    result = run("nope", "--db", db)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "attrib: no article with id 'nope' in the database, and no such file\n"
    result = run("nope", "--db", tmp_path / "none.db")
    assert result.exit_code == 2
    assert result.stderr == f"attrib: nope: no such file, and no database at {tmp_path / 'none.db'} to find it in as an article id\n"


def test_overlapping_spans_are_closed_and_reopened_per_line():
    text = "Ann said that the plan, she said, would fail.\nIt did."
    outer = ReportAttribution(
        article="a", speaker="Ann", speaker_type="person", kind="indirect", tier=1, confidence=0.9,
        content="the plan, she said, would fail", content_spans=[(14, 44)], cue_spans=[(4, 8)], mention_spans=[(0, 3)],
    )
    inner = ReportAttribution(
        article="a", speaker="Ann", speaker_type="person", kind="indirect", tier=1, confidence=0.9,
        content="the plan", content_spans=[(14, 22)], cue_spans=[(28, 32)], mention_spans=[(24, 27)],
    )
    first, second = paragraphs(text, [outer, inner])

    def closing(marks):
        return "".join(MARKS[role][1] + str(number) for number, role in marks)

    plain = "".join(
        closing(piece.closes) + "".join(MARKS[role][0] for _, role in piece.opens) + piece.text
        for piece in first.pieces
    ) + closing(first.closes_at_end)
    assert plain == "[Ann]1 <said>1 that {{the plan}2, [she]2 <said>2, would fail}1."
    assert (first.notes, second.notes) == ([1, 2], [])
    assert [piece.covering for piece in second.pieces] == [[]]
