"""Find quotations by their marks, straight or curly, in the raw text.

Works on characters, not tokens, so that quotes spanning sentences or paragraphs
come out whole. A paragraph that ends inside an open quote and a next paragraph that
reopens with a quote mark continue one quotation (the newspaper convention for
multi-paragraph quotes), unless the writer plainly left a quotation unclosed before
another speaker's (`_new_speakers_quote`). Unbalanced marks never raise: an unclosed
quote ends at its paragraph's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

OPENING_MARKS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSING_MARKS = {"\u201d", '"', "\u00bb"}


@dataclass(frozen=True)
class Quote:
    """A quotation: `start`/`end` include the marks, `inner_*` exclude them.

    `pieces` holds the inner spans of each paragraph of a multi-paragraph quote.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    pieces: tuple[tuple[int, int], ...]
    closed: bool


def _is_opening_straight_quote(text: str, i: int) -> bool:
    """A straight double quote opens when it is not glued to a word on its left."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:%)")


# Some outlets (the New York Times among them) write quotation marks as two
# apostrophes: ''like this''. They are read as one straight double mark.
DOUBLED_APOSTROPHE = "''"
PLACEHOLDER = "\x01"


def find_quotes(text: str) -> list[Quote]:
    """The text's quotations, in order. Several stages ask for the same article's, so
    the last few texts' are kept (Quote is frozen, and the list is a fresh copy)."""
    return list(_quotes_of(text))


@lru_cache(maxsize=8)
def _quotes_of(text: str) -> tuple[Quote, ...]:
    # Same length as `text`, so offsets carry over: '' becomes " plus a placeholder.
    scan = text.replace(DOUBLED_APOSTROPHE, '"' + PLACEHOLDER)

    def mark_end(i: int) -> int:
        return i + 2 if i + 1 < len(scan) and scan[i + 1] == PLACEHOLDER else i + 1

    quotes: list[Quote] = []
    i = 0
    n = len(scan)
    while i < n:
        ch = scan[i]
        if ch not in OPENING_MARKS or (ch == '"' and not _is_opening_straight_quote(scan, i)):
            i += 1
            continue
        closer = OPENING_MARKS[ch]
        start = i
        pieces: list[tuple[int, int]] = []
        piece_start = mark_end(i)
        j = piece_start
        closed = False
        while j < n:
            c = scan[j]
            if c == closer or (closer == "\u201d" and c == '"') or (ch == '"' and c == "\u201d"):
                pieces.append((piece_start, j))
                closed = True
                break
            if c == "\n":
                # Multi-paragraph quote: the next non-blank paragraph reopens with a mark.
                k = j
                while k < n and scan[k] in "\n \t\r":
                    k += 1
                if k < n and scan[k] in OPENING_MARKS and not _new_speakers_quote(scan, start, k):
                    pieces.append((piece_start, j))
                    piece_start = mark_end(k)
                    j = piece_start
                    continue
                pieces.append((piece_start, j))
                break
            j += 1
        else:
            pieces.append((piece_start, n))
        end = mark_end(j) if closed else j
        pieces = [(s, e) for s, e in pieces if e > s]
        if pieces:
            quotes.append(Quote(start, min(end, n), pieces[0][0], j, tuple(pieces), closed))
        i = max(end, i + 1)
    return tuple(quotes)


def _new_speakers_quote(scan: str, start: int, reopening: int) -> bool:
    """Whether the paragraph at `reopening` starts a new quotation rather than going on
    with the one opened at `start`: that one opened after an attributed quotation in
    its paragraph ('"...," Rep. Moore said Friday. "If indeed ...'), and the new
    paragraph's quotation closes before words of its own ('"I have been ...," added Rep.
    Clyburn'). The writer left the first one unclosed."""
    paragraph_start = scan.rfind("\n", 0, start) + 1
    if not any(mark in scan[paragraph_start:start] for mark in CLOSING_MARKS):
        return False
    paragraph_end = scan.find("\n", reopening)
    paragraph = scan[reopening + 1 : paragraph_end if paragraph_end >= 0 else len(scan)]
    closings = [i for i, ch in enumerate(paragraph) if ch in CLOSING_MARKS]
    if not closings:
        return False
    after = paragraph[closings[0] + 1 :]
    reopened = [i for i, ch in enumerate(after) if ch in OPENING_MARKS]
    return any(ch.isalpha() for ch in after[: reopened[0] if reopened else len(after)])


# What may stand between a content's edge and the mark that closes (or opens) the
# quotation it cuts: the sentence's final punctuation, kept inside the marks.
MARK_GAP = " \t.,;:!?\u2026"


def with_whole_marks(text: str, spans: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Content spans grown so that a quotation they take one mark of comes with both:
    'the US is "moving at TRUMP SPEED ... where America leads' ends at 'leads."' (a
    mixed quote keeps both marks of its quoted part), and a content that starts inside
    a quotation's closing words starts at its opening mark. Only punctuation may lie
    between the content's edge and the mark it takes; else the edge stays."""
    grown = []
    for start, end in spans:
        for q in quotes:
            if not q.closed:
                continue
            opens_inside = start <= q.start < end < q.end
            if opens_inside and not text[end : q.inner_end].strip(MARK_GAP):
                end = q.end
            closes_inside = q.start < start < q.end <= end
            if closes_inside and not text[q.inner_start : start].strip(MARK_GAP):
                start = q.start
        grown.append((start, end))
    return grown
