"""Cue words learned from train: the verbs, nouns and stance words that head gold cues
often enough to be tried (`learned_verbs`, `learned_nouns`, `learned_stances`), then
each cue word's precision on the engine's attributions (`verbs`): `cue_stats.json`,
read by attrib/lexicons.py."""

from __future__ import annotations

from collections import Counter

from attrib.evaluate import per_prediction_outcomes
from attrib.extract.cues import verb_lemma
from attrib.extract.quotes import find_quotes
from attrib.extract.cue_model import is_quoted
from attrib.learn.corpus import Corpus, predicted, save_weights

# A word joins the lexicon when it heads at least this many gold cues on train, and
# heads a cue at least this often when it appears outside quotation marks. Nouns get
# a low bar: only a noun with a speaker and a clause of its own ("her claim that ...")
# is tried as a cue, and that structure does the filtering.
COMMAND = "python -m attrib.learn cues"
MIN_GOLD_HEADS = 5
MIN_HEAD_PRECISION = {"VERB": 0.3, "NOUN": 0.05, "STANCE": 0.25}
MIN_STANCE_HEADS = 3
# Smoothing toward the overall precision: a cue seen twice says little on its own.
PRIOR_WEIGHT = 3.0
MIN_SUPPORT = 4
# Cue words below this train precision are dropped; tuned on dev (see docs/accuracy.md).
MIN_PRECISION = 0.3


def learn_cue_words(corpus: Corpus, pos: str) -> list[str]:
    """Words of one part of speech (VERB, NOUN) that head gold cues on train, often
    enough and reliably enough."""
    heads, seen = Counter(), Counter()
    for gold, doc, roles in corpus:
        quote_spans = [(q.start, q.end) for q in find_quotes(doc.text)]
        for token in doc:
            if token.pos_ == pos and not is_quoted(token, quote_spans):
                seen[verb_lemma(token)] += 1
        for attribution in gold.attributions:
            for start, end in attribution.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and span.root.pos_ == pos:
                    heads[verb_lemma(span.root)] += 1
    return sorted(
        lemma for lemma, n in heads.items()
        if n >= MIN_GOLD_HEADS and n / max(seen[lemma], n) >= MIN_HEAD_PRECISION[pos]
    )


def learn_stance_words(corpus: Corpus) -> list[str]:
    """Words that make "be" a cue on train: "is critical of", "was eager to", "is a supporter of"."""
    heads, seen = Counter(), Counter()
    for gold, doc, roles in corpus:
        cue_tokens = set()
        for attribution in gold.attributions:
            for start, end in attribution.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                cue_tokens.update(t.i for t in span or ())
        for token in doc:
            if token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be":
                seen[token.lemma_.lower()] += 1
                heads[token.lemma_.lower()] += token.i in cue_tokens
    return sorted(
        word for word, n in heads.items()
        if n >= MIN_STANCE_HEADS and n / seen[word] >= MIN_HEAD_PRECISION["STANCE"]
    )


def fit_cues(corpus: Corpus) -> dict:
    learned = learn_cue_words(corpus, "VERB")
    nouns = learn_cue_words(corpus, "NOUN")
    stances = learn_stance_words(corpus)
    # Precision is measured on the unfiltered engine, with the learned words in, and
    # with the rules' content edges (so that it does not depend on the edge model).
    save_weights("cue_stats", {
        "learned_verbs": learned, "learned_nouns": nouns, "learned_stances": stances, "verbs": {}, "min_precision": 0.0,
    }, COMMAND)
    predictions = predicted(corpus, use_edge_model=False)
    outcomes = per_prediction_outcomes([g for g, _, _ in corpus], predictions)
    seen, right = Counter(), Counter()
    for outcome in outcomes:
        word = outcome.prediction.cue_word
        seen[word] += 1
        right[word] += outcome.gold is not None
    overall = sum(right.values()) / max(1, sum(seen.values()))
    stats = {
        word: round((right[word] + PRIOR_WEIGHT * overall) / (seen[word] + PRIOR_WEIGHT), 4)
        for word in sorted(seen)
        if seen[word] >= MIN_SUPPORT
    }
    data = {
        "about": "Learned from PolNeAR train by `python -m attrib.learn cues`: verbs that head gold cues "
        "(learned_verbs) and the precision of each cue word (verbs).",
        "learned_verbs": learned,
        "learned_nouns": nouns,
        "learned_stances": stances,
        "overall_precision": round(overall, 4),
        "min_precision": MIN_PRECISION,
        "verbs": stats,
    }
    save_weights("cue_stats", data, COMMAND)
    return data
