"""A report as one self-contained HTML page: inline CSS, charts in inline SVG and
HTML (attrib/report/charts.py), no script, and nothing fetched from anywhere (no CDN,
no web fonts, no images), so the file can be mailed, archived or opened offline and
looks the same. It reads from a 400-pixel-wide screen up (the `max-width: 600px`
rules). An article's report includes the article itself with every statement marked
(attrib/report/article_view.py). Every piece of article text is escaped."""

from __future__ import annotations

from html import escape

import attrib
from attrib.report import charts
from attrib.report import sections as s
from attrib.report.article_view import VIEW_STYLE, view_html
from attrib.report.data import TIER_NAMES, TIERS, Report

TIER_COLORS = {"1": "#2e7d5b", "2": "#3b6ea8", "3": "#d4880f", "4": "#b83b3b"}

STYLE = """
:root { --ink: #1d2329; --muted: #5f6b76; --line: #e1e4e8; --paper: #ffffff; --wash: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--wash); color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 28px 48px; }
header { margin-bottom: 20px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 6px; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.muted { color: var(--muted); }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px;
        margin-bottom: 18px; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 18px; }
.number { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.number b { display: block; font-size: 26px; line-height: 1.2; }
.number span { color: var(--muted); font-size: 13px; }
.findings { border-left: 4px solid #3b6ea8; }
.findings ul { margin: 0; padding-left: 20px; }
.findings li { margin: 3px 0; }
.grid { display: grid; grid-template-columns: 1fr; gap: 18px; }
svg { max-width: 100%; height: auto; display: block; font: 13px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg .big { font-size: 30px; font-weight: 700; }
svg .muted { fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 13px; color: var(--muted); margin: 4px 0 10px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.donut { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 32px; }
.donut svg { flex: none; }
.donut-legend { list-style: none; margin: 0; padding: 0; font-size: 14px; }
.donut-legend li { margin: 6px 0; }
.bars { display: grid; gap: 7px; margin: 8px 0 14px; font-size: 13px; }
.bar { display: grid; grid-template-columns: minmax(0, 220px) minmax(0, 1fr) 120px; gap: 10px; align-items: center; }
.bar .label { text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar .track { display: flex; height: 18px; border-radius: 3px; overflow: hidden; }
.bar .track.empty { background: #f0f1f3; }
.bar .note { color: var(--muted); white-space: nowrap; }
svg.line { width: 720px; }
.table-wrap { overflow-x: auto; }
.chips { font-size: 13px; color: var(--muted); margin-top: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 1%; }
.tier { display: inline-block; min-width: 22px; text-align: center; border-radius: 10px; color: #fff;
        font-size: 12px; font-weight: 700; padding: 0 7px; }
/* One column layout for every speaker's table, so they line up down the page. */
table.statements { table-layout: fixed; }
table.statements th:nth-child(2) { width: 56px; }
table.statements th:nth-child(3) { width: 84px; }
table.statements th:nth-child(4) { width: 120px; }
table.statements th:nth-child(5) { width: 64px; }
td.period { white-space: nowrap; }
ol.claims { margin: 0; padding-left: 22px; }
ol.claims li { margin: 0 0 10px; }
ol.claims q { quotes: none; }
.where { display: block; font-size: 12px; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 28px; }
@media (max-width: 600px) {
  main { padding: 16px 10px 32px; }
  .card { padding: 14px 12px; }
  h1 { font-size: 23px; }
  th, td { padding: 5px 4px; }
  .bar { grid-template-columns: minmax(0, 1fr) auto; gap: 2px 8px; }
  .bar .label { grid-column: 1 / -1; text-align: left; }
  /* The line chart is scaled down with the page: its text is enlarged to match. */
  svg.line text { font-size: 24px; }
  svg.line .value { display: none; }
  /* Tables of statements become one block a row: the statement, then its details. */
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr { display: block; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.stack td { display: inline-block; border: 0; padding: 2px 8px 2px 0; width: auto !important; }
  table.stack td.wide { display: block; }
}
""" + VIEW_STYLE


def render_html(report: Report) -> str:
    body = [
        _header(report),
        _numbers(report),
        _findings(report),
        _tiers(report),
        _speakers(report),
        _publishers(report) if s.shows_publishers(report) else "",
        _over_time(report) if s.shows_over_time(report) else "",
        _article(report) if report.text is not None else "",
        _claims(report),
        _relayed(report) if report.relayed else "",
        _to_check(report) if report.to_check else "",
        _statements(report),
        f"<footer>{escape(s.generated(report))} by attrib {escape(attrib.__version__)} \u00b7 tiers: "
        f"1 on the record, 2 second-hand, 3 anonymous, 4 unsourced</footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Sourcing report: {escape(report.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(part for part in body if part) + "\n</main>\n</body>\n</html>\n"
    )


def _card(title: str, content: str, css: str = "card") -> str:
    return f'<section class="{css}">\n<h2>{escape(title)}</h2>\n{content}\n</section>'


def _tier_badge(tier: int) -> str:
    t = str(tier)
    return f'<span class="tier" style="background:{TIER_COLORS[t]}" title="{TIER_NAMES[t]}">{t}</span>'


def _legend() -> str:
    items = "".join(
        f'<span><i class="swatch" style="background:{TIER_COLORS[t]}"></i>{t} \u00b7 {TIER_NAMES[t]}</span>' for t in TIERS
    )
    return f'<div class="legend">{items}</div>'


def _table(
    headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), css: str = "",
    classes: dict[int, str] | None = None,
) -> str:
    """Cells are HTML already (escape text before passing it). `classes` gives the
    cells of some columns a class ("num" for the `numeric` ones)."""
    classes = {i: "num" for i in numeric} | (classes or {})

    def cell(tag: str, i: int, content: str) -> str:
        return f'<{tag} class="{classes[i]}">{content}</{tag}>' if i in classes else f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, h) for i, h in enumerate(headers))
    lines = ["<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows]
    opening = f'<table class="{css}">' if css else "<table>"
    table = f"{opening}\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(lines) + "\n</tbody>\n</table>"
    # A table wider than a narrow screen scrolls by itself rather than widening the page.
    return f'<div class="table-wrap">{table}</div>'


def _header(report: Report) -> str:
    return (
        f'<header>\n<p class="kicker">Sourcing report</p>\n<h1>{escape(report.title)}</h1>\n'
        f'<p class="muted">{escape(s.subtitle(report))}</p>\n</header>'
    )


def _numbers(report: Report) -> str:
    anonymous = report.tiers["3"] / report.total if report.total else 0.0
    numbers = [
        (str(report.total), "statements"),
        (s.share(report.on_record_share), "on the record"),
        (s.share(anonymous), "anonymous"),
        (str(report.sources), "distinct sources"),
    ]
    if report.scope != "article":
        numbers.insert(0, (str(report.articles), "articles"))
    if report.claims_checked:
        numbers.append((str(len(report.unattributed_claims)), "unattributed claims"))
    cells = "".join(f'<div class="number"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for v, k in numbers)
    return f'<section class="numbers">{cells}</section>'


def _findings(report: Report) -> str:
    items = "\n".join(f"<li>{escape(f)}</li>" for f in report.findings)
    return _card("Findings", f"<ul>\n{items}\n</ul>", "card findings")


def _tiers(report: Report) -> str:
    segments = [charts.Segment(f"{r.tier} \u00b7 {r.name}", r.count, TIER_COLORS[r.tier]) for r in s.tier_rows(report)]
    chart = charts.donut(segments, s.share(report.on_record_share), "on the record", "Statements by sourcing tier")
    kinds = ", ".join(f"{escape(kind)} {n}" for kind, n in report.kinds.items() if n) or "none"
    types = ", ".join(f"{escape(t)} {n}" for t, n in report.speaker_types.items() if n) or "none"
    return _card("Sourcing tiers", f'{chart}\n<p class="chips">Kinds: {kinds}. Speaker types: {types}.</p>')


def _speakers(report: Report) -> str:
    if not report.speakers:
        return _card("Speakers", '<p class="muted">No speakers found.</p>')
    bars = [
        charts.Bar(
            sp.name,
            [charts.Segment(TIER_NAMES[t], sp.tiers[t], TIER_COLORS[t]) for t in TIERS],
            f"{sp.count} \u00b7 {sp.type}",
        )
        for sp in s.top_speakers(report)
    ]
    chart = charts.stacked_bars(bars, "Statements per speaker, by sourcing tier")
    more = f'<p class="muted">And {s.more_speakers(report)} more speakers.</p>' if s.more_speakers(report) else ""
    title = "Speakers" if not s.more_speakers(report) else f"Top {len(bars)} speakers"
    return _card(title, _legend() + chart + more)


def _publishers(report: Report) -> str:
    bars = [
        charts.Bar(
            p.publisher,
            [charts.Segment(TIER_NAMES[t], p.tiers[t], TIER_COLORS[t]) for t in TIERS],
            f"{s.share(p.anonymous_share)} anon.",
        )
        for p in report.publishers
    ]
    chart = charts.stacked_bars(bars, "Sourcing tiers per publisher", normalized=True)
    rows = [
        [escape(p.publisher), str(p.count), *(str(p.tiers[t]) for t in TIERS), s.share(p.anonymous_share)]
        for p in report.publishers
    ]
    table = _table(["Publisher", "Statements", "1", "2", "3", "4", "Anon."], rows, {1, 2, 3, 4, 5, 6})
    return _card("Tiers per publisher", _legend() + chart + table)


def _over_time(report: Report) -> str:
    points = [(p.period, p.share, f"({p.anonymous} of {p.count})") for p in report.over_time]
    chart = charts.share_line(points, f"Share of statements resting on anonymous sources, by {report.over_time_unit}")
    rows = [[escape(p.period), str(p.count), str(p.anonymous), s.share(p.share)] for p in report.over_time]
    headers = [s.period_column(report), "Statements", "Anonymous", "Share"]
    table = _table(headers, rows, {1, 2, 3}, classes={0: "period"})
    return _card(s.period_heading(report), chart + table)


def _article(report: Report) -> str:
    """The article with each statement highlighted in its tier's colour (details on hover)."""
    note = ('<p class="muted">Each statement is highlighted in its tier\'s colour, its speaker in bold and its '
            "cue underlined; hover over it for the speaker, act, tier and confidence.</p>")
    return _card("The article, with its statements", _legend() + note + view_html(report))


def _claims(report: Report) -> str:
    note = s.claims_note(report)
    items = []
    for claim in s.claims_shown(report):
        where = f"{claim.article}, chars" if report.scope != "article" else "chars"
        detail = [f"{where} {s.span_label(claim.spans)}"]
        if claim.figures:
            detail.append("figures: " + ", ".join(claim.figures))
        if claim.events:
            detail.append("events: " + ", ".join(claim.events))
        detail_text = " \u00b7 ".join(detail)
        items.append(f'<li><q>{escape(s.clip(claim.text))}</q><span class="where">{escape(detail_text)}</span></li>')
    more = f'<p class="muted">And {s.more_claims(report)} more.</p>' if s.more_claims(report) else ""
    content = (f'<p class="muted">{escape(note)}</p>' if note else "") + (
        '<ol class="claims">\n' + "\n".join(items) + "\n</ol>" if items else ""
    ) + more
    return _card("Unattributed claims", content)


def _relayed(report: Report) -> str:
    rows = [
        [escape(r.via), str(r.count), " ".join(_tier_badge(int(t)) for t in TIERS if r.tiers[t]),
         escape(", ".join(r.speakers))]
        for r in report.relayed
    ]
    return _card("Relayed through other outlets", _table(["Outlet", "Statements", "Tiers", "Sources"], rows, {1}))


def _to_check(report: Report) -> str:
    several = report.scope != "article"
    rows = []
    for a in s.to_check_shown(report):
        sentence = f'<span class="where">Sentence: {escape(s.context(a))}</span>' if s.context(a) else ""
        statement = f'{escape(s.statement(a))} {_tier_badge(a.tier)} <span class="muted">{escape(a.kind)}</span>'
        row = [f"{a.confidence:.2f}", escape(a.speaker or "(no source)"), statement + sentence]
        rows.append(row + [escape(a.article)] if several else row)
    more = report.to_check_total - len(s.to_check_shown(report))
    note = f'<p class="muted">And {more} more.</p>' if more else ""
    title = f"To check by hand (confidence below {report.check_below:.2f})"
    headers = ["Conf.", "Speaker", "Statement"] + (["Article"] if several else [])
    return _card(title, _table(headers, rows, {0}, "stack", classes={2: "wide"}) + note)


def _statements(report: Report) -> str:
    groups = s.speaker_groups(report)
    if not groups:
        return ""
    parts = []
    for group in groups:
        rows = [
            [escape(s.statement(a)), _tier_badge(a.tier), escape(a.kind), escape(a.via or ""), f"{a.confidence:.2f}"]
            for a in group.statements
        ]
        more = f'<p class="muted">And {group.more} more.</p>' if group.more else ""
        parts.append(
            f'<h3>{escape(group.name)} <span class="muted">({escape(group.type)}, {group.count})</span></h3>\n'
            + _table(["Statement", "Tier", "Kind", "Via", "Conf."], rows, {4}, "statements stack", classes={0: "wide"})
            + more
        )
    note = f'<p class="muted">{escape(s.listed_note(report))}</p>' if s.listed_note(report) else ""
    return _card("Statements by speaker", note + "\n".join(parts))
