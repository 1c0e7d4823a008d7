"""A report as Markdown: headings, bullet findings and tables padded into columns, so
it reads as well in a terminal (`attrib report ... --format markdown | less`) as it
renders on a forge or in a notebook.

Every piece of text from an article or the database goes through `md`: on one line
(a title with a newline in it must not start a "## Findings" of its own) and with
Markdown's and HTML's characters escaped, so that `<img onerror=...>`, a
`[link](javascript:...)` or a remote `![image](...)` in a title or a quote is shown
as the text it is, not rendered."""

from __future__ import annotations

import re

import attrib
from attrib.report import sections as s
from attrib.report.data import TIERS, Report


# Characters that start Markdown (or HTML) syntax anywhere in a line. A text never
# starts a line here (it follows "# ", "- " or "1. "), so "+", "-" and digits are safe.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&!])")


def md(text: object) -> str:
    """Text as Markdown shows it literally, on one line."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def render_markdown(report: Report) -> str:
    out: list[str] = [f"# Sourcing report: {md(report.title)}", "", md(s.subtitle(report)), ""]
    out += ["## Findings", ""] + [f"- {md(finding)}" for finding in report.findings] + [""]

    out += ["## Sourcing tiers", ""]
    out += table(
        ["Tier", "Meaning", "Statements", "Share"],
        [[r.tier, r.name, r.count, s.share(r.share)] for r in s.tier_rows(report)],
        right={0, 2, 3},
    )
    kinds = ", ".join(f"{kind} {n}" for kind, n in report.kinds.items() if n)
    types = ", ".join(f"{t} {n}" for t, n in report.speaker_types.items() if n)
    out += ["", f"Kinds: {kinds or 'none'}. Speaker types: {types or 'none'}.", ""]

    if report.speakers:
        out += ["## Speakers", ""]
        out += table(
            ["Speaker", "Type", "Statements", "On record", "Second-hand", "Anonymous", "Unsourced"],
            [[s.clip(sp.name, s.NAME_WIDTH), sp.type, sp.count, *(sp.tiers[t] for t in TIERS)]
             for sp in s.top_speakers(report)],
            right={2, 3, 4, 5, 6},
        )
        if s.more_speakers(report):
            out += ["", f"And {s.more_speakers(report)} more speakers."]
        out.append("")

    if s.shows_publishers(report):
        out += ["## Tiers per publisher", ""]
        out += table(
            ["Publisher", "Statements", "On record", "Second-hand", "Anonymous", "Unsourced", "Anonymous share"],
            [[p.publisher, p.count, *(p.tiers[t] for t in TIERS), s.share(p.anonymous_share)] for p in report.publishers],
            right={1, 2, 3, 4, 5, 6},
        )
        out.append("")

    if s.shows_over_time(report):
        out += [f"## {s.period_heading(report)}", ""]
        out += table(
            [s.period_column(report), "Statements", "Anonymous", "Share"],
            [[p.period, p.count, p.anonymous, s.share(p.share)] for p in report.over_time],
            right={1, 2, 3},
        )
        out.append("")

    if report.relayed:
        out += ["## Relayed through other outlets", ""]
        for relay in report.relayed:
            out.append(f"- **{md(relay.via)}**: {relay.count} statement{'s' if relay.count != 1 else ''}"
                       f" ({md(', '.join(relay.speakers) or 'no named speaker')})")
        out.append("")

    out += ["## Unattributed claims", ""]
    note = s.claims_note(report)
    if note:
        out += [md(note), ""]
    for number, claim in enumerate(s.claims_shown(report), start=1):
        where = f"{claim.article}, chars" if report.scope != "article" else "chars"
        out.append(f"{number}. {md(s.clip(claim.text))} _({md(where)} {s.span_label(claim.spans)})_")
    if s.more_claims(report):
        out.append(f"\nAnd {s.more_claims(report)} more.")
    if report.unattributed_claims:
        out.append("")

    if report.to_check:
        out += [f"## To check by hand (confidence below {report.check_below:.2f})", ""]
        for a in s.to_check_shown(report):
            where = "" if report.scope == "article" else f" in {md(a.article)}"
            out.append(f"- {a.confidence:.2f} **{md(a.speaker or '(no source)')}** ({a.kind}, tier {a.tier}){where}: "
                       f"{md(s.statement(a))}")
            if s.context(a):
                out.append(f"  _Sentence:_ {md(s.context(a))}")
        more = report.to_check_total - len(s.to_check_shown(report))
        if more:
            out.append(f"- \u2026 and {more} more")
        out.append("")

    groups = s.speaker_groups(report)
    if groups:
        out += ["## Statements by speaker", ""]
        if s.listed_note(report):
            out += [s.listed_note(report), ""]
        for group in groups:
            out += [f"### {md(group.name)} ({md(group.type)}, {group.count})", ""]
            for a in group.statements:
                via = f", via {md(a.via)}" if a.via else ""
                act = f", {a.act}" if a.act and a.act != "statement" else ""
                out.append(f"- {md(s.statement(a))} \u2014 tier {a.tier}, {a.kind}{act}{via}, {a.confidence:.2f}")
            if group.more:
                out.append(f"- \u2026 and {group.more} more")
            out.append("")
    out += ["---", "", f"_{s.generated(report)} by attrib {attrib.__version__}_"]
    return "\n".join(out).rstrip() + "\n"


def table(headers: list[str], rows: list[list[object]], right: set[int] = frozenset()) -> list[str]:
    """A Markdown table with its columns padded to one width, numbers to the right."""
    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(row[i]) for row in cells)) if cells else len(h) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        padded = [v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if i in right else ("-" * (w + 2)) for i, w in enumerate(widths)) + "|"
    return [line(headers), rule, *(line(row) for row in cells)]


def cell(value: object) -> str:
    # `md` escapes a pipe too, which would end the cell early.
    return md(value)
