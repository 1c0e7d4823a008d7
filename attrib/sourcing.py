"""How a statement is sourced: its kind, the relaying outlet (via), channel and tier.

Tiers follow the contract: 1 on the record (a named person or institution in its
own words), 2 second-hand (another outlet's reporting, by name), 3 anonymous
(unnamed sources, relayed or not), 4 unsourced (a cue with no source).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from attrib.extract.quotes import Quote
from attrib.lexicons import Lexicon
from attrib.model import Via
from attrib.resolve.coref import ResolvedSpeaker


def _non_space(text: str) -> int:
    return len(text) - sum(map(str.isspace, text))


def kind_of(content: list[tuple[int, int]], quotes: list[Quote], text: str) -> str:
    """direct: the content is a quotation; mixed: paraphrase carrying one; else indirect."""
    # Quotations may nest or touch: each character counts once, so merge them first.
    merged: list[list[int]] = []
    for q in sorted(quotes, key=lambda q: q.start):
        if merged and q.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], q.end)
        else:
            merged.append([q.start, q.end])
    total = sum(_non_space(text[s:e]) for s, e in content)
    quoted = sum(_non_space(text[max(s, qs) : min(e, qe)]) for s, e in content for qs, qe in merged if qs < e and s < qe)
    if total == 0 or quoted == 0:
        return "indirect"
    return "direct" if quoted / total >= 0.9 else "mixed"


def tier_of(speaker: Optional[ResolvedSpeaker], via: Optional[Via], plural: bool = False) -> int:
    """`plural`: the speaker mention's head is a plural noun ("the courts", "local news
    reports"): without a name, a group of unnamed sources."""
    if speaker is None:
        return 4
    if speaker.type == "anonymous" or (plural and not any(c.isupper() for c in speaker.name)):
        return 3
    if speaker.type == "media" or via is not None:
        return 2
    return 1


def channel_of(doc: Doc, cue_token: int, source: Optional[tuple[int, int]], lexicon: Lexicon) -> Optional[str]:
    """Where the words were said: the cue verb itself ("tweeted"), a phrase attached to it
    ("in a statement", "posted on X", "told ... in an interview"), or the speaker mention
    ("the statement by ...")."""
    cue = doc[cue_token]
    words: list[str] = [cue.lower_]
    near = [t for t in cue.subtree if t.dep_ in ("prep", "pobj", "compound", "amod") and abs(t.i - cue.i) < 12]
    if cue.dep_ in ("pcomp", "acl", "relcl", "advcl", "xcomp"):
        near.extend(t for t in cue.head.subtree if abs(t.i - cue.i) < 12)
    if source is not None:
        near.extend(doc[source[0] : source[1]])
    # A sentence-opening "In a statement (posted on ...)," belongs to the whole sentence.
    sent = cue.sent
    if sent[0].lower_ in ("in", "on", "at", "during") and sent[0].i < cue.i:
        near.extend(t for t in sent[: min(len(sent), 10)])
    words.extend(t.lower_ for t in near)
    if cue.lemma_ == "post" and any(t.text in lexicon.social_platforms for t in cue.subtree):
        return "social media post"
    for phrase_length in (2, 1):
        for i in range(len(words)):
            phrase = " ".join(words[i : i + phrase_length])
            if phrase in lexicon.channels and (phrase not in ("told", "posted", "reported", "report") or i == 0):
                return lexicon.channels[phrase]
    return None
