"""What is not an attribution: one attribution in, one out, and reporting words that report nothing here."""

from __future__ import annotations

import pytest

from conftest import describe
from test_indirect_speech import INDIRECT
from constructions import QUOTE_AND_PUNCT, the_attribution, check


# --- not attributions ------------------------------------------------------------------


@pytest.mark.parametrize("text,fragment", [
    ('The so-called "modernisation" of the port cost millions.', "modernisation"),
    ("The so-called “reform” of the pension system passed on Thursday.", "reform"),
    ('Her cousin starred in "Winter Harbour" two years ago.', "Winter Harbour"),
    ("The striker, known as “The Hawk”, scored twice against Lunden.", "The Hawk"),
    ("Delegates from Marrowby arrived for the “summit” on Friday.", "summit"),
], ids=["so-called-straight", "so-called-curly", "title", "nickname", "scare-quote-noun"])
def test_scare_quotes_and_titles_are_not_attributions(analyze, text, fragment):
    attributions = analyze(text)
    bare = [a for a in attributions if a.content.text.strip(QUOTE_AND_PUNCT) == fragment]
    assert not bare, f"{fragment!r} in {text!r} is not a statement, but attrib emitted:\n{describe(bare)}"


# --- precision: one attribution in, one attribution out ---------------------------------

SINGLE_ATTRIBUTION = [
    '"The bridge will reopen in May," Lena Morales said.',
    "“The new rules will cut waiting times,” said Ilse Varga, a spokeswoman for the ministry.",
    '"The harvest was poor this year," Tomas Lindqvist said, "but the cooperative will survive."',
    "Mayor Hana Lindgren put it simply: “The library on Mill Street stays open.”",
    'Osman Adeyemi said that the tariff plan was "a gift to importers and a blow to growers."',
    *[c[1] for c in INDIRECT],
    "The Kessel dam is safe for another decade, according to Carmen Ruiz, the chief engineer.",
    "As per a report in Coastline Times, which cited sources, the port authority will double its fees next year.",
    "The Carrow Valley Gazette reported that the hospital had run out of insulin.",
    "In a statement, the Northfield Rail Company said that services would resume on Monday.",
    "Dmitri Volkov was quoted as saying that the election in Krasnaya had been fair.",
    "Lucia Ferreira arrived in Monteverde on Tuesday. She said the new clinic would open in the spring.",
    "The opposition leader, Viktor Hale, said the budget ignored small towns.",
    "Ruth Abara defeated Paul Mensah in the leadership vote in March. In a statement posted on Abara's "
    "official website, the head of the party expressed her gratitude to the volunteers.",
    "Officials who spoke on condition of anonymity said the ceasefire talks would resume next week.",
]


@pytest.mark.parametrize("text", SINGLE_ATTRIBUTION, ids=lambda t: "-".join(t.split()[:4]).strip('"“”,.'))
def test_exactly_one_attribution_emitted(analyze, text):
    """Each of these texts holds exactly one attribution; anything more is a false positive."""
    attributions = analyze(text)
    assert len(attributions) == 1, f"in {text!r} expected 1 attribution, got {len(attributions)}:\n{describe(attributions)}"


# --- false alarms: reporting words that report nothing here -----------------------------

NO_ATTRIBUTION = [
    # The writer addressing the reader.
    "Read the full interview with the harbour master on page six.",
    "Please see the attached timetable for the ferries to Kessel.",
    "Don't blame the council for the potholes on Mill Street.",
    # "add" with an object is arithmetic, not speech.
    "The bakery in Ostbury added forty jobs last year.",
    "The storm adds to the pressure on the council in Kessel.",
    # Appearing somewhere is not an appearance of anything said.
    "The minister appeared on a morning talk show in Kessel on Sunday.",
    # An interviewer's question: its object is asked about, not said.
    "Do you support the new ferry tax in Kessel?",
    # An idiom of the writer's: nobody's report.
    "It goes without saying that the ferry tax in Kessel is unpopular.",
    # A name given ("called"), and what someone says judged but not given.
    "His nonprofit group, called the Kessel Harbour Fund, will still own the pier until it pays back the loan.",
    "Everything the mayor of Kessel says is false.",
    "We don't care. Everything Lee says is a lie and her supporters know it.",
]


@pytest.mark.parametrize("text", NO_ATTRIBUTION, ids=lambda t: "-".join(t.split()[:4]).strip('"“”,.'))
def test_no_attribution_emitted(analyze, text):
    attributions = analyze(text)
    assert not attributions, f"in {text!r} expected no attribution, got:\n{describe(attributions)}"


def test_supposed_beliefs_and_anyones_decisions_are_no_acts_of_anyone(analyze):
    # A belief supposed with a modal, a decision of no one in particular, a liking, a
    # feeling for someone, words removed, a description in the passive: other.
    for text in ("The ferry tax is what most people in Kessel would consider a bargain.",
                 "Audits are in no way affected by an individual's decision to release his or her returns.",
                 "Her daughter likes to sing in the choir.",
                 "It reflects the affection that many islanders feel for the old ferry captain.",
                 'The council stripped out a call for "more ferries" and replaced it with softer words.',
                 "Ms. Kober is a major donor and has been mentioned as a potential harbour master."):
        assert [a.act for a in analyze(text) if a.act != "other"] == [], text


def test_what_someone_is_let_or_could_say_is_no_statement(analyze):
    for text in ("Guidelines that allow companies to tell ''one country that a subsidiary is a corporation''.",
                 "Under the plan, people would enroll, and then state and local leaders could call on their help."):
        assert [a.act for a in analyze(text) if a.act == "statement"] == [], text


def test_what_is_imagined_or_wished_said_is_no_statement(analyze):
    for text in ("Say Kessel demanded that the ferry company prove every passenger paid the tax.",
                 "Suppose the mayor said the pier would close for a year.",
                 'I hope in 2027 the island says, "Captain Berg, thank you for forty years of service."'):
        assert [a.act for a in analyze(text) if a.act == "statement"] == [], text
    # The same words quoted, or said by someone, are said.
    text = '"Say it again," the mayor said.'
    assert [(a.act, a.speaker.name) for a in analyze(text)] == [("statement", "mayor")]
    text = '"I hope the pier stays open," the mayor said.'
    assert [(a.act, a.speaker.name) for a in analyze(text)] == [("statement", "mayor")]


def test_an_infinitive_quoted_from_a_text_after_a_verb_of_no_speech_is_nobodys_words(analyze):
    text = ("Though the club's rules typically permit members to send proxies to vote for them if they can't "
            'attend, it\'s prohibited when voting "to fill a vacancy on the board," per the club\'s bylaws.')
    assert {a.act for a in analyze(text) if "vacancy" in a.content.text} == {"other"}


def test_words_a_conditional_puts_in_anyones_mouth_are_nobodys(analyze):
    text = 'If the town were run sensibly, a reader would now ask: "Why is the pier still closed?"'
    assert [a.act for a in analyze(text) if a.act == "statement"] == []
    text = '"Why is the pier still closed?" a reader asked in a letter this week.'
    assert [(a.act, a.speaker.name) for a in analyze(text)] == [("statement", "reader")]


def test_what_someone_heard_is_others_words_not_theirs(analyze):
    text = "Many islanders have heard by now that the ferry will stop in May."
    assert {(a.act, a.speaker.name) for a in analyze(text)} == {("other", "Many islanders")}


def test_answering_someone_elses_words_states_nothing_of_ones_own(analyze):
    text = "Mayor Ann Lind responded to Mr. Berg's debate interjection that closing the pier made him ''smart.''"
    assert [a.act for a in analyze(text) if a.act == "statement"] == []
    # Her own answer is said.
    text = "Mayor Ann Lind responded that the pier would reopen in May."
    assert [(a.act, a.speaker.name) for a in analyze(text) if a.act == "statement"] == [("statement", "Ann Lind")]


def test_a_document_someone_else_wrote_is_passed_on_not_stated(analyze):
    text = 'The mayor released a letter from her doctor on Friday that says she is in "excellent health."'
    assert [a.act for a in analyze(text) if a.act == "statement"] == []
    # Her own letter states.
    text = "The mayor released a letter on Friday saying that the pier would reopen in May."
    assert [(a.act, a.speaker.name) for a in analyze(text) if a.act == "statement"] == [("statement", "mayor")]


def test_a_wish_for_words_is_no_statement_however_the_parser_joins_them(nlp):
    # In a longer letter the parser may set "says" beside "hope" (parataxis) rather than
    # under it: the wish is the same.
    from spacy.tokens import Doc

    from attrib.extract.acts import _supposed
    from attrib.extract.candidate import Candidate

    words = ["I", "hope", "in", "2027", "Kessel", "says", ",", '"', "Thank", "you", '"']
    heads = [1, 1, 1, 2, 5, 1, 5, 5, 5, 8, 5]
    deps = ["nsubj", "ROOT", "prep", "pobj", "nsubj", "parataxis", "punct", "punct", "ccomp", "dobj", "punct"]
    lemmas = ["I", "hope", "in", "2027", "Kessel", "say", ",", '"', "thank", "you", '"']
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
    start = doc[8].idx
    candidate = Candidate(content=[(start, doc[9].idx + 3)], cue=[], source=(4, 5), cue_token=5, sentence=0,
                          pattern="verb-quote-after")
    assert _supposed(doc[5], candidate)


def test_added_with_a_clause_still_reports(analyze):
    text = "Mayor Lin added that the new bus route would open in May."
    check(the_attribution(analyze(text), "would open in May", text), text, cue="added", mention="Mayor Lin")


@pytest.mark.parametrize("text,predicate", [
    ("The new harbour plan seems sound.", "sound"),
    ("The ferry company appears ready to cut its fares.", "ready to cut its fares"),
])
def test_linking_seem_has_no_speaker(analyze, text, predicate):
    """ "X seems Y" is an appearance of "X | Y": the subject is what it is about, not a speaker."""
    a = the_attribution(analyze(text), predicate, text)
    assert a.speaker is None, f"expected no speaker, got:\n{describe([a])}"
    assert text.split(" seems")[0].split(" appears")[0] in a.content.text, describe([a])


@pytest.mark.parametrize("text,content,mention", [
    ("A petition calling for the closure of the Ostbury mine has reached 40,000 signatures.",
     "the closure of the Ostbury mine", "A petition"),
    ("Most residents saying they felt unsafe lived near the old harbour.", "they felt unsafe", "Most residents"),
])
def test_participle_modifying_a_noun_has_that_noun_as_speaker(analyze, text, content, mention):
    check(the_attribution(analyze(text), content, text), text, mention=mention)


def test_in_phrase_that_is_no_setting_completes_the_object(analyze):
    """ "condemned X in response to Y": "in" with no time or place finishes what was said."""
    text = "Mayor Lin condemned the strike in response to the new tax."
    check(the_attribution(analyze(text), "the strike in response to the new tax", text), text, cue="condemned")


@pytest.mark.parametrize("text,content", [
    ("Senator Okafor called for a ban on trawling in response to the fish kill.",
     "a ban on trawling in response to the fish kill"),
    ("The union complained about the new rota at a meeting on Friday.", "the new rota"),
])
def test_topic_takes_the_complements_after_it_but_not_the_setting(analyze, text, content):
    a = the_attribution(analyze(text), content, text)
    assert a.content.text.strip(QUOTE_AND_PUNCT) == content, describe([a])
