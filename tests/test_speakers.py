"""Speakers across the corpus (attrib/store/identity.py) and a human's corrections
(attrib/store/corrections.py), on articles built by hand: no spaCy."""

from __future__ import annotations

import json

import pytest

from attrib.errors import CorrectionError
from attrib.model import ACTS, Article, Attribution, Spans, Speaker, attribution_key
from attrib.store import QuoteFilters, open_database, quotes, speakers, store_articles, who_said
from attrib.store import corrections
from attrib.store.corrections import Review
from attrib.store.db import replace_attributions, write_transaction
from attrib.store.report_queries import speaker_names
from attrib.store.speaker_search import closest_names, matching_speakers
from attrib.store.schema import MIGRATIONS

ALL_ACTS = frozenset(ACTS)


def article(article_id: str, said: list[tuple[str, str, str, str]], type: str = "person"):
    """An article of sentences `MENTION said: "CONTENT".`, (name, mention, content,
    type or "") each, its attributions built by hand."""
    text, parts = "", []
    for name, mention, content, kind in said:
        start = len(text)
        text += f'{mention} said: "{content}". '
        c = text.index(content, start)
        parts.append((name, kind or type, (start, start + len(mention)), (c, c + len(content))))
    attributions = [
        Attribution(
            doc=article_id,
            kind="direct",
            content=Spans.from_offsets(text, [content]),
            cue=None,
            speaker=Speaker(name=name, type=kind, mention=Spans.from_offsets(text, [mention])),
            tier=1,
            confidence=0.9,
        )
        for name, kind, mention, content in parts
    ]
    return Article(id=article_id, text=text, publisher="P", published="2016-09-01"), attributions


@pytest.fixture
def db(tmp_path):
    return open_database(tmp_path / "attrib.db")


def rows(db) -> dict[str, dict]:
    """Each speaker row: name -> {type, aliases, count of attributions}."""
    return {
        name: {"type": type, "aliases": json.loads(aliases), "count": count}
        for name, type, aliases, count in db.execute(
            """SELECT name, type, aliases, (SELECT count(*) FROM attributions WHERE speaker_id = speakers.id)
               FROM speakers"""
        )
    }


def speaker_of(db, content: str):
    row = db.execute(
        "SELECT speakers.name FROM attributions LEFT JOIN speakers ON speakers.id = attributions.speaker_id WHERE content = ?",
        [content],
    ).fetchone()
    return row[0]


OBAMAS = [
    article("a1", [("Barack Obama", "President Barack Obama", "we will win", ""), ("Barack Obama", "Obama", "vote early", "")]),
    article("a2", [("Michelle Obama", "Michelle Obama", "go high", ""), ("Michelle Obama", "Mrs. Obama", "they go low", "")]),
    article("a3", [("Obama", "Mr. Obama", "a personal insult", ""), ("Obama", "President Obama", "my legacy", "")]),
    article("a4", [("Obama", "Mrs. Obama", "my garden", "")]),
]


def test_people_who_share_a_surname_stay_apart(db):
    store_articles(db, OBAMAS)
    assert rows(db) == {
        "Barack Obama": {"type": "person", "aliases": {"Mr. Obama": 1, "Obama": 1, "President Barack Obama": 1, "President Obama": 1}, "count": 4},
        "Michelle Obama": {"type": "person", "aliases": {"Mrs. Obama": 2}, "count": 3},
    }


def test_a_surname_seen_before_its_full_name_joins_it_later(db):
    a1, a2, a3, a4 = OBAMAS
    for pair in (a3, a2, a1, a4):
        store_articles(db, [pair])
    assert {name: row["count"] for name, row in rows(db).items()} == {"Barack Obama": 4, "Michelle Obama": 3}


def test_a_surname_row_whose_cues_disagree_joins_nobody(db):
    a1, a2, a3, a4 = OBAMAS
    store_articles(db, [a4])
    store_articles(db, [a3])  # "Obama" again, now "Mr." and "President": one row, mixed
    store_articles(db, [a2, a1])
    assert {name: row["count"] for name, row in rows(db).items()} == {"Obama": 3, "Barack Obama": 2, "Michelle Obama": 2}


def test_a_full_name_links_across_middle_initials_but_not_suffixes(db):
    store_articles(db, [
        article("b1", [("Donald Trump", "Donald Trump", "walls", "")]),
        article("b2", [("Donald J. Trump", "Donald J. Trump", "taxes", "")]),
        article("b3", [("Donald Trump Jr.", "Donald Trump Jr.", "emails", "")]),
    ])
    assert {n: r["count"] for n, r in rows(db).items()} == {"Donald Trump": 2, "Donald Trump Jr.": 1}


def test_a_full_name_links_to_the_same_name_with_a_short_first_name(db):
    store_articles(db, [
        article("n1", [("Leonard E. Burman", "Leonard E. Burman", "the plan adds to the debt", "")]),
        article("n2", [("Len Burman", "Len Burman", "the plan cuts taxes", "")]),
        article("n3", [("Lenore Burman", "Lenore Burman", "the plan is new", "")]),
    ])
    assert {n: r["count"] for n, r in rows(db).items()} == {"Leonard E. Burman": 2, "Lenore Burman": 1}


def test_a_surname_goes_to_its_usual_bearer_only_when_clear(db):
    donald = [article(f"d{i}", [("Donald Trump", "Trump", f"said {i}", "")]) for i in range(4)]
    bushes = [
        article("g1", [("George W. Bush", "Bush", "mission", "")]),
        article("g2", [("George H.W. Bush", "Bush", "read my lips", "")]),
    ]
    store_articles(db, donald + bushes + [
        article("e1", [("Eric Trump", "Eric Trump", "my father", "")]),
        article("t1", [("Trump", "Trump", "a bare surname", "")]),
        article("t2", [("Bush", "Bush", "another bare surname", "")]),
    ])
    assert speaker_of(db, "a bare surname") == "Donald Trump"
    assert speaker_of(db, "another bare surname") == "Bush"


def test_joint_mentions_pronouns_and_epithets_make_no_speaker(db):
    store_articles(db, [article("j", [
        ("Donald Trump", "Donald Trump and Hillary Clinton", "the debate was fair", ""),
        ("Donald Trump", "Donald Trump", "I won", ""),
        ("his", "his", "pronoun", "unknown"),
        ("Trump and Clinton", "Trump and Clinton", "both", ""),
        ("Crooked Hillary Clinton", "Hillary Clinton", "I am with her", ""),
    ])])
    assert rows(db) == {
        "Donald Trump": {"type": "person", "aliases": {}, "count": 1},
        "Hillary Clinton": {"type": "person", "aliases": {}, "count": 1},
    }
    assert speaker_of(db, "the debate was fair") is None
    mention = db.execute("SELECT speaker_mention FROM attributions WHERE content = 'the debate was fair'").fetchone()[0]
    assert mention == "Donald Trump and Hillary Clinton"  # the mention is kept


def test_an_acronym_and_its_expansion_are_one_organisation_apart_from_people(db):
    store_articles(db, [
        article("f1", [("FBI", "FBI", "we looked", "government")]),
        article("f2", [("Federal Bureau of Investigation", "the Federal Bureau of Investigation", "no charges", "government")]),
        article("w1", [("White House", "the White House", "no comment", "government"),
                       ("Barack Obama", "Barack Obama", "I decide", "")]),
    ])
    assert {n: r["count"] for n, r in rows(db).items()} == {
        "Federal Bureau of Investigation": 2, "White House": 1, "Barack Obama": 1
    }


def test_names_in_one_article_that_stand_for_another_link_with_it(db):
    store_articles(db, [article("s", [
        ("Terry Strada", "Terry Strada", "we are tired of waiting", ""),
        ("Strada", "Strada", "intimidation", "government"),
        ("International Monetary Fund", "The International Monetary Fund", "growth will slow", "organization"),
        ("fund", "the fund", "questions remain", "unknown"),
        ("Senator", "Senator from Texas", "no comment", ""),
        ("Clinton\u2019s campaign", "Clinton\u2019s campaign", "a rally", "unknown"),
        ("BRUSSELS - European leaders", "European leaders", "more drones", "anonymous"),
    ])])
    assert {n: r["count"] for n, r in rows(db).items()} == {
        "Terry Strada": 2, "International Monetary Fund": 2, "Clinton campaign": 1, "European leaders": 1
    }
    assert speaker_of(db, "no comment") is None


def test_speaker_search_takes_the_canonical_name_before_aliases(db):
    store_articles(db, [
        article("c1", [("Hillary Clinton", "Clinton", "stronger together", "")]),
        article("c2", [("Bill Clinton", "Clinton", "it depends", ""), ("Bill Clinton", "Bill Clinton", "I feel your pain", "")]),
        article("c3", [("Doug Burgum", "Interior Secretary Doug Burgum", "a golden age", "")]),
    ])
    def contents(speaker):
        return [r["content"] for r in quotes(db, QuoteFilters(speaker=speaker))]

    assert contents("Hillary Clinton") == ["stronger together"]
    assert contents("hillary clinton") == ["stronger together"]
    assert sorted(contents("Clinton")) == ["I feel your pain", "it depends", "stronger together"]
    assert contents("interior secretary") == ["a golden age"]
    assert contents("Burgam") == [] and matching_speakers(db, "Burgam") == []
    assert closest_names(db, "Burgam") == ["Doug Burgum"]
    assert closest_names(db, "Zzyzx") == []


def stored_with_corrections(db):
    store_articles(db, OBAMAS + [article("x", [("his", "his", "junk", "unknown"), ("My father", "My father", "dad said", "unknown")])])


def test_merge_rename_and_ignore_apply_now_and_to_articles_stored_later(db):
    stored_with_corrections(db)
    with write_transaction(db):
        assert corrections.merge_speakers(db, "michelle obama", "Barack Obama") == 3
        corrections.rename_speaker(db, "Barack Obama", "The Obamas", "organization")
        assert corrections.ignore_speaker(db, "My father") == 1
    assert {n: (r["type"], r["count"]) for n, r in rows(db).items()} == {"The Obamas": ("organization", 7)}
    assert speaker_of(db, "dad said") is None
    store_articles(db, [article("later", [
        ("Michelle Obama", "Michelle Obama", "later one", ""),
        ("Barack Obama", "Barack Obama", "later two", ""),
        ("My father", "My father", "later three", "unknown"),
    ])])
    assert [speaker_of(db, c) for c in ("later one", "later two", "later three")] == ["The Obamas", "The Obamas", None]
    assert [r["action"] for r in corrections.list_corrections(db)] == ["merge", "rename", "ignore"]


def test_corrections_refuse_what_is_not_there(db):
    stored_with_corrections(db)
    with pytest.raises(CorrectionError, match="no speaker named 'Barak Obama'; did you mean 'Barack Obama'"):
        corrections.merge_speakers(db, "Barak Obama", "Michelle Obama")
    with pytest.raises(CorrectionError, match="another speaker"):
        corrections.rename_speaker(db, "Barack Obama", "Michelle Obama")
    with pytest.raises(CorrectionError, match="no attribution with id 999"):
        corrections.review_attribution(db, 999, Review("confirmed"))
    with pytest.raises(CorrectionError, match="not an act"):
        corrections.review_attribution(db, 1, Review("confirmed", act="shout"))


def attribution_id(db, content: str) -> int:
    return db.execute("SELECT id FROM attributions WHERE content = ?", [content]).fetchone()[0]


def test_reviews_change_what_queries_show_and_survive_a_reanalysis(db):
    stored_with_corrections(db)
    with write_transaction(db):
        corrections.review_attribution(db, attribution_id(db, "we will win"), Review("confirmed"))
        corrections.review_attribution(db, attribution_id(db, "vote early"), Review("rejected"))
        corrected = corrections.review_attribution(
            db, attribution_id(db, "junk"), Review("confirmed", speaker="Barack Obama", tier=2, act="thought")
        )
    assert (corrected["speaker"], corrected["tier"], corrected["act"], corrected["review"]) == ("Barack Obama", 2, "thought", "confirmed")

    def shown(confirmed=False):
        # Every act: "junk" was corrected to a thought.
        return sorted(r["content"] for r in quotes(db, QuoteFilters(speaker="Barack Obama", confirmed=confirmed, acts=ALL_ACTS)))

    assert shown() == ["a personal insult", "junk", "my legacy", "we will win"]
    assert shown(confirmed=True) == ["junk", "we will win"]
    assert who_said(db, "vote early") == []
    assert {r["speaker"]: r["total"] for r in speakers(db, confirmed=True, acts=ALL_ACTS)} == {"Barack Obama": 2}
    # The same articles analysed again: the reviews find their attributions by key.
    replace_attributions(db, OBAMAS[:1] + [article("x", [("his", "his", "junk", "unknown"), ("My father", "My father", "dad said", "unknown")])])
    assert shown() == ["a personal insult", "junk", "my legacy", "we will win"]
    assert shown(confirmed=True) == ["junk", "we will win"]


def test_exported_corrections_apply_again_to_another_database(db, tmp_path):
    stored_with_corrections(db)
    with write_transaction(db):
        corrections.merge_speakers(db, "Michelle Obama", "Barack Obama")
        corrections.ignore_speaker(db, "My father")
        corrections.review_attribution(db, attribution_id(db, "my garden"), Review("rejected"))
    exported = list(corrections.export_corrections(db))
    assert [(e["correction"], e.get("action") or e["verdict"]) for e in exported] == [
        ("speaker", "merge"), ("speaker", "ignore"), ("review", "rejected")
    ]
    other = open_database(tmp_path / "other.db")
    stored_with_corrections(other)
    records = [(i, json.loads(json.dumps(e))) for i, e in enumerate(exported, start=1)]
    records.append((9, {"correction": "review", "version": 1}))
    records.append((10, {"correction": "speaker", "version": 99, "action": "merge"}))
    with write_transaction(other):
        counts = corrections.import_corrections(other, records)
    assert (counts.speakers, counts.reviews) == (2, 1)
    assert [f.split(":")[0] for f in counts.failed] == ["line 9", "line 10"]
    assert {n: r["count"] for n, r in rows(other).items()} == {n: r["count"] for n, r in rows(db).items()}
    assert [r["content"] for r in quotes(other, QuoteFilters(speaker="Barack Obama"))] == [
        r["content"] for r in quotes(db, QuoteFilters(speaker="Barack Obama"))
    ]


def test_a_database_from_before_speaker_identity_is_brought_up_to_date(tmp_path):
    from sqlite_utils import Database

    path = tmp_path / "old.db"
    old = Database(path)
    # As migrations m001-m005 left it, with a speaker and an attribution.
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    for function in MIGRATIONS[:5]:
        function(old)
        old.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, 'then')", [function.__name__])
    old.execute("INSERT INTO articles (id, content_hash, text) VALUES ('a', 'h', 'Mr. Obama said: \"yes\".')")
    old.execute("INSERT INTO speakers (id, name, type, aliases) VALUES (1, 'Obama', 'person', '[\"Mr. Obama\"]')")
    old.execute(
        """INSERT INTO attributions (article_id, speaker_id, kind, content, content_spans, speaker_mention, tier, confidence)
           VALUES ('a', 1, 'direct', 'yes', '[[18, 21]]', 'Mr. Obama', 1, 0.9)"""
    )
    old.conn.commit()
    old.conn.close()
    db = open_database(path)
    key, in_article, alias = db.execute("SELECT key, speaker_in_article, mention_alias FROM attributions").fetchone()
    assert (key, in_article, alias) == (attribution_key([(18, 21)], None, "yes"), "Obama", "Mr. Obama")
    assert db.execute("SELECT aliases, surname FROM speakers").fetchone() == ('{"Mr. Obama": 1}', "obama")
    assert "review" in {c.name for c in db["attributions_view"].columns}


def test_an_untyped_speaker_of_an_act_that_is_no_statement_gets_no_row(db):
    """ "The Council's starkest recent failure shows ...": the mention stays with its
    attribution, but no speaker row is made of it; an untyped statement speaker gets one."""
    stored, attributions = article("acts", [
        ("Council's starkest recent failure", "The Council's starkest recent failure", "groups are right", "unknown"),
        ("self-taught Cambridge resident", "the self-taught Cambridge resident", "comics are hard", "unknown"),
    ])
    attributions[0].act = "other"
    store_articles(db, [(stored, attributions)])
    assert set(rows(db)) == {"self-taught Cambridge resident"}
    assert speaker_of(db, "groups are right") is None
    assert db.execute("SELECT speaker_mention FROM attributions WHERE content = 'groups are right'").fetchone()[0] == (
        "The Council's starkest recent failure"
    )


def test_a_headline_verb_before_a_one_word_name_is_no_part_of_it():
    from attrib.store.identity import proper_name

    assert proper_name("Say Mexico", "government") == "Mexico"
    assert proper_name("Call of Duty", "organization") == "Call of Duty"
    assert proper_name("Save the Children", "organization") == "Save the Children"


def test_a_persons_campaign_is_stored_by_the_owners_surname(db):
    from attrib.store.identity import proper_name

    assert proper_name("Susan Quill campaign", "organization") == "Quill campaign"
    assert proper_name("Susan Quill\u2019s campaign", "organization") == "Quill campaign"
    assert proper_name("Donald J. Orr campaign", "organization") == "Orr campaign"
    assert proper_name("Save Our Schools campaign", "organization") == "Save Our Schools campaign"
    assert proper_name("Republican Party campaign", "organization") == "Republican Party campaign"
    one = article("one", [("Susan Quill campaign", "Her campaign", "the rally drew a crowd", "organization")])
    two = article("two", [("Quill campaign", "The Quill campaign", "the ad airs Friday", "organization")])
    store_articles(db, [one, two])
    assert {name: row["count"] for name, row in rows(db).items()} == {"Quill campaign": 2}


def test_a_kind_of_organisation_whose_organisation_was_not_found_gets_no_row(db):
    # Beside the one union an article names, "the union" is that union.
    alone = article("alone", [("union", "the union", "the mill closed", "organization")])
    named = article("named", [("union", "the union", "the mill reopened", "organization"),
                              ("Carpenters Union", "the Carpenters Union", "the strike ended", "organization")])
    store_articles(db, [alone, named])
    assert {name: row["count"] for name, row in rows(db).items()} == {"Carpenters Union": 2}
    assert speaker_of(db, "the mill closed") is None


def description_rows(db, name: str) -> list[tuple[str, int]]:
    """The rows named `name`: (article, attributions) each, by article."""
    return db.execute(
        """SELECT described_in, (SELECT count(*) FROM attributions WHERE speaker_id = speakers.id)
           FROM speakers WHERE name = ? ORDER BY described_in""",
        [name],
    ).fetchall()


DESCRIBED = [
    article("b1", [("sources", "sources", "the deal is off", "anonymous"), ("sources", "Sources", "talks ended", "anonymous"),
                   ("Ann Lee", "Ann Lee", "no comment yet", "person"), ("fellow doctors", "fellow doctors", "he is unfit", "anonymous")]),
    article("b2", [("sources", "sources", "the mayor will resign", "anonymous"), ("poll", "the poll", "Lee leads by 4", "document"),
                   ("Ann Lee", "Lee", "I will run", "person"), ("nurses", "nurses", "he is fine", "anonymous"),
                   ("fellow doctors", "fellow doctors", "we agree", "anonymous")]),
]


def test_a_speaker_an_article_only_describes_is_that_articles_alone(db):
    # The "sources" of two stories are two sets of people; Ann Lee is one person.
    store_articles(db, DESCRIBED)
    assert description_rows(db, "sources") == [("b1", 2), ("b2", 1)]
    assert description_rows(db, "poll") == [("b2", 1)]
    assert description_rows(db, "Ann Lee") == [(None, 2)]
    assert [r["content"] for r in quotes(db, QuoteFilters(speaker="sources"))] == [
        "the deal is off", "talks ended", "the mayor will resign"]
    listed = {r["speaker"]: r["total"] for r in speakers(db)}
    assert listed == {"sources": 3, "Ann Lee": 2, "fellow doctors": 2, "poll": 1, "nurses": 1}
    assert len(speakers(db)) == 5
    assert speaker_names(db, "sources") == ["sources"]  # what a report on them is titled
    # Stored again later, an article's "sources" are its own again.
    store_articles(db, [article("b3", [("sources", "sources", "a third story", "anonymous")])])
    assert description_rows(db, "sources") == [("b1", 2), ("b2", 1), ("b3", 1)]


def test_corrections_of_a_description_apply_in_every_article(db):
    store_articles(db, DESCRIBED)
    with write_transaction(db):
        # b2 has both: its "fellow doctors" join its "nurses"; b1 has none, so its are renamed.
        assert corrections.merge_speakers(db, "fellow doctors", "nurses") == 2
        corrections.rename_speaker(db, "sources", "people close to the talks")
        assert corrections.ignore_speaker(db, "poll") == 1
    assert description_rows(db, "nurses") == [("b1", 1), ("b2", 2)]
    assert description_rows(db, "people close to the talks") == [("b1", 2), ("b2", 1)]
    assert description_rows(db, "poll") == []
    store_articles(db, [article("b4", [("sources", "sources", "later words", "anonymous"),
                                       ("fellow doctors", "fellow doctors", "later doubts", "anonymous")])])
    assert [speaker_of(db, c) for c in ("later words", "later doubts")] == ["people close to the talks", "nurses"]
    assert description_rows(db, "nurses") == [("b1", 1), ("b2", 2), ("b4", 1)]
    # Named as one person, the descriptions of every article become one row.
    with write_transaction(db):
        corrections.rename_speaker(db, "nurses", "Dr. Ray Oz", "person")
    assert description_rows(db, "Dr. Ray Oz") == [(None, 4)]


def test_one_group_of_unnamed_people_described_several_ways_is_one_row(db):
    # Counted, quantified or said with a synonym, an article's experts are one group,
    # named by its fullest form; one person of a group, and groups two fuller forms
    # part, stay apart.
    said = [(name, name, content, "anonymous") for name, content in [
        ("Several experts", "it is top-heavy"), ("all the experts", "it helps the rich"),
        ("tax experts", "the cuts are large"), ("tax experts", "the cuts are costly"),
        ("analysts", "it was still top-heavy"), ("One expert", "it is a giveaway"),
        ("Nearly eight of 10 voters", "the race is close"), ("voters", "Lee will win"),
        ("officials", "no deal"), ("Russian officials", "no hacking"), ("U.S. officials", "Russia hacked")]]
    store_articles(db, [article("g1", said)])
    assert {name: row["count"] for name, row in rows(db).items()} == {
        "tax experts": 5, "One expert": 1, "voters": 2, "officials": 1, "Russian officials": 1, "U.S. officials": 1}
    # Each statement keeps the article's own words for its speaker.
    assert db.execute("SELECT speaker_in_article FROM attributions WHERE content = 'it was still top-heavy'").fetchone() == ("analysts",)


@pytest.mark.parametrize("descriptions, groups", [
    ({"Doctors": 1, "fellow physicians": 2}, {"Doctors": "physicians", "fellow physicians": "physicians"}),
    ({"some Republicans": 1, "Republicans": 1}, {}),  # no group noun: named people of a party
    ({"a doctor": 1, "doctors": 1}, {}),
    ({"House aides": 1, "Senate aides": 1, "aides": 1}, {}),
    ({"most economists": 1, "economists": 3}, {"most economists": "economists", "economists": "economists"}),
])
def test_which_descriptions_are_one_group(descriptions, groups):
    from attrib.lexicons import load_lexicon
    from attrib.resolve.descriptions import one_group_names

    assert one_group_names(descriptions, load_lexicon()) == groups


@pytest.mark.parametrize("name, type, described", [
    ("sources", "anonymous", True), ("Axios sources", "anonymous", True), ("Polls", "document", True),
    ("human rights groups", "unknown", True), ("Member of House panel", "unknown", True),
    ("Trump", "unknown", False), ("Companies", "unknown", False), ("Doug Burgum", "person", False),
    ("Clinton campaign", "organization", False), ("Reuters", "media", False),
    ("GOP nominee", "person", True), ("Bill de Blasio", "person", False), ("Doctors", "person", True),
    ("Jones", "unknown", False),
])
def test_what_only_describes_a_speaker(name, type, described):
    # Descriptions get a row an article; a capitalised untyped word may be a surname.
    from attrib.store.identity import is_description

    assert is_description(name, type) is described


@pytest.mark.parametrize("name, type, stored", [
    ("America", "government", "United States"), ("the U.S.", "government", "United States"),
    ("Britain", "government", "United Kingdom"), ("America", "person", "America"),
    ("American Enterprise Institute", "organization", "American Enterprise Institute"),
])
def test_a_country_is_stored_by_one_name(name, type, stored):
    from attrib.store.identity import proper_name

    assert proper_name(name, type) == stored



def test_an_organisations_longer_alias_links_across_articles(db):
    # "Tax Policy Center" was one article's name for the Urban-Brookings Tax Policy
    # Center; a two-word alias ("Policy Center") could be any of several.
    store_articles(db, [article("t1", [
        ("Urban-Brookings Tax Policy Center", "the Tax Policy Center", "the plan costs more", "organization"),
        ("Urban-Brookings Tax Policy Center", "Policy Center", "the plan is vague", "organization"),
    ])])
    store_articles(db, [article("t2", [("Tax Policy Center", "Tax Policy Center", "a later analysis", "organization"),
                                       ("Policy Center", "Policy Center", "another center", "organization")])])
    assert speaker_of(db, "a later analysis") == "Urban-Brookings Tax Policy Center"
    assert speaker_of(db, "another center") == "Policy Center"


@pytest.mark.parametrize("first, second", [("U.S. Supreme Court", "Supreme Court"), ("Supreme Court", "U.S. Supreme Court")])
def test_an_institution_with_and_without_its_country_is_one_row(db, first, second):
    store_articles(db, [article("c1", [(first, first, "the law stands", "government")]),
                        article("c2", [(second, second, "the case is closed", "government")]),
                        article("c3", [("Missouri Supreme Court", "Missouri Supreme Court", "the ban stays", "government")])])
    assert {name: row["count"] for name, row in rows(db).items()} == {first: 2, "Missouri Supreme Court": 1}


def test_two_people_described_together_get_no_row(db):
    # "both presidential candidates" are two speakers: no row holds them as one.
    said = [(name, name, content, "anonymous") for name, content in [
        ("both presidential candidates", "no to the pact"), ("some environmental groups", "a fine plan"),
        ("several environmental groups", "a good plan")]]
    store_articles(db, [article("t1", said)])
    assert {name: row["count"] for name, row in rows(db).items()} == {"environmental groups": 2}
