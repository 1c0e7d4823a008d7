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
from attrib.report import articles_report, attributions_report, charts, render, unattributed_claims
from attrib.report.claims import attribution_spans
from attrib.report.data import ReportAttribution, Tally
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


def test_html_is_self_contained_with_charts(seed_report):
    html = render(seed_report, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<svg") == 1  # the tier donut; speakers are bars in HTML
    assert html.count('<div class="bar">') == len(seed_report.speakers)
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
    # The seed article names no publisher: its row is "(unknown)", last.
    assert [p["publisher"] for p in report["publishers"]] == ["Daily Planet", "Gazette", "(unknown)"]
    assert sum(p["count"] for p in report["publishers"]) == report["total"]
    # Its dateline ("date 2026-03-06 Washington DC, US:") gives it a date.
    assert [p["period"] for p in report["over_time"]] == ["2025-01", "2025-02", "2025-03", "2026-03"]
    assert report["over_time_unit"] == "month"
    markdown = runner.invoke(app, ["report", "--db", str(db), "--format", "markdown"]).stdout
    assert "## Tiers per publisher" in markdown and "## Anonymous share over time, by month" in markdown
    assert "| (unknown)" in markdown
    html = runner.invoke(app, ["report", "--db", str(db), "--format", "html"]).stdout
    assert html.count("<svg") == 2  # tiers, time line; speakers and publishers are HTML bars
    assert html.count('<div class="bars"') == 2
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
    assert both.exit_code == 2
    assert both.stderr == "attrib: --publisher, --speaker: give one of them (see `attrib report --help`)\n"
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


def bench_tools():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import screenshot_report
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return screenshot_report


def many_months_report():
    """A corpus over 30 months, three publishers (one unknown) and long speaker names:
    the crowded case for the charts' labels."""
    tally = Tally()
    speakers = ["Alexandria Ocasio-Cortez, Representative of New York's 14th district", "Bob", "Carla Longname-Hyphen"]
    for month in range(30):
        for k in range(1 + month % 4):
            tally.add(ReportAttribution(
                article=f"a{month}", speaker=speakers[k % 3], speaker_type="person", kind="direct",
                tier=(1, 3, 2, 4)[(month + k) % 4], confidence=0.9, content="x", content_spans=[(0, 1)],
                publisher=("nyt", "Breitbart News Network", None)[k % 3],
                published=f"{2022 + month // 12}-{month % 12 + 1:02d}-15",
            ))
    return tally.report("corpus", "thirty months", 30, claims_checked=False)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install -y chromium)")
@pytest.mark.parametrize("width", [1200, 400])
def test_html_renders_in_headless_chromium(seed_report, tmp_path, width):
    html = tmp_path / "seed.html"
    html.write_text(render(seed_report, "html"), encoding="utf-8")
    png = bench_tools().screenshot(html, tmp_path / "seed.png", width=width)
    data = png.read_bytes()
    png_width, height, pixels = png_size_and_pixels(data)
    assert (png_width, height) == (width, 2000)
    # A blank or unstyled page compresses to a few KB of nearly constant bytes; text,
    # charts and colour give many distinct byte values.
    assert len(data) > 30_000
    assert len(set(pixels)) > 100


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install -y chromium)")
@pytest.mark.parametrize("width", [1200, 400])
def test_charts_are_legible_and_their_labels_apart(seed_report, tmp_path, width):
    for name, report in (("seed", seed_report), ("months", many_months_report())):
        html = tmp_path / f"{name}.html"
        html.write_text(render(report, "html"), encoding="utf-8")
        measured = bench_tools().measure(html, width)
        assert measured["page_width"] <= width, name  # nothing runs off the side
        assert measured["smallest_text"] >= 11, name  # chart text no smaller than 11 px
        labels = sorted(measured["axis_labels"])
        assert all(right <= next_left for (_, right), (next_left, _) in zip(labels, labels[1:])), (name, labels)
    assert len(labels) >= 3  # the time line names more than its ends


def test_axis_labels_never_overlap_at_the_larger_size():
    for count in range(1, 61):
        for text in ("2025-01", "2025-01-06"):
            xs = [84 + 612 * i / max(1, count - 1) for i in range(count)]
            chosen = charts.axis_labels(xs, [text] * count)
            width = charts.label_width(text)
            extents = []
            for i, anchor in chosen:
                left = {"start": xs[i], "middle": xs[i] - width / 2, "end": xs[i] - width}[anchor]
                extents.append((left, left + width))
            assert all(right + charts.LABEL_GAP <= left for (_, right), (left, _) in zip(extents, extents[1:]))
            assert chosen[0][0] == 0 and (count < 3 or chosen[-1][0] == count - 1)


# Context in every row, totals, limits, the unknown publisher, the generation date
# (on the hand-made database of tests/handmade.py, so the rows are known).


@pytest.fixture(scope="module")
def made_db(tmp_path_factory):
    from handmade import build

    return build(tmp_path_factory.mktemp("made") / "attrib.db")


def test_json_holds_every_row_with_its_article_and_sentence(made_db):
    report = report_json("--db", made_db)
    assert (report["total"], report["limit"]) == (4, None)
    assert report["omitted"] == {"attributions": 0, "to_check": 0, "unattributed_claims": 0}
    assert [(a["article"], a["sentence"]) for a in report["attributions"]] == [
        ("bridge", "Mayor Ann Lee said the new bridge over the Wensum would open in May."),
        ("bridge", '"We will build it on time and on budget, whatever the weather does this winter," she said.'),
        ("bridge", "The council plans to borrow $5 million for the work, according to two officials who asked "
                   "not to be named."),
        ("market", '"Prices at the Golden Age market are up a third since spring," said Tom Reyes, who runs a '
                   "stall there."),
    ]
    assert [(a["article"], a["confidence"]) for a in report["to_check"]] == [("bridge", 0.42)]
    first = report["attributions"][0]
    assert (first["cue"], first["speaker_mention"], first["act"]) == ("said", "Mayor Ann Lee", "statement")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", report["generated"])


def test_a_limit_says_what_it_left_out(made_db):
    report = report_json("--db", made_db, "--limit", "1")
    assert (report["total"], report["limit"], len(report["attributions"])) == (4, 1, 1)
    assert report["omitted"] == {"attributions": 3, "to_check": 0, "unattributed_claims": 0}
    markdown = runner.invoke(app, ["report", "--db", str(made_db), "--format", "markdown", "--limit", "1"]).stdout
    assert "Statements are listed from the first 1 of 4 (--limit); the counts cover all of them." in markdown


def test_articles_without_a_publisher_have_a_row(made_db):
    report = report_json("--db", made_db)
    assert [(p["publisher"], p["count"]) for p in report["publishers"]] == [("Gazette", 3), ("(unknown)", 1)]
    # ... but are no outlet for the findings to compare.
    assert not any("(unknown)" in finding for finding in report["findings"])


def test_reports_say_when_they_were_made(made_db):
    for fmt, pattern in (
        ("terminal", r"\nGenerated \d{4}-\d\d-\d\d \d\d:\d\d UTC by attrib [\d.]+\n"),
        ("markdown", r"\n_Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC by attrib [\d.]+_\n"),
        ("html", r"<footer>Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC by attrib [\d.]+ "),
    ):
        result = runner.invoke(app, ["report", "--db", str(made_db), "--format", fmt])
        assert re.search(pattern, result.stdout), fmt


def test_terminal_quotes_only_direct_speech_and_rows_to_check_carry_their_sentence(made_db):
    result = runner.invoke(app, ["report", "--db", str(made_db)], env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[lines.index("To check by hand (confidence below 0.60)"):-1] == [
        "To check by hand (confidence below 0.60)",
        "  0.42 council officials (indirect, tier 3) in bridge: The council plans to",
        "       borrow $5 million for the work",
        "       sentence: The council plans to borrow $5 million for the work, according",
        "       to two officials who asked not to be named.",
        "",
        "Ann Lee (person, 2)",
        "  the new bridge over the Wensum would open in May \u2014 tier 1, indirect, 0.91",
        "  \u201cWe will build it on time and on budget, whatever the weather does this",
        "  winter\u201d \u2014 tier 1, direct, 0.95",
        "",
        "Tom Reyes (person, 1)",
        "  \u201cPrices at the Golden Age market are up a third since spring\u201d \u2014 tier 1,",
        "  direct, 0.88",
        "",
        "council officials (anonymous, 1)",
        "  The council plans to borrow $5 million for the work \u2014 tier 3, indirect, 0.42",
        "",
    ]
    assert max(len(line) for line in lines) <= 80


def test_the_html_of_one_article_shows_its_text_with_every_statement_marked(made_db):
    html = runner.invoke(app, ["report", "--db", str(made_db), "--article", "bridge", "--format", "html"]).stdout
    view = html.split('<div class="article">\n')[1].split("\n</div>")[0]

    def marked(css: str, number: int, text: str) -> str:
        return f'<span class="{css}" title="{TITLES[number]}">{text}</span>'

    assert view.splitlines() == [
        f'<p>{marked("speaker", 1, "Mayor Ann Lee")} {marked("cue", 1, "said")} '
        f'{marked("c1", 1, "the new bridge over the Wensum would open in May")}<sup>1</sup>. &quot;'
        f'{marked("c1", 2, "We will build it on time and on budget, whatever the weather does this winter")}'
        f'<sup>2</sup>,&quot; {marked("speaker", 2, "she")} {marked("cue", 2, "said")}.</p>',
        f'<p>{marked("c3", 3, "The council plans to borrow $5 million for the work")}<sup>3</sup>, '
        f'{marked("cue", 3, "according to")} {marked("speaker", 3, "two officials who asked not to be named")}.</p>',
    ]


TITLES = {
    1: "1. Ann Lee (person), as \u201cMayor Ann Lee\u201d \u00b7 cue \u201csaid\u201d \u00b7 indirect statement "
       "\u00b7 tier 1 on the record \u00b7 confidence 0.91",
    2: "2. Ann Lee (person), as \u201cshe\u201d \u00b7 cue \u201csaid\u201d \u00b7 direct statement \u00b7 tier 1 "
       "on the record \u00b7 confidence 0.95",
    3: "3. council officials (anonymous), as \u201ctwo officials who asked not to be named\u201d \u00b7 cue "
       "\u201caccording to\u201d \u00b7 indirect statement \u00b7 tier 3 anonymous \u00b7 confidence 0.42",
}
