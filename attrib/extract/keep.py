"""Keep or drop: which candidates are worth reporting at all. Boosted trees over the
evidence confidence is computed from (`attrib.confidence.features`) give P(the content
matches one annotators marked); a candidate less likely than the least worth keeping
is dropped. Fitted on PolNeAR train by `python -m attrib.learn confidence`."""

from __future__ import annotations

from attrib import models
from attrib.models.trees import Forest, forest_of, model_name, walk


def keep_trees(arrays: dict) -> tuple[Forest, float]:
    """The trees, and the least probability worth keeping."""
    return forest_of(arrays), float(arrays["min_probability"])


def kept(vectors: list[dict[str, float]], with_roles: bool = True) -> list[bool]:
    """Which candidates are worth reporting at all: those whose content is likely
    enough to be a statement annotators would mark (the keep model: boosted trees
    from the same evidence to P(the content matches a gold one), and the least such
    probability worth keeping). A candidate less likely than half the engine's F1 on
    train costs more precision than it brings recall, so that is the bar."""
    model = models.model(model_name("keep", with_roles), keep_trees)
    if model is None:  # not fitted: every candidate is kept
        return [True] * len(vectors)
    forest, least = model
    return [p >= least for p in walk(forest, vectors)]
