"""Lines signed by their speaker: a headline or transcript line "Name: words" (pattern
"headline-colon") and a quotation or tweet signed with a dash, '"...." ― Sonya
Herridge' (pattern "dash-signature")."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span

from attrib.extract.candidate import Candidate
from attrib.extract.doc_text import text_of
from attrib.extract.grammar import trim
from attrib.extract.quotes import Quote

# Entities that can be a headline's or transcript's speaker ("Graham: ...").
NAME_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
# Words a headline's or transcript's speaker name may have ("White House Press Office:").
MAX_NAME_WORDS = 4
# "... — Paul Ryan (@SpeakerRyan) July 5, 2016": a dash, a name, maybe a handle and a
# date, then the end of the line.
DASH_SIGNATURE = re.compile(
    r"[\u2015\u2014\u2013]\s*"
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}(?:\s*\(@\w+\))?)"
    r"[^\S\n]*(?:[A-Z][a-z]+\.? \d{1,2}, \d{4})?[\s.\u00a0<]*?(?=\n|<|$)"
)


def headline_candidate(sent: Span, sent_index: int) -> Optional[Candidate]:
    """ "Graham: Trump's rhetoric is destroying the party" on a line of its own, and
    transcript lines, which some outlets open with a quotation mark: '"WALLACE: ...'."""
    doc = sent.doc
    first = sent.start
    while first < sent.end and doc[first].is_quote:
        first += 1
    colon = next((t for t in doc[first : min(first + 6, sent.end)] if t.text == ":"), None)
    if colon is None or colon.i == first:
        return None
    name = doc[first : colon.i]
    if not all(t.pos_ == "PROPN" or t.is_title or t.is_upper for t in name):
        return None
    # "Graham: ...", "WALLACE: ...": a name, or a transcript's speaker in capitals; not a
    # label ("Note:", "Analysis:", "Tech Enabled:") the small parser takes for one.
    if not (all(t.is_upper for t in name if t.is_alpha) or any(t.ent_type_ in NAME_ENTITIES for t in name)
            or name[-1].lower_ in _surnames(doc)):
        return None
    # A section heading ("Veto Power Impedes Peace Efforts:") is longer than a name, unless
    # the name is a person's.
    if len(name) > MAX_NAME_WORDS and not all(t.ent_type_ == "PERSON" for t in name):
        return None
    line_end = text_of(doc).find("\n", colon.idx)
    line_end = len(text_of(doc)) if line_end == -1 else line_end
    line_start = text_of(doc).rfind("\n", 0, name.start_char) + 1
    if text_of(doc)[line_start : name.start_char].strip(" \t\"\u201c"):
        return None
    start, end = trim(text_of(doc), colon.idx + 1, line_end)
    if end - start < 10:
        return None
    return Candidate(
        content=[(start, end)],
        cue=[(colon.idx, colon.idx + 1)],
        source=(name.start, name.end),
        cue_token=colon.i,
        sentence=sent_index,
        pattern="headline-colon",
    )


def _surnames(doc: Doc) -> set[str]:
    """The last words of the people the article names ("Pence: ..." in a headline the
    small model reads no entity in)."""
    return {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}


def dash_candidates(doc: Doc, quotes: list[Quote], sent_index_of: dict[int, int]) -> list[Candidate]:
    """ '"...." ― Sonya Herridge' and tweets signed '— Name (@handle) Date'."""
    text = text_of(doc)
    found = []
    for match in DASH_SIGNATURE.finditer(text):
        dash = match.start()
        quote = next((q for q in quotes if q.closed and 0 <= dash - q.end <= 3), None)
        if quote is not None:
            content = (quote.inner_start, quote.inner_end)
        else:
            line_start = max(text.rfind("\n", 0, dash), text.rfind(">", 0, dash)) + 1
            content = trim(text, line_start, dash)
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        cue = doc.char_span(dash, dash + 1, alignment_mode="expand")
        if name is None or cue is None or content[1] - content[0] < 10:
            continue
        found.append(Candidate(
            content=[content],
            cue=[(dash, dash + 1)],
            source=(name.start, name.end),
            cue_token=cue.start,
            sentence=sent_index_of.get(cue.start, 0),
            pattern="dash-signature",
        ))
    return found
