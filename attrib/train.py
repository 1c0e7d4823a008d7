"""Refit attrib's learned data from PolNeAR train. Deterministic; CPU only.

    python -m attrib.train roles       [--polnear ../shared/polnear]  (needs PyTorch)
    python -m attrib.train cue-model   [--polnear ../shared/polnear]
    python -m attrib.train cues        [--polnear ../shared/polnear]
    python -m attrib.train boundaries  [--polnear ../shared/polnear]
    python -m attrib.train confidence  [--polnear ../shared/polnear]
    python -m attrib.train all         (the five, in this order)
    python -m attrib.train cues boundaries confidence   (several steps, one parse of train)

`roles` writes `data/role_tagger.json`: the role tagger, a bidirectional LSTM from each
word in context to P(it is in a content, cue or source), and keeps train's
cross-fitted role probabilities (`--roles-cache`) for the steps after it, which take
them as evidence (see `attrib/train_roles.py`).
`cue-model` writes `data/cue_model.json`: logistic weights from a verb's frame (its
lemma, dependents, subject, nearby quotation marks) to the probability that it heads
a gold cue, fitted on every verb of train (see `attrib/extract/cue_model.py`).
`cues` writes `data/cue_stats.json`: first the verbs and nouns that head gold cues
often enough on train to be worth trying (`learned_verbs`, added to the hand
lexicon; `learned_nouns`: "her criticism of", "his claim that"; `learned_stances`:
"is critical of", "was eager to"), then, for
each cue word, how often an attribution attrib finds with it is a real one (smoothed
precision). The engine drops cue words less precise than `min_precision` and gives
the precision to confidence as evidence. `boundaries` writes `data/boundary_model.json`:
logistic weights from the words around a possible content edge to the chance that
the annotators put the edge there (see `attrib/extract/boundaries.py`), fitted on
the contents attrib finds on train that overlap a gold content. `confidence` writes `data/confidence.json`:
boosted trees from the evidence features to the probability that content and
speaker are both right, fitted on what the filtered engine emits. Only train is read;
dev stays for measuring.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from attrib import train_roles
from attrib.engine import attribute, candidates_of
from attrib.evaluate import GoldDocument, covered_chars, dice_overlap, per_prediction_outcomes, read_gold
from attrib.extract import boundaries, cue_model
from attrib.extract.boundaries import REFINED_PATTERNS, DocWords, EdgeChoices
from attrib.extract.cue_model import frame_features, is_next_to_quote, is_quoted
from attrib.extract.cues import verb_lemma
from attrib.extract.quotes import find_quotes
from attrib.extract.roles import CUE
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
# The cue model's score a verb needs to be tried as a cue, in the lexicon or not;
# tuned on dev (see docs/accuracy.md). A frame feature needs this many verbs on train.
CUE_MODEL_THRESHOLDS = {"lexicon": 0.15, "other": 0.4}
# The confidence model: 400 trees of depth 6, each fitted on 80% of the rows (seeded),
# with at least 40 rows per leaf. Chosen by five-fold cross-validation on train, by
# article, among eight settings (depth 3 to 8, 150 to 400 trees, random forests,
# logistic regression): cross-validated AUROC 0.838, against 0.835 for the former
# 150 trees of depth 4.
BOOSTING = {
    "max_depth": 6, "n_estimators": 400, "learning_rate": 0.02, "subsample": 0.8, "min_samples_leaf": 40,
    "random_state": 0,
}
MIN_FEATURE_COUNT = 3
# Where `python -m attrib.train roles` keeps train's cross-fitted role probabilities
# for the steps after it (not package data: it is only read by training).
ROLES_CACHE = Path(".attrib-train/train-roles.npz")
# The steps, in the order `all` runs them: each later one reads what the earlier ones wrote.
STEPS = ("roles", "cue-model", "cues", "boundaries", "confidence")

# A train article: its gold, its parse, and the role tagger's cross-fitted view of it
# (None: decide without the tagger).
Corpus = list[tuple[GoldDocument, Doc, Optional[np.ndarray]]]


def parse_split(polnear: Path, split: str, n_process: int) -> tuple[list[GoldDocument], list[Doc], str]:
    """The split's gold, its parses, and the pipeline's identity."""
    from attrib.pipeline import load_pipeline, pipeline_identity

    gold_docs = read_gold(polnear / f"{split}.gold.jsonl")
    nlp = load_pipeline(with_attrib=False)
    docs = list(nlp.pipe((g.text for g in gold_docs), n_process=n_process, batch_size=16))
    return gold_docs, docs, pipeline_identity(nlp)


def _predict(corpus: Corpus, refine_edges: bool = True) -> dict[str, list[Attribution]]:
    """Every candidate the engine finds on the corpus, none dropped as unlikely."""
    load_lexicon.cache_clear()  # pick up the data files as they are now
    return {
        gold.doc: attribute(doc, gold.doc, refine_edges=refine_edges, roles=roles, tag_roles=False, keep_all=True)
        for gold, doc, roles in corpus
    }


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


def fit_cue_model(corpus: Corpus, data_dir: Path = DATA_DIR) -> dict:
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
        "of PolNeAR train by `python -m attrib.train cue-model`; thresholds tuned on dev.",
        "trained_on": len(labels),
        "bias": round(float(model.intercept_[0]), 4),
        "thresholds": CUE_MODEL_THRESHOLDS,
        "weights": weights,
    }
    _write(data_dir / "cue_model.json", data)
    cue_model._model.cache_clear()
    return data


def fit_cues(corpus: Corpus) -> dict:
    learned = learn_cue_words(corpus, "VERB")
    nouns = learn_cue_words(corpus, "NOUN")
    stances = learn_stance_words(corpus)
    # Precision is measured on the unfiltered engine, with the learned words in, and
    # with the rules' content edges (so that it does not depend on the edge model).
    _write(DATA_DIR / "cue_stats.json", {
        "learned_verbs": learned, "learned_nouns": nouns, "learned_stances": stances, "verbs": {}, "min_precision": 0.0,
    })
    predictions = _predict(corpus, refine_edges=False)
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


def _gold_content_for(cand_chars: frozenset[int], cue_chars: frozenset[int], gold_roles: list) -> frozenset[int] | None:
    """The gold content a candidate stands for: the one it overlaps best (Dice >= 0.5),
    else the best-overlapping one with the same cue (edges so far off that the
    statement was missed)."""
    best = max(gold_roles, key=lambda g: dice_overlap(cand_chars, g[0]), default=None)
    if best is not None and dice_overlap(cand_chars, best[0]) >= 0.5:
        return best[0]
    same_cue = [g for g in gold_roles if g[1] & cue_chars and g[0]]
    return max(same_cue, key=lambda g: dice_overlap(cand_chars, g[0]))[0] if same_cue else None


def _edge_rows(corpus: Corpus) -> dict[str, tuple[list[list[str]], list[int]]]:
    """Every word a found content could start or end at, as (features, is where the gold
    content starts / ends), for the contents that stand for a gold one."""
    lexicon = load_lexicon()
    rows: dict[str, tuple[list[list[str]], list[int]]] = {"start": ([], []), "end": ([], [])}
    for gold, doc, roles in corpus:
        text = doc.text
        gold_roles = [(covered_chars(text, a.content), covered_chars(text, a.cue)) for a in gold.attributions]
        candidates = candidates_of(doc, lexicon, roles)
        all_cues = frozenset(c.cue_token for c in candidates)
        words = DocWords(doc, roles)
        for cand in candidates:
            if cand.pattern not in REFINED_PATTERNS:
                continue
            target = _gold_content_for(covered_chars(text, cand.content), covered_chars(text, cand.cue), gold_roles)
            choices = EdgeChoices(doc, cand, all_cues, words)
            if not target or not choices.starts or not choices.ends:
                continue
            for position in choices.starts:
                rows["start"][0].append(choices.start_features(position))
                rows["start"][1].append(int(doc[position].idx == min(target)))
            for position in choices.ends:
                rows["end"][0].append(choices.end_features(position))
                rows["end"][1].append(int(doc[position].idx + len(doc[position].text) == max(target) + 1))
    return rows


def fit_boundaries(corpus: Corpus, data_dir: Path = DATA_DIR) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    load_lexicon.cache_clear()
    data = {
        "about": "Logistic weights from the words around a possible content edge to P(the gold content starts / "
        "ends there), fitted on PolNeAR train by `python -m attrib.train boundaries`; another edge replaces the rules' "
        "edge when it scores higher by boundaries.MIN_MARGIN.",
    }
    for side, (rows, labels) in _edge_rows(corpus).items():
        counts = Counter(name for row in rows for name in row)
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform([{n: 1 for n in row if counts[n] >= MIN_FEATURE_COUNT} for row in rows])
        model = LogisticRegression(C=1.0, max_iter=3000)
        model.fit(matrix, labels)
        data[side] = {
            "trained_on": len(labels),
            "weights": {
                name: round(float(w), 4)
                for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
                if abs(w) >= 1e-3
            },
        }
    _write(data_dir / "boundary_model.json", data)
    boundaries._model.cache_clear()
    return data


def _fitted_trees(rows: list[list[float]], labels: list[int], names: list[str]) -> tuple[dict, object]:
    """Boosted trees on these rows, as the plain arrays `attrib.confidence` walks."""
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(**BOOSTING)
    model.fit(rows, labels)
    prior = float(model.init_.class_prior_[1])
    trees = []
    for (estimator,) in model.estimators_:
        tree = estimator.tree_
        trees.append({
            "feature": [int(f) for f in tree.feature],
            "threshold": [float(t) for t in tree.threshold],
            "left": [int(n) for n in tree.children_left],
            "right": [int(n) for n in tree.children_right],
            "value": [round(float(v), 6) for v in tree.value[:, 0, 0]],
        })
    data = {
        "trained_on": len(labels),
        "features": names,
        "initial_log_odds": math.log(prior / (1 - prior)),
        "learning_rate": BOOSTING["learning_rate"],
        "trees": trees,
    }
    return data, model


def _check_written(forest, names: list[str], rows: list[list[float]], model) -> None:
    """The written trees must give sklearn's own probabilities."""
    from attrib import confidence

    for row, expected in zip(rows[:200], model.predict_proba(rows[:200])[:, 1]):
        got = confidence._walk(forest, [dict(zip(names, row))])[0]
        assert abs(got - expected) < 1e-4, (got, expected)


def fit_confidence(corpus: Corpus) -> dict:
    """Two sets of boosted trees from the evidence features of every candidate found on
    train: P(the content matches a gold one), which decides what is kept
    (`data/match.json`), and P(content and speaker right), the confidence
    (`data/confidence.json`); and both again from the evidence the engine has without
    the role tagger (`*_without_tagger.json`, for a pipeline the tagger can't read).

    Trees, not a logistic model: the evidence interacts (a pronoun is a fine speaker
    two words from the cue and a poor one three sentences away), and the trees
    separate right from wrong better (cross-validated on train, AUROC 0.838 against
    0.820) at the same calibration. Returns the data of the confidence trees fitted
    with the tagger."""
    without_tagger = [(gold, doc, None) for gold, doc, _ in corpus]
    _fit_confidence_trees(without_tagger, with_roles=False)
    return _fit_confidence_trees(corpus, with_roles=True)


def _fit_confidence_trees(corpus: Corpus, with_roles: bool) -> dict:
    from attrib import confidence

    # The engine scores what it finds; on a first fit, before these trees exist, with a
    # neutral model (the scores are not what is learned from).
    path = DATA_DIR / confidence.data_file("confidence", with_roles)
    if not path.exists():
        _write(path, {"features": [], "initial_log_odds": 0.0, "learning_rate": 0.0, "trees": []})
        confidence._forest.cache_clear()
    outcomes = per_prediction_outcomes([g for g, _, _ in corpus], _predict(corpus))
    names = sorted({name for o in outcomes for name in o.prediction.features})
    rows = [[o.prediction.features.get(name, 0.0) for name in names] for o in outcomes]
    # What to keep: a candidate helps F1 when it is likelier to match than half the
    # F1 itself (the engine's on train, keeping everything).
    matched = [int(o.gold is not None) for o in outcomes]
    gold_count = sum(len(g.attributions) for g, _, _ in corpus)
    train_f1 = 2 * sum(matched) / (len(matched) + gold_count)
    evidence = "with" if with_roles else "without"
    match, match_model = _fitted_trees(rows, matched, names)
    match.update({
        "about": "Boosted regression trees from evidence features to P(the content matches a gold one), fitted on "
        f"PolNeAR train by `python -m attrib.train confidence`, {evidence} the role tagger's evidence; the engine "
        "keeps a candidate when it is at least min_probability (half the engine's attribution F1 on train).",
        "min_probability": round(train_f1 / 2, 4),
    })
    _write(DATA_DIR / confidence.data_file("match", with_roles), match)
    confidence._match_model.cache_clear()
    _check_written(confidence.forest_of(match), names, rows, match_model)
    # Confidence learns from every candidate, the ones dropped too: the easy wrong
    # ones help it rank the rest (dev AUROC 0.854 against 0.849 fitted on the kept alone).
    data, model = _fitted_trees(rows, [int(o.correct) for o in outcomes], names)
    data["about"] = (
        "Boosted regression trees from evidence features to P(content and speaker right), fitted on PolNeAR train "
        f"by `python -m attrib.train confidence`, {evidence} the role tagger's evidence; evaluated by attrib/confidence.py."
    )
    _write(DATA_DIR / confidence.data_file("confidence", with_roles), data)
    confidence._forest.cache_clear()
    _check_written(confidence._forest(with_roles), names, rows, model)
    return data


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def fit_role_tagger(golds: list[GoldDocument], docs: list[Doc], pipeline: str, processes: int,
                    data_dir: Path = DATA_DIR) -> tuple[dict, list[np.ndarray]]:
    from attrib.extract import roles

    data, cross_fitted = train_roles.fit_roles(golds, docs, pipeline, processes)
    _write(data_dir / "role_tagger.json", data)
    roles.tagger.cache_clear()
    return data, cross_fitted


def save_cross_fitted(path: Path, golds: list[GoldDocument], cross_fitted: list[np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, ids=np.array([g.doc for g in golds]), *cross_fitted)


def load_cross_fitted(path: Path, golds: list[GoldDocument]) -> list[np.ndarray]:
    """The cross-fitted role probabilities `roles` saved for these articles."""
    if not path.exists():
        raise SystemExit(f"{path}: no cross-fitted role probabilities; run `python -m attrib.train roles` first")
    with np.load(path) as saved:
        if list(saved["ids"]) != [g.doc for g in golds]:
            raise SystemExit(f"{path}: saved for other articles; run `python -m attrib.train roles` again")
        return [saved[f"arr_{i}"] for i in range(len(golds))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m attrib.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="+", choices=[*STEPS, "all"],
                        help="the steps to run: roles first, then the others in the order given (all: every step, in order)")
    parser.add_argument("--polnear", type=Path, default=Path("../shared/polnear"))
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--roles-cache", type=Path, default=ROLES_CACHE,
                        help="where `roles` keeps the cross-fitted role probabilities of train for the other steps")
    args = parser.parse_args(argv)
    steps = list(STEPS) if "all" in args.what else list(dict.fromkeys(args.what))
    golds, docs, pipeline = parse_split(args.polnear, "train", args.processes)
    if "roles" in steps:
        data, cross_fitted = fit_role_tagger(golds, docs, pipeline, args.processes)
        save_cross_fitted(args.roles_cache, golds, cross_fitted)
        print(f"role_tagger.json: fitted on {data['trained_on']} articles; cross-fitted view in {args.roles_cache}")
    else:
        cross_fitted = load_cross_fitted(args.roles_cache, golds)
    corpus = list(zip(golds, docs, cross_fitted))
    for step in steps:
        if step == "cue-model":
            data = fit_cue_model(corpus)
            print(f"cue_model.json: {len(data['weights'])} weights from {data['trained_on']} verbs")
        elif step == "cues":
            data = fit_cues(corpus)
            print(f"cue_stats.json: {len(data['learned_verbs'])} learned verbs, {len(data['verbs'])} cue words, "
                  f"overall precision {data['overall_precision']}")
        elif step == "boundaries":
            data = fit_boundaries(corpus)
            print(f"boundary_model.json: {len(data['start']['weights'])} start and {len(data['end']['weights'])} end weights "
                  f"from {data['start']['trained_on']} and {data['end']['trained_on']} possible edges")
        elif step == "confidence":
            data = fit_confidence(corpus)
            print(f"confidence.json: fitted on {data['trained_on']} predictions")


if __name__ == "__main__":
    main()
