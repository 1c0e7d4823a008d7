"""Who the speaker is: mentions resolved to names across the article, and the sourcing tier that follows."""

from __future__ import annotations

from conftest import describe
from constructions import carrying, the_attribution, check


# --- speaker resolution ------------------------------------------------------------------


def test_pronoun_resolves_to_full_name(analyze):
    text = "Lucia Ferreira arrived in Monteverde on Tuesday. She said the new clinic would open in the spring."
    a = the_attribution(analyze(text), "the new clinic would open in the spring", text)
    check(a, text, cue="said", name="Lucia Ferreira", mention="She", type="person", kind="indirect", tier=1)


def test_short_name_resolves_to_full_name(analyze):
    text = "Henrik Dahl chairs the fisheries board in Nordvik. Dahl said that quotas would be cut by a fifth."
    a = the_attribution(analyze(text), "quotas would be cut by a fifth", text)
    check(a, text, cue="said", name="Henrik Dahl", mention="Dahl", type="person", kind="indirect", tier=1)
    assert a.speaker.mention.text == "Dahl", a.speaker.mention.text


def test_it_resolves_to_organisation(analyze):
    text = (
        "The Orbis Shipping Group posted record profits this quarter. "
        '"Demand for container space remains strong," it said.'
    )
    a = the_attribution(analyze(text), "Demand for container space remains strong", text)
    check(a, text, cue="said", name="Orbis Shipping Group", mention="it", type="organization", kind="direct", tier=1)


def test_definite_description_resolves_to_name(analyze):
    text = (
        "President Selin Arslan visited the flooded villages on Sunday. "
        "The president said that emergency funds would be released within days."
    )
    a = the_attribution(analyze(text), "emergency funds would be released within days", text)
    check(a, text, cue="said", name="Selin Arslan", mention="The president", type="person", kind="indirect", tier=1)


def test_appositive_name(analyze):
    text = "The opposition leader, Viktor Hale, said the budget ignored small towns."
    a = the_attribution(analyze(text), "the budget ignored small towns", text)
    check(a, text, cue="said", name="Viktor Hale", type="person", kind="indirect", tier=1)


def test_possessive_owner_is_speaker(analyze):
    text = (
        "Ruth Abara defeated Paul Mensah in the leadership vote in March. "
        "In a statement posted on Abara's official website, the head of the party "
        "expressed her gratitude to the volunteers."
    )
    a = the_attribution(analyze(text), "gratitude to the volunteers", text)
    check(a, text, cue="expressed", name="Ruth Abara", mention="the head of the party", type="person",
          kind="indirect", tier=1)
    assert a.channel == "statement", f"channel {a.channel!r}, expected 'statement'"


# --- sourcing tiers --------------------------------------------------------------------


def test_anonymous_officials(analyze):
    text = "Officials who spoke on condition of anonymity said the ceasefire talks would resume next week."
    a = the_attribution(analyze(text), "the ceasefire talks would resume next week", text)
    check(a, text, cue="said", mention="Officials", type="anonymous", kind="indirect", tier=3)
    assert a.via is None


def test_no_source_cue_is_tier_4(analyze):
    text = "It is expected that the central bank of Ostland will raise rates in June."
    attributions = analyze(text)
    for a in carrying(attributions, "will raise rates in June"):
        assert a.speaker is None, f"expected no speaker, got:\n{describe([a])}"
        assert a.tier == 4, f"expected tier 4, got:\n{describe([a])}"


def test_they_after_a_name_before_people_is_those_people(analyze):
    # The name only says which researchers: "they" are the researchers, not the university.
    text = "Kestrel Valley University researchers sampled the river for a year. They said the water was safe to drink."
    a = the_attribution(analyze(text), "the water was safe to drink", text)
    check(a, text, cue="said", name="Kestrel Valley University researchers", mention="They", type="anonymous", kind="indirect", tier=3)


def test_an_entity_without_a_capital_is_no_antecedent(analyze):
    # The small model labels the "n’t" of "aren’t" GPE here; "They" are the executives.
    text = "A cashier who steals is held accountable, Warren said. Bank executives aren’t.\n\nThey said the fees were a mistake."
    a = the_attribution(analyze(text), "the fees were a mistake", text)
    check(a, text, cue="said", name="Bank executives", mention="They", type="anonymous", kind="indirect", tier=3)


def test_someone_who_speaks_for_another_is_the_person_the_article_names_in_that_role(analyze):
    text = (
        "The committee voted to hold Daniel Reyes in contempt, despite warnings from his attorney that the move was fruitless.\n\n"
        "An attorney for Reyes, Mark Holloway, stressed that his client was ready to appear behind closed doors.\n\n"
        "Reyes's lawyer has said he will refuse to answer any questions."
    )
    attributions = analyze(text)
    for needle, mention in (("the move was fruitless", "his attorney"), ("his client was ready", None), ("refuse to answer", "Reyes's lawyer")):
        a = the_attribution(attributions, needle, text)
        check(a, text, name="Mark Holloway", type="person", tier=1, **({"mention": mention} if mention else {}))
