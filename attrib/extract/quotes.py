"""Find quotations by their marks, straight or curly, in the raw text.

Works on characters, not tokens, so that quotes spanning sentences or paragraphs
come out whole. A paragraph that ends inside an open quote and a next paragraph that
reopens with a quote mark continue one quotation (the newspaper convention for
multi-paragraph quotes). Unbalanced marks never raise: an unclosed quote ends at its
paragraph's end.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_MARKS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSING_MARKS = {"\u201d", '"', "\u00bb"}
# Single curly marks quote a fragment inside a headline or a nested quote; the closing
# one is also the typographic apostrophe, so it only closes a quote it can pair with.
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"


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


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _is_opening_straight_quote(text: str, i: int) -> bool:
    """A straight double quote opens when it is not glued to a word on its left."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".,!?;:%)")


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENING_MARKS or (ch == '"' and not _is_opening_straight_quote(text, i)):
            i += 1
            continue
        closer = OPENING_MARKS[ch]
        start = i
        pieces: list[tuple[int, int]] = []
        piece_start = i + 1
        j = i + 1
        closed = False
        while j < n:
            c = text[j]
            if c == closer or (closer == "\u201d" and c == '"') or (ch == '"' and c == "\u201d"):
                pieces.append((piece_start, j))
                closed = True
                break
            if c == "\n":
                # Multi-paragraph quote: the next non-blank paragraph reopens with a mark.
                k = j
                while k < n and text[k] in "\n \t\r":
                    k += 1
                if k < n and text[k] in OPENING_MARKS:
                    pieces.append((piece_start, j))
                    piece_start = k + 1
                    j = k + 1
                    continue
                pieces.append((piece_start, j))
                break
            j += 1
        else:
            pieces.append((piece_start, n))
        end = j + 1 if closed else j
        inner_end = j
        pieces = [(s, e) for s, e in pieces if e > s]
        if pieces:
            quotes.append(Quote(start, min(end, n), pieces[0][0], inner_end, tuple(pieces), closed))
        i = max(end, i + 1)
    return quotes


def find_single_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of ‘…’ fragments: a ‘ that a later ’ on the same line closes.

    A ’ followed by a letter is an apostrophe (don’t), not a closing mark.
    """
    spans = []
    i = 0
    while True:
        i = text.find(SINGLE_OPEN, i)
        if i == -1:
            return spans
        line_end = _paragraph_end(text, i)
        j = i + 1
        while j < line_end:
            if text[j] == SINGLE_CLOSE and not (j + 1 < len(text) and text[j + 1].isalpha()):
                spans.append((i, j + 1))
                break
            j += 1
        i = j + 1 if j < line_end else i + 1
