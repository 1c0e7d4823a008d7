"""Speakers the parser lost or ran on: a mention without its asides and dateline, a speaker taken for a compound, a conjunct or the phrase before."""

from __future__ import annotations

import pytest

from constructions import the_attribution, check, hand_parsed, speakers_by_cue


def test_mention_leaves_out_an_adverbial_participle_set_off_by_commas():
    """ "Lin Ode, appearing at the forum, cited the polls." with "appearing" hung on the
    name as an adverbial clause: the aside is the writer's, as with a participle."""
    from attrib.extract.mention_edges import mention_without_aside

    doc = hand_parsed(
        ["Lin", "Ode", ",", "appearing", "at", "the", "forum", ",", "cited", "the", "polls", "."],
        [True, False, True, True, True, True, False, True, True, True, False, False],
        [1, 8, 1, 1, 3, 6, 4, 1, 8, 10, 8, 8],
        ["compound", "nsubj", "punct", "advcl", "prep", "det", "pobj", "punct", "ROOT", "det", "dobj", "punct"],
        ["PROPN", "PROPN", "PUNCT", "VERB", "ADP", "DET", "NOUN", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"],
        ["NNP", "NNP", ",", "VBG", "IN", "DT", "NN", ",", "VBD", "DT", "NNS", "."],
        ["Lin", "Ode", ",", "appear", "at", "the", "forum", ",", "cite", "the", "poll", "."],
    )
    assert mention_without_aside(doc, (0, 8)) == (0, 2)


def test_mention_starts_after_a_spaced_dash():
    """ "... is predictable - Lin Ode has vowed to close it." with "predictable" hung on
    the name: the words before the dash are the sentence's, not the speaker's."""
    from attrib.extract.mention_edges import mention_without_aside

    doc = hand_parsed(
        ["predictable", "-", "Lin", "Ode", "has", "vowed", "to", "close", "it", "."],
        [True, True, True, True, True, True, True, True, False, False],
        [3, 3, 3, 5, 5, 5, 7, 5, 7, 5],
        ["amod", "punct", "compound", "nsubj", "aux", "ROOT", "aux", "xcomp", "dobj", "punct"],
        ["ADJ", "PUNCT", "PROPN", "PROPN", "AUX", "VERB", "PART", "VERB", "PRON", "PUNCT"],
        ["JJ", "HYPH", "NNP", "NNP", "VBZ", "VBN", "TO", "VB", "PRP", "."],
        ["predictable", "-", "Lin", "Ode", "have", "vow", "to", "close", "it", "."],
    )
    assert mention_without_aside(doc, (0, 4)) == (2, 4)
    # A hyphen inside a word ("ex-wife") is no such dash.
    doc = hand_parsed(
        ["His", "ex", "-", "wife", "agreed", "."],
        [True, False, False, True, False, False],
        [3, 3, 3, 4, 4, 4],
        ["poss", "amod", "punct", "nsubj", "ROOT", "punct"],
        ["PRON", "ADJ", "PUNCT", "NOUN", "VERB", "PUNCT"],
        ["PRP$", "JJ", "HYPH", "NN", "VBD", "."],
        ["his", "ex", "-", "wife", "agree", "."],
    )
    assert mention_without_aside(doc, (0, 4)) == (0, 4)


def test_name_the_parser_took_for_a_compound_of_the_verb_is_its_speaker():
    """ "But Lin Ode claims that she lost." parsed as the small English model sometimes
    does: "claims" a plural noun at the root, with the name as its compounds and the
    clause still its complement."""
    doc = hand_parsed(
        ["But", "Lin", "Ode", "claims", "that", "she", "lost", "."],
        [True, True, True, True, True, True, False, False],
        [3, 3, 3, 3, 6, 6, 3, 3],
        ["cc", "compound", "compound", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        ["CCONJ", "PROPN", "PROPN", "NOUN", "SCONJ", "PRON", "VERB", "PUNCT"],
        ["CC", "NNP", "NNP", "NNS", "IN", "PRP", "VBD", "."],
        ["but", "Lin", "Ode", "claim", "that", "she", "lose", "."],
    )
    assert speakers_by_cue(doc) == {"claims": "Lin Ode"}


def test_speaker_the_parser_hung_on_the_phrase_before_it():
    """ "At a rally in Ohio, 62-year-old Lin Ode said that taxes rose." parsed as the small
    English model sometimes does: the name a second object of "in", "said" with no
    subject. The speaker is the noun phrase after the comma, hyphens and all."""
    doc = hand_parsed(
        ["At", "a", "rally", "in", "Ohio", ",", "62", "-", "year", "-", "old", "Lin", "Ode", "said", "that", "taxes",
         "rose", "."],
        [True, True, True, True, False, True, False, False, False, False, True, True, True, True, True, True,
         False, False],
        [13, 2, 0, 2, 3, 4, 8, 8, 10, 10, 12, 12, 3, 13, 16, 16, 13, 13],
        ["prep", "det", "pobj", "prep", "pobj", "punct", "nummod", "punct", "npadvmod", "punct", "amod", "compound",
         "pobj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        ["ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "NUM", "PUNCT", "NOUN", "PUNCT", "ADJ", "PROPN", "PROPN",
         "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        ["IN", "DT", "NN", "IN", "NNP", ",", "CD", "HYPH", "NN", "HYPH", "JJ", "NNP", "NNP", "VBD", "IN", "NNS",
         "VBD", "."],
        ["at", "a", "rally", "in", "Ohio", ",", "62", "-", "year", "-", "old", "Lin", "Ode", "say", "that", "tax",
         "rise", "."],
    )
    assert speakers_by_cue(doc) == {"said": "62-year-old Lin Ode"}


def test_speakers_the_parser_took_for_conjuncts_speak_for_both_verbs():
    """ "At the rally, Ode and Kell called the plan a fraud and described it as theft."
    with the names conjuncts of "rally": they are the speakers of both verbs."""
    doc = hand_parsed(
        ["At", "the", "rally", ",", "Ode", "and", "Kell", "called", "the", "plan", "a", "fraud", "and", "described",
         "it", "as", "theft", "."],
        [True, True, False, True, True, True, True, True, True, True, True, True, True, True, True, True, False,
         False],
        [7, 2, 0, 2, 2, 4, 4, 7, 9, 7, 11, 7, 7, 7, 13, 13, 15, 7],
        ["prep", "det", "pobj", "punct", "conj", "cc", "conj", "ROOT", "det", "dobj", "det", "oprd", "cc", "conj",
         "dobj", "prep", "pobj", "punct"],
        ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "DET", "NOUN", "CCONJ",
         "VERB", "PRON", "ADP", "NOUN", "PUNCT"],
        ["IN", "DT", "NN", ",", "NNP", "CC", "NNP", "VBD", "DT", "NN", "DT", "NN", "CC", "VBD", "PRP", "IN", "NN", "."],
        ["at", "the", "rally", ",", "Ode", "and", "Kell", "call", "the", "plan", "a", "fraud", "and", "describe", "it",
         "as", "theft", "."],
    )
    assert speakers_by_cue(doc) == {"called": "Ode and Kell", "described": "Ode and Kell"}


def test_speaker_the_parser_hung_on_the_phrase_before_an_aside():
    """ "In Ohio, Lin Ode, wearing a scarf, said that taxes rose." parsed with the name a
    second object of "In" and "said" with no subject: the participle aside between the
    name and the verb is stepped over, and kept with the name (as gold keeps it)."""
    doc = hand_parsed(
        ["In", "Ohio", ",", "Lin", "Ode", ",", "wearing", "a", "scarf", ",", "said", "that", "taxes", "rose", "."],
        [True, False, True, True, False, True, True, True, False, True, True, True, True, False, False],
        [10, 0, 1, 4, 0, 4, 4, 8, 6, 10, 10, 13, 13, 10, 10],
        ["prep", "pobj", "punct", "compound", "pobj", "punct", "acl", "det", "dobj", "punct", "ROOT", "mark", "nsubj",
         "ccomp", "punct"],
        ["ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "DET", "NOUN", "PUNCT", "VERB", "SCONJ", "NOUN",
         "VERB", "PUNCT"],
        ["IN", "NNP", ",", "NNP", "NNP", ",", "VBG", "DT", "NN", ",", "VBD", "IN", "NNS", "VBD", "."],
        ["in", "Ohio", ",", "Lin", "Ode", ",", "wear", "a", "scarf", ",", "say", "that", "tax", "rise", "."],
    )
    assert speakers_by_cue(doc) == {"said": "Lin Ode, wearing a scarf"}


def test_speaker_the_parser_hung_on_the_phrase_before_a_prepositional_aside():
    """ "At the rally, Lin Ode, without naming Kell, also accused the council of waste."
    parsed with the name an apposition of "rally": the speaker is the name alone (gold
    leaves such a phrase out)."""
    doc = hand_parsed(
        ["At", "the", "rally", ",", "Lin", "Ode", ",", "without", "naming", "Kell", ",", "also", "accused", "the",
         "council", "of", "waste", "."],
        [True, True, False, True, True, False, True, True, True, False, True, True, True, True, True, True, False,
         False],
        [12, 2, 0, 2, 5, 2, 5, 12, 7, 8, 12, 12, 12, 14, 12, 12, 15, 12],
        ["prep", "det", "pobj", "punct", "compound", "appos", "punct", "prep", "pcomp", "dobj", "punct", "advmod",
         "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "ADP", "VERB", "PROPN", "PUNCT", "ADV", "VERB",
         "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
        ["IN", "DT", "NN", ",", "NNP", "NNP", ",", "IN", "VBG", "NNP", ",", "RB", "VBD", "DT", "NN", "IN", "NN", "."],
        ["at", "the", "rally", ",", "Lin", "Ode", ",", "without", "name", "Kell", ",", "also", "accuse", "the",
         "council", "of", "waste", "."],
    )
    assert speakers_by_cue(doc) == {"accused": "Lin Ode"}


def test_apposition_the_parser_took_for_a_second_subject_stays_in_the_speaker():
    """ "Lin Ode, the mayor, said that taxes rose." parsed with "mayor" a second subject
    of "said": the speaker runs on to its end."""
    doc = hand_parsed(
        ["Lin", "Ode", ",", "the", "mayor", ",", "said", "that", "taxes", "rose", "."],
        [True, False, True, True, False, True, True, True, True, False, False],
        [1, 6, 1, 4, 6, 6, 6, 9, 9, 6, 6],
        ["compound", "nsubj", "punct", "det", "nsubj", "punct", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        ["NNP", "NNP", ",", "DT", "NN", ",", "VBD", "IN", "NNS", "VBD", "."],
        ["Lin", "Ode", ",", "the", "mayor", ",", "say", "that", "tax", "rise", "."],
    )
    assert speakers_by_cue(doc) == {"said": "Lin Ode, the mayor"}


def test_opening_phrase_the_parser_took_for_a_subject_is_no_part_of_the_speaker():
    """ "Absent a plan, Lin Ode said that taxes rose." parsed with "plan" a first subject
    of "said": the person's name is the speaker."""
    from spacy.tokens import Span

    doc = hand_parsed(
        ["Absent", "a", "plan", ",", "Lin", "Ode", "said", "that", "taxes", "rose", "."],
        [True, True, False, True, True, True, True, True, True, False, False],
        [2, 2, 6, 6, 5, 6, 6, 9, 9, 6, 6],
        ["amod", "det", "nsubj", "punct", "compound", "nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        ["ADJ", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        ["JJ", "DT", "NN", ",", "NNP", "NNP", "VBD", "IN", "NNS", "VBD", "."],
        ["absent", "a", "plan", ",", "Lin", "Ode", "say", "that", "tax", "rise", "."],
    )
    doc.ents = [Span(doc, 4, 6, label="PERSON")]
    assert speakers_by_cue(doc) == {"said": "Lin Ode"}


@pytest.mark.parametrize("text", [",said", ", wearing a scarf, said that taxes rose.", ",, said that taxes rose.",
                                  'said " to questions speech Lin a , Ki-moon'])
def test_search_for_a_lost_speaker_stops_at_the_sentence_start(analyze, text):
    # Commas or nothing before the verb: no aside to step over and no speaker (",said"
    # and the last case once read past the start, the last wrapping round to the end).
    assert all(a.speaker is None or a.speaker.mention is None for a in analyze(text))


def test_no_speaker_from_a_clause_before_a_verb_with_no_subject():
    """ "That is a fraction of the sum experts say it costs.": the words before "say" make
    a clause with a verb of its own, not a speaker the parser lost."""
    doc = hand_parsed(
        ["That", "is", "a", "fraction", "of", "the", "sum", "experts", "say", "it", "costs", "."],
        [True, True, True, True, True, True, True, True, True, True, False, False],
        [1, 1, 3, 1, 3, 7, 7, 4, 1, 10, 8, 1],
        ["nsubj", "ROOT", "det", "attr", "prep", "det", "compound", "pobj", "dep", "nsubj", "ccomp", "punct"],
        ["PRON", "AUX", "DET", "NOUN", "ADP", "DET", "NOUN", "NOUN", "VERB", "PRON", "VERB", "PUNCT"],
        ["DT", "VBZ", "DT", "NN", "IN", "DT", "NN", "NNS", "VBP", "PRP", "VBZ", "."],
        ["that", "be", "a", "fraction", "of", "the", "sum", "expert", "say", "it", "cost", "."],
    )
    assert speakers_by_cue(doc) == {"say": None}


@pytest.mark.parametrize("text, content, mention", [
    ("The council received dozens of letters, one saying that the bridge was unsafe.", "the bridge was unsafe", "one"),
    ("Residents sent hundreds of emails, many saying that the tunnel should close.", "the tunnel should close", "many"),
])
def test_participle_on_a_pronoun_has_it_as_speaker(analyze, text, content, mention):
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue="saying", mention=mention)


@pytest.mark.parametrize("text,content,mention", [
    ("As part of his plea, Lin Ode, 44, said that he stole the files.", "he stole the files", "Lin Ode"),
])
def test_speaker_the_parser_hung_on_a_noun_before_it(analyze, text, content, mention):
    """The small English model hangs "Lin Ode" on "plea" as an apposition, and "said"
    has no subject."""
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue="said", mention=mention, name="Lin Ode")
