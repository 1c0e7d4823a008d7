"""The candidate: one attribution found in the text by a pattern, before its speaker is
named. Every pattern module makes them; the finder (`finder.py`) snaps, merges and
trims them; the edge model may move a content's edges (`edge_model.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from attrib.extract.quotes import Quote


@dataclass
class Candidate:
    """One attribution found in the text, before its speaker is named."""

    content: list[tuple[int, int]]  # character spans
    cue: list[tuple[int, int]]  # character spans; empty when there is no cue word
    source: Optional[tuple[int, int]]  # token span [start, end) of the speaker mention
    cue_token: int  # token index of the cue's head word
    sentence: int
    pattern: str
    # Speaker relayed by a named outlet or document ("a report in Axios, which cited sources").
    relay: Optional[tuple[int, int]] = None
    # Character span of a whole "according to ..." phrase: cues inside it are not cues.
    phrase_span: Optional[tuple[int, int]] = None
    # Another cue over the same words, later in the sentence ("..., according to one of
    # the sources, the publication reported"): it may name the outlet relaying this one.
    echo: Optional["Candidate"] = None
    quotes: list[Quote] = field(default_factory=list)
    # The cue model's probability that the cue verb reports something (verb patterns only).
    cue_score: Optional[float] = None
    # How many of the content's two edges the edge model moved (see edge_model.py).
    edges_moved: int = 0
    # By how much the edge model prefers its edges to the runner-up (the lesser side).
    edge_margin: Optional[float] = None
    # Edges a rule took from quotation marks and another statement's start: the edge
    # model leaves them (see `quote_adjacency.split_closing_quotation`).
    edges_fixed: bool = False

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]
