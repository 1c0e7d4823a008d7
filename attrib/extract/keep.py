"""Keep or drop: which candidates are worth reporting at all. Boosted trees over the
evidence confidence is computed from (`attrib.confidence.features`) give P(the content
matches one annotators marked); a candidate less likely than the least worth keeping
is dropped. Fitted on PolNeAR train by `python -m attrib.learn confidence`."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from attrib.lexicons import read_data_file
from attrib.models.trees import Forest, data_file, forest_of, walk


@lru_cache(maxsize=2)
def _keep_model(with_roles: bool = True) -> Optional[tuple[Forest, float]]:
    try:
        model = read_data_file(data_file("match", with_roles))
    except FileNotFoundError:  # not trained: every candidate is kept
        return None
    return forest_of(model), float(model["min_probability"])


def kept(vectors: list[dict[str, float]], with_roles: bool = True) -> list[bool]:
    """Which candidates are worth reporting at all: those whose content is likely
    enough to be a statement annotators would mark (`data/match.json`: boosted trees
    from the same evidence to P(the content matches a gold one), and the least such
    probability worth keeping). A candidate less likely than half the engine's F1 on
    train costs more precision than it brings recall, so that is the bar."""
    model = _keep_model(with_roles)
    if model is None:
        return [True] * len(vectors)
    forest, least = model
    return [p >= least for p in walk(forest, vectors)]
