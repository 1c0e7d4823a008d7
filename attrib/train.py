"""Refit attrib's learned data from PolNeAR train. Deterministic; CPU only.

    python -m attrib.train cues        [--polnear ../shared/polnear]
    python -m attrib.train confidence  [--polnear ../shared/polnear]
    python -m attrib.train all

`cues` writes `data/cue_stats.json`: for each cue word, how often an attribution
attrib finds with it is a real one on train (smoothed precision). The engine drops
cue words that are wrong more often than `min_precision` and gives the precision to
confidence as evidence. `confidence` writes `data/confidence.json`: logistic weights
from the evidence features to the probability that content and speaker are both
right. Run `cues` first: confidence is fitted on what the filtered engine emits.
Only train is read; dev stays for measuring.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from attrib.engine import attribute
from attrib.evaluate import per_prediction_outcomes, read_gold
from attrib.lexicons import load_lexicon
from attrib.model import Attribution

DATA_DIR = Path(__file__).parent / "data"
# Smoothing toward the overall precision: a cue seen twice says little on its own.
PRIOR_WEIGHT = 3.0
MIN_SUPPORT = 4
# Cue words below this train precision are dropped; tuned on dev (see docs/accuracy.md).
MIN_PRECISION = 0.3


def _analyse(polnear: Path, split: str, n_process: int) -> tuple[list, dict[str, list[Attribution]]]:
    from attrib.pipeline import load_pipeline

    gold_docs = read_gold(polnear / f"{split}.gold.jsonl")
    nlp = load_pipeline(with_attrib=False)
    predictions: dict[str, list[Attribution]] = {}
    texts = ((g.text, g.doc) for g in gold_docs)
    for doc, doc_id in nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=16):
        predictions[doc_id] = attribute(doc, doc_id)
    return gold_docs, predictions


def fit_cues(polnear: Path, n_process: int) -> dict:
    load_lexicon.cache_clear()
    _write(DATA_DIR / "cue_stats.json", {"verbs": {}, "min_precision": 0.0})  # unfiltered engine
    load_lexicon.cache_clear()
    gold_docs, predictions = _analyse(polnear, "train", n_process)
    outcomes = per_prediction_outcomes(gold_docs, predictions)
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
        "about": "Precision of each cue word on PolNeAR train; refit with `python -m attrib.train cues`.",
        "overall_precision": round(overall, 4),
        "min_precision": MIN_PRECISION,
        "verbs": stats,
    }
    _write(DATA_DIR / "cue_stats.json", data)
    load_lexicon.cache_clear()
    return data


def fit_confidence(polnear: Path, n_process: int) -> dict:
    from sklearn.linear_model import LogisticRegression

    gold_docs, predictions = _analyse(polnear, "train", n_process)
    outcomes = per_prediction_outcomes(gold_docs, predictions)
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
    if args.what in ("cues", "all"):
        data = fit_cues(args.polnear, args.processes)
        print(f"cue_stats.json: {len(data['verbs'])} cue words, overall precision {data['overall_precision']}")
    if args.what in ("confidence", "all"):
        data = fit_confidence(args.polnear, args.processes)
        print(f"confidence.json: fitted on {data['trained_on']} predictions")


if __name__ == "__main__":
    main()
