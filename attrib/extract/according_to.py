"""Phrases that attribute: "according to X, Y" and "Y, as per a report in X, which cited
sources" (pattern "according-to"), where a named outlet or document may relay the
speaker's words."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from attrib.extract.candidate import Candidate
from attrib.extract.contents import qualified_clause
from attrib.extract.cues import verb_lemma
from attrib.extract.grammar import char_spans_excluding, subtree_span, token_char_span
from attrib.extract.speakers import speaker_span, subject_of
from attrib.lexicons import Lexicon

CITING_VERBS = {"cite", "quote"}


def phrase_candidate(token: Token, phrase: str, doc: Doc, lexicon: Lexicon, sent_index: int) -> Optional[Candidate]:
    """ "according to X, Y" / "Y, as per a report in X, which cited sources". """
    to = token.nbor(1) if phrase == "according to" else token
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    cue_first = token if phrase == "according to" else token.nbor(-1)
    cue_tokens = [cue_first, to] if phrase == "according to" else [cue_first, token]
    source = subtree_span(pobj)
    phrase_end = source[1]
    relay = None
    # "a report in Axios, which cited sources": the speaker is the cited sources and the
    # report's outlet relays them; the cue runs through "a report in".
    if pobj.lemma_.lower() in lexicon.document_nouns:
        cited = _cited_sources(pobj, lexicon)
        owner_prep = next((c for c in pobj.children if c.dep_ == "prep"), None)
        owner = next((c for c in owner_prep.children if c.dep_ == "pobj"), None) if owner_prep is not None else None
        if cited is not None and owner is not None:
            citing_verb, cited_noun = cited
            relay = (owner.left_edge.i, min(owner.right_edge.i + 1, citing_verb.left_edge.i))
            while relay[1] > relay[0] + 1 and doc[relay[1] - 1].is_punct:
                relay = (relay[0], relay[1] - 1)
            source = (cited_noun.i if cited_noun.i > citing_verb.i else cited_noun.left_edge.i, cited_noun.i + 1)
            phrase_end = max(phrase_end, cited_noun.i + 1)
            cue_tokens = list(doc[cue_first.i : owner_prep.i + 1])
    phrase_span = (min(cue_first.i, source[0]), phrase_end)
    content = qualified_clause(token, doc, phrase_span)
    if not content and relay is None:
        # "According to X, the move reeks of fear.": when the parser hangs the whole
        # statement on X (as an apposition), X ends at its first comma.
        comma = next((t.i for t in doc[pobj.i : source[1]] if t.text == ","), None)
        if comma is not None:
            source = (source[0], comma)
            phrase_span = (min(cue_first.i, source[0]), comma + 1)
            content = char_spans_excluding(doc, comma + 1, token.sent.end, [])
    if not content:
        return None
    # "These deals take time, he said according to a transcript": the transcript is where
    # the words are found; who said them is the subject of the verb it hangs on.
    said = token.head
    if phrase == "according to" and relay is None and lexicon.acts.get(verb_lemma(said)) == "statement":
        subject = subject_of(said)
        if said.i < token.i and subject is not None and subject.i < said.i:
            source = speaker_span(subject)
        elif subject is not None and token.i < subject.i < said.i and said.idx < content[0][0]:
            # "According to Yahoo News, Clinton spokesman Jesse Lehrich said that ...": the
            # spokesman speaks, and the outlet relays his words (not "..., according to one
            # of the sources, the publication reported", whose words come first).
            relay, source = source, speaker_span(subject)
    return Candidate(
        content=content,
        cue=[token_char_span(cue_tokens)],
        source=source,
        cue_token=token.i,
        sentence=sent_index,
        pattern="according-to",
        relay=relay,
        phrase_span=token_char_span([doc[phrase_span[0]], doc[phrase_span[1] - 1]]),
    )


def _cited_sources(noun: Token, lexicon: Lexicon) -> Optional[tuple[Token, Token]]:
    """ "(a report in X,) which cited sources": the citing verb and the sources it cites.

    The small parser often drops the object ("which cited" + "sources" as the next
    clause's subject), so the word right after the verb counts too.
    """
    for token in noun.subtree:
        if token.dep_ != "relcl" or token.lemma_.lower() not in CITING_VERBS:
            continue
        cited = next((c for c in token.children if c.dep_ == "dobj"), None)
        if cited is None and token.i + 1 < len(token.doc):
            cited = token.nbor(1)
        if cited is not None and cited.lemma_.lower() in lexicon.anonymous_heads:
            return token, cited
    return None
