"""Confidence: the evidence behind an attribution, mapped to a calibrated probability.

`features()` turns what the extractor and resolver did into numbers; boosted
regression trees, stored as plain arrays in `data/confidence.json`, map them to the
probability that both the content and the speaker are right. The trees are fitted
on PolNeAR train by `python -m attrib.train confidence`; never edit them by hand.
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
# The cue verb's form: a participle ("saying", "asked") or a headline's present tense
# reports less surely than a past tense "said".
VERB_FORMS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
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
    cue_score: float | None = None,
    sentence_tokens: int = 0,
    sentence_attributions: int = 1,
    cue_tag: str = "",
    edges_moved: int = 0,
    edge_margin: float | None = None,
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
    # Long sentences are where the small parser goes wrong; several attributions in
    # one sentence compete for its words.
    vector["log_sentence_tokens"] = math.log1p(sentence_tokens)
    vector["shared_sentence"] = float(sentence_attributions > 1)
    vector.update({f"cue_form={form}": float(cue_tag == form) for form in VERB_FORMS})
    # Content whose edges the edge model moved is where the rules and the annotators' habits disagree.
    vector["edges_moved"] = float(edges_moved)
    if edge_margin is not None:
        vector["edge_margin"] = min(edge_margin, 10.0)
    else:
        vector["no_edge_model"] = 1.0
    # The cue model's judgement of the verb in its frame, where there is a verb.
    if cue_score is not None:
        q = min(max(cue_score, 0.01), 0.99)
        vector["cue_model_log_odds"] = math.log(q / (1 - q))
    else:
        vector["no_cue_model"] = 1.0
    return vector


@lru_cache(maxsize=1)
def _model() -> dict:
    return read_data_file("confidence.json")


def _tree_output(tree: dict, row: list[float]) -> float:
    node = 0
    while tree["left"][node] != -1:  # sklearn marks a leaf by -1 children
        if row[tree["feature"][node]] <= tree["threshold"][node]:
            node = tree["left"][node]
        else:
            node = tree["right"][node]
    return tree["value"][node]


def probability(vector: dict[str, float]) -> float:
    model = _model()
    row = [vector.get(name, 0.0) for name in model["features"]]
    z = model["initial_log_odds"] + model["learning_rate"] * sum(_tree_output(tree, row) for tree in model["trees"])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
