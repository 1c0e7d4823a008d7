"""The role tagger (attrib/extract/roles.py): its inputs, its numpy LSTM, the shipped
weights, and the candidates read off its view (attrib/extract/tagger_candidates.py)."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from attrib import confidence
from attrib import models
from attrib.models import trees
from attrib.engine import attribute
from attrib.evaluate import GoldAttribution, GoldDocument
from attrib.extract import merge, tagger_candidates
from attrib.extract import role_tagger as roles
from attrib.extract.candidate import Candidate
from attrib.extract.role_tagger import CONTENT, CUE, ROLES, SOURCE
from attrib.lexicons import load_lexicon
from attrib.learn.role_tagger import SETTINGS, role_labels, vocabularies
from conftest import describe


def _reference_lstm(x: np.ndarray, layer: dict) -> np.ndarray:
    """A plain one-sequence, one-step-at-a-time bidirectional LSTM (PyTorch's gate order)."""
    hidden = layer["hh"].shape[2]
    out = np.zeros((len(x), 2 * hidden))
    for direction, order in ((0, range(len(x))), (1, reversed(range(len(x))))):
        h, c = np.zeros(hidden), np.zeros(hidden)
        for t in order:
            gates = layer["ih"][direction] @ x[t] + layer["bias"][direction] + layer["hh"][direction] @ h
            i, f, g, o = np.split(gates, 4)
            sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
            c = sig(f) * c + sig(i) * np.tanh(g)
            h = sig(o) * np.tanh(c)
            out[t, direction * hidden : (direction + 1) * hidden] = h
    return out


def test_batched_lstm_reads_each_sequence_as_the_plain_one_does():
    rng = np.random.RandomState(0)
    hidden, width = 3, 4
    layer = {"ih": rng.randn(2, 4 * hidden, width), "hh": rng.randn(2, 4 * hidden, hidden), "bias": rng.randn(2, 4 * hidden)}
    lengths = [5, 2, 7]
    words = rng.randn(sum(lengths), width).astype(np.float32)
    rows = np.repeat(np.arange(3), lengths)
    times = np.concatenate([np.arange(n) for n in lengths])
    batched = roles._lstm_layer(words, rows, times, (3, 7), roles.prepared_layer(layer["ih"], layer["hh"], layer["bias"]))
    start = 0
    for n in lengths:
        expected = _reference_lstm(words[start : start + n], layer)
        assert np.allclose(batched[start : start + n], expected, atol=1e-5)
        start += n


def test_paragraphs_cover_every_word_once_and_end_at_line_breaks():
    nlp = spacy.blank("en")
    doc = nlp("Headline here\n\nFirst paragraph, two words.\nSecond one.")
    bounds = roles.paragraphs(doc)
    assert [doc[s:e].text.strip() for s, e in bounds] == ["Headline here", "First paragraph, two words.", "Second one."]
    assert [i for s, e in bounds for i in range(s, e)] == list(range(len(doc)))


def test_bands_split_probabilities_at_their_edges():
    assert roles.band(0.0) == "0" and roles.band(0.019) == "0"
    assert roles.band(0.02) == "1" and roles.band(0.5) == "6" and roles.band(0.999) == "11"


def test_word_index_gives_the_rows_the_string_values_name(nlp):
    doc = nlp('"We will win," the senator from Ohio said on Monday.')
    values = roles.word_values(doc)
    vocabs = {name: sorted(set(v)) for name, v in values.items()}
    vocabs.update({name: list(v) for name, v in roles.FIXED_VOCABULARIES.items()})
    ids = roles.WordIndex(vocabs)(doc)
    for k, name in enumerate(roles.COLUMNS):
        assert [vocabs[name][i - 1] if i else None for i in ids[:, k]] == values[name], name
    unseen = roles.WordIndex({name: vocabs[name] if name in roles.FIXED_VOCABULARIES else [] for name in vocabs})(doc)
    assert not unseen[:, :5].any()  # no known form, tag, dependency, entity or lemma: all unknown


def test_role_labels_mark_the_gold_roles_and_content_edges(nlp):
    text = 'Ms. Vance said that the vote would pass.'
    doc = nlp(text)
    span = lambda words: (text.index(words), text.index(words) + len(words))  # noqa: E731
    gold = GoldDocument(doc="d", text=text, attributions=(GoldAttribution(
        source=(span("Ms. Vance"),), cue=(span("said"),), content=(span("that the vote would pass"),)),))
    labels = role_labels(gold, doc)
    marked = {role: [t.text for t in doc if labels[t.i, k]] for k, role in enumerate(ROLES)}
    assert marked == {
        "content": ["that", "the", "vote", "would", "pass"], "cue": ["said"], "source": ["Ms.", "Vance"],
        "content_start": ["that"], "content_end": ["pass"],
    }


def test_shipped_tagger_reads_a_plain_quotation(nlp):
    doc = nlp('"We will win the vote," the senator said on Monday.')
    p = roles.role_probabilities(doc)
    assert p is not None and p.shape == (len(doc), len(ROLES))
    by_word = {t.text: p[t.i] for t in doc}
    assert by_word["win"][CONTENT] > 0.5 and by_word["Monday"][CONTENT] < 0.5
    assert by_word["said"][CUE] > 0.5 and by_word["senator"][SOURCE] > 0.5


def test_tagger_reads_several_docs_as_it_reads_each(nlp):
    texts = ['"We will win the vote," the senator said on Monday.\n\nShe left.', "Ode said the plan failed.", ""]
    docs = [nlp(text) for text in texts]
    no_vectors = spacy.blank("en")("No vectors here at all.")
    together = roles.role_probabilities_of([docs[0], no_vectors, docs[1], docs[2]])
    assert together[1] is None and together[3] is None
    for doc, view in zip(docs[:2], (together[0], together[2])):
        # The same arithmetic over a larger matrix: equal up to float rounding.
        np.testing.assert_allclose(view, roles.role_probabilities(doc), atol=1e-5)
    assert roles.role_probabilities_of([]) == []


def test_docs_read_together_keep_the_lstm_grid_small():
    # A Doc with one 30,000-word paragraph is read alone, not padded out beside the
    # short paragraphs of others; short Docs share a run.
    long_one = ("long", [(0, 30_000)])
    short = [(f"short{k}", [(0, 40), (40, 90), (90, 100)]) for k in range(4)]
    groups = [[name for name, _ in group] for group in roles._groups([short[0], long_one, *short[1:]])]
    assert groups == [["short0"], ["long"], ["short1", "short2", "short3"]]


def test_tagger_reads_only_the_pipeline_it_was_fitted_with(nlp):
    from attrib.pipeline import pipeline_identity

    assert pipeline_identity(nlp) == "en_core_web_sm 3.8"
    assert roles.reads_pipeline("en_core_web_sm 3.8")
    assert not roles.reads_pipeline("en_core_web_lg 3.8")
    blank = spacy.blank("en")("No vectors here at all.")
    assert roles.role_probabilities(blank) is None


def test_without_the_tagger_confidence_comes_from_trees_fitted_without_it(nlp):
    # A pipeline the tagger can't read: the attributions are still found, and scored by
    # the trees fitted on train's evidence without the tagger's view.
    doc = nlp('"We will win," the senator said.')
    without = attribute(doc, tag_roles=False)
    assert without and all(0.0 < a.confidence < 1.0 for a in without), describe(without)
    assert not set(confidence.ROLE_FEATURES) & set(without[0].features)
    for kind in ("confidence", "keep"):
        assert not set(confidence.ROLE_FEATURES) & set(models.read(trees.model_name(kind, False))["features"].tolist())
        assert set(confidence.ROLE_FEATURES) <= set(models.read(trees.model_name(kind, True))["features"].tolist())


def _doc_with_roles(words: list[str], marks: dict[str, int]) -> tuple[Doc, np.ndarray]:
    """A blank-pipeline Doc of these words, one sentence, and a tagger's view that puts
    the words given in `marks` in that role (1.0), every other word in none."""
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    p = np.zeros((len(doc), len(ROLES)))
    for t in doc:
        if t.text in marks:
            p[t.i, marks[t.text]] = 1.0
    return doc, p


WORDS = ["The", "firm", "edged", "up", "its", "forecast", "for", "steel", "prices", "."]
MARKS = {"firm": SOURCE, "edged": CUE, "up": CUE, "its": CONTENT, "forecast": CONTENT, "for": CONTENT,
         "steel": CONTENT, "prices": CONTENT}


def test_tagged_candidate_takes_the_taggers_content_cue_and_source():
    doc, p = _doc_with_roles(WORDS, MARKS)
    (cand,) = tagger_candidates.tagged_candidates(doc, p, [], load_lexicon())
    text = doc.text
    assert [text[s:e] for s, e in cand.content] == ["its forecast for steel prices"]
    assert [text[s:e] for s, e in cand.cue] == ["edged up"]
    assert doc[cand.source[0] : cand.source[1]].text == "firm"
    assert cand.pattern == tagger_candidates.PATTERN


def test_no_tagged_candidate_where_the_rules_found_one_or_without_a_cue():
    doc, p = _doc_with_roles(WORDS, MARKS)
    start, end = doc[4].idx, doc[8].idx + len(doc[8].text)
    found = Candidate(content=[(start, end)], cue=[(doc[2].idx, doc[3].idx + 2)], source=(1, 2), cue_token=2,
                      sentence=0, pattern="verb-object")
    assert tagger_candidates.tagged_candidates(doc, p, [found], load_lexicon()) == []
    no_cue = {w: r for w, r in MARKS.items() if r != CUE}
    doc, p = _doc_with_roles(WORDS, no_cue)
    assert tagger_candidates.tagged_candidates(doc, p, [], load_lexicon()) == []


def test_no_tagged_candidate_for_a_run_too_short_to_be_a_statement():
    short = {"firm": SOURCE, "edged": CUE, "steel": CONTENT, "prices": CONTENT}
    doc, p = _doc_with_roles(WORDS, short)
    assert tagger_candidates.tagged_candidates(doc, p, [], load_lexicon()) == []


def _parsed_with_roles(nlp, text: str, content: str, cues: tuple[str, ...],
                       sources: tuple[str, ...] = ()) -> tuple[Doc, np.ndarray]:
    """The text parsed by the pipeline, and a tagger's view that puts the words of
    `content` in the content, the words in `cues` in the cue, those in `sources` in the
    source, and every other word in none."""
    doc = nlp(text)
    p = np.zeros((len(doc), len(ROLES)))
    start = text.index(content)
    for t in doc:
        if t.text in sources:
            p[t.i, SOURCE] = 1.0
        elif t.text in cues:
            p[t.i, CUE] = 1.0
        elif start <= t.idx < start + len(content):
            p[t.i, CONTENT] = 1.0
    return doc, p


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("Mayor Lin Ode endorsed the plan on Monday, calling it a rescue for the harbour.",
     "calling", "it a rescue for the harbour", "Mayor Lin Ode"),
    ("Senator Dana Kell made a strong argument for the new harbour tax.",
     "argument", "the new harbour tax", "Senator Dana Kell"),
    ("Mayor Lin Ode spoke at length about the new harbour tax.", "about", "the new harbour tax", "Mayor Lin Ode"),
    ("Prices fell under the first pact committing every town to lower harbour fees.",
     "committing", "every town to lower harbour fees", "the first pact"),
    ("Mayor Lin Ode delivered a speech outlining her plan for the harbour.",
     "outlining", "her plan for the harbour", "Mayor Lin Ode"),
])
def test_tagged_candidate_without_a_tagged_source_takes_the_speaker_the_rules_find(nlp, text, cue, content, speaker):
    # The tagger marks no source: the speaker is the one the parse gives the cue, through
    # the verb a participle goes on from, the verb a noun cue or a preposition hangs on,
    # or the noun a participle modifies (or the subject of the verb whose object it is).
    doc, p = _parsed_with_roles(nlp, text, content, (cue,))
    (cand,) = tagger_candidates.tagged_candidates(doc, p, [], load_lexicon())
    assert [text[s:e] for s, e in cand.content] == [content]
    assert cand.source is not None and doc[cand.source[0] : cand.source[1]].text == speaker


def test_tagged_candidate_takes_no_passive_subject_for_its_speaker(nlp):
    # "Ode was accused of ...": who accused goes unnamed, as for the rules' cues.
    doc, p = _parsed_with_roles(nlp, "Mayor Lin Ode was accused of hiding the harbour accounts from the council.",
                                "hiding the harbour accounts from the council", ("was", "accused", "of"))
    (cand,) = tagger_candidates.tagged_candidates(doc, p, [], load_lexicon())
    assert cand.source is None, doc[cand.source[0] : cand.source[1]]


@pytest.mark.parametrize("text, cues, sources", [
    ("Mayor Lin Ode has faced questions about the harbour accounts.", ("faced", "questions", "about"), ("Lin", "Ode")),
    ("Mayor Lin Ode has faced questions about the harbour accounts.", ("questions", "about"), ("Lin", "Ode")),
    ("Fresh questions arose about the harbour accounts.", ("arose", "about"), ("questions",)),
    ("Mayor Lin Ode was asked about the harbour accounts.", ("was", "asked", "about"), ("Lin", "Ode")),
])
def test_tagged_candidate_whose_verb_leaves_the_speakers_unnamed_names_nobody(nlp, text, cues, sources):
    # "Ode has faced questions about ...": Ode is asked, the askers go unnamed, even
    # where the tagger marks Ode as the source; "questions arose" and "Ode was asked"
    # name nobody either.
    doc, p = _parsed_with_roles(nlp, text, "the harbour accounts", cues, sources=sources)
    (cand,) = tagger_candidates.tagged_candidates(doc, p, [], load_lexicon())
    assert cand.source is None, doc[cand.source[0] : cand.source[1]]


def test_tagged_source_takes_the_parse_extent_where_the_two_meet(nlp):
    # The tagger marks only part of the subject as the source: it says who, and the
    # parse says where that phrase starts and ends.
    doc, p = _parsed_with_roles(nlp, "Mayor Lin Ode of Varna edged up her forecast for steel prices.",
                                "her forecast for steel prices", ("edged", "up"), sources=("Ode",))
    (cand,) = tagger_candidates.tagged_candidates(doc, p, [], load_lexicon())
    assert doc[cand.source[0] : cand.source[1]].text == "Mayor Lin Ode of Varna"


def test_training_settings_fit_the_shipped_tagger():
    sidecar = models.metadata("role_tagger")
    assert sidecar["settings"] == SETTINGS and sidecar["roles"] == list(ROLES)
    assert sidecar["command"] == "python -m attrib.learn roles" and sidecar["trained_on"] == 840
    assert roles.tagger().pipeline == "en_core_web_sm 3.8"


def test_torch_network_and_numpy_tagger_agree(nlp):
    torch = pytest.importorskip("torch")
    from attrib.learn.role_tagger import _network, exported_weights

    doc = nlp('"We will win," the senator said.\n\nShe left.')
    vocabs = vocabularies([doc])
    torch.manual_seed(0)
    network = _network({n: len(v) for n, v in vocabs.items()}, doc.tensor.shape[1]).eval()
    weights = dict(exported_weights(network))
    tagger = roles.RoleTagger(roles.tagger_arrays({"pipeline": "x", "tensor_width": doc.tensor.shape[1],
                                                   "layers": SETTINGS["layers"], "vocabularies": vocabs, "weights": weights}))
    ids = roles.WordIndex(vocabs)(doc)
    with torch.no_grad():
        expected = [
            torch.sigmoid(network(torch.from_numpy(ids[None, s:e]), torch.from_numpy(doc.tensor[None, s:e]),
                                  torch.tensor([e - s])))[0].numpy()
            for s, e in roles.paragraphs(doc)
        ]
    # Half-precision weights: the two agree to about three decimals.
    assert np.allclose(tagger.probabilities(doc), np.concatenate(expected), atol=5e-3)


def test_tagger_fit_is_deterministic(nlp, monkeypatch):
    pytest.importorskip("torch")
    from attrib.learn import role_tagger as train_roles

    text = 'Ms. Vance said that the vote would pass.\n\n"It will," the mayor said.'
    doc = nlp(text)
    span = lambda words: (text.index(words), text.index(words) + len(words))  # noqa: E731
    gold = GoldDocument(doc="d", text=text, attributions=(GoldAttribution(
        source=(span("Ms. Vance"),), cue=(span("said"),), content=(span("that the vote would pass"),)),))
    vocabs = vocabularies([doc])
    sequences = train_roles._sequences(doc, roles.WordIndex(vocabs), role_labels(gold, doc))
    monkeypatch.setitem(SETTINGS, "epochs", 2)
    fits = [train_roles.exported_weights(train_roles.train_tagger(sequences, vocabs, doc.tensor.shape[1], seed=3))
            for _ in range(2)]
    assert fits[0].keys() == fits[1].keys()
    assert all(np.array_equal(fits[0][name], fits[1][name]) for name in fits[0])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bands_of_a_column_agree_with_band_of_each_probability(dtype):
    # The edge model reads a whole Doc's bands at once; at a bound (0.1 is not exact in
    # either precision) and a hair either side of it, each must fall where band() puts it.
    bounds = np.asarray(roles.BANDS, dtype=dtype)
    values = np.concatenate([
        bounds, np.nextafter(bounds, dtype(0)), np.nextafter(bounds, dtype(1)), np.array([0.0, 0.5, 1.0], dtype=dtype),
        np.random.default_rng(0).random(200).astype(dtype),
    ])
    assert roles.bands(values) == [roles.band(v) for v in values]


# ---------------------------------------------------------------- the tagger's choice between two cues

NESTED = "Lee said that Kim told aides the plan was dead ."


def _nested_candidates(text: str = NESTED, said_from: str = "that", told_from: str = "the") -> tuple[Doc, list[Candidate]]:
    """ "Lee said that Kim told aides the plan was dead": the outer "said" (its content,
    from the word `said_from` to the end, holds the inner cue) and the inner "told" (its
    content from `told_from`)."""
    words = text.split()
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))

    def chars(first: str, last: str) -> tuple[int, int]:
        a, b = words.index(first), words.index(last)
        return doc[a].idx, doc[b].idx + len(doc[b].text)

    said = Candidate(content=[chars(said_from, "dead")], cue=[chars("said", "said")], source=None,
                     cue_token=words.index("said"), sentence=0, pattern="verb-clause")
    told = Candidate(content=[chars(told_from, "dead")], cue=[chars("told", "told")], source=None,
                     cue_token=words.index("told"), sentence=0, pattern="verb-object")
    return doc, [said, told]


def _cue_probabilities(doc: Doc, probabilities: dict[str, float]) -> np.ndarray:
    p = np.zeros((len(doc), len(ROLES)))
    for t in doc:
        p[t.i, CUE] = probabilities.get(t.text, 0.0)
    return p


def _kept_cues(doc: Doc, kept: list[Candidate]) -> list[str]:
    return [doc.text[c.cue[0][0] : c.cue[0][1]] for c in kept]


@pytest.mark.parametrize("said, told, kept", [
    (0.2, 0.9, ["told"]),  # the tagger is surer of the inner cue: it is the statement's
    (0.9, 0.2, ["said"]),
    (0.2, 0.25, ["said"]),  # within the margin: the outer cue holds the inner one
])
def test_the_tagger_chooses_between_a_cue_and_one_inside_its_content(said, told, kept):
    doc, candidates = _nested_candidates()
    roles_view = _cue_probabilities(doc, {"said": said, "told": told})
    assert _kept_cues(doc, merge.merged(candidates, doc, roles_view)) == kept


def test_without_the_tagger_the_outer_cue_holds_the_inner_one():
    doc, candidates = _nested_candidates()
    assert _kept_cues(doc, merge.merged(candidates, doc)) == ["said"]


def test_an_inner_statement_much_smaller_than_the_outer_stays_inside_it():
    # The inner content is a small part of the outer one: two statements, the inner
    # nested in the outer's words, whatever the tagger says of the cues.
    text = "Lee said on Monday after a long and difficult meeting with all of his staff that Kim told aides the plan was dead ."
    doc, candidates = _nested_candidates(text, said_from="on")
    said, told = candidates
    assert merge._dice(merge._char_set(said.content), merge._char_set(told.content)) < 0.5
    roles_view = _cue_probabilities(doc, {"said": 0.2, "told": 0.9})
    assert _kept_cues(doc, merge.merged(candidates, doc, roles_view)) == ["said"]


def test_the_tagger_chooses_between_two_cues_over_the_same_words():
    # Two patterns found one statement from two verbs: the pattern order prefers the
    # verb-clause, unless the tagger is surer of the other verb.
    doc, (said, told) = _nested_candidates("Lee said and told aides that the plan was dead .", told_from="that")
    assert said.content == told.content and told.cue[0][1] < told.content[0][0]
    for probabilities, kept in (({"said": 0.2, "told": 0.9}, ["told"]), ({"said": 0.9, "told": 0.2}, ["said"]), ({}, ["said"])):
        assert _kept_cues(doc, merge.merged([said, told], doc, _cue_probabilities(doc, probabilities))) == kept


def test_shipped_tagger_takes_the_relative_clause_inside_an_object(analyze):
    text = ("He was forced to defend not paying a builder who said he was cheated after he built a "
            "clubhouse at one of his golf courses.")
    found = analyze(text)
    assert [(a.cue.text, a.speaker.mention.text if a.speaker and a.speaker.mention else None) for a in found] == [("said", "who")], describe(found)
