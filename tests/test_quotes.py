"""Direct quotations: a quote beside its cue, interrupted, resumed, continued, and quoted words inside a clause."""

from __future__ import annotations

import pytest

from conftest import describe
from constructions import carrying, the_attribution, check


# --- direct quotes -------------------------------------------------------------------


def test_direct_quote_straight_marks(analyze):
    text = '"The bridge will reopen in May," Lena Morales said.'
    a = the_attribution(analyze(text), "The bridge will reopen in May", text)
    check(a, text, cue="said", name="Lena Morales", mention="Lena Morales", type="person", kind="direct", tier=1)
    assert not a.content.text.startswith('"') and not a.content.text.endswith('"'), a.content.text


def test_direct_quote_curly_marks(analyze):
    text = "“We have enough beds for the winter,” Priya Raman said."
    a = the_attribution(analyze(text), "We have enough beds for the winter", text)
    check(a, text, cue="said", name="Priya Raman", mention="Priya Raman", type="person", kind="direct", tier=1)
    assert "“" not in a.content.text and "”" not in a.content.text, a.content.text


def test_direct_quote_curly_marks_pronoun(analyze):
    text = "Priya Raman runs the clinic in Eastbrook. “We have enough beds for the winter,” she said."
    a = the_attribution(analyze(text), "We have enough beds for the winter", text)
    check(a, text, cue="said", name="Priya Raman", mention="she", type="person", kind="direct", tier=1)
    assert "“" not in a.content.text and "”" not in a.content.text, a.content.text


def test_direct_quote_inverted_with_appositive_role(analyze):
    text = "“The new rules will cut waiting times,” said Ilse Varga, a spokeswoman for the ministry."
    a = the_attribution(analyze(text), "The new rules will cut waiting times", text)
    check(a, text, cue="said", name="Ilse Varga", mention="Ilse Varga", type="person", kind="direct", tier=1)


def _the_one_carrying_both_halves(analyze, text: str):
    """The attribution that carries both halves of the harvest quote in `text` (there
    must be exactly one attribution for each half, and it must be the same)."""
    attributions = analyze(text)
    first = carrying(attributions, "The harvest was poor this year")
    second = carrying(attributions, "the cooperative will survive")
    assert len(first) == 1 and len(second) == 1 and first[0] is second[0], (
        f"expected one attribution carrying both halves of the quote in {text!r}; got:\n{describe(attributions)}"
    )
    return first[0]


def test_quote_interrupted_by_attribution_is_one_attribution(analyze):
    text = '"The harvest was poor this year," Tomas Lindqvist said, "but the cooperative will survive."'
    a = _the_one_carrying_both_halves(analyze, text)
    assert len(a.content.spans) == 2, f"expected two content spans, got {list(a.content.spans)}"
    (s1, e1), (s2, e2) = a.content.spans
    assert "The harvest was poor this year" in text[s1:e1]
    assert "the cooperative will survive" in text[s2:e2]
    check(a, text, cue="said", name="Tomas Lindqvist", mention="Lindqvist", type="person", kind="direct", tier=1)


@pytest.mark.parametrize("text", [
    '"The harvest was poor this year," Tomas Lindqvist told the farm weekly on Monday, "but the cooperative will survive."',
    '"The harvest was poor this year," said the cooperative\'s chairman in Uppsala, "but the cooperative will survive."',
])
def test_quote_resumed_after_scene_setting_words_is_one_attribution(analyze, text):
    a = _the_one_carrying_both_halves(analyze, text)
    assert len(a.content.spans) == 2 and "farm weekly" not in a.content.text


def test_adding_takes_its_own_quote_not_the_one_before(analyze):
    text = "“We cannot pay for this,” Mayor Tran said, adding later, “The budget is a disgrace and everyone knows it.”"
    found = analyze(text)
    first = the_attribution(found, "We cannot pay for this", text)
    second = the_attribution(found, "The budget is a disgrace", text)
    check(first, text, cue="said", name="Tran", kind="direct")
    check(second, text, cue="adding", name="Tran", kind="direct")
    assert "We cannot pay" not in second.content.text


def test_multi_paragraph_quote(analyze):
    text = (
        "Elena Duarte spoke to reporters after the match in Porto Vell.\n\n"
        '"We made too many mistakes in the first half. The players know it.\n\n'
        '"In the second half we showed what this team can do," Duarte said.\n'
    )
    attributions = analyze(text)
    a = the_attribution(attributions, "what this team can do", text)
    check(
        a, text, cue="said", name="Elena Duarte", mention="Duarte", type="person", kind="direct", tier=1,
        contains=("too many mistakes in the first half", "The players know it", "what this team can do"),
    )
    assert len(carrying(attributions, "too many mistakes")) == 1, describe(attributions)


def test_a_quote_left_unclosed_before_another_speakers_quote_is_not_theirs(analyze):
    # The writer forgot the mark closing Ms. Varga's second quotation; the next paragraph
    # opens Mr. Holm's, attributed after it.
    text = (
        '"The ferry is a lifeline for the island," Rep. Ana Varga said Friday. "If the ferry stops, the '
        "school closes and the young people leave.\n"
        '"I have been thinking a lot about where we are going," added Rep. Per Holm, the party\'s leader.\n'
    )
    said = {a.speaker.name: a.content.text for a in analyze(text)}
    assert set(said) == {"Ana Varga", "Per Holm"}, said
    assert "school closes" in said["Ana Varga"] and "school closes" not in said["Per Holm"]


def test_quote_continues_after_doubled_apostrophe_marks(analyze):
    # The parser ends the first sentence after the next quote's opening '' mark.
    text = "''The bridge will reopen in May,'' said Lena Morales, the mayor of Eastbrook. ''We have waited long enough for it.''"
    a = the_attribution(analyze(text), "The bridge will reopen in May", text)
    check(a, text, cue="said", name="Lena Morales", contains=("We have waited long enough for it",))
    assert len(a.content.spans) == 2, f"expected two content spans, got {list(a.content.spans)}"


def test_quote_led_into_after_the_speakers_sentence_goes_on_with_the_speaker(analyze):
    # 'Abbas "has put aside ..."' closing the paragraph, with no cue of its own: the
    # speech quoted just before goes on, lead-in and all, as the statement's second piece
    # (its marks balanced, as every content's are).
    text = (
        "The mayor spoke at the harbour on Friday.\n"
        '"Already, the two councils have shown they can work together," Mayor Lin Ode said in her speech. '
        'The port authority chief, Dana Reyes, "has dropped her objections and come to the table."\n'
        "The vote is on Monday.\n"
    )
    attributions = analyze(text)
    a = the_attribution(attributions, "the two councils have shown", text)
    assert [text[s:e] for s, e in a.content.spans] == [
        "Already, the two councils have shown they can work together",
        'The port authority chief, Dana Reyes, "has dropped her objections and come to the table."',
    ], list(a.content.spans)
    check(a, text, cue="said", name="Lin Ode")
    assert len(carrying(attributions, "dropped her objections")) == 1, describe(attributions)


def test_quote_led_into_by_a_cue_of_its_own_is_not_continued(analyze):
    # 'Reyes wrote that she "has dropped ..."' is Reyes's, not the mayor's.
    text = (
        '"Already, the two councils have shown they can work together," Mayor Lin Ode said in her speech. '
        'Dana Reyes wrote that she "has dropped her objections."\n'
    )
    attributions = analyze(text)
    a = the_attribution(attributions, "the two councils have shown", text)
    assert [text[s:e] for s, e in a.content.spans] == ["Already, the two councils have shown they can work together"]
    b = the_attribution(attributions, "dropped her objections", text)
    check(b, text, cue="wrote", name="Dana Reyes")


@pytest.mark.parametrize("text, subject, rest", [
    ("The new bridge over the Varna river is expected to open in the spring.",
     "The new bridge over the Varna river", "to open in the spring"),
    ("The mayor's housing plan seems to have failed in the eastern districts.",
     "The mayor's housing plan", "to have failed in the eastern districts"),
], ids=["passive-expected", "raising-seems"])
def test_passive_and_raising_subject_opens_the_content(analyze, text, subject, rest):
    # "X is expected to Y", "X seems to Y": X is what is expected, not who expects.
    a = the_attribution(analyze(text), rest, text)
    assert [text[s:e] for s, e in a.content.spans] == [subject, rest], list(a.content.spans)
    assert a.speaker is None, describe([a])


@pytest.mark.parametrize("text, rest, cue, speaker", [
    ("Mayor Lin Ode appeared to suggest that the harbour tax would be dropped.",
     "the harbour tax would be dropped", "appeared to suggest", "Lin Ode"),
    ("The Varna council met on Monday and seemed to think the new bridge was too costly.",
     "the new bridge was too costly", "seemed to think", "The Varna council"),
], ids=["appeared-to-suggest", "and-seemed-to-think"])
def test_raising_verb_on_a_reporting_verb_keeps_its_speaker(analyze, text, rest, cue, speaker):
    # "X appeared to suggest that P": unlike "X seems to work", the raised subject is who
    # suggests, and the raising verb is part of the cue.
    a = the_attribution(analyze(text), rest, text)
    check(a, text, cue=cue, mention=speaker)


@pytest.mark.parametrize("text, relative, rest", [
    ("The council approved a new tunnel, which the mayor said would open in May.",
     "which", "would open in May"),
    ("The farmers dug a new well that the water board says could run dry by autumn.",
     "that", "could run dry by autumn"),
], ids=["which-he-said", "that-office-says"])
def test_relative_clause_cue_leaves_out_speaker_and_cue(analyze, text, relative, rest):
    # "a tunnel, which the mayor said would open": PolNeAR's content is "which | would open".
    a = the_attribution(analyze(text), rest, text)
    assert [text[s:e] for s, e in a.content.spans] == [relative, rest], list(a.content.spans)


@pytest.mark.parametrize("text, content", [
    ("Inspector Mara Kowalski expressed concern that the old bridge might not survive the winter.",
     "that the old bridge might not survive the winter"),
    ("The harbour master voiced doubt that the ferries would run on time.",
     "that the ferries would run on time"),
], ids=["expressed-concern-that", "voiced-doubt-that"])
def test_bare_noun_before_that_clause_joins_the_cue(analyze, text, content):
    # "expressed concern that P": the noun belongs with the verb; P is what was said.
    a = the_attribution(analyze(text), content, text)
    assert a.content.text.strip() == content, f"content {a.content.text!r}, expected {content!r}"


def test_quote_over_two_paragraphs_is_one_fragment_each(analyze):
    # PolNeAR never lets a content fragment cross a line break.
    text = ('Mayor Ines Duarte said: "The market hall will reopen in June. The roof is finished.\n\n'
            '"The stalls will follow in the summer."')
    a = the_attribution(analyze(text), "The roof is finished", text)
    fragments = [text[s:e].strip('"') for s, e in a.content.spans]
    assert fragments == ["The market hall will reopen in June. The roof is finished.",
                         "The stalls will follow in the summer"], fragments


def test_colon_introduction(analyze):
    text = "Mayor Hana Lindgren put it simply: “The library on Mill Street stays open.”"
    a = the_attribution(analyze(text), "The library on Mill Street stays open", text)
    check(a, text, cue="put", name="Hana Lindgren", mention="Hana Lindgren", type="person", kind="direct", tier=1)


def test_colon_introduction_with_said(analyze):
    text = 'Hana Lindgren said: "The library on Mill Street stays open."'
    a = the_attribution(analyze(text), "The library on Mill Street stays open", text)
    check(a, text, cue="said", name="Hana Lindgren", mention="Hana Lindgren", type="person", kind="direct", tier=1)
