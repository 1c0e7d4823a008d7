"""Speakers as a reader would write them down, and their tiers (GUIDE.md sections 3-4).

Every sentence is invented for the test. Each case asserts the whole set of statements
the text gives, as (speaker name, type, tier, content), so an extra one fails.
"""

from __future__ import annotations

import pytest

from conftest import describe


def statements(attributions):
    return {(a.speaker.name if a.speaker else None, a.speaker.type if a.speaker else None, a.tier, a.content.text)
            for a in attributions if a.act == "statement"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Unnamed sources keep what says which ones they are: tier 3.
        ("Researchers at the University of Haifa said the tool works well.",
         {("Researchers at the University of Haifa", "anonymous", 3, "the tool works well")}),
        ("Two people familiar with the plans said the merger would close in May.",
         {("Two people familiar with the plans", "anonymous", 3, "the merger would close in May")}),
        ("Officials in the economy ministry said prices would rise next year.",
         {("Officials in the economy ministry", "anonymous", 3, "prices would rise next year")}),
        ("One academic said the plan was deeply flawed.",
         {("One academic", "anonymous", 3, "the plan was deeply flawed")}),
        ("Many users complained that the app crashed.", {("Many users", "anonymous", 3, "that the app crashed")}),
        ("Critics said the law was rushed.", {("Critics", "anonymous", 3, "the law was rushed")}),
        # A named administration's officials are still unnamed; "they" is them, not a person.
        ("Carrow administration officials said sanctions would be lifted. They said talks would follow.",
         {("Carrow administration officials", "anonymous", 3, "sanctions would be lifted"),
          ("Carrow administration officials", "anonymous", 3, "talks would follow")}),
        # Unnamed institutions and reports in the plural are unnamed sources.
        ("The courts have said that a sale of assets is a change of business.",
         {("courts", "government", 3, "that a sale of assets is a change of business")}),
        # A spokesman speaks on the record for the person he speaks for.
        ("Lin Ode runs the Harbor Clinic. The clinic will stay open, her spokesman said.",
         {("Lin Ode's spokesman", "person", 1, "The clinic will stay open")}),
    ],
)
def test_speaker_names_and_tiers(analyze, text, expected):
    found = analyze(text)
    assert statements(found) == expected, describe(found)


def test_the_relative_clause_after_a_speaker_names_nobody(analyze):
    text = ("Comics are a hard trade, says the self-taught Cambridge resident, who sold 40 copies of his "
            "comic Forgotten Grunt in Mexico last year.")
    found = analyze(text)
    assert statements(found) == {("self-taught Cambridge resident", "unknown", 1, "Comics are a hard trade")}, describe(found)


def test_the_company_is_the_organisation_the_article_is_about(analyze):
    # Named most often, under its fuller name once.
    text = ("Harlow Foods Inc. opened a store on Monday. Harlow Foods sells fish and bread. The retailer is based "
            "in Ohio. The company said prices would fall.")
    found = analyze(text)
    assert statements(found) == {("Harlow Foods Inc.", "organization", 1, "prices would fall")}, describe(found)


def test_a_whole_quoted_paragraph_goes_on_with_the_last_speaker(analyze):
    # The quotation after "defended" is her defence in her words; the one after a
    # paragraph in the writer's voice could be anyone's.
    text = ('"The river is rising," said Mira Tal.\n'
            'Later she defended her decision to keep the ferry running.\n'
            '"We have never seen it this high. We are moving the boats."\n'
            'The council met on Friday.\n'
            '"Nobody told us anything."\n')
    found = analyze(text)
    assert statements(found) == {
        ("Mira Tal", "person", 1, "The river is rising"),
        ("Mira Tal", "person", 1, "We have never seen it this high. We are moving the boats"),
    }, describe(found)
    continued = next(a for a in found if a.content.text.startswith("We have"))
    assert continued.cue is None and continued.kind == "direct" and continued.speaker.mention is None


def test_a_contrasting_report_is_a_statement_of_its_own(analyze):
    text = ("Senator Ivo Marek also claimed the cuts would pay for themselves, even as the Budget Office "
            "estimated that they would add $250 billion to the deficit.")
    found = analyze(text)
    assert statements(found) == {
        ("Ivo Marek", "person", 1, "the cuts would pay for themselves"),
        ("Budget Office", "organization", 1, "that they would add $250 billion to the deficit"),
    }, describe(found)


def test_a_passive_report_without_an_agent_names_nobody(analyze):
    # "It" is what the rumour is about, not who spread it: unsourced, tier 4.
    text = "Kestrel Retail now has 11 stores and is rumored to be planning a new grocery chain."
    found = analyze(text)
    assert statements(found) == {(None, None, 4, "to be planning a new grocery chain")}, describe(found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # The document is where the words are found; the subject of "said" said them.
        ("These deals take time, Lin Ode said according to a transcript reviewed by the Carrow Ledger.",
         {("Lin Ode", "person", 1, "These deals take time")}),
        # A bill is another document, not the owner of the notes.
        ("The change is small, according to the explanatory notes of the British Bill.",
         {("explanatory notes of the British Bill", "document", 1, "The change is small")}),
        # A relative named by first name takes the family's surname, and keeps it.
        ('Sarah Johnson died in April after taking the pills. "She had taken eight," her mother, Fiona, said. '
         "Fiona added that the pills were sold online.",
         {("Fiona Johnson", "person", 1, "She had taken eight"),
          ("Fiona Johnson", "person", 1, "that the pills were sold online")}),
        # Titles the parser split off as a second subject: the person speaks.
        ("Harlow Foods co-founder and CEO John Mackey said the price gap has become less relevant.",
         {("John Mackey", "person", 1, "the price gap has become less relevant")}),
        # An organisation's initials are its name; "the fund" is the one the article is about.
        ("The International Monetary Fund cut its forecast on Tuesday. The IMF said growth would slow. "
         "The fund said trade was weak.",
         {("International Monetary Fund", "organization", 1, "growth would slow"),
          ("International Monetary Fund", "organization", 1, "trade was weak")}),
        # People named together speak together.
        ("Senators Jeff Merkley, Sherrod Brown and Robert Menendez said the bank had misled its customers.",
         {("Jeff Merkley, Sherrod Brown and Robert Menendez", "person", 1, "the bank had misled its customers")}),
        # "she" is not the man named last; one apostrophe or the other, one name.
        ('Justice Antonin Scalia wrote the opinion in 2008. Years later Melanie Walsh joined the rally. '
         '"It never crossed my mind," she said.',
         {("Melanie Walsh", "person", 1, "It never crossed my mind")}),
        ("Police Commissioner James O\u2019Neill spoke on Sunday. O'Neill said the blast was intentional.",
         {("James O\u2019Neill", "person", 1, "the blast was intentional")}),
        # The person a place and titles lead up to, or an apposition names.
        ("Tulsa police Chief Chuck Jordan said he would achieve justice.",
         {("Chuck Jordan", "person", 1, "he would achieve justice")}),
        ("Trump's running mate, Indiana Gov. Mike Pence, said he would release his returns soon.",
         {("Mike Pence", "person", 1, "he would release his returns soon")}),
        # An outlet grows to the outlet's fuller name.
        ("The New York Post reported that the mayor went to a hospital. The Post said his aides avoided the emergency room.",
         {("New York Post", "media", 2, "that the mayor went to a hospital"),
          ("New York Post", "media", 2, "his aides avoided the emergency room")}),
        # One name, though the small model cuts it in two at "and".
        ("Tourism is critical to the economy, according to the World Travel and Tourism Council, an industry body.",
         {("World Travel and Tourism Council", "government", 1, "Tourism is critical to the economy")}),
        # "agency officials": the agency just named, its officials unnamed.
        ("The Department of Environmental Protection repaired 75 water-main breaks in January. "
         "The pipes are old, agency officials said.",
         {("Department of Environmental Protection officials", "anonymous", 3, "The pipes are old")}),
        # A first name grows to the one full name it starts, though it is an entity itself.
        ('Fiona spoke first. Later, Fiona Marlow said the pills were sold online. "We had no warning," Fiona said.',
         {("Fiona Marlow", "person", 1, "the pills were sold online"), ("Fiona Marlow", "person", 1, "We had no warning")}),
    ],
)
def test_names_the_article_gives_in_full(analyze, text, expected):
    found = analyze(text)
    assert statements(found) == expected, describe(found)


def test_an_institution_named_by_what_it_is_speaks(analyze):
    found = analyze("The president was said to be fine, and the military said it was keeping him safe.")
    assert statements(found) == {
        (None, None, 4, "The president ... to be fine"), ("military", "government", 1, "it was keeping him safe"),
    }, describe(found)


def test_headline_and_transcript_speakers_take_the_full_name(analyze):
    text = ('Pence: Flowers Will Not Be at the Debate\n'
            'On Sunday, Governor Mike Pence said the tweet was a joke.\n'
            '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.')
    found = analyze(text)
    assert statements(found) == {
        ("Mike Pence", "person", 1, "Flowers Will Not Be at the Debate"),
        ("Mike Pence", "person", 1, "the tweet was a joke"),
        ("Mike Pence", "person", 1, "Gennifer Flowers will not be attending the debate tomorrow night"),
    }, describe(found)


def test_a_closing_tag_after_a_quotation_takes_the_quotation_only(analyze):
    # Another speaker's parenthetical reports the start of the sentence.
    text = ("To reduce the risk, the officials said, the city replaced the old covers with vented ones, "
            "\u201cso the gas cannot build up,\u201d Ian Marek said.")
    found = analyze(text)
    assert statements(found) == {
        ("officials", "anonymous", 3, "the city replaced the old covers with vented ones"),
        ("Ian Marek", "person", 1, "so the gas cannot build up,"),
    }, describe(found)
