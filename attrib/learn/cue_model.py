"""The cue model (attrib/extract/cue_model.py): logistic weights from a verb's frame (its
lemma, dependents, subject, nearby quotation marks) to the probability that it heads
a gold cue, fitted on every verb of train."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from attrib.extract.cue_model import frame_features, is_next_to_quote, is_quoted
from attrib.extract.quotes import find_quotes
from attrib.extract.role_tagger import CUE
from attrib.learn.corpus import MIN_FEATURE_COUNT, Corpus, save_weights
from attrib.models import MODELS_DIR

# The cue model's score a verb needs to be tried as a cue, in the lexicon or not;
# tuned on dev (see docs/accuracy.md). A frame feature needs this many verbs on train.
CUE_MODEL_THRESHOLDS = {"lexicon": 0.15, "other": 0.4}


def _verb_rows(corpus: Corpus) -> tuple[list[list[str]], list[int]]:
    """Every verb of the corpus as (frame features, heads a gold cue)."""
    rows, labels = [], []
    for gold, doc, roles in corpus:
        text = doc.text
        heads = set()
        for attribution in gold.attributions:
            for start, end in attribution.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    heads.add(span.root.i)
        quote_spans = [(q.start, q.end) for q in find_quotes(text)]
        for token in doc:
            if not (token.pos_ == "VERB" or token.tag_.startswith("VB")):
                continue
            role_cue = roles[token.i, CUE] if roles is not None else None
            rows.append(frame_features(
                token, is_quoted(token, quote_spans), is_next_to_quote(token, quote_spans, text), role_cue
            ))
            labels.append(int(token.i in heads))
    return rows, labels


def fit_cue_model(corpus: Corpus, directory: Path = MODELS_DIR) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = _verb_rows(corpus)
    counts = Counter(name for row in rows for name in row)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{n: 1 for n in row if counts[n] >= MIN_FEATURE_COUNT} for row in rows])
    model = LogisticRegression(C=1.0, max_iter=3000)
    model.fit(matrix, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
        if abs(w) >= 1e-3
    }
    data = {
        "about": "Logistic weights from a verb's frame to P(it heads an attribution cue), fitted on every verb "
        "of PolNeAR train by `python -m attrib.learn cue-model`; thresholds tuned on dev.",
        "trained_on": len(labels),
        "bias": round(float(model.intercept_[0]), 4),
        "thresholds": CUE_MODEL_THRESHOLDS,
        "weights": weights,
    }
    save_weights("cue_model", data, "python -m attrib.learn cue-model", directory)
    return data
