"""Unattributed claims: sentences in the article's own voice that assert checkable
facts with no source.

A sentence is a candidate when no attribution touches it (none of its content, cue or
speaker spans overlap it) and it is not mostly a quotation. It is a claim when it
holds a figure (money, a percentage, a quantity, a count with a digit or a scale
word) or an event, deal or allegation (a verb from `attrib/data/claims.json`), and
is not hedged ("may", "could"). Each claim gets a short description for the findings,
built from its own words: the figure and the event noun ("the 50-million-barrel
transfer"), else the start of the sentence in quotation marks.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from attrib.extract.quotes import find_quotes
from attrib.lexicons import read_data_file

if TYPE_CHECKING:  # spaCy loads only when a Doc is there to read: `import attrib.cli` stays quick
    from spacy.tokens import Doc, Span, Token

    from attrib.model import Attribution

CharSpan = tuple[int, int]
# Glued to the number rather than hyphenated: "$50-million", "20%".
GLUED_SYMBOLS = {"$", "\u20ac", "\u00a3", "\u00a5", "%"}
# A sentence more than half inside quotation marks is someone's words, not the article's.
MAX_QUOTED_SHARE = 0.5
# Words of the sentence quoted when no figure-and-event description can be built.
QUOTED_START_WORDS = 8


@dataclass(frozen=True)
class ClaimWords:
    event_nouns: dict[str, str]  # verb lemma -> the noun a finding names the event by
    figure_entities: frozenset[str]
    scale_words: frozenset[str]
    singular_units: dict[str, str]
    hedges: frozenset[str]


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    data = read_data_file("claims.json")
    return ClaimWords(
        event_nouns=dict(data["event_verbs"]),
        figure_entities=frozenset(data["figure_entities"]),
        scale_words=frozenset(data["scale_words"]),
        singular_units=dict(data["singular_units"]),
        hedges=frozenset(data["hedges"]),
    )


@dataclass
class Claim:
    article: str
    text: str
    spans: list[CharSpan]  # offsets into the article text: text == article_text[s:e]
    description: str
    figures: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # verb lemmas
    dates: list[str] = field(default_factory=list)


def attribution_spans(attributions: Iterable["Attribution"]) -> list[CharSpan]:
    """Every character span of the attributions (content, cue, speaker mention)."""
    return [span for a in attributions for role in (a.content, a.cue, a.speaker.mention if a.speaker else None)
            for span in (role.spans if role else ())]


def unattributed_claims(doc: Doc, covered: Iterable[CharSpan], article: str = "") -> list[Claim]:
    """The sentences of `doc` that state facts without a source, in reading order.

    `covered` holds the attributions' spans: a sentence overlapping one is sourced.
    """
    words = claim_words()
    text = doc.text  # Doc.text joins every token anew each time it is read
    overlaps_covered = _overlap_test(covered)
    quoted_share = _quoted_shares(text, [(q.start, q.end) for q in find_quotes(text)])
    # `sent.ents` goes through the whole Doc's entities each time: read them once.
    entities = list(doc.ents)
    entity_starts = [ent.start for ent in entities]
    claims = []
    for sent in doc.sents:
        ents = entities[bisect_left(entity_starts, sent.start) : bisect_left(entity_starts, sent.end)]
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        if end <= start or text[start:end].endswith("?"):
            continue
        if overlaps_covered(start, end):
            continue
        if quoted_share(start, end) > MAX_QUOTED_SHARE or _hedged(sent.root, words):
            continue
        figures = [ent for ent in ents if _is_figure(ent, words)]
        events = [t for t in sent if _is_event(t, words)]
        # A figure needs a verb to be asserted: a dateline or a list of numbers is not a claim.
        if not events and not (figures and any(t.pos_ in ("VERB", "AUX") for t in sent)):
            continue
        claims.append(
            Claim(
                article=article,
                text=text[start:end],
                spans=[(start, end)],
                description=describe(text[start:end], figures, events, words),
                figures=[ent.text for ent in figures],
                events=[t.lemma_.lower() for t in events],
                dates=[ent.text for ent in ents if ent.label_ == "DATE"] if events else [],
            )
        )
    return claims


def _trimmed(text: str, start: int, end: int) -> CharSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Both below answer for each sentence in constant or log time, not by going through
# every span or quote of the text: a long text has thousands of each (a 100,000-
# character piece took 18 s that way).


def _overlap_test(covered: Iterable[CharSpan]) -> Callable[[int, int], bool]:
    """A test of whether [start, end) overlaps any of the `covered` spans."""
    spans = sorted(covered)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # the furthest end among the first k spans

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)  # the spans that start before `end`
        return before > 0 and reach[before - 1] > start

    return overlaps


def _quoted_shares(text: str, quotes: list[CharSpan]) -> Callable[[int, int], float]:
    """A function giving the share of the non-space characters of text[start:end]
    that lie inside a quotation."""
    inside = [0] * (len(text) + 1)
    for s, e in quotes:  # +1 where a quote opens, -1 where it closes
        inside[s] += 1
        inside[e] -= 1
    visible, quoted = [0], [0]
    depth = 0
    for i, character in enumerate(text):
        depth += inside[i]
        shown = not character.isspace()
        visible.append(visible[-1] + shown)
        quoted.append(quoted[-1] + (shown and depth > 0))

    def share(start: int, end: int) -> float:
        seen = visible[end] - visible[start]
        return (quoted[end] - quoted[start]) / seen if seen else 0.0

    return share


def _is_figure(ent: Span, words: ClaimWords) -> bool:
    if ent.label_ not in words.figure_entities:
        return False
    if ent.label_ != "CARDINAL":
        return True
    # "the two countries" is a count, not a figure anyone would check.
    return any(ch.isdigit() for ch in ent.text) or any(t.lower_ in words.scale_words for t in ent)


def _is_event(token: Token, words: ClaimWords) -> bool:
    if token.pos_ != "VERB" or token.lemma_.lower() not in words.event_nouns:
        return False
    # "state-controlled", "an elected government": a verb used as an adjective asserts nothing.
    if token.dep_ in ("amod", "compound"):
        return False
    return not _hedged(token, words)


def _hedged(token: Token, words: ClaimWords) -> bool:
    """ "could sell", "may have killed": speculation, not an assertion."""
    return any(child.dep_ == "aux" and child.lemma_.lower() in words.hedges for child in token.children)


def describe(text: str, figures: list[Span], events: list[Token], words: ClaimWords) -> str:
    """A few words naming the claim: "the 50-million-barrel transfer", else its start quoted."""
    for figure in figures:
        event = _governing_event(figure, events)
        if event is not None:
            return f"the {figure_compound(figure, words)} {words.event_nouns[event.lemma_.lower()]}"
    head = text.split()
    start = " ".join(head[:QUOTED_START_WORDS]).rstrip(",;:")
    return f"\u201c{start}\u2026\u201d" if len(head) > QUOTED_START_WORDS else f"\u201c{start}\u201d"


def _governing_event(figure: Span, events: list[Token]) -> Optional[Token]:
    """The event verb the figure belongs to: the nearest one above it in the parse."""
    event_positions = {t.i: t for t in events}
    token = figure.root
    # The root is its own head. (Token objects are made afresh on each access: compare positions.)
    while token.head.i != token.i:
        token = token.head
        if token.i in event_positions:
            return token
    return None


def figure_compound(figure: Span, words: ClaimWords) -> str:
    """The figure as a compound modifier: "at least 50 million" (barrels) -> "50-million-barrel".

    Leading hedges ("at least", "as many as") are dropped; the counted noun, when the
    entity ends on the number and the noun follows, joins in the singular.
    """
    tokens = list(figure)
    first = next((i for i, t in enumerate(tokens) if _is_number_part(t, words)), 0)
    tokens = tokens[first:]
    unit = tokens[-1].head if tokens and _is_number_part(tokens[-1], words) else None
    if unit is not None and unit.pos_ == "NOUN" and unit.i >= figure.end:
        tokens.append(unit)
    parts: list[str] = []
    for t in tokens:
        if t.text == "-":
            continue
        word = t.text
        if t.pos_ == "NOUN":
            word = words.singular_units.get(t.lower_, t.lemma_.lower())
        if parts and (t.text in GLUED_SYMBOLS or parts[-1] in GLUED_SYMBOLS - {"%"}):
            parts[-1] += word
        else:
            parts.append(word)
    return "-".join(parts)


def _is_number_part(token: Token, words: ClaimWords) -> bool:
    return token.like_num or token.lower_ in words.scale_words or token.text in GLUED_SYMBOLS
