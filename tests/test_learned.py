"""The learned parts: the cue model (is this verb reporting, here?) and the confidence
trees, as shipped in attrib/data and as evaluated at run time."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from attrib import confidence
from attrib.models import trees
from attrib.extract import cue_model
from attrib import models
from attrib.lexicons import load_lexicon
from conftest import describe


@pytest.mark.parametrize(
    "text, verb, content",
    [
        ("The coach griped that the referees were biased.", "griped", "the referees were biased"),
        ("The minister floated the idea that taxes might rise.", "floated", "taxes might rise"),
    ],
)
def test_cue_model_finds_verbs_the_lexicon_lacks(analyze, text, verb, content):
    assert verb.removesuffix("ed") not in load_lexicon().cue_verbs  # the point of the test
    found = [a for a in analyze(text) if a.cue and verb in a.cue.text]
    assert len(found) == 1, describe(analyze(text))
    assert content in found[0].content.text


def test_cue_model_leaves_verbs_that_report_nothing(analyze):
    text = "The club built a new stadium that opened in May and sold every ticket."
    assert analyze(text) == [], describe(analyze(text))


def test_cue_model_reads_the_frame(nlp):
    doc = nlp("Ms. Vance said that the vote would pass.")
    said = next(t for t in doc if t.lower_ == "said")
    names = cue_model.frame_features(said, quoted=False, next_to_quote=False)
    assert {"lemma=say", "child=ccomp", "clause=that", "subject=PERSON+clause"} <= set(names)
    inside = cue_model.cue_score(said, quoted=True, next_to_quote=False)
    outside = cue_model.cue_score(said, quoted=False, next_to_quote=False)
    assert inside < outside  # PolNeAR never marks a cue inside another's quotation


def test_next_to_quote():
    text = '"We will win," the senator from Ohio said. She added: "Maybe." The team won.'
    spans = [(0, 14), (text.index('"Maybe'), text.index('"Maybe') + 8)]

    class Verb:  # the two attributes is_next_to_quote reads
        def __init__(self, word):
            self.text, self.idx = word, text.index(word)

    assert cue_model.is_next_to_quote(Verb("said"), spans, text)  # a few words after the quote
    assert cue_model.is_next_to_quote(Verb("added"), spans, text)  # the quote right after
    assert not cue_model.is_next_to_quote(Verb("won"), spans, text)  # a sentence lies between


def test_cue_model_thresholds_are_stricter_outside_the_lexicon():
    assert 0.0 < cue_model.threshold(in_lexicon=True) < cue_model.threshold(in_lexicon=False) < 1.0


def _neutral_vector(**overrides) -> dict[str, float]:
    options = dict(
        pattern="verb-clause", how="name", distance=0, cue_probability=0.9, content_tokens=8, kind="indirect",
        speaker_type="person", source_after_cue=False, mention_tokens=2, content_spans=1,
        content_before_cue=False, sentence=3, cue_score=0.9, sentence_tokens=20, sentence_attributions=1,
    )
    options.update(overrides)
    return confidence.features(**options)


def test_confidence_model_uses_only_features_the_engine_makes(nlp):
    # A feature renamed or dropped in confidence.features() without a refit would
    # silently read as 0 in every tree; this catches it. Features that name a value
    # ("mention_entity=PERSON") are checked by their name before the "=".
    doc = nlp("Mayor Lin Ode, who was elected, did not say that the bridge would open.")
    with_spans = _neutral_vector(mention=doc[0:3], content=doc[11:16], cue_verb=doc[10])
    confidence.add_speaker_attributions(with_spans, 2)
    made = set(_neutral_vector()) | set(_neutral_vector(cue_score=None)) | set(_neutral_vector(edge_margin=1.0)) | set(with_spans)
    made |= set(confidence.role_features(np.full((len(doc), 5), 0.5), [11, 12, 13, 14, 15], [10], [0, 1, 2], (0, len(doc))))

    def family(name: str) -> str:
        prefix = name.split("=")[0]
        return prefix if prefix in {"mention_entity", "mention_pos", "mention_link", "content_first"} else name

    for name in ("confidence", "keep", "confidence_without_tagger", "keep_without_tagger"):
        assert {family(n) for n in models.read(name)["features"].tolist()} <= {family(n) for n in made}, name


def test_confidence_evidence_from_the_words(nlp):
    doc = nlp("Mayor Lin Ode, who was elected, did not say that the bridge would open.")
    vector = confidence.features(
        pattern="verb-clause", how="name", distance=0, cue_probability=0.9, content_tokens=5, kind="indirect",
        speaker_type="person", source_after_cue=False, mention_tokens=3, content_spans=1, content_before_cue=False,
        sentence=0, mention=doc[0:3], content=doc[11:16], cue_verb=doc[10],
    )
    assert (doc[10].text, doc[11].text, doc[15].text) == ("say", "that", "open")
    assert vector["mention_entity=PERSON"] == 1.0 and vector["mention_pos=PROPN"] == 1.0
    assert vector["mention_comma"] == 0.0 and vector["mention_lower_start"] == 0.0
    assert vector["content_first=that"] == 1.0 and vector["content_has_verb"] == 1.0 and vector["content_sentences"] == 1.0
    assert vector["cue_negated"] == 1.0 and vector["cue_modal"] == 0.0
    assert vector["mention_link=subject"] == 1.0
    confidence.add_speaker_attributions(vector, 25)
    assert vector["speaker_attributions"] == confidence.MAX_SPEAKER_ATTRIBUTIONS


@pytest.mark.parametrize("text, mention, cue, link", [
    ("Lin Ode spoke for an hour, adding that the bridge would open.", "Lin Ode", "adding", "shared"),
    ("The bridge would open, according to Lin Ode.", "Lin Ode", "according", "other"),
])
def test_confidence_evidence_of_how_the_parse_joins_speaker_and_cue(nlp, text, mention, cue, link):
    # A speaker borrowed from another verb, or joined to the cue some other way, is
    # wrong more often than the cue's own subject.
    doc = nlp(text)
    start = text.index(mention)
    span = doc.char_span(start, start + len(mention))
    cue_verb = next(t for t in doc if t.text == cue)
    vector = _neutral_vector(mention=span, content=doc[-3:-1], cue_verb=cue_verb)
    assert [name for name in vector if name.startswith("mention_link=")] == [f"mention_link={link}"]


def test_confidence_trees_are_evaluated_as_sklearn_would(monkeypatch):
    # One stump: feature "direct" <= 0.5 goes left (-1), else right (+1); two of them.
    stump = {"feature": [0, -2, -2], "threshold": [0.5, -2.0, -2.0], "left": [1, -1, -1], "right": [2, -1, -1],
             "value": [0.0, -1.0, 1.0]}
    model = {"features": ["direct"], "initial_log_odds": 0.25, "learning_rate": 0.5, "trees": [stump, stump]}
    monkeypatch.setattr(confidence, "_forest", lambda with_roles=True: trees.forest_of(trees.tree_arrays(model)))
    assert confidence.probability({"direct": 0.0}) == pytest.approx(1 / (1 + math.exp(-(0.25 - 1.0))))
    assert confidence.probability({"direct": 1.0}) == pytest.approx(1 / (1 + math.exp(-(0.25 + 1.0))))


def test_confidence_of_an_article_at_once_is_each_ones_alone():
    vectors = [_neutral_vector(), _neutral_vector(how="pronoun", distance=3), _neutral_vector(cue_score=None, content_tokens=1)]
    together = confidence.probabilities(vectors)
    assert together == pytest.approx([confidence.probability(v) for v in vectors], abs=1e-12)
    assert len(set(together)) == 3
    assert confidence.probabilities([]) == []


def test_confidence_separates_a_clear_case_from_a_doubtful_one():
    clear = confidence.probability(_neutral_vector())
    doubtful = confidence.probability(_neutral_vector(
        how="pronoun", distance=4, cue_probability=0.35, cue_score=0.25, content_tokens=2, speaker_type="unknown",
        sentence_tokens=70, sentence_attributions=3,
    ))
    assert 0.0 < doubtful < clear < 1.0


def test_cue_model_fit_is_deterministic_and_learns_the_frame(nlp, tmp_path):
    # A tiny invented corpus: the fit must run, give the same file twice, and score
    # the training cue above the training non-cue.
    from attrib.evaluate import GoldAttribution, GoldDocument
    from attrib.learn.cue_model import fit_cue_model

    def gold_doc(text: str, cue: str) -> GoldDocument:
        start = text.index(cue)
        attribution = GoldAttribution(source=(), cue=((start, start + len(cue)),), content=())
        return GoldDocument(doc=cue, text=text, attributions=(attribution,))

    texts = [("Mayor Lin vowed that the bridge would open. The crew built a road.", "vowed"),
             ("Dr. Ruiz vowed that the clinic would stay. The team painted a wall.", "vowed")] * 3
    corpus = [(gold_doc(t, c), nlp(t), None) for t, c in texts]
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    try:
        fit_cue_model(corpus, directory=first)
        fit_cue_model(corpus, directory=second)
        assert (first / "cue_model.json").read_bytes() == (second / "cue_model.json").read_bytes()
        weights = json.loads((first / "cue_model.json").read_text())["weights"]
        assert weights["lemma=vow"] > 0 > weights.get("lemma=build", -1)
        sidecar = json.loads((first / "cue_model.meta.json").read_text())
        assert sidecar["command"] == "python -m attrib.learn cue-model" and sidecar["trained_on"] > 0
        assert sorted(sidecar) == ["about", "command", "fitted", "fitted_on", "trained_on"]
    finally:
        models.forget()  # the shipped model again for other tests
