"""Quotation paragraphs with no cue of their own: the speaker before them goes on.

News writes a long interview as a run of quoted paragraphs, the speaker named once:

    "We feel that is ridiculous," says Parata.
    "These days it is like a zoo. People just want to come and gawk at us."

A paragraph that is one whole quotation, which no attribution covers, is a statement of
the person who spoke last before it, if that was no more than `MAX_PARAGRAPHS_BACK`
paragraphs earlier (a reader loses the thread after that) and nothing but quotations
and their cues stands between (a paragraph in the writer's voice may bring someone else
in). What that person did before may be any act: "However, he defended his decision."
followed by a quoted paragraph is his defence in his words. Only people continue this way: an organisation's statement is quoted whole.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from attrib.extract.grammar import trim
from attrib.extract.quotes import Quote
from attrib.model import Attribution, Spans

PATTERN = "quote-paragraph"
MAX_PARAGRAPHS_BACK = 2
# Ends a paragraph may have after its closing mark.
PARAGRAPH_TAIL = " \t\r.\u00a0"


def _paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end == -1 else end


def _is_whole_paragraph(quote: Quote, text: str) -> bool:
    start, end = _paragraph_bounds(text, quote.start)
    return (quote.closed and not text[start : quote.start].strip() and quote.end <= end
            and not text[quote.end : end].strip(PARAGRAPH_TAIL))


def quote_paragraph_statements(
    text: str, quotes: list[Quote], attributions: list[Attribution], sentence_at: Callable[[int], int]
) -> list[Attribution]:
    """Statements for the whole-paragraph quotations no attribution covers, each given
    to the person who spoke just before it (see the module's doc). Each new one copies
    its speaker's record and confidence from the statement it continues, and has no
    cue; `sentence_at(offset)` is the index of the sentence at a character offset."""
    covered = [(s, e) for a in attributions for s, e in a.content.spans]
    found = []
    for quote in quotes:
        if not _is_whole_paragraph(quote, text) or any(s < quote.end and quote.start < e for s, e in covered):
            continue
        before = _speaker_before(text, quote, attributions)
        if before is None:
            continue
        start, end = trim(text, quote.inner_start, quote.inner_end)
        if end <= start:
            continue
        found.append(replace(
            before,
            kind="direct",
            act="statement",
            content=Spans.from_offsets(text, [(start, end)]),
            cue=None,
            speaker=replace(before.speaker, mention=None),
            channel=None,
            sentence=sentence_at(start),
            features={**before.features, "continued": 1.0},
            cue_word=PATTERN,
        ))
    return found


def _speaker_before(text: str, quote: Quote, attributions: list[Attribution]) -> Optional[Attribution]:
    # Any act: "However, he defended his decision to engage. / "Well, they're not ideal
    # institutions ..."" goes on with the person of the paragraph before.
    earlier = [a for a in attributions if a.content.end <= quote.start]
    if not earlier:
        return None
    last = max(earlier, key=lambda a: a.content.end)
    if last.speaker is None or last.speaker.type != "person":
        return None
    between = text[last.content.end : quote.start]
    if between.count("\n") > MAX_PARAGRAPHS_BACK:
        return None
    # Only quotations and the cue that closes the last one may stand between.
    for line in between.split("\n")[1:]:
        if line.strip() and not line.lstrip().startswith(("\"", "\u201c", "\u2018", "'")):
            return None
    return last
