"""Speakers on a real corpus: the seed and PolNeAR dev ingested into one database
(skipped when ../shared/polnear is absent). One speaker, one row."""

from __future__ import annotations

import re

import pytest

from attrib.lexicons import load_name_lexicon
from attrib.resolve.names import NameParts, name_word
from attrib.run.ingest import ingest
from attrib.store import QuoteFilters, open_database, quotes
from attrib.store.identity import is_joint_name
from conftest import FIXTURES, ROOT, get_nlp

DEV = ROOT / ".." / "shared" / "polnear" / "dev.articles.jsonl"

pytestmark = pytest.mark.skipif(not DEV.is_file(), reason="PolNeAR data (../shared/polnear) is absent")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    database = open_database(tmp_path_factory.mktemp("corpus") / "attrib.db")
    counts = ingest(database, [str(FIXTURES), str(DEV)], get_nlp())
    assert counts.failed == 0 and counts.ingested == 85
    return database


def names(db) -> list[tuple[str, str]]:
    return db.execute("SELECT name, type FROM speakers").fetchall()


def test_no_speaker_name_carries_an_epithet_a_headline_verb_or_two_people(db):
    lexicon = load_name_lexicon()
    for name, type in names(db):
        words = [name_word(w) for w in name.split()]
        if type == "person":
            assert len(words) == 1 or words[0] not in lexicon.epithets, name
            assert not set(words[1:]) & lexicon.headline_verbs or not name.istitle(), name
        assert not is_joint_name(name, type), name
        assert " ".join(words) not in lexicon.not_names, name


def test_trump_obama_and_clinton_are_one_row_each_with_their_aliases(db):
    rows = {
        name: aliases
        for name, aliases in db.execute(
            """SELECT name, aliases FROM speakers WHERE type IN ('person', 'unknown')
               AND (surname IN ('trump', 'obama', 'clinton') OR name IN ('Trump', 'Obama', 'Clinton'))"""
        )
    }
    people = {
        name
        for name in rows
        if (parts := NameParts.of(name)) is not None and parts.first in ("", "donald", "barack", "hillary")
    }
    assert people == {"Donald Trump", "Barack Obama", "Hillary Clinton"}
    for name, alias in (("Donald Trump", "Trump"), ("Barack Obama", "Mr. Obama"), ("Hillary Clinton", "Clinton")):
        assert f'"{alias}":' in rows[name]


def test_quotes_of_hillary_clinton_are_hers_only(db):
    found = quotes(db, QuoteFilters(speaker="Hillary Clinton", limit=0))
    assert len(found) > 50
    assert {q["speaker"] for q in found} == {"Hillary Clinton"}


def test_none_of_barack_obamas_goes_to_michelle_obama(db):
    mentions = {
        row[0]
        for row in db.execute(
            """SELECT attributions.speaker_mention FROM attributions JOIN speakers ON speakers.id = attributions.speaker_id
               WHERE speakers.name = 'Michelle Obama'"""
        )
    }
    assert not any(re.search(r"\b(Mr\.|President|Barack)\b", m or "") for m in mentions), mentions
