"""Confidence: the evidence behind an attribution, mapped to a calibrated probability.

`features()` turns what the extractor and resolver did into numbers (and
`role_features()` what the role tagger makes of the same words); boosted regression
trees, stored as arrays in `attrib/models/confidence.npz`, map them to the probability
that both the content and the speaker are right. A second set of trees over the same
evidence, `attrib/models/keep.npz`, decides which candidates are worth reporting at all
(attrib/extract/keep.py). Both are fitted on PolNeAR train by `python -m attrib.learn confidence`;
never edit them by hand.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
from spacy.tokens import Span, Token

from attrib.extract.grammar import SUBJECT_DEPS
from attrib.extract.role_tagger import CONTENT, CONTENT_END, CONTENT_START, CUE, SOURCE
from attrib.model import SPEAKER_TYPES
from attrib import models
from attrib.models.trees import Forest, forest_of, model_name, walk

PATTERNS = (
    "verb-clause", "verb-object", "verb-parenthetical", "verb-quote-after", "verb-quote-before",
    "according-to", "headline-colon", "colon-quote", "dash-signature", "noun-cue", "stance", "tagged",
)
# The cue verb's form: a participle ("saying", "asked") or a headline's present tense
# reports less surely than a past tense "said".
VERB_FORMS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
RESOLUTIONS = (
    "name", "pronoun", "pronoun-entity", "owner", "relative", "description", "description-new", "anonymous",
    "unresolved", "none",
)
# The first word of a content, kept as itself when it says what kind of content this is
# (a that-clause, an infinitive, a question, a pronoun subject); any other as its part of speech.
CONTENT_OPENERS = {"that", "to", "whether", "if", "how", "why", "what", "the", "a", "he", "she", "it", "they", "we", "i"}
# Speakers with more attributions in the article are more surely speakers; more than
# this many say nothing further.
MAX_SPEAKER_ATTRIBUTIONS = 10


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
    mention: Optional[Span] = None,
    content: Optional[Span] = None,
    cue_verb: Optional[Token] = None,
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
    vector.update(_span_features(mention, content, cue_verb))
    return vector


def _span_features(mention: Optional[Span], content: Optional[Span], cue_verb: Optional[Token]) -> dict[str, float]:
    """What the words themselves say. A mention headed by a named person or
    organisation is a likelier speaker than one headed by a common noun or a
    determiner ("That", "The spot"), or one that runs on past a comma. A content that
    opens with "that" or "to", spans sentences or has no verb is a different kind of
    statement; and a negated or modal cue ("did not say", "would argue") reports less
    surely. (Each adds to dev AUROC and to train's cross-validated AUROC; see docs/accuracy.md.)"""
    vector = {}
    if mention is not None and len(mention):
        head = mention.root
        vector[f"mention_entity={head.ent_type_ or 'none'}"] = 1.0
        vector[f"mention_pos={head.pos_}"] = 1.0
        vector["mention_comma"] = float(any(t.text == "," for t in mention))
        vector["mention_lower_start"] = float(mention[0].is_lower)
        if cue_verb is not None:
            vector[f"mention_link={_link(head, cue_verb)}"] = 1.0
    if content is not None and len(content):
        first = content[0]
        vector[f"content_first={first.lower_ if first.lower_ in CONTENT_OPENERS else first.pos_}"] = 1.0
        # The sentences it touches: its first word's, and one more for each sentence starting inside it.
        vector["content_sentences"] = float(min(1 + sum(t.is_sent_start for t in content[1:]), 3))
        vector["content_has_verb"] = float(any(t.pos_ in ("VERB", "AUX") for t in content))
    if cue_verb is not None:
        vector["cue_negated"] = float(any(c.dep_ == "neg" for c in cue_verb.children))
        vector["cue_modal"] = float(any(c.tag_ == "MD" for c in cue_verb.children))
    return vector


def _link(head: Token, cue_verb: Token) -> str:
    """How the parse joins the mention's head to the cue: its subject ("Ode said"), the
    subject of a verb it goes on from ("Ode spoke, adding"), the agent of its passive
    ("was denied by Ode"), or some other way (a parse slip the rules repaired, a tagged
    source, a word in another clause). On train the first is right far more often."""
    if head.head == cue_verb and head.dep_ in SUBJECT_DEPS:
        return "subject"
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.is_ancestor(cue_verb):
        return "shared"
    if head.dep_ == "pobj" and head.head.dep_ == "agent" and head.head.head == cue_verb:
        return "agent"
    return "other"


ROLE_FEATURES = (
    "role_content_mean", "role_content_min", "role_cue_max", "role_source_mean", "role_start", "role_end",
    "role_before_start", "role_after_end", "role_source_elsewhere",
)


def role_features(
    roles: Optional[np.ndarray], content: list[int], cue: list[int], mention: list[int], sentence: tuple[int, int]
) -> dict[str, float]:
    """What the role tagger makes of the attribution's words (`attrib.extract.role_tagger`):
    how surely its content words are a content, its cue a cue, its mention a source;
    whether a content starts and ends where this one does, and whether the words just
    outside it are content too (an edge in the wrong place), and how surely another
    word of the cue's sentence is a source (a speaker in the wrong place). Without the
    tagger's view (a pipeline whose vectors it can't read) there are none, and the
    trees fitted without them decide (`probabilities(..., with_roles=False)`)."""
    if roles is None or not content:
        return {}
    before, after = content[0] - 1, content[-1] + 1
    others = sorted(set(range(*sentence)) - set(content) - set(cue) - set(mention))
    return {
        "role_source_elsewhere": float(roles[others, SOURCE].max()) if others else 0.0,
        "role_content_mean": float(roles[content, CONTENT].mean()),
        "role_content_min": float(roles[content, CONTENT].min()),
        "role_cue_max": float(roles[cue, CUE].max()) if cue else 0.0,
        "role_source_mean": float(roles[mention, SOURCE].mean()) if mention else -1.0,
        "role_start": float(roles[content[0], CONTENT_START]),
        "role_end": float(roles[content[-1], CONTENT_END]),
        "role_before_start": float(roles[before, CONTENT]) if before >= 0 else 0.0,
        "role_after_end": float(roles[after, CONTENT]) if after < len(roles) else 0.0,
    }


def add_speaker_attributions(vector: dict[str, float], attributions_of_speaker: int) -> None:
    """The number of the article's attributions given to the same speaker: known only
    once the whole article is resolved, so added last."""
    vector["speaker_attributions"] = float(min(attributions_of_speaker, MAX_SPEAKER_ATTRIBUTIONS))


def _forest(with_roles: bool = True) -> Forest:
    return models.model(model_name("confidence", with_roles), forest_of)


def probability(vector: dict[str, float], with_roles: bool = True) -> float:
    return probabilities([vector], with_roles)[0]


def probabilities(vectors: list[dict[str, float]], with_roles: bool = True) -> list[float]:
    """P(content and speaker right) for each evidence vector: an article's at once.
    `with_roles`: whether the vectors hold the role tagger's evidence."""
    return walk(_forest(with_roles), vectors)
