"""Findings: a report's numbers said in plain words, e.g. "2 of 11 statements rest on
anonymous sources relayed by Axios" or "The 50-million-barrel transfer is stated
without a source". Every sentence is generated from the report's data; a finding
appears only when its data is there (no publisher comparison for one publisher)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # data.py imports this module to fill Report.findings
    from attrib.report.data import Report

# Claims named one by one in the findings; the rest are counted.
NAMED_CLAIMS = 3
# Names listed in one finding before "and N others".
NAMED_SOURCES = 3


def plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def names(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 others'."""
    if len(items) > NAMED_SOURCES:
        items = [*items[:NAMED_SOURCES], plural(len(items) - NAMED_SOURCES, "other")]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "\u201d")) else ".")


def findings(report: "Report") -> list[str]:
    total = report.total
    if total == 0:
        found = ["No attributed statements were found."]
    else:
        found = [
            sentence(f"{n_of(report.tiers['1'], total)} ({report.tiers['1'] / total:.0%}) "
                     f"{'is' if report.tiers['1'] == 1 else 'are'} on the record")
        ]
        found += [sentence(text) for text in (_anonymous(report), _second_hand(report), _unsourced(report)) if text]
        found.append(sentence(_sources(report)))
        if report.to_check_total:
            n = report.to_check_total
            found.append(
                sentence(f"{plural(n, 'attribution')} {'is' if n == 1 else 'are'} less than "
                         f"{report.check_below:.0%} likely to be right: check {'it' if n == 1 else 'them'} by hand")
            )
    found += [sentence(text) for text in _claims(report)]
    found += [sentence(text) for text in (_publishers(report), _over_time(report)) if text]
    return found


def n_of(n: int, total: int) -> str:
    return f"{n} of {plural(total, 'statement')}"


def _anonymous(report: "Report") -> str:
    n = report.tiers["3"]
    if not n:
        return ""
    text = f"{n_of(n, report.total)} {'rests' if n == 1 else 'rest'} on anonymous sources"
    relays = {r.via: r.tiers["3"] for r in report.relayed if r.tiers["3"]}
    relayed = sum(relays.values())
    if relayed == n:
        return f"{text} relayed by {names(list(relays))}"
    if relayed:
        return f"{text}, {relayed} of them relayed by {names(list(relays))}"
    return text


def _second_hand(report: "Report") -> str:
    n = report.tiers["2"]
    if not n:
        return ""
    by = [s.name for s in report.speakers if s.tiers["2"]]
    return f"{n_of(n, report.total)} {'is' if n == 1 else 'are'} second-hand, reported by {names(by)}"


def _unsourced(report: "Report") -> str:
    n = report.tiers["4"]
    if not n:
        return ""
    return f"{n_of(n, report.total)} {'has' if n == 1 else 'have'} no identifiable source"


def _sources(report: "Report") -> str:
    top = report.speakers[0] if report.speakers else None
    text = f"the statements come from {plural(report.sources, 'distinct source')}"
    if top and report.sources > 1:
        text += f"; {top.name} is quoted most ({top.count} of {report.total})"
    return text


def _claims(report: "Report") -> list[str]:
    claims = report.unattributed_claims
    if not report.claims_checked:
        return []
    if not claims:
        return ["every sentence stating a figure or an event carries a source"]
    sentences = {c.text for c in claims}
    voice = "the article's" if report.scope == "article" else "the articles'"
    found = [f"{plural(len(sentences), 'sentence')} in {voice} own voice "
             f"{'states' if len(sentences) == 1 else 'state'} facts (figures, events, deals) without a source"]
    # Claims with a figure make the sharpest findings: name those first.
    ordered = sorted(claims, key=lambda c: not c.figures)
    found += [f"{c.description} is stated without a source" for c in ordered[:NAMED_CLAIMS]]
    return found


def _publishers(report: "Report") -> str:
    from attrib.report.data import UNKNOWN_PUBLISHER

    # Named outlets only: articles without a publisher are no outlet to compare.
    publishers = [p for p in report.publishers if p.count and p.publisher != UNKNOWN_PUBLISHER]
    if len(publishers) < 2:
        return ""
    ranked = sorted(publishers, key=lambda p: (-p.anonymous_share, p.publisher))
    most, least = ranked[0], ranked[-1]
    if most.anonymous_share - least.anonymous_share < 0.01:
        return ""
    # Publisher names keep their own case ("nyt"), so they don't open the sentence.
    return (f"most reliant on anonymous sources: {most.publisher} ({most.anonymous_share:.0%} of its statements); "
            f"least: {least.publisher} ({least.anonymous_share:.0%})")


def _over_time(report: "Report") -> str:
    periods = [p for p in report.over_time if p.count]
    if len(periods) < 2 or not report.tiers["3"]:
        return ""
    first, last = periods[0], periods[-1]
    low, high = min(periods, key=lambda p: p.share), max(periods, key=lambda p: p.share)
    when = "the week of " if report.over_time_unit == "week" else ""
    text = (f"the anonymous share of statements went from {first.share:.0%} ({when}{first.period}) "
            f"to {last.share:.0%} ({when}{last.period})")
    if high.share - low.share >= 0.01:
        text += f", between {low.share:.0%} and {high.share:.0%} {'weekly' if when else 'monthly'}"
    return text
