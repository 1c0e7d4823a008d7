"""Find attribution candidates in a parsed Doc: a content, a cue and a source mention.

Every pattern family is tried on every sentence: verb frames (`verb_frames.py`),
phrases that attribute (`according_to.py`), lines signed by their speaker
(`signed_lines.py`), noun and stance cues (`noun_stance.py`), a clause introducing a
quotation (`quote_adjacency.py`). Quotation marks then snap content boundaries: a
content that starts or ends inside a quotation takes the whole quotation, so
multi-sentence quotes come out whole. Overlapping candidates are merged (`merge.py`).
Speakers are returned as token spans; naming them is the resolver's job.
"""

from __future__ import annotations

import re
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from attrib.extract.according_to import phrase_candidate
from attrib.extract.candidate import Candidate
from attrib.extract.cues import is_cue_verb, phrase_cue_head
from attrib.extract.doc_text import text_of
from attrib.extract.merge import merged
from attrib.extract.noun_stance import noun_candidate, stance_candidate
from attrib.extract.quote_adjacency import (
    QUOTE_PATTERNS, colon_introduction, continue_quote, snap_to_quotes, split_closing_quotation,
)
from attrib.extract.quotes import find_quotes
from attrib.extract.signed_lines import dash_candidates, headline_candidate
from attrib.extract.mention_edges import without_dateline
from attrib.extract.verb_frames import frames_a_report, verb_candidate, verb_cue_score
from attrib.lexicons import Lexicon


def find_candidates(doc: Doc, lexicon: Lexicon, roles: Optional[np.ndarray] = None) -> list[Candidate]:
    text = text_of(doc)
    quotes = find_quotes(text)
    quote_spans = [(q.start, q.end) for q in quotes]
    sentences = list(doc.sents)
    sent_index_of = {}
    for i, sent in enumerate(sentences):
        for t in sent:
            sent_index_of[t.i] = i
    candidates: list[Candidate] = []

    for si, sent in enumerate(sentences):
        headline = headline_candidate(sent, si)
        if headline is not None:
            candidates.append(headline)
        for token in sent:
            phrase = phrase_cue_head(token)
            if phrase is not None:
                cand = phrase_candidate(token, phrase, doc, lexicon, si)
                if cand is not None:
                    candidates.append(cand)
                continue
            score = verb_cue_score(token, lexicon, quote_spans, text, roles)
            if score is not None:
                cand = verb_candidate(token, doc, lexicon, quotes, sent, si)
                if cand is not None and not is_cue_verb(token, lexicon) and frames_a_report(cand, doc, lexicon):
                    cand = None
                if cand is not None:
                    cand.cue_score = score
            elif token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be" and token.lemma_.lower() in lexicon.stance_words:
                cand = stance_candidate(token, doc, quotes, si)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.cue_nouns:
                cand = noun_candidate(token, doc, quotes, si)
            else:
                cand = colon_introduction(token, doc, quotes, si)
            if cand is not None:
                candidates.append(cand)

    candidates.extend(dash_candidates(doc, quotes, sent_index_of))
    for cand in candidates:
        snap_to_quotes(cand, quotes, text)
    split_closing_quotation(candidates, quotes, text)
    candidates = merged(candidates, doc, roles)
    covered = {q.start for c in candidates for q in quotes if any(q.start <= s < q.end for s, _ in c.content)}
    cue_tokens = {c.cue_token for c in candidates}
    for cand in candidates:
        if cand.quotes and cand.pattern in QUOTE_PATTERNS:
            continue_quote(cand, quotes, covered, doc, cue_tokens)
    for cand in candidates:
        cand.content = _split_at_paragraphs(cand.content, text)
        if cand.source is not None:
            cand.source = without_dateline(doc, cand.source, cand.cue_token)
    return [c for c in candidates if any(any(ch.isalnum() for ch in text[s:e]) for s, e in c.content)]


def _split_at_paragraphs(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """A quote running over several paragraphs is one fragment per paragraph (PolNeAR's
    annotators never let a fragment cross a line break)."""
    out = []
    for start, end in spans:
        for m in re.finditer(r"\S(?:[^\n]*\S)?", text[start:end]):
            if any(ch.isalnum() for ch in m.group()):
                out.append((start + m.start(), start + m.end()))
    return out
