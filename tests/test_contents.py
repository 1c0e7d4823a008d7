"""Contents: where what was said starts and ends."""

from __future__ import annotations

import pytest

from conftest import describe
from constructions import carrying, the_attribution, check


def test_quotation_mark_on_the_verb_does_not_end_the_complements(analyze):
    """The parser hangs the closing mark on "criticized"; the complement after it is
    still part of what was said."""
    text = "Lin Ode criticized the mayor for “a reckless plan” despite the vote."
    a = the_attribution(analyze(text), "reckless plan", text)
    assert a.content.text.rstrip(".").endswith("despite the vote"), describe([a])


def test_comma_closing_an_aside_in_the_object_does_not_end_the_complements(analyze):
    """The parser hangs the comma after "a small panel" on "cited"; "as proof" still
    finishes what was said."""
    text = "Lin Ode cited a report by the harbor board, a small panel, as proof of the leak."
    a = the_attribution(analyze(text), "harbor board", text)
    assert a.content.text.rstrip(".").endswith("as proof of the leak"), describe([a])


@pytest.mark.parametrize("text", [
    "The mayor wrote on Friday.",
    "Lin Ode spoke on Friday.",
])
def test_a_date_after_the_verb_is_not_what_was_said(analyze, text):
    assert not carrying(analyze(text), "Friday"), describe(analyze(text))


def test_setting_followed_by_a_complement_stays_in_the_content(analyze):
    text = "Lin Ode saw the defeat during the campaign as a sign of decline."
    a = the_attribution(analyze(text), "the defeat", text)
    assert a.content.text.rstrip(".").endswith("as a sign of decline"), describe([a])


def test_passive_with_an_object_and_no_agent_says_the_whole_clause(analyze):
    text = "Lin Ode was declared the winner of the harbor race."
    a = the_attribution(analyze(text), "the winner", text)
    assert a.content.text.startswith("Lin Ode was declared"), describe([a])


@pytest.mark.parametrize("text,content", [
    ("Lin Ode called for the mayor to resign.", "the mayor to resign"),
    ("The harbor board pressed for the council to cut the fees.", "the council to cut the fees"),
])
def test_for_clause_after_the_verb_is_what_was_called_for(analyze, text, content):
    """The parser makes "for X to Y" an adverbial clause marked by "for"."""
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue="for")
    assert a.content.text.rstrip(".") == content, describe([a])


@pytest.mark.parametrize("text,content", [
    ("Lin Ode described herself as a careful reader of the harbor budget.", "herself as a careful reader of the harbor budget"),
    ("The union sees him as a threat to the port.", "him as a threat to the port"),
    ("The dock workers called him a reckless planner.", "him a reckless planner"),
])
def test_pronoun_object_cast_as_something_is_what_was_said(analyze, text, content):
    a = the_attribution(analyze(text), content, text)
    assert a.content.text.rstrip(".") == content, describe([a])


@pytest.mark.parametrize("text,content", [
    ("The host asked the mayor if the bridge would open in May.", "if the bridge would open in May"),
    ("Voters were asked by the paper if the harbor fees should rise.", "if the harbor fees should rise"),
])
def test_question_after_ask_is_what_was_asked(analyze, text, content):
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue="asked")
    assert a.content.text.rstrip(".") == content, describe([a])


def test_so_after_a_reporting_verb_is_what_was_said(analyze):
    text = "The harbor board never said so."
    a = the_attribution(analyze(text), "so", text)
    check(a, text, cue="said", mention="The harbor board")


def test_relative_pronoun_cast_as_something_is_what_was_said(analyze):
    text = "Lin Ode toured the harbor, which the mayor describes as the heart of the city."
    a = the_attribution(analyze(text), "the heart of the city", text)
    check(a, text, cue="describes", mention="the mayor")
    assert a.content.text.startswith("which"), describe([a])


def test_whom_a_speaker_agrees_with_is_the_content(analyze):
    text = "Lin Ode largely agreed with the harbor board."
    a = the_attribution(analyze(text), "the harbor board", text)
    check(a, text, cue="agreed with", mention="Lin Ode")


def test_a_verb_clause_inside_a_long_speaker_mention_is_a_statement_of_its_own(analyze):
    text = '"We are done," said Tom Vale, a farmer from Dover, Delaware, who added that the crops had failed.'
    a = the_attribution(analyze(text), "the crops had failed", text)
    check(a, text, cue="added")
    b = the_attribution(analyze(text), "We are done", text)
    assert "added" not in b.speaker.mention.text, describe([b])
