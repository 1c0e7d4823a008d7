"""Mixed and indirect speech: reported clauses, "according to X", outlets that relay, documents that speak."""

from __future__ import annotations

import pytest

from conftest import describe
from constructions import carrying, the_attribution, check


# --- mixed and indirect speech ----------------------------------------------------------


def test_mixed_quote(analyze):
    text = 'Osman Adeyemi said that the tariff plan was "a gift to importers and a blow to growers."'
    a = the_attribution(analyze(text), "a gift to importers", text)
    check(
        a, text, cue="said", name="Osman Adeyemi", mention="Osman Adeyemi", type="person", kind="mixed", tier=1,
        contains=("the tariff plan was", "a gift to importers and a blow to growers"),
    )


INDIRECT = [
    ("said that", "Karl Weiss said that the glass factory would close in June.",
     "the glass factory would close in June", "said", "Karl Weiss"),
    ("said (no that)", "Karl Weiss said the glass factory would close in June.",
     "the glass factory would close in June", "said", "Karl Weiss"),
    ("told reporters that", "Rosa Delgado told reporters that the talks with the union had stalled.",
     "the talks with the union had stalled", "told", "Rosa Delgado"),
    ("warned that", "Ahmed Qureshi warned that the Selva river could flood by Friday.",
     "the Selva river could flood by Friday", "warned", "Ahmed Qureshi"),
    ("emphasised that", "Ingrid Solberg emphasised that rural schools in Vesthavn need more teachers.",
     "rural schools in Vesthavn need more teachers", "emphasised", "Ingrid Solberg"),
    ("emphasised + noun object", "Ingrid Solberg emphasised the need for more teachers in rural schools.",
     "the need for more teachers in rural schools", "emphasised", "Ingrid Solberg"),
    ("confirmed that", "Nadia Petrova confirmed that two new cases had been found in the northern district.",
     "two new cases had been found in the northern district", "confirmed", "Nadia Petrova"),
    ("announced that", "Felix Amoah announced that the autumn festival would move to the harbour.",
     "the autumn festival would move to the harbour", "announced", "Felix Amoah"),
]


@pytest.mark.parametrize("text,content,cue,name", [c[1:] for c in INDIRECT], ids=[c[0] for c in INDIRECT])
def test_indirect_speech(analyze, text, content, cue, name):
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue=cue, name=name, mention=name, type="person", kind="indirect", tier=1)


@pytest.mark.parametrize("text,content", [
    ("Karl Weiss said that the glass factory would close in June.", "that the glass factory would close in June"),
    ("Felix Amoah announced that the autumn festival would move to the harbour.",
     "that the autumn festival would move to the harbour"),
], ids=["said-that", "announced-that"])
def test_reported_content_keeps_the_whole_clause(analyze, text, content):
    """The content of "X said that P" is the whole clause, complementizer included, as
    PolNeAR annotates it (2,371 of 2,401 such contents in train start with "that")."""
    a = the_attribution(analyze(text), content, text)
    assert a.content.text.strip() == content, f"content {a.content.text!r}, expected {content!r}"


def test_according_to_person(analyze):
    text = "The Kessel dam is safe for another decade, according to Carmen Ruiz, the chief engineer."
    a = the_attribution(analyze(text), "The Kessel dam is safe for another decade", text)
    check(a, text, cue="according to", name="Carmen Ruiz", mention="Carmen Ruiz", type="person", kind="indirect", tier=1)
    assert "according" not in a.content.text


def test_according_to_government(analyze):
    text = "Bread prices rose by a tenth in March, according to the Ministry of Agriculture."
    a = the_attribution(analyze(text), "Bread prices rose by a tenth in March", text)
    check(a, text, cue="according to", mention="Ministry of Agriculture", type="government", kind="indirect", tier=1)
    assert "Ministry of Agriculture" in a.speaker.name, a.speaker.name


def test_according_to_with_the_statement_parsed_as_an_apposition(analyze):
    # The small parser hangs "the move reeks ..." on the name as an apposition.
    text = "According to radio host Sam Reyes, the move reeks of panic."
    a = the_attribution(analyze(text), "the move reeks of panic", text)
    check(a, text, cue="According to", mention="radio host Sam Reyes", name="Sam Reyes")
    assert a.speaker.mention.text == "radio host Sam Reyes"


def test_according_to_an_outlet_that_someone_said_is_theirs_relayed_by_the_outlet(analyze):
    text = "According to Coastline Times, harbour spokesman Tom Berg said Friday that the pier would reopen in May."
    attributions = analyze(text)
    assert [(a.speaker.name, a.via and a.via.name, a.tier) for a in attributions] == [("Tom Berg", "Coastline Times", 2)]
    assert attributions[0].content.text == "that the pier would reopen in May"


def test_as_per_report_citing_sources(analyze):
    text = (
        "As per a report in Coastline Times, which cited sources, "
        "the port authority will double its fees next year."
    )
    a = the_attribution(analyze(text), "the port authority will double its fees next year", text)
    check(a, text, cue="As per a report in", name="Coastline Times sources", type="anonymous", kind="indirect", tier=3)
    assert a.via is not None, f"expected via Coastline Times, got None\n{describe([a])}"
    assert a.via.name == "Coastline Times" and a.via.type == "media", a.via


@pytest.mark.parametrize("text,content,outlet", [
    ("The mining ministry will cut export quotas next month, Radio Meridian reported.",
     "The mining ministry will cut export quotas next month", "Radio Meridian"),
    ("The Carrow Valley Gazette reported that the hospital had run out of insulin.",
     "the hospital had run out of insulin", "Carrow Valley Gazette"),
], ids=["trailing-outlet-reported", "outlet-reported-that"])
def test_media_outlet_reported(analyze, text, content, outlet):
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue="reported", mention=outlet, type="media", kind="indirect", tier=2)
    assert a.speaker.name.removeprefix("The ").removeprefix("the ") == outlet, a.speaker.name


def test_in_a_statement_said(analyze):
    text = "In a statement, the Northfield Rail Company said that services would resume on Monday."
    a = the_attribution(analyze(text), "services would resume on Monday", text)
    check(a, text, cue="said", name="Northfield Rail Company", mention="Northfield Rail Company",
          type="organization", kind="indirect", tier=1)
    assert a.channel == "statement", f"channel {a.channel!r}, expected 'statement'"


@pytest.mark.parametrize(
    "text, content, cue",
    [
        ("The senator said on Monday that taxes would rise.", "taxes would rise", "said"),
        ("The senator said in a statement that taxes would rise.", "taxes would rise", "said"),
        ("The senator said Tuesday that taxes would rise.", "taxes would rise", "said"),
        ("The senator pointed out that taxes would rise.", "taxes would rise", "pointed out"),
        ("The senator has often said that taxes would rise.", "taxes would rise", "has often said"),
        # Where, to whom or about whom the words went is no part of the cue either.
        ("The senator said on CNN that taxes would rise.", "taxes would rise", "said"),
        ("The senator repeated to reporters that taxes would rise.", "taxes would rise", "repeated"),
        ('"Taxes will rise," the senator said of the mayor.', "Taxes will rise", "said"),
        ('"Taxes will rise," the senator said to loud applause.', "Taxes will rise", "said"),
        # ... but a preposition that opens what was said is, and so is the manner.
        ("The senator commented on the new tax plan.", "the new tax plan", "commented on"),
        ('"Taxes will rise," the senator said with a smile.', "Taxes will rise", "said with a smile"),
        ("The senator agreed with the mayor that taxes would rise.", "taxes would rise", "agreed"),
        # The noun a verb reports through is part of the cue.
        ("The mayor expressed concern that the bridge was unsafe.", "the bridge was unsafe", "expressed concern"),
        ("Union leaders voiced confidence that the strike would end soon.", "the strike would end soon", "voiced confidence"),
        ("Senator Lin Ode made it clear that she will not run again.", "she will not run again", "made it clear"),
        ("Ode has made clear that she will not run again.", "she will not run again", "has made clear"),
        # "as saying" joins "quoted", but not over the one quoted.
        ("The mayor was quoted as saying that the bridge was safe.", "the bridge was safe", "was quoted as saying"),
        ("The newspaper quoted the mayor as saying that the bridge was safe.", "the bridge was safe", "quoted"),
        # A verb going on with a reporting verb is one cue with it.
        ("The mayor continued to insist that the bridge was safe.", "the bridge was safe", "continued to insist"),
        # ... also where the parser hangs the reporting verb on "went on" as an adverbial clause.
        ("Lin went on to explain how the council spent the money.", "the council spent the money", "went on to explain"),
        # The wh-word opens the clause, not the cue.
        ('"Taxes will rise," the senator said when asked about the budget.', "the budget", "asked about"),
        # A noun cue keeps the adjectives before it.
        ("The mayor's strong opposition to the new levy surprised the council.", "the new levy", "strong opposition to"),
        ("Lin's renewed endorsement of the plan came late.", "the plan", "renewed endorsement of"),
        # An auxiliary before the speaker is no part of the cue.
        ("Did the mayor say that the bridge was safe?", "the bridge was safe", "say"),
        ("Why would the council claim that the budget was balanced?", "the budget was balanced", "claim"),
    ],
)
def test_cue_span_keeps_particles_not_the_setting(analyze, text, content, cue):
    a = the_attribution(analyze(text), content, text)
    assert a.cue.text == cue, describe([a])


def test_going_somewhere_to_explain_is_a_purpose_not_a_report(analyze):
    # "went to Ohio to explain" (no "on"): a plan for talk, as before.
    assert not carrying(analyze("Ode went to Ohio to explain the plan."), "the plan")


@pytest.mark.parametrize(
    "text, content, cue, name",
    [
        ("After saying that the vote was rigged, Senator Ames left the room.", "the vote was rigged", "saying", "Ames"),
        ("Before announcing that he would run, Governor Pell consulted his family.", "he would run", "announcing", "Pell"),
    ],
)
def test_verb_under_a_preposition_shares_the_clause_subject(analyze, text, content, cue, name):
    a = the_attribution(analyze(text), content, text)
    check(a, text, cue=cue)
    assert a.speaker is not None and name in a.speaker.name, describe([a])


@pytest.mark.parametrize("mark", ["", '"', "\u201c"])
def test_transcript_lines(analyze, mark):
    # Some outlets open every line of a transcript with a quotation mark.
    text = (f"The debate went on.\n\n{mark}MODERATOR: Let us turn to the budget, because time is short.\n\n"
            f"{mark}HALE: The budget is balanced and everyone knows it.\n")
    found = analyze(text)
    check(the_attribution(found, "Let us turn to the budget", text), text, cue=":", mention="MODERATOR")
    hale = the_attribution(found, "The budget is balanced", text)
    check(hale, text, cue=":", mention="HALE")
    assert "HALE" not in hale.content.text


@pytest.mark.parametrize(
    "text, subject, topic, cue",
    [
        ("The agency has been criticized for ignoring the warnings.", "The agency", "ignoring the warnings", "has been criticized for"),
        ("The plan was described as a disaster for farmers.", "The plan", "a disaster for farmers", "was described as"),
    ],
)
def test_passive_with_what_was_said_after_a_preposition(analyze, text, subject, topic, cue):
    a = the_attribution(analyze(text), topic, text)
    assert [text[s:e] for s, e in a.content.spans] == [subject, topic]
    assert a.cue.text == cue and a.speaker is None, describe([a])


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Senator Hale, speaking to farmers in Ames, said that the tariffs would end.", "Senator Hale"),
        # A relative clause stays in the mention, as PolNeAR marks it more often than not.
        ("Senator Hale, who grew up in Ames, said that the tariffs would end.", "Senator Hale, who grew up in Ames"),
    ],
)
def test_speaker_mention_leaves_out_a_participle_aside(analyze, text, mention):
    a = the_attribution(analyze(text), "the tariffs would end", text)
    assert a.speaker.mention.text == mention, describe([a])
    assert a.speaker.name == "Hale" or "Hale" in a.speaker.name


def test_relative_clause_on_the_speaker_is_a_statement_of_its_own(analyze):
    text = ('"The new rules will help," said Dana Kamin, who emphasized that the plan would '
            "simplify returns for small firms.")
    found = analyze(text)
    first = the_attribution(found, "The new rules will help", text)
    check(first, text, cue="said", name="Dana Kamin")
    # The clause with a cue of its own is no part of the mention shown.
    assert first.speaker.mention.text == "Dana Kamin", describe([first])
    second = the_attribution(found, "the plan would simplify returns", text)
    check(second, text, cue="emphasized", mention="who", name="Dana Kamin")


def test_passive_quoted_as_saying(analyze):
    text = "Dmitri Volkov was quoted as saying that the election in Krasnaya had been fair."
    a = the_attribution(analyze(text), "the election in Krasnaya had been fair", text)
    check(a, text, cue="quoted", name="Dmitri Volkov", mention="Dmitri Volkov", type="person", tier=1)
