"""The stand-ins for the attribute ruler and the lemmatizer give exactly what the
components they replace give: every word's tag, part of speech, morphology, lemma and
dependency label, on en_core_web_sm (the seed article, constructions its word-specific
rules cover, PolNeAR dev) and on rulers built here for the matcher features they handle."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from attrib import stand_ins
from attrib.pipeline import MODEL_ALIASES, UNUSED_COMPONENTS
from attrib.stand_ins import AttributeRulerStandIn, LemmatizerStandIn, use_stand_ins

from conftest import FIXTURES

POLNEAR_DEV = Path(__file__).parents[1] / ".." / "shared" / "polnear" / "dev.gold.jsonl"
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]
# Words en_core_web_sm's ruler treats specially, several of them across two words.
CONSTRUCTIONS = [
    "I ain't gonna say it, y'all, and we gotta go.",
    "Let's see. C'mon, there is no time and there are two votes left.",
    "It's   spaced \n\n out,  she said.\n",
    "He isn't sure; they weren't either.",
]


def _stock_en_core_web_sm():
    for name in MODEL_ALIASES["en_core_web_sm"]:
        try:
            return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
    pytest.skip("en_core_web_sm is not installed")


@pytest.fixture(scope="module")
def stock_and_stand_ins():
    stock = _stock_en_core_web_sm()
    fast = _stock_en_core_web_sm()
    use_stand_ins(fast)
    return stock, fast


def _differences(stock, fast, texts: list[str]) -> list[str]:
    """Each word whose annotation differs, as a readable line (empty when none does)."""
    lines = []
    for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
        differ = np.flatnonzero((a.to_array(COLUMNS) != b.to_array(COLUMNS)).any(axis=1))
        for i in differ.tolist():
            x, y = a[i], b[i]
            lines.append(f"{x.text!r}: {x.tag_}/{x.pos_}/{x.morph}/{x.lemma_}/{x.dep_} != {y.tag_}/{y.pos_}/{y.morph}/{y.lemma_}/{y.dep_}")
    return lines


def test_en_core_web_sm_runs_with_both_stand_ins_under_the_same_names(stock_and_stand_ins):
    stock, fast = stock_and_stand_ins
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeRulerStandIn)
    assert isinstance(fast.get_pipe("lemmatizer"), LemmatizerStandIn)


def test_same_annotations_on_the_seed_article_and_special_words(stock_and_stand_ins):
    stock, fast = stock_and_stand_ins
    texts = [(FIXTURES / "us-venezuela-relations.txt").read_text(encoding="utf-8"), *CONSTRUCTIONS, ""]
    assert _differences(stock, fast, texts) == []


def test_same_annotations_when_the_stand_ins_forget(stock_and_stand_ins, monkeypatch):
    # What they remember is only a cache: starting over mid-article changes nothing.
    stock, fast = stock_and_stand_ins
    monkeypatch.setattr(stand_ins, "MAX_REMEMBERED", 3)
    assert _differences(stock, fast, CONSTRUCTIONS) == []


@pytest.mark.skipif(not POLNEAR_DEV.exists(), reason="PolNeAR is not beside the project")
def test_same_annotations_on_polnear_dev(stock_and_stand_ins):
    stock, fast = stock_and_stand_ins
    # A third of the split keeps the test short; the whole split was compared too.
    with POLNEAR_DEV.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines][::3]
    assert _differences(stock, fast, texts) == []


def test_the_stand_ins_survive_pickling(stock_and_stand_ins):
    # spaCy pickles a pipeline's components when it starts worker processes by
    # spawning (where there is no fork, as on Windows).
    stock, fast = stock_and_stand_ins
    assert isinstance(pickle.loads(pickle.dumps(fast.get_pipe("lemmatizer"))), LemmatizerStandIn)
    ruler = pickle.loads(pickle.dumps(fast.get_pipe("attribute_ruler")))
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = stock(CONSTRUCTIONS[0])
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler"]):
        reference = stock(CONSTRUCTIONS[0])
    assert (ruler(doc).to_array(COLUMNS) == reference.to_array(COLUMNS)).all()


def _blank_with_ruler(patterns: list[dict]):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp


RULER_PATTERNS = [
    {"patterns": [[{"LOWER": "said"}]], "attrs": {"TAG": "VBD", "POS": "VERB", "MORPH": "Tense=Past|VerbForm=Fin"}},
    {"patterns": [[{"LOWER": {"IN": ["says", "said"]}}]], "attrs": {"LEMMA": "say"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["said", "says", "."]}, "IS_PUNCT": False}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"ORTH": {"REGEX": "^[A-Z][a-z]+$"}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT", "TAG": "."}},
    # Two words, the second one set (a negative index counts from the match's end).
    {"patterns": [[{"LOWER": "the"}, {"LOWER": {"IN": ["said", "says"]}}]], "attrs": {"LEMMA": "the-said"}, "index": -1},
    {"patterns": [[{"LOWER": "ode"}, {}]], "attrs": {"DEP": "nsubj"}, "index": 1},
    # A later rule overrides an earlier one on the same word.
    {"patterns": [[{"LOWER": "ode"}]], "attrs": {"POS": "X"}},
]


def test_a_ruler_built_here_gives_the_same_with_its_stand_in():
    stock = _blank_with_ruler(RULER_PATTERNS)
    fast = _blank_with_ruler(RULER_PATTERNS)
    use_stand_ins(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeRulerStandIn)
    texts = ["Ode said the said thing. Kell says Ode said.", "the said", "said", "Ode", ""]
    assert _differences(stock, fast, texts) == []
    doc = fast("the said Ode said")
    assert [t.lemma_ for t in doc][:2] == ["", "the-said"] and doc[2].pos_ == "X" and doc[3].dep_ == "nsubj"


def test_a_ruler_with_a_feature_it_does_not_handle_is_left_in_place():
    # "OP" makes a pattern's length vary: matching it is left to spaCy's Matcher.
    nlp = _blank_with_ruler([{"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], "attrs": {"POS": "ADJ"}}])
    use_stand_ins(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_a_ruler_whose_index_falls_outside_its_match_is_left_in_place():
    # spaCy's ruler raises its own error for it when the pattern matches.
    nlp = _blank_with_ruler([{"patterns": [[{"LOWER": "very"}, {"LOWER": "good"}]], "attrs": {"POS": "ADJ"}, "index": 2}])
    use_stand_ins(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_a_lookup_lemmatizer_is_left_in_place():
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not LemmatizerStandIn.can_stand_in(lemmatizer)
