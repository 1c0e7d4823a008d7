"""`attrib report`: the report data on the seed article, its four formats, the
database scopes, and the HTML in a real browser.

The issue's done-when runs the whole thing (`attrib report SEED --format json`).
The tests of findings, claims and formats start from the seed's gold attributions
instead, so they test the report, not the engine of the day. The CLI runs through
CliRunner with `attrib.load_pipeline` pointed at the session's pipeline
(tests/conftest.py's get_nlp), so spaCy loads once for the whole run.
"""

from __future__ import annotations

import json
import re
import struct
import sys
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import attrib
from attrib.cli import app
from attrib.model import Article, Attribution
from attrib.report import articles_report, attributions_report, render, unattributed_claims
from attrib.report.claims import attribution_spans
from conftest import FIXTURES, ROOT, get_nlp

SEED = FIXTURES / "us-venezuela-relations.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_GOLD = FIXTURES / "us-venezuela-relations.gold.json"
# The gold has no confidences: all are sure but one, which is left to check by hand.
UNSURE = "this rapprochement opens new avenues"
CHROMIUM = Path("/usr/bin/chromium")
# Two small articles from two publishers in two months, beside the seed, so the
# publisher, speaker and corpus scopes have something to compare.
EXTRA_ARTICLES = [
    {
        "id": "planet-1",
        "publisher": "Daily Planet",
        "published": "2025-01-10",
        "title": "Council approves budget",
        "text": '"We balanced the books," Mayor Ann Lee said on Tuesday.\n\n'
        "The council approved a budget of $12 million for the year.",
    },
    {
        "id": "planet-2",
        "publisher": "Daily Planet",
        "published": "2025-02-03",
        "title": "Bridge closes",
        "text": "The bridge will close for repairs, officials said, speaking on condition of anonymity.\n\n"
        '"It is unsafe," said Mayor Ann Lee.',
    },
    {
        "id": "gazette-1",
        "publisher": "Gazette",
        "published": "2025-03-15",
        "title": "Factory opens",
        "text": '"This brings 300 jobs," said Tom Reyes, the plant manager.',
    },
]

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def session_pipeline():
    nlp = get_nlp()  # loaded before the patch: get_nlp itself calls attrib.load_pipeline
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(attrib, "load_pipeline", lambda model=None: nlp)
        yield


@pytest.fixture(scope="module")
def seed_report():
    """The seed's report from its gold attributions, parsed for claims."""
    attributions = []
    for record in json.loads(SEED_GOLD.read_text(encoding="utf-8"))["attributions"]:
        a = Attribution.from_dict(record)
        a.confidence = 0.4 if a.content.text.startswith(UNSURE) else 0.9
        attributions.append(a)
    article = Article(id="us-venezuela-relations", text=SEED_TEXT)
    return attributions_report(article, attributions, get_nlp())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    extra = folder / "extra.jsonl"
    extra.write_text("".join(json.dumps(a) + "\n" for a in EXTRA_ARTICLES), encoding="utf-8")
    path = folder / "attrib.db"
    result = runner.invoke(app, ["ingest", str(SEED), str(extra), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def report_json(*args: str) -> dict:
    result = runner.invoke(app, ["report", *map(str, args), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# The done-when, on the seed article.


def test_seed_json_has_the_tiers_speakers_and_the_unsourced_transfer():
    report = report_json(SEED)
    # The statements only: "signed into law", "controlling how the proceeds are
    # distributed" and "Trump's recognition of" are no statements (other acts).
    assert report["tiers"] == {"1": 8, "2": 1, "3": 2, "4": 0}
    speakers = {s["name"]: s for s in report["speakers"]}
    assert {"US State Department", "Doug Burgum", "Delcy Rodriguez", "Al Jazeera", "Axios sources"} <= set(speakers)
    assert speakers["US State Department"] == {
        "name": "US State Department", "type": "government", "count": 4, "tiers": {"1": 4, "2": 0, "3": 0, "4": 0}
    }
    assert len(report["attributions"]) == sum(report["tiers"].values())
    assert any("surprise raid on Caracas" in claim["text"] for claim in report["unattributed_claims"])
    assert "The 50-million-barrel transfer is stated without a source." in report["findings"]


def test_claim_spans_are_offsets_into_the_article(seed_report):
    assert seed_report.unattributed_claims
    for claim in seed_report.unattributed_claims:
        assert [SEED_TEXT[s:e] for s, e in claim.spans] == [claim.text]


def test_claims_leave_out_attributed_and_quoted_sentences(seed_report):
    texts = " ".join(c.text for c in seed_report.unattributed_claims)
    # Sourced by "As per a report in Axios" and "Al Jazeera reported": not unattributed.
    assert "inked a multimillion-dollar deal" not in texts
    assert "extract gold, diamonds" not in texts
    assert "Golden Age" not in texts
    # "Burgum leads Trump's council" asserts no figure and no event.
    assert "Burgum leads" not in texts


def test_findings_are_said_in_plain_words(seed_report):
    findings = seed_report.findings
    assert "8 of 11 statements (73%) are on the record." in findings
    assert "2 of 11 statements rest on anonymous sources relayed by Axios." in findings
    assert "1 of 11 statements is second-hand, reported by Al Jazeera." in findings
    assert "The 50-million-barrel transfer is stated without a source." in findings


def test_relayed_statements_and_counts(seed_report):
    assert [(r.via, r.count, r.speakers) for r in seed_report.relayed] == [("Axios", 2, ["Axios sources"])]
    assert seed_report.sources == 5
    assert seed_report.speaker_types["anonymous"] == 2
    assert sum(seed_report.kinds.values()) == 11
    assert [a.content[: len(UNSURE)] for a in seed_report.to_check] == [UNSURE]
    assert "1 attribution is less than 60% likely to be right: check it by hand." in seed_report.findings


@pytest.mark.parametrize(
    "text, description",
    [
        ("The regime seized at least 300 tonnes of grain on Monday.", "the 300-tonne seizure"),
        ("The company paid $5 million to settle the case.", "the $5-million payment"),
        # (Passive: "Acme inked a ... deal" reads to the cue model as a possible report.)
        ("A multimillion-dollar deal was inked on Monday.", "the multimillion-dollar deal"),
        ("Police arrested three men in Leeds.", "\u201cPolice arrested three men in Leeds.\u201d"),
    ],
)
def test_claims_are_named_by_figure_and_event(text, description):
    doc = get_nlp()(text)
    assert [c.description for c in unattributed_claims(doc, attribution_spans(doc._.attributions))] == [description]


@pytest.mark.parametrize(
    "text",
    [
        "The weather was nice today.",  # no figure, no event
        "The two countries met.",  # a count, not a figure
        "The company could sell 5,000 units next year.",  # hedged
        "Did the army kill 40 people?",  # a question
        '"We paid $5 million to settle," the chief executive said.',  # attributed
    ],
)
def test_sentences_that_are_not_unattributed_claims(text):
    doc = get_nlp()(text)
    assert unattributed_claims(doc, attribution_spans(doc._.attributions)) == []


# Formats.


def test_markdown_has_the_headings_and_an_aligned_tier_table(seed_report):
    markdown = render(seed_report, "markdown")
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings[:4] == [
        "# Sourcing report: us-venezuela-relations", "## Findings", "## Sourcing tiers", "## Speakers"
    ]
    assert {"## Relayed through other outlets", "## Unattributed claims", "## Statements by speaker"} <= set(headings)
    tier_table = markdown.split("## Sourcing tiers\n\n")[1].split("\n\n")[0].splitlines()
    assert [cell.strip() for cell in tier_table[2].strip("|").split("|")] == ["1", "on the record", "8", "73%"]
    assert len({len(line) for line in tier_table}) == 1, "columns are padded to one width"
    assert "- The 50-million-barrel transfer is stated without a source." in markdown


def test_html_is_self_contained_with_svg_charts(seed_report):
    html = render(seed_report, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") >= 2
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""(src|href)\s*=|<link|<script|@import|url\(""", html, re.IGNORECASE)
    assert "The 50-million-barrel transfer is stated without a source." in html


def test_html_escapes_article_text():
    text = '"We <b>won</b> & more," the mayor of <Springfield> said.'
    html = render(articles_report([Article(id="<x>", text=text)], get_nlp()), "html")
    assert "<b>won" not in html and "<Springfield>" not in html and "<x>" not in html
    assert "&lt;b&gt;won&lt;/b&gt; &amp; more" in html


def test_terminal_is_the_default_and_plain_in_a_pipe():
    result = runner.invoke(app, ["report", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "Sourcing report: us-venezuela-relations" in result.stdout
    assert re.search(r"2 of \d+ statements rest on anonymous sources relayed by Axios\.", result.stdout)
    assert "\x1b[" not in result.stdout
    assert all(line == line.rstrip() for line in result.stdout.splitlines())


def test_output_file(tmp_path):
    out = tmp_path / "seed.html"
    result = runner.invoke(app, ["report", str(SEED), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == f"attrib: wrote {out}"
    assert "<svg" in out.read_text(encoding="utf-8")


# Database scopes.


def test_article_scope_reads_the_database_as_the_file_scope_reads_the_file(db):
    stored = report_json("--db", db, "--article", "us-venezuela-relations")
    direct = report_json(SEED)
    assert stored["scope"] == direct["scope"] == "article"
    for key in ("tiers", "kinds", "speaker_types", "speakers", "relayed", "unattributed_claims", "findings"):
        assert stored[key] == direct[key], key
    assert any("surprise raid on Caracas" in claim["text"] for claim in stored["unattributed_claims"])


def test_publisher_scope_any_case(db):
    report = report_json("--db", db, "--publisher", "daily planet")
    assert (report["scope"], report["title"], report["articles"]) == ("publisher", "Daily Planet", 2)
    assert {a["article"] for a in report["attributions"]} <= {"planet-1", "planet-2"}
    assert report["claims_checked"] is False and report["unattributed_claims"] == []


def test_speaker_scope_by_part_of_a_name(db):
    report = report_json("--db", db, "--speaker", "burgum")
    assert (report["scope"], report["title"], report["total"]) == ("speaker", "Doug Burgum", 2)
    assert [s["name"] for s in report["speakers"]] == ["Doug Burgum"]


def test_corpus_scope_compares_publishers_and_months(db):
    report = report_json("--db", db)
    assert report["scope"] == "corpus" and report["articles"] == 4
    assert sum(report["tiers"].values()) == report["total"] >= 11 + 3
    assert {p["publisher"] for p in report["publishers"]} == {"Daily Planet", "Gazette"}
    assert [p["period"] for p in report["over_time"]] == ["2025-01", "2025-02", "2025-03"]
    assert report["over_time_unit"] == "month"
    markdown = runner.invoke(app, ["report", "--db", str(db), "--format", "markdown"]).stdout
    assert "## Tiers per publisher" in markdown and "## Anonymous share over time, by month" in markdown
    html = runner.invoke(app, ["report", "--db", str(db), "--format", "html"]).stdout
    assert html.count("<svg") >= 4  # tiers, speakers, publishers, time line
    assert "<polyline" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["--article", "nope"], "no article with id 'nope'"),
        (["--publisher", "nope"], "no articles from publisher 'nope'"),
        (["--speaker", "nobody at all"], "no speaker matching 'nobody at all'"),
    ],
)
def test_missing_subjects_are_one_line_errors(db, args, message):
    result = runner.invoke(app, ["report", "--db", str(db), *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("attrib: ") and message in result.stderr


def test_scopes_are_exclusive(db):
    both = runner.invoke(app, ["report", "--db", str(db), "--publisher", "Gazette", "--speaker", "Lee"])
    assert both.exit_code == 2 and "give one of --publisher, --speaker" in both.stderr
    path_and_db = runner.invoke(app, ["report", str(SEED), "--db", str(db)])
    assert path_and_db.exit_code == 2 and "PATH is analysed directly" in path_and_db.stderr


# In a real browser.


def png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    """A PNG's width, height and its decompressed (filtered) image bytes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat = b""
    position = 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind == b"IDAT":
            idat += data[position + 8 : position + 8 + length]
        position += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install -y chromium)")
def test_seed_html_renders_in_headless_chromium(seed_report, tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from screenshot_report import screenshot
    finally:
        sys.path.remove(str(ROOT / "bench"))
    html = tmp_path / "seed.html"
    html.write_text(render(seed_report, "html"), encoding="utf-8")
    png = screenshot(html, tmp_path / "seed.png")
    data = png.read_bytes()
    width, height, pixels = png_size_and_pixels(data)
    assert (width, height) == (1200, 2000)
    # A blank or unstyled page compresses to a few KB of nearly constant bytes; text,
    # charts and colour give many distinct byte values.
    assert len(data) > 30_000
    assert len(set(pixels)) > 100
