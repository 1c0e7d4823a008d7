"""Refit attrib's learned data from PolNeAR train. Deterministic; CPU only.

    python -m attrib.train cues        [--polnear ../shared/polnear]
    python -m attrib.train confidence  [--polnear ../shared/polnear]
    python -m attrib.train all

`cues` writes `data/cue_stats.json`: first the verbs and nouns that head gold cues
often enough on train to be worth trying (`learned_verbs`, added to the hand
lexicon; `learned_nouns`: "her criticism of", "his claim that"; `learned_stances`:
"is critical of", "was eager to"), then, for
each cue word, how often an attribution attrib finds with it is a real one (smoothed
precision). The engine drops cue words less precise than `min_precision` and gives
the precision to confidence as evidence. `confidence` writes `data/confidence.json`:
logistic weights from the evidence features to the probability that content and
speaker are both right, fitted on what the filtered engine emits. Only train is read;
dev stays for measuring.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from attrib.engine import attribute
from attrib.evaluate import GoldDocument, per_prediction_outcomes, read_gold
from attrib.extract.cues import verb_lemma
from attrib.extract.quotes import find_quotes
from attrib.lexicons import load_lexicon
from attrib.model import Attribution

DATA_DIR = Path(__file__).parent / "data"
# A word joins the lexicon when it heads at least this many gold cues on train, and
# heads a cue at least this often when it appears outside quotation marks. Nouns get
# a low bar: only a noun with a speaker and a clause of its own ("her claim that ...")
# is tried as a cue, and that structure does the filtering.
MIN_GOLD_HEADS = 5
MIN_HEAD_PRECISION = {"VERB": 0.3, "NOUN": 0.05, "STANCE": 0.25}
MIN_STANCE_HEADS = 3
# Smoothing toward the overall precision: a cue seen twice says little on its own.
PRIOR_WEIGHT = 3.0
MIN_SUPPORT = 4
# Cue words below this train precision are dropped; tuned on dev (see docs/accuracy.md).
MIN_PRECISION = 0.3

Corpus = list[tuple[GoldDocument, Doc]]


def parse_split(polnear: Path, split: str, n_process: int) -> Corpus:
    from attrib.pipeline import load_pipeline

    gold_docs = read_gold(polnear / f"{split}.gold.jsonl")
    nlp = load_pipeline(with_attrib=False)
    docs = nlp.pipe((g.text for g in gold_docs), n_process=n_process, batch_size=16)
    return list(zip(gold_docs, docs))


def _predict(corpus: Corpus) -> dict[str, list[Attribution]]:
    load_lexicon.cache_clear()  # pick up the data files as they are now
    return {gold.doc: attribute(doc, gold.doc) for gold, doc in corpus}


def learn_cue_words(corpus: Corpus, pos: str) -> list[str]:
    """Words of one part of speech (VERB, NOUN) that head gold cues on train, often
    enough and reliably enough."""
    heads, seen = Counter(), Counter()
    for gold, doc in corpus:
        quoted = [(q.start, q.end) for q in find_quotes(doc.text)]
        for token in doc:
            if token.pos_ == pos and not any(s <= token.idx < e for s, e in quoted):
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
    for gold, doc in corpus:
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
    # Precision is measured on the unfiltered engine, with the learned words in.
    _write(DATA_DIR / "cue_stats.json", {
        "learned_verbs": learned, "learned_nouns": nouns, "learned_stances": stances, "verbs": {}, "min_precision": 0.0,
    })
    predictions = _predict(corpus)
    outcomes = per_prediction_outcomes([g for g, _ in corpus], predictions)
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
        "about": "Learned from PolNeAR train by `python -m attrib.train cues`: verbs that head gold cues "
        "(learned_verbs) and the precision of each cue word (verbs).",
        "learned_verbs": learned,
        "learned_nouns": nouns,
        "learned_stances": stances,
        "overall_precision": round(overall, 4),
        "min_precision": MIN_PRECISION,
        "verbs": stats,
    }
    _write(DATA_DIR / "cue_stats.json", data)
    return data


def fit_confidence(corpus: Corpus) -> dict:
    from sklearn.linear_model import LogisticRegression

    outcomes = per_prediction_outcomes([g for g, _ in corpus], _predict(corpus))
    names = sorted({name for o in outcomes for name in o.prediction.features})
    rows = [[o.prediction.features.get(name, 0.0) for name in names] for o in outcomes]
    labels = [int(o.correct) for o in outcomes]
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(rows, labels)
    weights = {"bias": round(float(model.intercept_[0]), 5)}
    weights.update({name: round(float(w), 5) for name, w in zip(names, model.coef_[0])})
    data = {
        "about": "Logistic weights from evidence features to P(content and speaker right), fitted on PolNeAR train "
        "by `python -m attrib.train confidence`.",
        "trained_on": len(labels),
        "weights": weights,
    }
    _write(DATA_DIR / "confidence.json", data)
    return data


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m attrib.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["cues", "confidence", "all"])
    parser.add_argument("--polnear", type=Path, default=Path("../shared/polnear"))
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    corpus = parse_split(args.polnear, "train", args.processes)
    if args.what in ("cues", "all"):
        data = fit_cues(corpus)
        print(f"cue_stats.json: {len(data['learned_verbs'])} learned verbs, {len(data['verbs'])} cue words, "
              f"overall precision {data['overall_precision']}")
    if args.what in ("confidence", "all"):
        data = fit_confidence(corpus)
        print(f"confidence.json: fitted on {data['trained_on']} predictions")


if __name__ == "__main__":
    main()
