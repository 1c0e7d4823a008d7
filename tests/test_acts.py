"""What each attribution reports (its act), and what the statement view shows.

Every sentence is invented for the test. Each case asserts the whole set an article
gives, as (act, speaker name, content) triples, so an extra attribution fails.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from attrib.cli import app
from attrib.model import ACTS, chosen_acts

from conftest import describe


def acts_of(attributions):
    return {(a.act, a.speaker.name if a.speaker else None, a.content.text) for a in attributions}


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will win," the senator said.', {("statement", "senator", "We will win")}),
        ("Ana Ruiz believes that taxes are too high.", {("thought", "Ana Ruiz", "that taxes are too high")}),
        ("Omar Lind knows that the bridge is unsafe.", {("knowledge", "Omar Lind", "that the bridge is unsafe")}),
        ("The mayor wants to build a new bridge over the river.",
         {("intention", "mayor", "to build a new bridge over the river")}),
        # A study's finding is a statement; a person who finds something knows it.
        ("A new study found that the ice sheet is melting faster.",
         {("statement", "new study", "that the ice sheet is melting faster")}),
        ("Omar Lind found that the ice sheet is melting faster.",
         {("knowledge", "Omar Lind", "that the ice sheet is melting faster")}),
        # An object and no words given: an act of speech without its content.
        ("Pia Sorel condemned the attack on the embassy.", {("other", "Pia Sorel", "the attack on the embassy")}),
        # ... but the words after the object say what was claimed.
        ("Pia Sorel accused the council of lying about the budget.",
         {("statement", "Pia Sorel", "the council of lying about the budget")}),
        # Said where words are given: communicated.
        ("In a statement on Tuesday, Pia Sorel expressed her full support for the strike.",
         {("statement", "Pia Sorel", "her full support for the strike")}),
        # A passive description's quoted words are what was said, by the agent.
        ("The recent strandings have been described as \u201cheartbreaking\u201d by the conservation department.",
         {("statement", "conservation department", "heartbreaking")}),
        # Quoted words cast on someone are what was said, not the someone.
        ("Pia Sorel called the mayor a \u201cdisgrace\u201d on Wednesday.", {("statement", "Pia Sorel", "disgrace")}),
        # A study's or a court's finding, a thing or a clause, is a statement.
        ("A 2014 study by law professor Justin Levitt found 31 incidents of voter fraud.",
         {("statement", "Justin Levitt", "31 incidents of voter fraud")}),
        ("A federal judge found that the purge was unconstitutional.",
         {("statement", "federal judge", "that the purge was unconstitutional")}),
        # A refusal, a question put to the speaker, a means: nothing said.
        ("The senator declined to say whether the bank was responsible.",
         {("intention", "senator", "to say whether the bank was responsible")}),
        ("Asked to describe the device, Mayor Ivo Marek said it was a bomb.",
         {("other", None, "to describe the device"), ("statement", "Ivo Marek", "it was a bomb")}),
        ("The committee voted to punish the aide by asking federal prosecutors to charge him.",
         {("other", "committee", "federal prosecutors to charge him")}),
        # Not (yet) said.
        ("The senator will announce a new plan for the region.", {("other", "senator", "a new plan for the region")}),
        ("Ana Ruiz did not say whether the talks would resume.",
         {("other", "Ana Ruiz", "whether the talks would resume")}),
        # A thing that cannot speak.
        ("The 1970s said a lot about the country.", {("other", "1970s", "a lot about the country")}),
    ],
)
def test_act_of_each_frame(analyze, text, expected):
    found = analyze(text)
    assert acts_of(found) == expected, describe(found)


@pytest.mark.parametrize("text", [
    "Omar Lind declined to comment on the merger.",
    "The company did not immediately respond to requests for comment.",
])
def test_a_cue_with_no_content_is_no_attribution(analyze, text):
    found = analyze(text)
    assert found == [], describe(found)


def test_chosen_acts():
    assert chosen_acts(None) == {"statement"}
    assert chosen_acts(["thought", "Knowledge"]) == {"thought", "knowledge"}
    assert chosen_acts(["statement", "all"]) == set(ACTS)
    with pytest.raises(ValueError, match="no act 'belief'"):
        chosen_acts(["belief"])


TEXT = "Ana Ruiz said the vote was fair. Omar Lind believes that the count was wrong."


def test_analyze_shows_statements_unless_asked(tmp_path):
    article = tmp_path / "vote.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()

    def contents(*options):
        result = runner.invoke(app, ["analyze", str(article), "--json", *options])
        assert result.exit_code == 0, result.output
        import json

        return sorted((record["act"], record["content"]["text"]) for record in json.loads(result.stdout))

    assert contents() == [("statement", "the vote was fair")]
    assert contents("--act", "thought") == [("thought", "that the count was wrong")]
    assert contents("--act", "all") == [("statement", "the vote was fair"), ("thought", "that the count was wrong")]


def test_an_unknown_act_is_one_line_and_exit_2(tmp_path):
    article = tmp_path / "vote.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(article), "--act", "belief"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "attrib: --act: no act 'belief': choose from statement, thought, knowledge, intention, other or all"
    ]


def test_the_query_commands_show_statements_unless_asked(tmp_path):
    from conftest import FIXTURES

    runner = CliRunner()
    db = str(tmp_path / "attrib.db")
    assert runner.invoke(app, ["ingest", str(FIXTURES), "--db", db]).exit_code == 0

    def rows(*args):
        result = runner.invoke(app, [*args, "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        import json

        return json.loads(result.stdout)

    # The seed's 11 statements; "signed into law", "controlling how the proceeds are
    # distributed" and "Trump's recognition of" are stored too, as other acts.
    assert len(rows("quotes")) == 11
    assert {r["act"] for r in rows("quotes")} == {"statement"}
    assert sorted(r["content"][:20] for r in rows("quotes", "--act", "other")) == [
        "a reform to expand p", "how the proceeds are", "opposition leader Ju",
    ]
    assert len(rows("quotes", "--act", "all")) == 14
    # Trump's only attribution is an action ("controlling how the proceeds ..."): stored
    # with its mention, but no speaker row is made of it.
    assert "Donald Trump" not in {r["speaker"] for r in rows("speakers", "--act", "all")}
    assert [r["speaker"] for r in rows("quotes", "--act", "other") if r["content"].startswith("how the proceeds")] == [None]
    assert rows("who-said", "proceeds") == []
    assert [r["speaker"] for r in rows("who-said", "proceeds", "--act", "all")] == [None]


def test_eval_scores_the_statement_sense_on_the_seed():
    from conftest import FIXTURES

    result = CliRunner().invoke(app, ["eval", str(FIXTURES / "us-venezuela-relations.statements.gold.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.stdout)
    assert (report["statement"]["f1"], report["name"]["f1"], report["tier_accuracy"]) == (100.0, 100.0, 100.0)
    assert report["act_of_statements"] == {"statement": 11}
    assert report["act_of_non_statements"] == {"other": 3}
