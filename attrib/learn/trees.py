"""The keep-or-drop and confidence trees (attrib/confidence.py): boosted trees from the
evidence features of every candidate the engine finds on train."""

from __future__ import annotations

import math

from attrib.evaluate import per_prediction_outcomes
from attrib.extract import keep
from attrib import models
from attrib.learn.corpus import Corpus, predicted, save_arrays
from attrib.models import trees

# The confidence model: 400 trees of depth 6, each fitted on 80% of the rows (seeded),
# with at least 40 rows per leaf. Chosen by five-fold cross-validation on train, by
# article, among eight settings (depth 3 to 8, 150 to 400 trees, random forests,
# logistic regression): cross-validated AUROC 0.838, against 0.835 for the former
# 150 trees of depth 4.
COMMAND = "python -m attrib.learn confidence"
BOOSTING = {
    "max_depth": 6, "n_estimators": 400, "learning_rate": 0.02, "subsample": 0.8, "min_samples_leaf": 40,
    "random_state": 0,
}


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
    
    for row, expected in zip(rows[:200], model.predict_proba(rows[:200])[:, 1]):
        got = trees.walk(forest, [dict(zip(names, row))])[0]
        assert abs(got - expected) < 1e-4, (got, expected)


def fit_confidence(corpus: Corpus) -> dict:
    """Two sets of boosted trees from the evidence features of every candidate found on
    train: P(the content matches a gold one), which decides what is kept
    (the keep model), and P(content and speaker right), the confidence
    (the confidence model); and both again from the evidence the engine has without
    the role tagger (`*_without_tagger`, for a pipeline the tagger can't read).

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
    name = trees.model_name("confidence", with_roles)
    if models.read(name) is None:
        neutral = {"features": [], "initial_log_odds": 0.0, "learning_rate": 0.0, "trees": []}
        save_arrays(name, trees.tree_arrays(neutral), {"about": "neutral trees, until fitted"}, COMMAND)
    outcomes = per_prediction_outcomes([g for g, _, _ in corpus], predicted(corpus))
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
        f"PolNeAR train by `python -m attrib.learn confidence`, {evidence} the role tagger's evidence; the engine "
        "keeps a candidate when it is at least min_probability (half the engine's attribution F1 on train).",
        "min_probability": round(train_f1 / 2, 4),
    })
    save_arrays(trees.model_name("keep", with_roles), trees.tree_arrays(match), match, COMMAND)
    _check_written(keep.keep_trees(models.read(trees.model_name("keep", with_roles)))[0], names, rows, match_model)
    # Confidence learns from every candidate, the ones dropped too: the easy wrong
    # ones help it rank the rest (dev AUROC 0.854 against 0.849 fitted on the kept alone).
    data, model = _fitted_trees(rows, [int(o.correct) for o in outcomes], names)
    data["about"] = (
        "Boosted regression trees from evidence features to P(content and speaker right), fitted on PolNeAR train "
        f"by `python -m attrib.learn confidence`, {evidence} the role tagger's evidence; evaluated by attrib/confidence.py."
    )
    save_arrays(name, trees.tree_arrays(data), data, COMMAND)
    _check_written(confidence._forest(with_roles), names, rows, model)
    return data
