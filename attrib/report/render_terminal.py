"""A report on the terminal, with rich: findings first, then tables with bars in the
tier colours. Article text goes in as `Text`, never as markup, so brackets in a quote
print as they are."""

from __future__ import annotations

import attrib
from rich.console import Console, Group
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from attrib.report import sections as s
from attrib.report.data import TIERS, Report

TIER_STYLES = {"1": "green", "2": "blue", "3": "yellow", "4": "red"}
BAR_WIDTH = 30


def render_terminal(report: Report, console: Console) -> None:
    console.print(Rule(Text(f"Sourcing report: {report.title}", style="bold")))
    console.print(Text(s.subtitle(report), style="dim"), justify="center")
    console.print()
    console.print(Text("Findings", style="bold underline"))
    console.print(_listing([("\u2022", Text(finding)) for finding in report.findings]))
    console.print()
    console.print(_tiers(report))
    kinds = ", ".join(f"{kind} {n}" for kind, n in report.kinds.items() if n)
    types = ", ".join(f"{t} {n}" for t, n in report.speaker_types.items() if n)
    console.print(Text(f"Kinds: {kinds or 'none'}.  Speaker types: {types or 'none'}.", style="dim"))
    console.print()
    if report.speakers:
        console.print(_speakers(report))
        console.print()
    if s.shows_publishers(report):
        console.print(_publishers(report))
        console.print()
    if s.shows_over_time(report):
        console.print(_over_time(report))
        console.print()
    if report.relayed:
        console.print(Text("Relayed through other outlets", style="bold underline"))
        for relay in report.relayed:
            console.print(Padding(Text(f"\u2022 {relay.via}: {relay.count} ({', '.join(relay.speakers)})"), (0, 0, 0, 2), expand=False))
        console.print()
    console.print(_claims(report))
    console.print()
    if report.to_check:
        console.print(_to_check(report))
        console.print()
    if s.listed_note(report):
        console.print(Text(s.listed_note(report), style="dim"))
        console.print()
    for group in s.speaker_groups(report):
        console.print(_group(group))
        console.print()
    console.print(Text(f"{s.generated(report)} by attrib {attrib.__version__}", style="dim"))


def _listing(items: list[tuple[str, Text]]) -> Padding:
    """A bulleted or numbered list whose wrapped lines hang under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right")
    grid.add_column()
    for marker, text in items:
        grid.add_row(marker, text)
    return Padding(grid, (0, 0, 0, 2), expand=False)


def _bar(share: float, style: str) -> Text:
    filled = round(share * BAR_WIDTH)
    return Text("\u2588" * filled, style=style) + Text("\u2591" * (BAR_WIDTH - filled), style="dim")


def _tiers(report: Report) -> Table:
    table = Table(title="Sourcing tiers", title_justify="left", title_style="bold underline")
    table.add_column("Tier", justify="right")
    table.add_column("Meaning")
    table.add_column("Statements", justify="right")
    table.add_column("Share", justify="right")
    table.add_column("")
    for row in s.tier_rows(report):
        style = TIER_STYLES[row.tier]
        table.add_row(row.tier, Text(row.name, style=style), str(row.count), s.share(row.share), _bar(row.share, style))
    return table


def _stacked(tiers: dict[str, int], scale: int) -> Text:
    """A bar per tier, one after another, `scale` statements filling BAR_WIDTH."""
    bar = Text()
    for tier in TIERS:
        bar.append("\u2588" * round(tiers[tier] / scale * BAR_WIDTH), style=TIER_STYLES[tier])
    return bar


def _speakers(report: Report) -> Table:
    table = Table(title="Speakers", title_justify="left", title_style="bold underline")
    for name, justify in (("Speaker", "left"), ("Type", "left"), ("Statements", "right"), ("By tier", "left")):
        table.add_column(name, justify=justify)
    most = report.speakers[0].count
    for sp in s.top_speakers(report):
        table.add_row(Text(s.clip(sp.name, s.NAME_WIDTH)), sp.type, str(sp.count), _stacked(sp.tiers, most))
    if s.more_speakers(report):
        table.caption = f"and {s.more_speakers(report)} more speakers"
    return table


def _publishers(report: Report) -> Table:
    table = Table(title="Tiers per publisher", title_justify="left", title_style="bold underline")
    for name in ("Publisher", "Statements", "1", "2", "3", "4", "Anonymous"):
        table.add_column(name, justify="left" if name == "Publisher" else "right")
    for p in report.publishers:
        table.add_row(Text(p.publisher), str(p.count), *(str(p.tiers[t]) for t in TIERS), s.share(p.anonymous_share))
    return table


def _over_time(report: Report) -> Table:
    table = Table(title=s.period_heading(report), title_justify="left", title_style="bold underline")
    first = s.period_column(report)
    for name in (first, "Statements", "Anonymous", "Share", ""):
        table.add_column(name, justify="left" if name in (first, "") else "right")
    for p in report.over_time:
        table.add_row(p.period, str(p.count), str(p.anonymous), s.share(p.share), _bar(p.share, TIER_STYLES["3"]))
    return table


def _claims(report: Report) -> Group:
    lines: list = [Text("Unattributed claims", style="bold underline")]
    note = s.claims_note(report)
    if note:
        lines.append(Padding(Text(note, style="dim"), (0, 0, 0, 2), expand=False))
    items = []
    for number, claim in enumerate(s.claims_shown(report), start=1):
        where = f"{claim.article}, chars" if report.scope != "article" else "chars"
        items.append((f"{number}.", Text(s.clip(claim.text)) + Text(f"  ({where} {s.span_label(claim.spans)})", style="dim")))
    if items:
        lines.append(_listing(items))
    if s.more_claims(report):
        lines.append(Padding(Text(f"\u2026 and {s.more_claims(report)} more", style="dim"), (0, 0, 0, 2), expand=False))
    return Group(*lines)


def _to_check(report: Report) -> Group:
    """Each row: confidence, speaker, where, and the statement with, under it, the
    sentence it is in, so it can be checked without opening the article."""
    lines: list = [
        Text(f"To check by hand (confidence below {report.check_below:.2f})", style="bold underline")
    ]
    items = []
    for a in s.to_check_shown(report):
        where = "" if report.scope == "article" else f" in {a.article}"
        text = Text(a.speaker or "(no source)", style="bold")
        text += Text(f" ({a.kind}, tier {a.tier}){where}: ", style="dim") + Text(s.statement(a))
        if s.context(a):
            text += Text("\nsentence: " + s.context(a), style="dim")
        items.append((f"{a.confidence:.2f}", text))
    lines.append(_listing(items))
    more = report.to_check_total - len(s.to_check_shown(report))
    if more:
        lines.append(Padding(Text(f"\u2026 and {more} more", style="dim"), (0, 0, 0, 2), expand=False))
    return Group(*lines)


def _group(group: s.SpeakerGroup) -> Group:
    lines: list = [Text(f"{group.name} ", style="bold") + Text(f"({group.type}, {group.count})", style="dim")]
    for a in group.statements:
        via = f", via {a.via}" if a.via else ""
        act = f", {a.act}" if a.act and a.act != "statement" else ""
        line = Text(f"{s.statement(a)} \u2014 ") + Text(
            f"tier {a.tier}, {a.kind}{act}{via}, {a.confidence:.2f}", style=TIER_STYLES[str(a.tier)]
        )
        lines.append(Padding(line, (0, 0, 0, 2), expand=False))
    if group.more:
        lines.append(Padding(Text(f"\u2026 and {group.more} more", style="dim"), (0, 0, 0, 2), expand=False))
    return Group(*lines)
