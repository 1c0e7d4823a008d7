"""`attrib db browse`: Datasette with attrib's metadata (descriptions, search on the
view, hidden span columns, ready queries), run in-process on the hand-made database
of tests/handmade.py."""

from __future__ import annotations

import asyncio

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.store.browse import datasette_metadata, register_plugin
from handmade import build

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The Datasette responses the tests look at, fetched once."""
    path = build(tmp_path_factory.mktemp("browse") / "quotes.db")
    register_plugin()

    async def fetch():
        ds = datasette_app.Datasette(files=[str(path)], metadata=datasette_metadata(path))
        await ds.invoke_startup()
        get = ds.client.get
        return {
            "database": (await get("/quotes.json")).json(),
            "search": (await get("/quotes/attributions_view.json?_search=golden+age&_shape=objects")).json(),
            "view page": await get("/quotes/attributions_view"),
            "table page": await get("/quotes/attributions"),
            "hidden": await get("/quotes/attributions?_nocol=content_spans&_nocol=cue_spans&_nocol=mention_spans"),
            "table json": (await get("/quotes/attributions.json?_shape=objects")).json(),
            "by publisher": (await get("/quotes/anonymous_share_by_publisher.json?_shape=objects")).json(),
            "speaker": (await get("/quotes/speaker_statements.json?speaker=reyes&_shape=objects")).json(),
            "to check": (await get("/quotes/to_check.json?below=&_shape=objects")).json(),
            "to check 0.9": (await get("/quotes/to_check.json?below=0.9&_shape=objects")).json(),
        }

    return asyncio.run(fetch())


def test_the_view_is_searchable(pages):
    assert [(r["speaker"], r["article_id"]) for r in pages["search"]["rows"]] == [("Tom Reyes", "market")]
    assert pages["view page"].status_code == 200
    assert 'name="_search"' in pages["view page"].text  # the search box


def test_tables_and_columns_are_described(pages):
    page = pages["view page"].text
    assert "One row per attribution, joined to its speaker and article." in page
    assert "Sourcing tier: 1 on the record, 2 second-hand, 3 anonymous, 4 unsourced." in page
    assert pages["database"]["tables"]  # and the internal _migrations table is hidden
    assert {t["name"]: t["hidden"] for t in pages["database"]["tables"]}["_migrations"] is True


def test_span_columns_are_hidden_on_the_page_but_kept_in_the_data(pages):
    redirect = pages["table page"]
    assert redirect.status_code == 302
    assert redirect.headers["location"] == (
        "/quotes/attributions?_nocol=content_spans&_nocol=cue_spans&_nocol=mention_spans"
    )
    assert pages["hidden"].status_code == 200
    assert "col-content_spans" not in pages["hidden"].text and "col-content " in pages["hidden"].text
    assert pages["table json"]["rows"][0]["content_spans"] == "[[19, 67]]"


def test_ready_queries(pages):
    assert pages["by publisher"]["rows"] == [
        {"publisher": "Gazette", "statements": 3, "anonymous": 1, "anonymous_percent": 33.3},
        {"publisher": "(unknown)", "statements": 1, "anonymous": 0, "anonymous_percent": 0.0},
    ]
    assert [(r["speaker"], r["article"]) for r in pages["speaker"]["rows"]] == [("Tom Reyes", "market")]
    assert [(r["confidence"], r["speaker"]) for r in pages["to check"]["rows"]] == [(0.42, "council officials?")]
    assert [r["confidence"] for r in pages["to check 0.9"]["rows"]] == [0.42, 0.88]


def test_browse_needs_a_database(tmp_path):
    result = CliRunner().invoke(app, ["db", "browse", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stderr == f"attrib: {tmp_path / 'none.db'}: no database here (run `attrib ingest` first, or give --db)\n"
