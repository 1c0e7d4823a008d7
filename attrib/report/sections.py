"""What the renderers share: the report's sections in display order, as plain rows.

Terminal, markdown and HTML show the same sections with the same caps, so the
choices (which sections a scope shows, how many speakers and statements are listed)
are made here once and the renderers only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib.report.data import TIER_NAMES, TIERS, Report, ReportAttribution

# Speakers in the speaker table and chart; the rest are counted in a note.
TOP_SPEAKERS = 15
# Statements listed under each speaker in multi-article scopes (an article lists all).
STATEMENTS_PER_SPEAKER = 5
# A long statement is cut in listings; the JSON keeps it whole.
STATEMENT_WIDTH = 320
# A name is cut in table cells so that one run-on name doesn't widen a whole column.
NAME_WIDTH = 40
# Rows listed to check by hand, and unattributed claims listed; the rest are counted
# (the JSON holds them all).
TO_CHECK_SHOWN = 25
CLAIMS_SHOWN = 100
# The sentence around a statement, cut in listings.
SENTENCE_WIDTH = 400


@dataclass
class TierRow:
    tier: str
    name: str
    count: int
    share: float


@dataclass
class SpeakerGroup:
    name: str
    type: str
    count: int
    statements: list[ReportAttribution]
    more: int  # statements of this speaker not listed


def subtitle(report: Report) -> str:
    """One line saying what the report covers."""
    parts = []
    if report.scope == "article":
        meta = report.meta
        parts += [meta[key] for key in ("publisher", "published", "author") if meta.get(key)]
        if meta.get("id") and meta.get("id") != report.title:
            parts.append(f"id {meta['id']}")
    else:
        parts.append({"articles": "Collection", "publisher": "Publisher", "speaker": "Speaker",
                      "corpus": "Corpus"}[report.scope])
        parts.append(f"{report.articles} article{'s' if report.articles != 1 else ''}")
    parts.append(f"{report.total} statement{'s' if report.total != 1 else ''}")
    return " \u00b7 ".join(parts)


def tier_rows(report: Report) -> list[TierRow]:
    total = report.total or 1
    return [TierRow(t, TIER_NAMES[t], report.tiers[t], report.tiers[t] / total) for t in TIERS]


def top_speakers(report: Report):
    return report.speakers[:TOP_SPEAKERS]


def shows_publishers(report: Report) -> bool:
    return len(report.publishers) > 1


def shows_over_time(report: Report) -> bool:
    return len(report.over_time) > 1


def period_heading(report: Report) -> str:
    """The time line's title and its first column's name."""
    return f"Anonymous share over time, by {report.over_time_unit}"


def period_column(report: Report) -> str:
    return "Week of" if report.over_time_unit == "week" else "Month"


def speaker_groups(report: Report) -> list[SpeakerGroup]:
    """The listed attributions grouped by speaker, most quoted first; statements with
    no speaker come last under "(no source)"."""
    per_speaker = None if report.scope == "article" else STATEMENTS_PER_SPEAKER
    by_name: dict[str, list[ReportAttribution]] = {}
    for a in report.attributions:
        by_name.setdefault(a.speaker or "", []).append(a)
    groups = []
    for speaker in top_speakers(report):
        statements = by_name.get(speaker.name, [])
        shown = statements[:per_speaker] if per_speaker else statements
        groups.append(SpeakerGroup(speaker.name, speaker.type, speaker.count, shown, speaker.count - len(shown)))
    unsourced = by_name.get("", [])
    if unsourced:
        shown = unsourced[:per_speaker] if per_speaker else unsourced
        groups.append(SpeakerGroup("(no source)", "none", report.tiers["4"], shown, report.tiers["4"] - len(shown)))
    return groups


def more_speakers(report: Report) -> int:
    return max(0, len(report.speakers) - TOP_SPEAKERS)


def statement(a: ReportAttribution, width: int = STATEMENT_WIDTH) -> str:
    """A statement as listings show it: in quotation marks only when it is a direct
    quote, so paraphrase never reads as someone's own words."""
    text = clip(a.content, width)
    return f"\u201c{text}\u201d" if a.kind == "direct" else text


def context(a: ReportAttribution) -> str:
    """The sentence a statement is in, when it says more than the statement itself."""
    sentence = " ".join(a.sentence.split())
    return clip(sentence, SENTENCE_WIDTH) if sentence and sentence != " ".join(a.content.split()) else ""


def to_check_shown(report: Report) -> list[ReportAttribution]:
    return report.to_check[:TO_CHECK_SHOWN]


def claims_shown(report: Report):
    return report.unattributed_claims[:CLAIMS_SHOWN]


def more_claims(report: Report) -> int:
    return report.unattributed_claims_total - len(claims_shown(report))


def generated(report: Report) -> str:
    """When the report was made, as a footer says it: "Generated 2026-03-06 14:05 UTC"."""
    if not report.generated:
        return ""
    return f"Generated {report.generated[:10]} {report.generated[11:16]} UTC"


def listed_note(report: Report) -> str:
    """What a limit left out of the statements listed, or nothing."""
    if not report.omitted.get("attributions"):
        return ""
    return (f"Statements are listed from the first {len(report.attributions)} of {report.total} "
            f"(--limit); the counts cover all of them.")


def clip(text: str, width: int = STATEMENT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def share(value: float) -> str:
    return f"{value:.0%}"


def span_label(spans) -> str:
    return ", ".join(f"{s}\u2013{e}" for s, e in spans)


def claims_note(report: Report) -> str:
    """Why a report has no claims section, or an empty one."""
    if not report.claims_checked:
        return "Unattributed claims are listed in single-article reports (attrib report --article ID)."
    if not report.unattributed_claims:
        return "None found: every sentence stating a figure or an event carries a source."
    return ""
