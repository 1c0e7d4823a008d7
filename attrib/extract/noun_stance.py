"""Cues that are not verbs: a noun with its speaker and what was said ("Nervo's
conclusion that ...", "her criticism of the plan"; pattern "noun-cue"), and a stance
after "be" ("Ryan is critical of the plan"; pattern "stance")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from attrib.extract.candidate import Candidate
from attrib.extract.contents import TOPIC_PREPOSITIONS
from attrib.extract.grammar import char_spans_excluding, subtree_span, token_char_span
from attrib.extract.quote_adjacency import in_quotation
from attrib.extract.quotes import Quote

def noun_candidate(noun: Token, doc: Doc, quotes: list[Quote], si: int) -> Optional[Candidate]:
    """ "Nervo's conclusion that ...", "her criticism of the plan", "a call by X for Y".

    Only a noun with both a speaker (a possessive, or "by"/"from" someone) and what
    was said (a "that" clause, or the object of "of"/"for"/"about"...) is a cue.
    """
    if in_quotation(noun, quotes):
        return None
    source = None
    for child in noun.children:
        if child.dep_ == "poss":
            source = subtree_span(child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from") and source is None:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                source = subtree_span(pobj)
    if source is None:
        return None
    cue_tokens = [noun] + _adjectives_before(noun)
    content = None
    for child in noun.children:
        if child.dep_ in ("acl", "relcl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            content = subtree_span(child)
            break
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS | {"over", "with"}:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                content = subtree_span(pobj)
                cue_tokens.append(child)
                break
    return _word_candidate(doc, content, cue_tokens, source, noun, si, "noun-cue")


def _adjectives_before(noun: Token) -> list[Token]:
    """The adjectives right before a noun cue, with their own modifiers: "her sharp
    criticism of", "his deeply felt objection to". PolNeAR marks them as part of the cue
    (on train 13 times in 14 where the rest of the cue agrees)."""
    adjective_words = {t.i for child in noun.children if child.dep_ == "amod" and child.i < noun.i for t in child.subtree}
    start = noun.i
    while start - 1 in adjective_words:
        start -= 1
    return list(noun.doc[start : noun.i])


def stance_candidate(word: Token, doc: Doc, quotes: list[Quote], si: int) -> Optional[Candidate]:
    """ "Ryan is critical of the plan", "She was eager to debate", "He is a supporter of X"."""
    be = word.head
    if in_quotation(be, quotes):
        return None
    subject = next((c for c in be.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    cue_tokens = [t for t in be.children if t.dep_ in ("aux", "neg") and t.i < be.i] + [be, word]
    content = None
    for child in word.children:
        if child.dep_ in ("xcomp", "ccomp"):
            content = subtree_span(child)
            break
        if child.dep_ == "prep" and child.i > word.i:
            pobj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                content = subtree_span(pobj)
                cue_tokens.append(child)
                break
    return _word_candidate(doc, content, cue_tokens, subtree_span(subject), word, si, "stance")


def _word_candidate(
    doc: Doc,
    content: Optional[tuple[int, int]],
    cue_tokens: list[Token],
    source: tuple[int, int],
    head: Token,
    si: int,
    pattern: str,
) -> Optional[Candidate]:
    """A noun or stance candidate from its content's token span and its cue words."""
    if content is None:
        return None
    spans = char_spans_excluding(doc, content[0], content[1], [])
    if not spans:
        return None
    cue_tokens = sorted(cue_tokens, key=lambda t: t.i)
    return Candidate(
        content=spans,
        cue=[token_char_span([cue_tokens[0], cue_tokens[-1]])],
        source=source,
        cue_token=head.i,
        sentence=si,
        pattern=pattern,
    )
