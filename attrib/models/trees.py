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


def data_file(kind: str, with_roles: bool) -> str:
    """The data file of the trees of `kind` ("confidence", "match"). An article the role
    tagger read and one it could not (a pipeline whose token vectors it does not know)
    have trees of their own, each fitted on train evidence of its own kind: trees that
    learned to lean on the tagger's view would be neither right nor calibrated without it."""
    return f"{kind}.json" if with_roles else f"{kind}_without_tagger.json"


def forest_of(model: dict) -> Forest:
    """The arrays of the trees as `attrib.learn` writes them (sklearn's own layout)."""
    trees = model["trees"]
    shape = (len(trees), max((len(t["left"]) for t in trees), default=1))
    feature = np.zeros(shape, dtype=np.intp)
    threshold = np.zeros(shape)
    left = np.zeros(shape, dtype=np.intp)
    right = np.zeros(shape, dtype=np.intp)
    value = np.zeros(shape)
    depth = 0
    for k, tree in enumerate(trees):
        n = len(tree["left"])
        nodes = np.arange(n)
        is_leaf = np.array(tree["left"]) == -1  # sklearn marks a leaf by -1 children
        feature[k, :n] = np.where(is_leaf, 0, tree["feature"])
        threshold[k, :n] = tree["threshold"]
        left[k, :n] = np.where(is_leaf, nodes, tree["left"])
        right[k, :n] = np.where(is_leaf, nodes, tree["right"])
        value[k, :n] = tree["value"]
        depth = max(depth, _depth(tree["left"], tree["right"]))
    roots = np.arange(shape[0], dtype=np.intp) * shape[1]
    return Forest(
        tuple(model["features"]), model["initial_log_odds"], model["learning_rate"],
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
