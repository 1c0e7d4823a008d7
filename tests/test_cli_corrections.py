"""A human in the loop through the command line: `attrib speakers merge|rename|ignore`,
`attrib review`, `attrib corrections export|import`, kept across `ingest` of new
articles and `ingest --reanalyse`, and shown by `speakers`, `quotes`, `report` and
Datasette."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from conftest import FIXTURES

runner = CliRunner()


def run(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


def as_json(*args) -> list[dict]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def totals(db) -> dict[str, int]:
    return {s["speaker"]: s["total"] for s in as_json("speakers", "--db", db)}


def first_id(db, speaker: str) -> int:
    return next(q["id"] for q in as_json("quotes", "--db", db, "--limit", 0) if q["speaker"] == speaker)


def content_of(db, attribution_id: int) -> str:
    return next(q["content"] for q in as_json("quotes", "--db", db, "--limit", 0) if q["id"] == attribution_id)


def corrected(db) -> dict:
    """The seed, with one correction of each kind; returns what each changed."""
    confirm, reject, fix = first_id(db, "US State Department"), first_id(db, "Delcy Rodriguez"), first_id(db, "Doug Burgum")
    changed = {"confirmed": content_of(db, confirm), "rejected": content_of(db, reject), "corrected": content_of(db, fix)}
    for args in (
        ("speakers", "merge", "Axios sources", "us state department"),
        ("speakers", "ignore", "Al Jazeera"),
        ("speakers", "rename", "Doug Burgum", "Douglas Burgum"),
    ):
        result = run(*args, "--db", db)
        assert result.exit_code == 0, result.output
    assert run("review", "confirm", confirm, "--db", db).exit_code == 0
    assert run("review", "reject", reject, "--db", db).exit_code == 0
    fixed = as_json("review", "correct", fix, "--tier", 2, "--act", "thought", "--db", db)
    assert [(r["speaker"], r["tier"], r["act"], r["review"]) for r in fixed] == [("Douglas Burgum", 2, "thought", "confirmed")]
    return changed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("corrections") / "attrib.db"
    result = run("ingest", FIXTURES, "--db", path)
    assert result.exit_code == 0, result.output
    before = totals(path)
    changed = corrected(path)
    expected = dict(before)
    expected["US State Department"] += expected.pop("Axios sources")
    del expected["Al Jazeera"]
    expected["Douglas Burgum"] = expected.pop("Doug Burgum") - 1  # one is now a thought, no statement
    expected["Delcy Rodriguez"] -= 1
    return path, expected, changed


@pytest.fixture(scope="module")
def db(seeded):
    return seeded[0]


def test_corrections_show_in_speakers_quotes_and_report(seeded):
    db, expected, changed = seeded
    assert totals(db) == expected
    confirmed_speakers = as_json("speakers", "--db", db, "--confirmed", "--act", "all")
    assert [(s["speaker"], s["on_record"], s["second_hand"], s["total"]) for s in confirmed_speakers] == [
        ("Douglas Burgum", 0, 1, 1), ("US State Department", 1, 0, 1)
    ]
    confirmed = as_json("quotes", "--db", db, "--confirmed", "--act", "all")
    assert sorted(q["content"] for q in confirmed) == sorted([changed["confirmed"], changed["corrected"]])
    assert all(q["content"] != changed["rejected"] for q in as_json("quotes", "--db", db, "--limit", 0))
    burgum = expected["Douglas Burgum"]
    assert [q["speaker"] for q in as_json("quotes", "--speaker", "burgum", "--db", db)] == ["Douglas Burgum"] * burgum
    # The one corrected to a thought (tier 2) is no statement: it shows only when every act is asked for.
    report = json.loads(run("report", "--speaker", "Douglas Burgum", "-f", "json", "--db", db).stdout)
    assert (report["title"], report["tiers"]) == ("Douglas Burgum", {"1": burgum, "2": 0, "3": 0, "4": 0})
    report = json.loads(run("report", "--speaker", "Douglas Burgum", "--act", "all", "-f", "json", "--db", db).stdout)
    assert report["tiers"] == {"1": burgum, "2": 1, "3": 0, "4": 0}
    confirmed_report = json.loads(run("report", "--confirmed", "--act", "all", "-f", "json", "--db", db).stdout)
    assert confirmed_report["tiers"] == {"1": 1, "2": 1, "3": 0, "4": 0}


def test_corrections_survive_reanalysis_and_apply_to_new_articles(seeded, tmp_path):
    db, expected, changed = seeded
    before = as_json("quotes", "--db", db, "--limit", 0)
    result = run("ingest", "--reanalyse", "--db", db)
    assert (result.exit_code, result.stderr.strip()) == (0, "analysed again 1, failed 0")
    assert totals(db) == expected
    after = as_json("quotes", "--db", db, "--limit", 0)
    assert [(q["speaker"], q["tier"], q["content"]) for q in after] == [(q["speaker"], q["tier"], q["content"]) for q in before]
    assert sorted(q["content"] for q in as_json("quotes", "--db", db, "--confirmed", "--act", "all")) == sorted(
        [changed["confirmed"], changed["corrected"]]
    )
    new = tmp_path / "later.txt"
    new.write_text(
        'Interior Secretary Doug Burgum said on Monday that the talks went well. '
        '"We will be back," Burgum said. Al Jazeera reported that the talks would resume.',
        encoding="utf-8",
    )
    assert run("ingest", new, "--db", db).exit_code == 0
    later = [q for q in as_json("quotes", "--db", db, "--article", "later")]
    assert {q["speaker"] for q in later} <= {"Douglas Burgum", None}
    assert sum(q["speaker"] == "Douglas Burgum" for q in later) == 2
    assert "Al Jazeera" not in totals(db) and "Doug Burgum" not in totals(db)


def test_exported_corrections_reapply_in_another_database(seeded, tmp_path):
    db, expected, changed = seeded
    exported = run("corrections", "export", "--db", db)
    assert exported.exit_code == 0
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [(c["correction"], c.get("action") or c["verdict"]) for c in lines] == [
        ("speaker", "merge"), ("speaker", "ignore"), ("speaker", "rename"),
        ("review", "confirmed"), ("review", "rejected"), ("review", "confirmed"),
    ]
    other = tmp_path / "other.db"
    assert run("ingest", FIXTURES, "--db", other).exit_code == 0
    path = tmp_path / "corrections.jsonl"
    path.write_text(exported.stdout + "not json\n", encoding="utf-8")
    result = run("corrections", "import", path, "--db", other)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"attrib: {path}: line 7: not JSON (Expecting value: line 1 column 1 (char 0))",
        "attrib: imported 3 speaker correction(s), 3 review(s), failed 1",
    ]
    assert totals(other) == expected
    assert sorted(q["content"] for q in as_json("quotes", "--db", other, "--confirmed", "--act", "all")) == sorted(
        [changed["confirmed"], changed["corrected"]]
    )


def test_mistakes_get_one_line_and_change_nothing(db):
    before = totals(db)
    for args, message in (
        (("speakers", "merge", "Doug Burgum", "Delcy Rodriguez"), "no speaker named 'Doug Burgum'; did you mean 'Douglas Burgum'?"),
        (("speakers", "rename", "Douglas Burgum", "Delcy Rodriguez"), "'Delcy Rodriguez' is another speaker"),
        (("review", "confirm", 99999), "no attribution with id 99999"),
        (("review", "correct", 1, "--act", "shout"), "'shout' is not an act"),
    ):
        result = run(*args, "--db", db)
        assert result.exit_code == 2
        assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert run("quotes", "--speaker", "Burgam", "--db", db).stderr.splitlines()[0] == (
        "attrib: no speaker matching 'Burgam'; did you mean 'Douglas Burgum'?"
    )
    assert totals(db) == before


def test_datasette_shows_the_corrected_values(db):
    datasette_app = pytest.importorskip("datasette.app")

    async def view():
        ds = datasette_app.Datasette(files=[str(db)])
        await ds.invoke_startup()
        rows = (await ds.client.get("/attrib/attributions_view.json?_shape=objects&_size=max")).json()["rows"]
        aliases = (await ds.client.get("/attrib/speaker_aliases.json?_shape=objects")).json()["rows"]
        return rows, aliases

    rows, aliases = asyncio.run(view())
    reviewed = {(r["speaker"], r["tier"], r["review"]) for r in rows if r["review"]}
    assert reviewed == {
        ("US State Department", 1, "confirmed"),
        ("Douglas Burgum", 2, "confirmed"),
        ("Delcy Rodriguez", 1, "rejected"),
    }
    assert {r["act"] for r in rows if r["review"] == "confirmed" and r["tier"] == 2} == {"thought"}
    assert "Douglas Burgum" in {r["speaker"] for r in rows}
    assert {"speaker_id", "alias", "count"} <= set(aliases[0])


def test_an_attribution_less_likely_right_waits_for_a_review_before_it_counts_for_its_speaker(tmp_path):
    from handmade import build

    db = build(tmp_path / "attrib.db")
    # "according to two officials who asked not to be named" was stored at 0.42: listed
    # with its speaker marked unsure, counted for no speaker.
    assert "council officials" not in totals(db)
    held = [q for q in as_json("quotes", "--db", db) if q["confidence"] < 0.5]
    assert [q["speaker"] for q in held] == ["council officials?"]
    assert as_json("quotes", "--speaker", "council officials", "--db", db) == []
    confirmed = as_json("review", "confirm", held[0]["id"], "--db", db)
    assert [(r["speaker"], r["review"]) for r in confirmed] == [("council officials", "confirmed")]
    assert totals(db)["council officials"] == 1
    assert [q["speaker"] for q in as_json("quotes", "--speaker", "council officials", "--db", db)] == ["council officials"]
    # The confirmation is a correction like any other: exported, it credits the
    # attribution in another database too.
    exported = tmp_path / "corrections.jsonl"
    exported.write_text(run("corrections", "export", "--db", db).stdout, encoding="utf-8")
    other = build(tmp_path / "other.db")
    assert run("corrections", "import", exported, "--db", other).exit_code == 0
    assert totals(other)["council officials"] == 1


def test_confirming_a_held_back_attribution_joins_the_row_of_its_speaker_in_the_article(tmp_path):
    from attrib.model import Article
    from attrib.store import open_database, store_articles
    from handmade import said

    text = 'Mayor Ann Lee said the bridge would open in May. She said it might be June.'
    sure = said(text, "the bridge would open in May", "said", "Mayor Ann Lee", "Ann Lee", "person", "indirect", 1, 0.9, "b")
    unsure = said(text, "it might be June", "said", "She", "Ann Lee", "person", "indirect", 1, 0.3, "b", after="She")
    path = tmp_path / "attrib.db"
    db = open_database(path)
    store_articles(db, [(Article(id="b", text=text), [sure, unsure])])
    db.conn.close()
    assert totals(path) == {"Ann Lee": 1}
    held = next(q for q in as_json("quotes", "--db", path) if q["speaker"] == "Ann Lee?")
    assert run("review", "confirm", held["id"], "--db", path).exit_code == 0
    assert totals(path) == {"Ann Lee": 2}
    rejected = tmp_path / "rejected.db"
    db = open_database(rejected)
    store_articles(db, [(Article(id="b", text=text), [sure, unsure])])
    db.conn.close()
    held = next(q for q in as_json("quotes", "--db", rejected) if q["speaker"] == "Ann Lee?")
    assert run("review", "reject", held["id"], "--db", rejected).exit_code == 0
    assert totals(rejected) == {"Ann Lee": 1}
    assert [q["speaker"] for q in as_json("quotes", "--db", rejected)] == ["Ann Lee"]
