"""Confidence: the evidence behind an attribution, mapped to a calibrated probability.

`features()` turns what the extractor and resolver did into numbers; a logistic
model whose weights live in `data/confidence.json` maps them to the probability
that both the content and the speaker are right. The weights are fitted on PolNeAR
train by `python -m attrib.train confidence`; never edit them by hand.
"""

from __future__ import annotations

import math
from functools import lru_cache

from attrib.lexicons import read_data_file

PATTERNS = (
    "verb-clause", "verb-object", "verb-parenthetical", "verb-quote-after", "verb-quote-before",
    "according-to", "headline-colon", "colon-quote", "dash-signature",
)
RESOLUTIONS = (
    "name", "pronoun", "pronoun-entity", "owner", "relative", "description", "description-new", "anonymous",
    "unresolved", "none",
)


def features(
    *,
    pattern: str,
    how: str,
    distance: int,
    cue_probability: float,
    content_tokens: int,
    kind: str,
    speaker_type: str,
    source_after_cue: bool,
) -> dict[str, float]:
    vector = {f"pattern={p}": float(pattern == p) for p in PATTERNS}
    vector.update({f"speaker={r}": float(how == r) for r in RESOLUTIONS})
    vector["distance"] = float(min(distance, 6))
    vector["cue_probability"] = cue_probability
    vector["log_content_tokens"] = math.log1p(content_tokens)
    vector["short_content"] = float(content_tokens < 4)
    vector["direct"] = float(kind == "direct")
    vector["mixed"] = float(kind == "mixed")
    vector["speaker_unknown_type"] = float(speaker_type == "unknown")
    vector["source_after_cue"] = float(source_after_cue)
    return vector


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return read_data_file("confidence.json")["weights"]


def probability(vector: dict[str, float]) -> float:
    weights = _weights()
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in vector.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
