"""Comparing spans as PolNeAR's rules do: as sets of characters, each fragment trimmed of
white space and punctuation at its edges; two sets match by Dice overlap, one to one,
best first."""

from __future__ import annotations

from typing import Iterable, Sequence

from attrib.evaluate.gold import GoldDocument
from attrib.model import Attribution, Span

# Trimmed at fragment edges, besides whitespace: annotators and extractors disagree on
# whether quotes, brackets and sentence punctuation belong to a span, and the README
# says such differences must not count.
TRIM_PUNCTUATION = frozenset("\"'‘’“”«»()[]{}<>,.;:!?-‐–—…")


class SpanError(ValueError):
    """A predicted span lies outside the text of the gold article it is scored against."""


def covered_chars(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """The character offsets covered by `spans`, each fragment trimmed at both edges."""
    covered: set[int] = set()
    for start, end in spans:
        while start < end and (text[start].isspace() or text[start] in TRIM_PUNCTUATION):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM_PUNCTUATION):
            end -= 1
        covered.update(range(start, end))
    return frozenset(covered)


def dice_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def one_to_one(gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], threshold: float) -> dict[int, tuple[int, float]]:
    """Greedy one-to-one matching, best Dice first: {pred index: (gold index, dice)}."""
    pairs = sorted(
        (-dice, g, p)
        for g, gold_chars in enumerate(gold)
        for p, pred_chars in enumerate(pred)
        if (dice := dice_overlap(gold_chars, pred_chars)) >= threshold
    )
    matched_gold: set[int] = set()
    matches: dict[int, tuple[int, float]] = {}
    for negative_dice, g, p in pairs:
        if g not in matched_gold and p not in matches:
            matched_gold.add(g)
            matches[p] = (g, -negative_dice)
    return matches


def predicted_spans(doc: GoldDocument, prediction: Attribution, role: str) -> tuple[Span, ...]:
    if role == "content":
        spans = prediction.content.spans
    elif role == "cue":
        spans = prediction.cue.spans if prediction.cue else ()
    else:
        mention = prediction.speaker.mention if prediction.speaker else None
        spans = mention.spans if mention else ()
    for start, end in spans:
        if not 0 <= start <= end <= len(doc.text):
            raise SpanError(f"predicted {role} span ({start}, {end}) is outside article {doc.doc!r} (length {len(doc.text)})")
    return spans
