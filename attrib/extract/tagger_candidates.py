"""Attributions the rules did not find, read off the role tagger's view.

Where the tagger (`role_tagger.py`) is sure a run of words is what somebody said, a word of
the same sentence is the cue, and none of the rules' candidates has those words, the
run is a candidate of its own (pattern "tagged"): PolNeAR's broad sense of attribution
("edged up its forecast", "has faced controversies") is mostly out of the rules'
reach, and the tagger learned it from the annotations. Its speaker is the words the
tagger takes for a source, nearest the cue, else the speaker the rules find for the cue
in the parse (`_speaker_span`). Whether such a candidate is kept is the cue statistics'
call (its cue word is TAGGED_CUE_WORD, with a precision measured on train like any
other), and how sure it is, confidence's.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Doc, Span, Token

from attrib.extract.contents import QUESTION_VERBS
from attrib.extract.doc_text import text_of
from attrib.extract.grammar import subtree_span, token_char_span
from attrib.extract.quotes import find_quotes
from attrib.extract.candidate import Candidate
from attrib.extract.verb_frames import is_imperative, is_purpose
from attrib.extract.role_tagger import CONTENT, CUE, SOURCE
from attrib.extract.speakers import participle_speaker, subject_of, verb_governing
from attrib.lexicons import Lexicon

PATTERN = "tagged"
TAGGED_CUE_WORD = "(tagged)"
# A word is in a role when the tagger gives it at least this probability.
IN_ROLE = 0.5
# A run shorter than this is too little to be a statement ("it", "so").
MIN_CONTENT_WORDS = 3
# A run that shares more than this share of its characters with a found candidate's
# content is that candidate's business (its edges), not a new statement.
MAX_SHARED = 0.3


def _is_word(token: Token) -> bool:
    return not (token.is_space or token.is_punct)


def _runs(sentence: Span, probabilities: np.ndarray, role: int, skip: set[int]) -> list[list[Token]]:
    """The sentence's maximal runs of words the tagger puts in `role` (punctuation
    inside a run is kept, at its edges dropped), leaving out the words in `skip`."""
    runs, current = [], []
    for token in sentence:
        if probabilities[token.i, role] >= IN_ROLE and token.i not in skip and not token.is_space:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    trimmed = []
    for run in runs:
        words = [t for t in run if _is_word(t)]
        if words:
            trimmed.append(run[run.index(words[0]) : run.index(words[-1]) + 1])
    return trimmed


def _distance(a: list[Token], b: list[Token]) -> int:
    return max(a[0].i - b[-1].i, b[0].i - a[-1].i, 0)


def _head_of(words: list[Token]) -> Token:
    """The word of a run whose head lies outside it (the first such, for a broken parse)."""
    inside = {t.i for t in words}
    return next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])


# Verbs whose subject is not who speaks, and whose speakers go unnamed: the one spoken
# about ("Ode has faced questions about the deal"; on train gold names no source 5 times
# of 6), or the talk itself ("Questions arose about ...", "Word emerged that ..."; 4 of 4).
UNNAMED_SPEAKER_VERBS = {"face", "arise", "emerge"}


def _speaker_span(cue: Token, content: set[int]) -> Optional[tuple[int, int]]:
    """The cue's speaker as the rules find it in the parse, outside the content: a verb's
    subject (or the subject it shares: "endorsed Ode, calling him ..."), a noun's owner
    ("her attacks on"), else the subject of the verb a noun or a preposition hangs on
    ("made an argument that ...", "spoke at length about"), or the noun a participle
    modifies ("a pact committing every town to ..."; on train, where gold has the
    attribution, these last two give gold's speaker 11 times and another 8). As for the
    rules' cues, a passive subject is what was said about, not who said it ("Ode was
    accused of ..."; on train gold names no source or another 22 times of 34 such
    matched candidates)."""
    if cue.pos_ in ("NOUN", "PROPN"):
        subject = next((c for c in cue.children if c.dep_ == "poss"), None)
        governor = verb_governing(cue)
        if subject is None and governor != cue:
            subject = subject_of(governor)
    elif cue.pos_ == "ADP" and (governor := verb_governing(cue)) != cue:
        # "speaks more frequently | in public about |": a preposition hung on a verb
        # reports through that verb.
        subject = subject_of(governor)
    elif cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN") and cue.head.i < cue.i:
        # "the first accord committing every country to ...": as for the rules' cues, a
        # participle on a noun has that noun (up to itself) for its speaker, or the
        # subject of the verb whose object the noun is.
        return _outside(participle_speaker(cue), content)
    else:
        subject = subject_of(cue)
    if subject is None:
        return None
    return _outside(subtree_span(subject), content)


def _names_no_speaker(cue: Token) -> bool:
    """ "Ode has faced questions about ...", "Questions arose over ...": the cue's verb
    (or the verb the cue hangs on) leaves the speakers unnamed. So does "Ode was asked
    about ...": Ode is the one asked (on train gold names no source 3 times of 3)."""
    verb = verb_governing(cue)
    return (cue.lemma_.lower() in UNNAMED_SPEAKER_VERBS or verb.lemma_.lower() in UNNAMED_SPEAKER_VERBS
            or (verb.lemma_.lower() in QUESTION_VERBS and any(c.dep_ == "nsubjpass" for c in verb.children)))


def _outside(span: tuple[int, int], content: set[int]) -> Optional[tuple[int, int]]:
    """The token span, unless it takes in a word of the content."""
    return None if any(i in content for i in range(*span)) else span


def tagged_candidates(doc: Doc, probabilities: np.ndarray, found: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The tagger's statements that no found candidate covers, as candidates."""
    text = text_of(doc)
    content_chars = np.zeros(len(text) + 1, dtype=bool)
    taken: set[int] = set()  # words of the found candidates' cues and speakers
    for cand in found:
        for start, end in cand.content:
            content_chars[start:end] = True
        for start, end in cand.cue:
            span = doc.char_span(start, end, alignment_mode="expand")
            taken.update(t.i for t in span or ())
        if cand.source is not None:
            taken.update(range(*cand.source))
    quotes = find_quotes(text)
    new = []
    for index, sentence in enumerate(doc.sents):
        for run in _runs(sentence, probabilities, CONTENT, set()):
            if sum(_is_word(t) for t in run) < MIN_CONTENT_WORDS:
                continue
            start, end = token_char_span(run)
            if content_chars[start:end].mean() > MAX_SHARED:
                continue
            in_run = {t.i for t in run}
            cues = _runs(sentence, probabilities, CUE, in_run | taken)
            if not cues:
                continue
            cue = min(cues, key=lambda c: _distance(c, run))
            cue_head = _head_of(cue)
            # As for the rules' cues: a cue word inside a quotation is part of what was
            # said, "Don't blame the council" addresses the reader, and "met X to
            # discuss oil" is a purpose.
            if (any(q.inner_start <= cue_head.idx < q.inner_end for q in quotes) or is_imperative(cue_head, sentence)
                    or is_purpose(cue_head, lexicon)):
                continue
            if _names_no_speaker(cue_head):
                # Whoever the tagger marks as the source is spoken about, not speaking.
                source, sources = None, []
            else:
                sources = _runs(sentence, probabilities, SOURCE, in_run | taken | {t.i for t in cue})
                source = _speaker_span(cue_head, in_run)
            if sources:
                nearest = min(sources, key=lambda s: _distance(s, cue))
                # The tagger says who; where the two meet, the parse says where the
                # phrase starts and ends (on train gold agrees with the parse's extent
                # 18 times against the tagger's 7).
                if source is None or not (source[0] <= nearest[-1].i and nearest[0].i < source[1]):
                    source = (nearest[0].i, nearest[-1].i + 1)
            new.append(Candidate(
                content=[(start, end)], cue=[token_char_span(cue)], source=source, cue_token=cue_head.i,
                sentence=index, pattern=PATTERN,
            ))
            content_chars[start:end] = True
            taken.update(t.i for t in cue)
    return new
