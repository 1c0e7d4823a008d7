"""What a sourcing report holds, as plain dataclasses, and the tally that fills it.

Every scope (one article, a file of articles, a publisher, a speaker, the corpus)
feeds its attributions one at a time into a `Tally`, which counts them (tiers, kinds,
speaker types, speakers, relaying outlets, publishers, publication days) and keeps
lists (the attributions themselves, the least confident ones, unattributed claims),
each whole or, given a `limit`, at most that long; the counts always cover
everything, and `Report.omitted` says how many each list left out. All scopes share
one shape: the renderers show a section whenever it carries information (a publisher
table only when there are several publishers, a time line only when there are several
periods).
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Optional

from attrib.context import sentence_around
from attrib.model import KINDS, SPEAKER_TYPES, Article, Attribution
from attrib.report.claims import Claim
from attrib.report.findings import findings

TIERS = ("1", "2", "3", "4")
TIER_NAMES = {"1": "on the record", "2": "second-hand", "3": "anonymous", "4": "unsourced"}
# The speaker type of an attribution with no speaker at all (tier 4).
NO_SPEAKER = "none"
# An attribution less likely than this to be right is listed for checking by hand;
# confidence is a calibrated probability, so below 0.6 means wrong about 2 times in 5.
CHECK_BELOW = 0.6
# The publisher row of articles that name none.
UNKNOWN_PUBLISHER = "(unknown)"
# `published` as stored: a date, maybe followed by a time.
PUBLISHED_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
# A time line needs this many points to show a trend: a corpus spanning fewer months
# is shown by week.
MIN_PERIODS = 3


@dataclass
class ReportAttribution:
    """One attribution as a report shows it: flat, with its article's id, publisher
    and date, the sentence it is in, and its spans (offsets into the article)."""

    article: str
    speaker: Optional[str]
    speaker_type: str
    kind: str
    tier: int
    confidence: float
    content: str
    content_spans: list[tuple[int, int]]
    sentence: str = ""
    act: Optional[str] = None
    cue: Optional[str] = None
    cue_spans: list[tuple[int, int]] = field(default_factory=list)
    speaker_mention: Optional[str] = None
    mention_spans: list[tuple[int, int]] = field(default_factory=list)
    via: Optional[str] = None
    channel: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[str] = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every span of the attribution: content, cue and speaker mention."""
        return [*self.content_spans, *self.cue_spans, *self.mention_spans]

    @classmethod
    def from_attribution(cls, a: Attribution, article: Article) -> "ReportAttribution":
        mention = a.speaker.mention if a.speaker else None
        spans = [*a.content.spans, *(a.cue.spans if a.cue else ()), *(mention.spans if mention else ())]
        return cls(
            article=article.id,
            speaker=a.speaker.name if a.speaker else None,
            speaker_type=a.speaker.type if a.speaker else NO_SPEAKER,
            kind=a.kind,
            tier=a.tier,
            confidence=round(float(a.confidence), 4),
            content=a.content.text,
            content_spans=[tuple(s) for s in a.content.spans],
            sentence=sentence_around(article.text, spans),
            act=a.act,
            cue=a.cue.text if a.cue else None,
            cue_spans=[tuple(s) for s in a.cue.spans] if a.cue else [],
            speaker_mention=mention.text if mention else None,
            mention_spans=[tuple(s) for s in mention.spans] if mention else [],
            via=a.via.name if a.via else None,
            channel=a.channel,
            publisher=article.publisher,
            published=article.published,
        )

    @classmethod
    def from_row(cls, row: dict[str, Any], text: str) -> "ReportAttribution":
        """From a row of `attrib.store.report_queries.attributions`, and its article's text."""
        spans = {column: [tuple(s) for s in json.loads(row[column] or "[]")]
                 for column in ("content_spans", "cue_spans", "mention_spans")}
        return cls(
            article=row["article"],
            speaker=row["speaker"],
            speaker_type=row["speaker_type"] or NO_SPEAKER,
            kind=row["kind"],
            tier=int(row["tier"]),
            confidence=float(row["confidence"]),
            content=row["content"],
            content_spans=spans["content_spans"],
            sentence=sentence_around(text, [s for column in spans.values() for s in column]),
            act=row["act"],
            cue=row["cue"],
            cue_spans=spans["cue_spans"],
            speaker_mention=row["speaker_mention"],
            mention_spans=spans["mention_spans"],
            via=row["via"],
            channel=row["channel"],
            publisher=row["publisher"],
            published=row["published"],
        )


@dataclass
class SpeakerSummary:
    name: str
    type: str
    count: int
    tiers: dict[str, int]


@dataclass
class Relay:
    """Statements relayed through another outlet (`via`)."""

    via: str
    count: int
    tiers: dict[str, int]
    speakers: list[str]


@dataclass
class PublisherSummary:
    publisher: str
    count: int
    tiers: dict[str, int]

    @property
    def anonymous_share(self) -> float:
        return self.tiers["3"] / self.count if self.count else 0.0


@dataclass
class Period:
    """Attributions in the articles published in one month or week."""

    period: str  # YYYY-MM for a month, the Monday's YYYY-MM-DD for a week
    count: int
    anonymous: int

    @property
    def share(self) -> float:
        return self.anonymous / self.count if self.count else 0.0


@dataclass
class Report:
    scope: str  # article | articles | publisher | speaker | corpus
    title: str
    articles: int
    total: int  # attributions counted
    tiers: dict[str, int]
    kinds: dict[str, int]
    speaker_types: dict[str, int]
    on_record_share: float
    sources: int  # distinct speakers
    speakers: list[SpeakerSummary]  # most quoted first
    relayed: list[Relay]
    to_check: list[ReportAttribution]  # least confident first
    to_check_total: int
    check_below: float
    attributions: list[ReportAttribution]  # reading order
    unattributed_claims: list[Claim]
    unattributed_claims_total: int
    # False when the scope does not look for claims (they need each article parsed again).
    claims_checked: bool
    publishers: list[PublisherSummary]
    over_time: list[Period]
    over_time_unit: str  # month | week
    # The most each list holds (None: no limit), and how many of each it left out.
    limit: Optional[int] = None
    omitted: dict[str, int] = field(default_factory=dict)
    generated: str = ""  # when, ISO 8601 in UTC
    meta: dict[str, Optional[str]] = field(default_factory=dict)  # the article's title, publisher, date
    text: Optional[str] = None  # an article report's article text, which spans point into
    findings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # Shares are properties, which asdict leaves out.
        for entry, publisher in zip(data["publishers"], self.publishers):
            entry["anonymous_share"] = round(publisher.anonymous_share, 4)
        for entry, period in zip(data["over_time"], self.over_time):
            entry["share"] = round(period.share, 4)
        data["on_record_share"] = round(self.on_record_share, 4)
        for claim in data["unattributed_claims"]:
            claim["spans"] = [list(s) for s in claim["spans"]]
        for a in data["attributions"] + data["to_check"]:
            for column in ("content_spans", "cue_spans", "mention_spans"):
                a[column] = [list(s) for s in a[column]]
        return data


def tier_counts() -> dict[str, int]:
    return {tier: 0 for tier in TIERS}


class Tally:
    """Counts attributions as they come, keeping lists of them (at most `limit` each)."""

    def __init__(self, check_below: float = CHECK_BELOW, limit: Optional[int] = None):
        self.check_below = check_below
        self.limit = limit
        self.total = 0
        self.tiers = tier_counts()
        self.kinds: Counter[str] = Counter({kind: 0 for kind in KINDS})
        self.speaker_types: Counter[str] = Counter()
        self.speakers: dict[str, SpeakerSummary] = {}
        self.relays: dict[str, Relay] = {}
        self.publishers: dict[str, PublisherSummary] = {}
        self.days: dict[date, Period] = {}
        self.attributions: list[ReportAttribution] = []
        # A max-heap on confidence (negated) holding the least confident ones seen.
        self._to_check: list[tuple[float, int, ReportAttribution]] = []
        self.to_check_total = 0
        self.claims: list[Claim] = []
        self.claims_total = 0

    def _room(self, kept: int) -> bool:
        return self.limit is None or kept < self.limit

    def add(self, a: ReportAttribution) -> None:
        tier = str(a.tier)
        self.total += 1
        self.tiers[tier] += 1
        self.kinds[a.kind] += 1
        self.speaker_types[a.speaker_type] += 1
        if a.speaker:
            speaker = self.speakers.setdefault(a.speaker, SpeakerSummary(a.speaker, a.speaker_type, 0, tier_counts()))
            speaker.count += 1
            speaker.tiers[tier] += 1
        if a.via:
            relay = self.relays.setdefault(a.via, Relay(a.via, 0, tier_counts(), []))
            relay.count += 1
            relay.tiers[tier] += 1
            if a.speaker and a.speaker not in relay.speakers:
                relay.speakers.append(a.speaker)
        name = a.publisher or UNKNOWN_PUBLISHER
        publisher = self.publishers.setdefault(name, PublisherSummary(name, 0, tier_counts()))
        publisher.count += 1
        publisher.tiers[tier] += 1
        day = _published_day(a.published)
        if day is not None:
            period = self.days.setdefault(day, Period(day.isoformat(), 0, 0))
            period.count += 1
            period.anonymous += tier == "3"
        if self._room(len(self.attributions)):
            self.attributions.append(a)
        if a.confidence < self.check_below:
            self.to_check_total += 1
            entry = (-a.confidence, -self.total, a)
            if self._room(len(self._to_check)):
                heapq.heappush(self._to_check, entry)
            elif self.limit:
                heapq.heappushpop(self._to_check, entry)

    def add_claims(self, claims: list[Claim]) -> None:
        self.claims_total += len(claims)
        for claim in claims:
            if self._room(len(self.claims)):
                self.claims.append(claim)

    def report(
        self,
        scope: str,
        title: str,
        articles: int,
        *,
        claims_checked: bool,
        meta: Optional[dict[str, Optional[str]]] = None,
        text: Optional[str] = None,
    ) -> Report:
        # Every known type, zero or not, so the JSON has one shape; any other type after them.
        types = {t: self.speaker_types.get(t, 0) for t in (*SPEAKER_TYPES, NO_SPEAKER)}
        types |= {t: n for t, n in self.speaker_types.items() if t not in types}
        to_check = [a for _, _, a in sorted(self._to_check, key=lambda e: (-e[0], -e[1]))]
        unit, over_time = periods(self.days)
        report = Report(
            scope=scope,
            title=title,
            articles=articles,
            total=self.total,
            tiers=dict(self.tiers),
            kinds=dict(self.kinds),
            speaker_types=types,
            on_record_share=self.tiers["1"] / self.total if self.total else 0.0,
            sources=len(self.speakers),
            speakers=sorted(self.speakers.values(), key=lambda s: (-s.count, s.name)),
            relayed=sorted(self.relays.values(), key=lambda r: (-r.count, r.via)),
            to_check=to_check,
            to_check_total=self.to_check_total,
            check_below=self.check_below,
            attributions=self.attributions,
            unattributed_claims=self.claims,
            unattributed_claims_total=self.claims_total,
            claims_checked=claims_checked,
            # Most statements first, articles without a publisher last.
            publishers=sorted(
                self.publishers.values(), key=lambda p: (p.publisher == UNKNOWN_PUBLISHER, -p.count, p.publisher)
            ),
            over_time=over_time,
            over_time_unit=unit,
            limit=self.limit,
            omitted={
                "attributions": self.total - len(self.attributions),
                "to_check": self.to_check_total - len(to_check),
                "unattributed_claims": self.claims_total - len(self.claims),
            },
            generated=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            meta=meta or {},
            text=text,
        )
        report.findings = findings(report)
        return report


def _published_day(published: Optional[str]) -> Optional[date]:
    match = PUBLISHED_DATE.match(published or "")
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def periods(days: dict[date, Period]) -> tuple[str, list[Period]]:
    """Days summed into months, or into weeks (labelled by their Monday) when the
    corpus spans fewer than MIN_PERIODS months and weeks give more points."""
    months = _summed(days, lambda day: day.strftime("%Y-%m"))
    if len(months) >= MIN_PERIODS:
        return "month", months
    weeks = _summed(days, lambda day: (day - timedelta(days=day.weekday())).isoformat())
    return ("week", weeks) if len(weeks) > len(months) else ("month", months)


def _summed(days: dict[date, Period], key) -> list[Period]:
    summed: dict[str, Period] = {}
    for day, period in days.items():
        total = summed.setdefault(key(day), Period(key(day), 0, 0))
        total.count += period.count
        total.anonymous += period.anonymous
    return sorted(summed.values(), key=lambda p: p.period)
