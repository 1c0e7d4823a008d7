"""The sentence around a statement, found in the article text without parsing it, so
that a stored attribution can be shown in context (`attrib quotes`, reports).

A sentence ends at a paragraph break, or at `.`, `!` or `?` (with any closing quote
marks and brackets after it) followed by space and a capital, a digit or an opening
quote mark; a full stop after a common abbreviation ("Mr.", "U.S.") or an initial
does not end one. The context runs from the start of the first sentence a statement
touches (its content, cue or speaker) to the end of the last, cut around the statement
when it is longer than MAX_CONTEXT characters.
"""

from __future__ import annotations

import re
from typing import Iterable

Span = tuple[int, int]

# The statement's own words are always kept; this much context is kept around them.
MAX_CONTEXT = 400
# How far back a sentence's start is looked for: more than MAX_CONTEXT (see sentence_bounds).
LOOK_BACK = 2 * MAX_CONTEXT
ELLIPSIS = "\u2026"
SENTENCE_BREAK = re.compile(
    r"""(?:\n\s*\n|\n|(?<=[.!?])["'\u201d\u2019)\]]*[ \t]+(?=["'\u201c\u2018(\[]?[A-Z0-9]))"""
)
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "aug", "sept",
    "sep", "oct", "nov", "dec", "pres", "rev", "hon", "mt", "ft", "gov't",
}
WORD_BEFORE_STOP = re.compile(r"([\w.'\u2019]+)[.!?]$")


def _ends_sentence(text: str, at: int, match: re.Match) -> bool:
    """Whether the break found at `at` really ends a sentence (not "Mr. Smith")."""
    if "\n" in match.group(0):
        return True
    before = text[max(0, at - 20) : at].rstrip("\"'\u201d\u2019)] \t")
    word = WORD_BEFORE_STOP.search(before)
    if word is None or not before.endswith("."):
        return True
    token = word.group(1).lower()
    # An initial ("J. Smith") or an abbreviation.
    return not (len(token) == 1 and token.isalpha()) and token.rstrip(".") not in ABBREVIATIONS


def sentence_bounds(text: str, start: int, end: int) -> Span:
    """The start and end of the sentences covering text[start:end] (the start looked
    for at most LOOK_BACK characters back: `sentence_around` cuts a longer sentence
    to MAX_CONTEXT around the statement all the same, and a long article's thousands
    of statements each scanning the text from its start took seconds)."""
    left = max(0, start - LOOK_BACK)
    # A few characters past `start`, so that a break just before it can see the
    # capital after it.
    for match in SENTENCE_BREAK.finditer(text, left, start + 3):
        if match.end() <= start and _ends_sentence(text, match.start(), match):
            left = match.end()
    right = len(text)
    for match in SENTENCE_BREAK.finditer(text, end):
        if _ends_sentence(text, match.start(), match):
            right = match.start()
            break
    return left, right


def sentence_around(text: str, spans: Iterable[Span]) -> str:
    """The sentence(s) holding `spans` (offsets into `text`), on one line."""
    spans = [tuple(s) for s in spans]
    if not spans:
        return ""
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    left, right = sentence_bounds(text, start, end)
    prefix = suffix = ""
    if right - left > MAX_CONTEXT:
        room = max(0, (MAX_CONTEXT - (end - start)) // 2)
        if start - room > left:
            left, prefix = start - room, ELLIPSIS
        if end + room < right:
            right, suffix = end + room, ELLIPSIS
    return prefix + " ".join(text[left:right].split()) + suffix
