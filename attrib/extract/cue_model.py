"""Is this verb an attribution cue here? A logistic model over the verb and its frame.

The lexicon knows the common reporting verbs, but news attributes statements with a
long tail of verbs ("slammed", "vowed", "floated", "signalled") and whether a verb
reports anything depends on its frame: "Ryan pushed back that ..." does, "Ryan pushed
the bill" does not. The model scores a verb from its lemma and its frame (a clause
or object, a speaker-like subject, quotation marks next to it) and is trained on
PolNeAR train: every verb, labelled by whether it heads a gold cue. Its weights are
data in `attrib/models/cue_model.json`, refitted by `python -m attrib.learn cue-model`.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from typing import Optional

from spacy.tokens import Token

from attrib.extract.role_tagger import band
from attrib import models

SPEAKER_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you"}
SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
FRAME_DEPS = {"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "dative", "prep", "advcl", "conj", "neg"}


def _subject_kind(verb: Token) -> Optional[str]:
    """What the verb's subject is, in the terms that make a speaker likely."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lower_ in SPEAKER_PRONOUNS:
        return "pronoun"
    if subject.ent_type_ in SPEAKER_ENTITIES:
        return subject.ent_type_
    return subject.pos_


def frame_features(verb: Token, quoted: bool, next_to_quote: bool, role_cue: Optional[float] = None) -> list[str]:
    """The verb's evidence as feature names (all binary). `role_cue` is the role
    tagger's P(the verb is in a cue), where the tagger could read the Doc."""
    names = [f"lemma={verb.lemma_.lower()}", f"tag={verb.tag_}", f"dep={verb.dep_}"]
    if role_cue is not None:
        names.append(f"role_cue={band(role_cue)}")
    children = list(verb.children)
    for child in children:
        if child.dep_ in FRAME_DEPS:
            names.append(f"child={child.dep_}")
        # (Not "according": "..., according to X, the paper reported" does report; that
        # PolNeAR keeps one of the two cues is for the deduplication to decide.)
        if child.dep_ == "prep" and child.lower_ != "according":
            names.append(f"prep={child.lower_}")
        if child.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in child.children):
            names.append("clause=that")
        if child.dep_ == "aux" and child.lower_ == "to":
            names.append("infinitive")
        if child.dep_ == "punct" and child.text == ":":
            names.append("colon")
    subject = _subject_kind(verb)
    has_clause = any(c.dep_ == "ccomp" for c in children)
    names.append(f"subject={subject}" if subject else "no_subject")
    if subject and has_clause:
        names.append(f"subject={subject}+clause")
    # A root verb is its own head, so it gets "head=" its own lemma. (A separate "root"
    # feature was tried: no better on train or dev.)
    names.append(f"head={verb.head.lemma_.lower()}")
    if quoted:
        names.append("quoted")
    if next_to_quote:
        names.append("next_to_quote")
        if subject:
            names.append(f"lemma={verb.lemma_.lower()}+quote")
    if has_clause:
        names.append(f"lemma={verb.lemma_.lower()}+clause")
    return names


# Not fitted: the lexicon alone decides.
UNFITTED = {"weights": {}, "bias": 0.0, "thresholds": {"lexicon": 0.0, "other": 1.01}}


def _model() -> dict:
    return models.model("cue_model") or UNFITTED


def cue_score(verb: Token, quoted: bool, next_to_quote: bool, role_cue: Optional[float] = None) -> float:
    """P(the verb heads an attribution cue), by the model trained on PolNeAR train."""
    model = _model()
    weights = model["weights"]
    z = model["bias"] + sum(weights.get(name, 0.0) for name in frame_features(verb, quoted, next_to_quote, role_cue))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def threshold(in_lexicon: bool) -> float:
    """The score a verb needs to be tried as a cue: low for a lexicon verb (only frames
    unlike a report's are refused), higher for a verb the lexicon does not know."""
    return float(_model()["thresholds"]["lexicon" if in_lexicon else "other"])


# Quotation spans are (start, end) character offsets, in text order and not overlapping
# (as find_quotes gives them), so the few near a verb are found by bisection: this runs
# for every verb of every article.


def is_quoted(verb: Token, quote_spans: list[tuple[int, int]]) -> bool:
    """The verb lies inside a quotation (its marks included)."""
    k = bisect_left(quote_spans, (verb.idx + 1,)) - 1
    return k >= 0 and quote_spans[k][0] <= verb.idx < quote_spans[k][1]


def is_next_to_quote(verb: Token, quote_spans: list[tuple[int, int]], text: str) -> bool:
    """A quotation right after the verb ('said: "..."') or closing a few words before it
    ('"...," the senator from Ohio said')."""
    verb_end = verb.idx + len(verb.text)
    k = bisect_left(quote_spans, (verb_end,))
    if k < len(quote_spans) and quote_spans[k][0] - verb_end <= 3:
        return True
    # Quotations that start before the verb, nearest first, while one could end near it.
    for j in range(k - 1, -1, -1):
        end = quote_spans[j][1]
        if end < verb.idx - 60:
            break
        # A quotation whose words end in a full stop ended its sentence too ('"Yes."
        # The team won'); a comma, "!" or "?" may hand over to the speaker.
        if 0 <= verb.idx - end <= 60 and text[end - 2 : end - 1] != ".":
            between = text[end:verb.idx]
            if len(between.split()) <= 6 and not any(mark in between for mark in ".!?\n"):
                return True
    return False
