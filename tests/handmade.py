"""A small quote database built by hand, without spaCy: two articles whose
attributions are written out, so that the output of the query commands, `show`,
reports and Datasette can be asserted whole whatever the engine finds."""

from __future__ import annotations

from pathlib import Path

from attrib.model import Article, Attribution, Spans, Speaker
from attrib.store import open_database, store_articles

BRIDGE = (
    "Mayor Ann Lee said the new bridge over the Wensum would open in May. "
    '"We will build it on time and on budget, whatever the weather does this winter," she said.\n\n'
    "The council plans to borrow $5 million for the work, according to two officials who asked not to be named."
)
MARKET = '"Prices at the Golden Age market are up a third since spring," said Tom Reyes, who runs a stall there.'


def said(text: str, content: str, cue: str, mention: str, speaker: str, speaker_type: str, kind: str, tier: int,
         confidence: float, doc: str, after: str = "") -> Attribution:
    """An attribution by hand: each part is the first one in `text` after `after`."""
    start = text.index(after)

    def spans(part: str) -> Spans:
        at = text.index(part, start)
        return Spans.from_offsets(text, [(at, at + len(part))])

    return Attribution(
        doc=doc, kind=kind, content=spans(content), cue=spans(cue),
        speaker=Speaker(speaker, speaker_type, spans(mention)), tier=tier, confidence=confidence,
    )


def corpus() -> list[tuple[Article, list[Attribution]]]:
    bridge = Article(id="bridge", text=BRIDGE, title="Bridge to open in May", publisher="Gazette", published="2025-03-01")
    market = Article(id="market", text=MARKET)
    return [
        (bridge, [
            said(BRIDGE, "the new bridge over the Wensum would open in May", "said", "Mayor Ann Lee", "Ann Lee",
                 "person", "indirect", 1, 0.91, "bridge"),
            said(BRIDGE, "We will build it on time and on budget, whatever the weather does this winter", "said", "she",
                 "Ann Lee", "person", "direct", 1, 0.95, "bridge", after='"We will'),
            said(BRIDGE, "The council plans to borrow $5 million for the work", "according to",
                 "two officials who asked not to be named", "council officials", "anonymous", "indirect", 3, 0.42,
                 "bridge"),
        ]),
        (market, [
            said(MARKET, "Prices at the Golden Age market are up a third since spring", "said", "Tom Reyes", "Tom Reyes",
                 "person", "direct", 1, 0.88, "market"),
        ]),
    ]


def build(path: Path) -> Path:
    db = open_database(path)
    store_articles(db, corpus())
    db.conn.close()
    return path
