"""A speaker's name within an article (attrib/resolve/names.py): its proper form, one
form per person, people who share a surname kept apart."""

from __future__ import annotations

import pytest

import attrib
from attrib.resolve.descriptions import fullest_descriptions
from attrib.resolve.names import NameParts, is_misspelling, is_speaker_name, names_two, person_name


@pytest.mark.parametrize(
    "written, proper",
    [
        ("Crooked Hillary Clinton", "Hillary Clinton"),
        ("Derelict Obama", "Obama"),
        ("Rip Donald Trump", "Donald Trump"),
        ("Obama Says", "Obama"),
        ("Obama Sees 'Personal Insult", "Obama"),
        ("Obama Seeks More Refugees", "Obama"),
        ("Injecting Clinton", "Clinton"),
        ("Mr. Obama", "Obama"),
        ("President-elect Trump", "Trump"),
        ("Vice President Mike Pence", "Mike Pence"),
        ("Rival Hillary Clinton", "Hillary Clinton"),
        ("Will Smith", "Will Smith"),
        ("Judge", "Judge"),
        ("Doug Burgum", "Doug Burgum"),
    ],
)
def test_a_persons_name_is_its_proper_part(written, proper):
    assert person_name(written) == proper


@pytest.mark.parametrize(
    "mention, name, two",
    [
        ("Donald Trump and Hillary Clinton", "Donald Trump", True),
        ("Mr. Obama and Hillary Clinton", "Obama", True),
        ("Both Mr. King and Mr. Schultz", "Larry King", True),
        ("Obama and Clinton's gut reaction", "Obama", True),
        ("Trump and his aides", "Donald Trump", False),
        ("Department of Health and Human Services", "Department of Health and Human Services", False),
        ("Donald Trump", "Donald Trump", False),
    ],
)
def test_a_mention_naming_two_people_is_told_apart(mention, name, two):
    assert names_two(mention, name) is two


@pytest.mark.parametrize(
    "name, speaker",
    [("his", False), ("which", False), ("you", False), ("That", False), ("", False), ("--", False), ("of", False),
     ("Trump", True), ("the senator", True)],
)
def test_pronouns_and_determiners_are_never_speaker_names(name, speaker):
    assert is_speaker_name(name) is speaker


def test_a_headline_phrase_is_no_persons_name():
    assert not is_speaker_name("Stealth Over Health", "person")
    assert is_speaker_name("Center For American Progress", "organization")


def test_full_names_of_one_person_agree_and_others_do_not():
    def same(a, b):
        return NameParts.of(a).same_person(NameParts.of(b))

    assert same("Donald J. Trump", "Donald Trump")
    assert same("Loretta E. Lynch", "Loretta Lynch")
    assert not same("George W. Bush", "George H.W. Bush")
    assert not same("Donald Trump Jr.", "Donald Trump")
    assert not same("Stephen Lynch", "Loretta Lynch")
    # A short first name is the full one it stands for, and no other.
    assert same("Len Burman", "Leonard E. Burman") and same("Bill Clinton", "William Clinton")
    assert not same("Bill Clinton", "Hillary Clinton") and not same("Len Burman", "Lenore Burman")
    assert is_misspelling("donand", "donald") and not is_misspelling("bobby", "betty")


def speakers_of(nlp, text: str) -> list[tuple[str, str]]:
    """(speaker name, mention) of each attribution, in reading order."""
    return [(a.speaker.name, a.speaker.mention.text) for a in attrib.analyze(text, nlp=nlp) if a.speaker and a.speaker.mention]


def test_mr_obama_is_never_michelle_obama(nlp):
    text = (
        "President Obama spoke in Ohio on Sunday. \"Turn out and vote,\" Mr. Obama said. "
        "The first lady, Michelle Obama, spoke after him. \"We need you,\" Mrs. Obama said. "
        "\"This is personal,\" Mr. Obama added."
    )
    assert speakers_of(nlp, text) == [("Obama", "Mr. Obama"), ("Michelle Obama", "Mrs. Obama"), ("Obama", "Mr. Obama")]


def test_a_title_and_a_gender_cue_choose_between_two_full_names(nlp):
    text = (
        "Barack Obama and Michelle Obama visited Ohio. \"Hope wins,\" Mrs. Obama said. "
        "\"Change is here,\" Mr. Obama said."
    )
    assert speakers_of(nlp, text) == [("Michelle Obama", "Mrs. Obama"), ("Barack Obama", "Mr. Obama")]


def test_an_epithet_and_a_slip_give_the_articles_own_full_name(nlp):
    text = (
        "Crooked Hillary Clinton spoke in Ohio. \"I will win,\" Clinton said. Donald Trump answered her. "
        "\"She is wrong,\" Trump said. \"Nobody listens to her,\" Donand Trump said."
    )
    assert speakers_of(nlp, text) == [
        ("Hillary Clinton", "Clinton"), ("Donald Trump", "Trump"), ("Donald Trump", "Donand Trump")
    ]


def test_a_bare_surname_goes_to_the_person_the_article_names_most(nlp):
    text = (
        "Ted Cruz endorsed the nominee on Friday. Ted Cruz had refused for months. "
        "Heidi Cruz stood beside him. \"I keep my word,\" Cruz said."
    )
    assert [name for name, mention in speakers_of(nlp, text) if mention == "Cruz"] == ["Ted Cruz"]


def test_a_bare_surname_goes_to_the_person_named_as_a_subject_or_owner(nlp):
    # Each named once: the story is about Nora Vance's health, not the administration
    # of Carl Vance, named after her and nearer the quote.
    text = (
        "Nora Vance's health was kept secret for years, her former doctor says.\n\n"
        "Dr. Ruth Ames, who served in the administration of former Governor Carl Vance, wrote a memoir. "
        "\"I was fine within days,\" Vance said later."
    )
    assert [name for name, mention in speakers_of(nlp, text) if mention == "Vance"] == ["Nora Vance"]


def test_an_outlet_run_into_a_persons_name_is_that_person(nlp):
    # No comma after the outlet: the small model makes one ORG of "the Washington Post Trump".
    text = (
        "Donald Trump spoke in Ohio on Monday.\n\n"
        "What is Trump’s view of NATO? In a March meeting with the editorial board of the Washington Post "
        "Trump said that U.S. involvement in NATO may need to be diminished.\n\n"
        "“NATO is costing us a fortune,” Trump said."
    )
    assert {a.speaker.name for a in attrib.analyze(text, nlp=nlp) if a.speaker is not None} == {"Donald Trump"}


@pytest.mark.parametrize(
    "speakers, fuller",
    [
        # The fuller form holds every word of the shorter.
        ([("study", "document"), ("exhaustive study", "document")], {"study": "exhaustive study"}),
        ([("Clinton campaign", "unknown"), ("Hillary Clinton’s campaign", "unknown")],
         {"Clinton campaign": "Hillary Clinton’s campaign"}),
        ([("his advisers", "anonymous"), ("advisers to Mr. Obama", "anonymous")], {"his advisers": "advisers to Mr. Obama"}),
        # A chain gives the fullest; two forms that part give none.
        ([("officials", "anonymous"), ("city officials", "anonymous"), ("city transit officials", "anonymous")],
         {"officials": "city transit officials", "city officials": "city transit officials"}),
        ([("officials", "anonymous"), ("Russian officials", "anonymous"), ("U.S. officials", "anonymous")], {}),
        # A name is no description; people and organisations are not grown here.
        ([("Yahoo", "unknown"), ("Yahoo shareholders", "anonymous")], {}),
        ([("Tom Forte", "person"), ("analyst Tom Forte", "anonymous")], {}),
        ([("study", "document"), ("study authors", "anonymous")], {}),
        # "another source" is someone else than "a source"; one unnamed person described
        # anew may be someone else than one described more fully.
        ([("source", "anonymous"), ("another source", "anonymous")], {}),
        ([("Democratic source", "anonymous"), ("one Democratic source on the panel", "anonymous")], {}),
        # A fuller form is of the same head: "the panel" is no "source on the panel".
        ([("panel", "unknown"), ("Democratic sources on the panel", "unknown")], {}),
    ],
)
def test_a_description_grows_to_the_fuller_form_the_article_gives_it(speakers, fuller):
    assert fullest_descriptions(speakers) == fuller


def test_the_same_unnamed_sources_get_the_articles_fuller_description(nlp):
    text = (
        "Transit department officials said the tunnel would reopen in May. "
        "The repairs cost more than expected, department officials said."
    )
    names = [a.speaker.name for a in attrib.analyze(text, nlp=nlp) if a.speaker is not None]
    assert names == ["Transit department officials", "Transit department officials"], names


def test_a_kind_of_organisation_alone_is_no_speaker_name():
    # "the union" whose union the article never names: no row; a named one is a name.
    names = [("union", "organization"), ("group", "organization"), ("campaign", "unknown"),
             ("Union", "organization"), ("Carpenters Union", "organization"), ("union members", "anonymous")]
    assert [is_speaker_name(name, type) for name, type in names] == [False, False, False, True, True, True]


@pytest.mark.parametrize("text, name", [
    ('">Sanders', "Sanders"), ("<Burgum>", "Burgum"), ('"Doug Burgum,', "Doug Burgum"), ("Procter & Gamble", "Procter & Gamble"),
])
def test_markup_and_edge_punctuation_are_no_part_of_a_name(text, name):
    # Scraped text leaves a tag's ">" before a name ('Mostly True.">Sanders said').
    from attrib.resolve.names import clean_name

    assert clean_name(text) == name


@pytest.mark.parametrize("name, first, surname", [
    ("Bill de Blasio", "bill", "de blasio"), ("De Blasio", "", "de blasio"), ("Osama bin Laden", "osama", "bin laden"),
    ("Van Jones", "van", "jones"), ("Ben Carson", "ben", "carson"), ("Donald Trump Jr.", "donald", "trump jr"),
])
def test_a_surname_keeps_its_particle_and_suffix(name, first, surname):
    # A particle in lower case, or one no first name has, opens the surname; "Van" and
    # "Ben" in capitals are first names.
    parts = NameParts.of(name)
    assert (parts.first, parts.surname) == (first, surname)


def test_a_surname_alone_finds_the_name_with_its_particle_or_suffix(nlp):
    from attrib.resolve.names import PersonNames

    doc = nlp("Mayor Ana de Lucca spoke first. De Lucca said the port would close. "
              "Senator Paul R. Marsh Jr. agreed. Mr. Marsh said it would reopen.")
    names = PersonNames(doc)
    assert names.full_name("De Lucca") == "Ana de Lucca"
    assert names.full_name("Marsh") == "Paul R. Marsh Jr."

