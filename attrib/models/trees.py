"""Boosted regression trees as attrib walks them: the keep-or-drop trees
(attrib/extract/keep.py) and the confidence trees (attrib/confidence.py), fitted by
`python -m attrib.learn confidence` (attrib/learn/trees.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Forest:
    """The trees as padded arrays, laid end to end (tree k's node j is entry k * nodes +
    j, and children are such entries too), so that every tree takes a step at once:
    hundreds of trees per attribution would be slow walked one by one in Python. A leaf
    points to itself on both sides, so a walk that has arrived stays put."""

    features: tuple[str, ...]
    initial_log_odds: float
    learning_rate: float
    roots: np.ndarray  # (trees,): each tree's first entry
    feature: np.ndarray  # (trees * nodes,): the feature each node splits on
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int


def model_name(kind: str, with_roles: bool) -> str:
    """The model of the trees of `kind` ("confidence", "keep"). An article the role
    tagger read and one it could not (a pipeline whose token vectors it does not know)
    have trees of their own, each fitted on train evidence of its own kind: trees that
    learned to lean on the tagger's view would be neither right nor calibrated without it."""
    return kind if with_roles else f"{kind}_without_tagger"


# One array each, the trees' nodes laid end to end (`tree_sizes` says where each ends).
NODE_ARRAYS = ("feature", "threshold", "left", "right", "value")


def tree_arrays(model: dict) -> dict[str, np.ndarray]:
    """The trees as `attrib.learn` fits them (a list of trees in sklearn's own layout, and
    the numbers around them) as the arrays of their model file."""
    trees = model["trees"]
    arrays = {
        "features": np.array(model["features"], dtype=str),
        "initial_log_odds": np.float64(model["initial_log_odds"]),
        "learning_rate": np.float64(model["learning_rate"]),
        "tree_sizes": np.array([len(t["left"]) for t in trees], dtype=np.int64),
        "feature": np.array([f for t in trees for f in t["feature"]], dtype=np.int64),
        "threshold": np.array([x for t in trees for x in t["threshold"]], dtype=np.float64),
        "left": np.array([n for t in trees for n in t["left"]], dtype=np.int64),
        "right": np.array([n for t in trees for n in t["right"]], dtype=np.int64),
        "value": np.array([v for t in trees for v in t["value"]], dtype=np.float64),
    }
    if "min_probability" in model:
        arrays["min_probability"] = np.float64(model["min_probability"])
    return arrays


def forest_of(arrays: dict[str, np.ndarray]) -> Forest:
    """The walkable forest of a trees model's arrays (`tree_arrays`)."""
    sizes = arrays["tree_sizes"].tolist()
    ends = np.cumsum(sizes).tolist()
    shape = (len(sizes), max(sizes, default=1))
    feature = np.zeros(shape, dtype=np.intp)
    threshold = np.zeros(shape)
    left = np.zeros(shape, dtype=np.intp)
    right = np.zeros(shape, dtype=np.intp)
    value = np.zeros(shape)
    depth = 0
    for k, (n, end) in enumerate(zip(sizes, ends)):
        tree = {name: arrays[name][end - n : end] for name in NODE_ARRAYS}
        nodes = np.arange(n)
        is_leaf = tree["left"] == -1  # sklearn marks a leaf by -1 children
        feature[k, :n] = np.where(is_leaf, 0, tree["feature"])
        threshold[k, :n] = tree["threshold"]
        left[k, :n] = np.where(is_leaf, nodes, tree["left"])
        right[k, :n] = np.where(is_leaf, nodes, tree["right"])
        value[k, :n] = tree["value"]
        depth = max(depth, _depth(tree["left"].tolist(), tree["right"].tolist()))
    roots = np.arange(shape[0], dtype=np.intp) * shape[1]
    return Forest(
        tuple(arrays["features"].tolist()), float(arrays["initial_log_odds"]), float(arrays["learning_rate"]),
        roots, feature.ravel(), threshold.ravel(), (left + roots[:, None]).ravel(), (right + roots[:, None]).ravel(),
        value.ravel(), depth,
    )


def _depth(left: list[int], right: list[int], node: int = 0) -> int:
    if left[node] == -1:
        return 0
    return 1 + max(_depth(left, right, left[node]), _depth(left, right, right[node]))


def walk(forest: Forest, vectors: list[dict[str, float]]) -> list[float]:
    if not vectors:
        return []
    # As float32, as sklearn compares them when it fits the trees: a value a hair over
    # a threshold in float64 can round to it.
    rows = np.array([[vector.get(name, 0.0) for name in forest.features] or [0.0] for vector in vectors], dtype=np.float32)
    node = np.tile(forest.roots, (len(vectors), 1))  # each row's place in each tree
    row_index = np.arange(len(vectors))[:, None]
    for _ in range(forest.depth):
        goes_left = rows[row_index, forest.feature[node]] <= forest.threshold[node]
        node = np.where(goes_left, forest.left[node], forest.right[node])
    z = forest.initial_log_odds + forest.learning_rate * forest.value[node].sum(axis=1)
    return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, float(x))))) for x in z]
