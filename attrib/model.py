"""Plain dataclasses passed between the stages, and their JSON shape.

`Attribution.to_dict()` produces exactly the contract in
`attrib/data/attribution.schema.json`; `Attribution.from_dict()` reads it back
(for `attrib eval --pred` and the spaCy component's Doc extension).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

Span = tuple[int, int]

KINDS = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "government", "media", "anonymous", "document", "unknown")
# What an attribution reports (GUIDE.md, section 1): something a source communicated
# (said, wrote, reported, according to), a private thought or belief, knowledge
# (knows, learned, realised), an intention (wants, plans), or another kind of frame.
# Queries and reports show statements unless asked for more.
ACTS = ("statement", "thought", "knowledge", "intention", "other")
DEFAULT_ACTS = frozenset({"statement"})


def chosen_acts(values: Optional[list[str]] = None) -> frozenset[str]:
    """The acts asked for: statements when none are named; every act for "all".
    Raises ValueError naming an act that does not exist."""
    if not values:
        return DEFAULT_ACTS
    chosen = set()
    for value in values:
        value = value.strip().lower()
        if value == "all":
            return frozenset(ACTS)
        if value not in ACTS:
            raise ValueError(f"no act {value!r}: choose from {', '.join(ACTS)} or all")
        chosen.add(value)
    return frozenset(chosen)


@dataclass(frozen=True)
class Spans:
    """One role of an attribution: its character spans and their joined text."""

    text: str
    spans: tuple[Span, ...]

    @classmethod
    def from_offsets(cls, text: str, spans: list[Span] | tuple[Span, ...]) -> "Spans":
        ordered = tuple(sorted((int(s), int(e)) for s, e in spans))
        return cls(text=" ... ".join(text[s:e] for s, e in ordered), spans=ordered)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [list(s) for s in self.spans]}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> Optional["Spans"]:
        if not data:
            return None
        return cls(text=data["text"], spans=tuple((int(s), int(e)) for s, e in data["spans"]))


@dataclass(frozen=True)
class Speaker:
    name: str
    type: str
    mention: Optional[Spans]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type, "mention": self.mention.to_dict() if self.mention else None}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> Optional["Speaker"]:
        if not data:
            return None
        return cls(name=data["name"], type=data["type"], mention=Spans.from_dict(data.get("mention")))


@dataclass(frozen=True)
class Via:
    name: str
    type: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> Optional["Via"]:
        return cls(name=data["name"], type=data["type"]) if data else None


def attribution_key(content_spans, cue_spans, content_text: str) -> str:
    """An attribution's stable id from its content's and cue's spans ((start, end)
    pairs, in order) and its content's text."""
    content = tuple((int(s), int(e)) for s, e in content_spans)
    cue = tuple((int(s), int(e)) for s, e in cue_spans) if cue_spans else None
    return hashlib.sha1(repr((content, cue, content_text)).encode("utf-8")).hexdigest()[:16]


@dataclass
class Attribution:
    doc: str
    kind: str
    content: Spans
    cue: Optional[Spans]
    speaker: Optional[Speaker]
    via: Optional[Via] = None
    channel: Optional[str] = None
    tier: int = 4
    confidence: float = 0.5
    act: str = "statement"
    # Index of the sentence holding the cue (or the content) in the article.
    sentence: Optional[int] = None
    # The evidence confidence was computed from, and the cue's word (lemma) that cue
    # statistics are kept by; for refitting, not exported.
    features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    cue_word: str = field(default="", repr=False, compare=False)

    @property
    def id(self) -> str:
        """Stable across runs: derived from where the content and cue are, not from run order."""
        return attribution_key(self.content.spans, self.cue.spans if self.cue else None, self.content.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "id": self.id,
            "kind": self.kind,
            "act": self.act,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "via": self.via.to_dict() if self.via else None,
            "channel": self.channel,
            "tier": self.tier,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Attribution":
        return cls(
            doc=data.get("doc", ""),
            kind=data["kind"],
            act=data.get("act", "statement"),
            content=Spans.from_dict(data["content"]),
            cue=Spans.from_dict(data.get("cue")),
            speaker=Speaker.from_dict(data.get("speaker")),
            via=Via.from_dict(data.get("via")),
            channel=data.get("channel"),
            tier=int(data.get("tier", 4)),
            confidence=float(data.get("confidence", 0.5)),
            sentence=data.get("sentence"),
        )


@dataclass
class Article:
    """One input article, as read. Offsets everywhere are into `text`."""

    id: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    publisher: Optional[str] = None
    url: Optional[str] = None
    source_path: Optional[str] = None
    # The line of a JSON Lines input the article came from, so messages can name it.
    source_line: Optional[int] = None
    author: Optional[str] = None
    # How the input was read when that needs saying ("...: read as Windows-1252"),
    # naming the file; the caller shows it, the article is analysed all the same.
    warning: Optional[str] = None
