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
from attrib.model import SPEAKER_TYPES

PATTERNS = (
    "verb-clause", "verb-object", "verb-parenthetical", "verb-quote-after", "verb-quote-before",
    "according-to", "headline-colon", "colon-quote", "dash-signature", "noun-cue", "stance",
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
    mention_tokens: int,
    content_spans: int,
    content_before_cue: bool,
    sentence: int,
) -> dict[str, float]:
    vector = {f"pattern={p}": float(pattern == p) for p in PATTERNS}
    vector.update({f"speaker={r}": float(how == r) for r in RESOLUTIONS})
    vector["distance"] = float(min(distance, 6))
    vector["cue_probability"] = cue_probability
    vector["log_content_tokens"] = math.log1p(content_tokens)
    vector["short_content"] = float(content_tokens < 4)
    vector["direct"] = float(kind == "direct")
    vector["mixed"] = float(kind == "mixed")
    vector.update({f"type={t}": float(speaker_type == t) for t in SPEAKER_TYPES})
    vector["source_after_cue"] = float(source_after_cue)
    # The cue's precision on train, on the log-odds scale where the model is linear.
    p = min(max(cue_probability, 0.01), 0.99)
    vector["cue_log_odds"] = math.log(p / (1 - p))
    vector["log_mention_tokens"] = math.log1p(mention_tokens)
    vector["long_mention"] = float(mention_tokens > 6)
    vector["several_content_spans"] = float(content_spans > 1)
    vector["content_before_cue"] = float(content_before_cue)
    vector["headline"] = float(sentence == 0)
    return vector


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return read_data_file("confidence.json")["weights"]


def probability(vector: dict[str, float]) -> float:
    weights = _weights()
    z = weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in vector.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
