"""The edge model: which words a content's edges may move to, and that it moves them
where its weights say (attrib/extract/edge_model.py)."""

from __future__ import annotations

import json

from attrib.engine import attribute, candidates_of
from attrib.extract import edge_model
from attrib.extract.edge_model import EdgeChoices
from attrib.lexicons import load_lexicon


def _candidate(nlp, text: str, cue: str):
    doc = nlp(text)
    cue_at = text.index(cue)
    cand = next(c for c in candidates_of(doc, load_lexicon()) if doc[c.cue_token].idx == cue_at)
    return doc, cand


def test_edges_never_take_in_the_cue_or_the_speaker(nlp):
    doc, cand = _candidate(nlp, "The bridge will open in May after a long delay, Mayor Lin Ode said on Monday.", "said")
    choices = EdgeChoices(doc, cand, frozenset({cand.cue_token}))
    speaker_start = cand.source[0]
    assert choices.starts and choices.ends
    assert max(choices.ends) < speaker_start
    assert doc[choices.current_end].text == "delay"
    assert all(not doc[i].is_punct for i in choices.starts + choices.ends)


def test_edges_stay_in_the_sentence(nlp):
    doc, cand = _candidate(nlp, "Rain fell all day. Mayor Lin Ode said the bridge would open in May. Nobody came.", "said")
    choices = EdgeChoices(doc, cand, frozenset({cand.cue_token}))
    sentence = doc[cand.cue_token].sent
    assert all(sentence.start <= i < sentence.end for i in choices.starts + choices.ends)
    assert min(choices.starts) > cand.cue_token


def test_refine_moves_an_edge_only_where_the_weights_say(nlp, monkeypatch):
    text = "Mayor Lin Ode said the bridge would open in May after a long delay."
    # A model that likes contents ending right before "after" and has no view on starts.
    model = {"start": {"weights": {}}, "end": {"weights": {"after=after|offset=-4": 5.0}}}
    monkeypatch.setattr(edge_model, "_model", lambda: model)
    doc, cand = _candidate(nlp, text, "said")
    assert text[cand.content[-1][1] - 5 : cand.content[-1][1]] == "delay"
    edge_model.choose_edges(doc, cand, frozenset({cand.cue_token}))
    assert text[cand.start : cand.end] == "the bridge would open in May"
    assert cand.edges_moved == 1


def test_no_model_leaves_the_rules_edges(nlp, monkeypatch):
    monkeypatch.setattr(edge_model, "_model", lambda: {})
    text = "Mayor Lin Ode said the bridge would open in May after a long delay."
    doc = nlp(text)
    with_model_off = attribute(doc, use_edge_model=False)
    assert [a.content for a in attribute(doc)] == [a.content for a in with_model_off]


def test_boundary_fit_is_deterministic_and_learns_where_gold_ends(nlp, tmp_path, monkeypatch):
    # An invented corpus whose annotators end the content before "after ...": the fit
    # runs, writes the same file twice, and the fitted model moves the end there.
    from attrib.evaluate import GoldAttribution, GoldDocument
    from attrib.learn.edge_model import fit_edge_model

    def gold_doc(text: str) -> GoldDocument:
        cue, content = text.index("said"), text.index("the")
        content_end = text.index(" after")
        attribution = GoldAttribution(source=(), cue=((cue, cue + 4),), content=((content, content_end),))
        return GoldDocument(doc=text[:12], text=text, attributions=(attribution,))

    texts = [
        "Mayor Lin Ode said the bridge would open in May after a long delay.",
        "Dr. Ana Ruiz said the clinic would close in June after a bitter fight.",
        "Judge Tom Hale said the trial would start in July after a short break.",
        "Coach Lee Park said the season would end in March after a poor run.",
    ] * 2
    corpus = [(gold_doc(t), nlp(t), None) for t in texts]
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    fit_edge_model(corpus, directory=first)
    fit_edge_model(corpus, directory=second)
    assert (first / "edge_model.json").read_bytes() == (second / "edge_model.json").read_bytes()
    model = json.loads((first / "edge_model.json").read_text())
    monkeypatch.setattr(edge_model, "_model", lambda: model)
    text = "Senator Kim Bo said the road would reopen in April after a long wait."
    doc, cand = _candidate(nlp, text, "said")
    edge_model.choose_edges(doc, cand, frozenset({cand.cue_token}))
    assert text[cand.start : cand.end] == "the road would reopen in April"


def _end_choice(nlp, monkeypatch, after_weight: float):
    """Where a model that likes ending before "after" by `after_weight` log-odds, over
    the rules' edge at "delay", ends the content."""
    text = "Mayor Lin Ode said the bridge would open in May after a long delay."
    model = {"start": {"weights": {}}, "end": {"weights": {"after=after|offset=-4": after_weight}}}
    monkeypatch.setattr(edge_model, "_model", lambda: model)
    doc, cand = _candidate(nlp, text, "said")
    edge_model.choose_edges(doc, cand, frozenset({cand.cue_token}))
    return text[cand.content[-1][1] - 5 : cand.content[-1][1]]


def test_another_edge_must_beat_the_rules_edge_by_more_than_min_margin(nlp, monkeypatch):
    monkeypatch.setattr(edge_model, "MIN_MARGIN", 0.0)
    assert _end_choice(nlp, monkeypatch, 0.1) == "n May"
    monkeypatch.setattr(edge_model, "MIN_MARGIN", 0.5)
    assert _end_choice(nlp, monkeypatch, 0.1) == "delay"
    assert _end_choice(nlp, monkeypatch, 0.6) == "n May"


def test_a_tie_keeps_the_rules_edge(nlp, monkeypatch):
    monkeypatch.setattr(edge_model, "MIN_MARGIN", 0.0)
    assert _end_choice(nlp, monkeypatch, 0.0) == "delay"
