"""Charts for the HTML report, drawn by hand so the page needs nothing from outside:
a donut (tier breakdown) in SVG with its legend in HTML, stacked horizontal bars
(speakers, publishers) in HTML and CSS, and a line (anonymous share over time) in SVG.

Legible from a 400-pixel-wide screen up: bars are HTML, so their labels are text at
the page's size and wrap above the bar on a narrow screen (the `.bars` rules in the
report's style); the donut keeps its own size; the line's SVG scales with the page,
and on a narrow screen the style enlarges its text (in the SVG's units) to stay
readable, so its axis labels are spaced for that larger size and never collide.
Every label is escaped; every mark carries a `title`, which browsers show on hover.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Long names are cut on the chart (the tables keep them whole).
LABEL_CHARS = 30
# The line chart's text: its size in SVG units on a wide screen and, enlarged by the
# style, on a narrow one; and the width of a character as a share of the size (a
# generous figure for digits and '-' in a sans-serif face).
LINE_FONT = 13
LINE_FONT_NARROW = 24
CHAR_WIDTH = 0.62
LABEL_GAP = 12


@dataclass
class Segment:
    label: str
    value: float
    color: str


@dataclass
class Bar:
    label: str
    segments: list[Segment]
    note: str = ""  # printed after the bar, e.g. the total


def _svg(width: float, height: float, body: str, label: str, css: str = "") -> str:
    css_class = f' class="{css}"' if css else ""
    return (
        f'<svg{css_class} viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" role="img" '
        f'aria-label="{escape(label)}">{body}</svg>'
    )


def _cut(text: str, chars: int = LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "\u2026"


def donut(segments: list[Segment], center: str, caption: str, label: str) -> str:
    """A ring split by value, `center` written large in the middle, and beside it (or
    under it, on a narrow screen) a legend with each segment's value and share."""
    size, radius, stroke = 200, 70, 34
    cx = cy = size / 2
    circumference = 2 * math.pi * radius
    total = sum(s.value for s in segments)
    parts = [
        f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="none" stroke="#e6e8eb" stroke-width="{stroke}"/>'
    ]
    offset = 0.0
    for s in segments:
        if not s.value or not total:
            continue
        length = circumference * s.value / total
        # Dashes start at 3 o'clock: rotate so the first segment starts at the top.
        parts.append(
            f'<circle cx="{cx}" cy="{cy}" r="{radius}" fill="none" stroke="{s.color}" stroke-width="{stroke}" '
            f'stroke-dasharray="{length:.2f} {circumference - length:.2f}" stroke-dashoffset="{-offset:.2f}" '
            f'transform="rotate(-90 {cx} {cy})"><title>{escape(s.label)}: {s.value:g}</title></circle>'
        )
        offset += length
    parts.append(f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" class="big">{escape(center)}</text>')
    parts.append(f'<text x="{cx}" y="{cy + 24}" text-anchor="middle" class="muted">{escape(caption)}</text>')
    legend = "".join(
        f'<li><i class="swatch" style="background:{s.color}"></i>{escape(s.label)}'
        f'<span class="muted"> {s.value:g} \u00b7 {s.value / total if total else 0:.0%}</span></li>'
        for s in segments
    )
    return f'<div class="donut">{_svg(size, size, "".join(parts), label)}<ul class="donut-legend">{legend}</ul></div>'


def stacked_bars(bars: list[Bar], label: str, *, normalized: bool = False) -> str:
    """One horizontal bar per row, its segments side by side, in HTML. Bars share one
    scale (the largest total), or, `normalized`, each fills the width (shares of its
    own total)."""
    largest = max((sum(s.value for s in b.segments) for b in bars), default=0) or 1
    rows = []
    for bar in bars:
        total = sum(s.value for s in bar.segments)
        scale = 100 / (total or 1) if normalized else 100 / largest
        segments = "".join(
            f'<span style="width:{s.value * scale:.2f}%;background:{s.color}" '
            f'title="{escape(bar.label)} \u2014 {escape(s.label)}: {s.value:g}"></span>'
            for s in bar.segments
            if s.value
        )
        track = "track empty" if not total else "track"
        rows.append(
            f'<div class="bar"><div class="label" title="{escape(bar.label)}">{escape(_cut(bar.label))}</div>'
            f'<div class="{track}">{segments}</div><div class="note">{escape(bar.note)}</div></div>'
        )
    return f'<div class="bars" role="img" aria-label="{escape(label)}">' + "".join(rows) + "</div>"


def label_width(text: str, font: float = LINE_FONT_NARROW) -> float:
    """About how wide `text` is drawn at `font` size, in the same units."""
    return len(text) * font * CHAR_WIDTH


def axis_labels(xs: list[float], labels: list[str]) -> list[tuple[int, str]]:
    """Which points get an axis label, and each label's anchor, so that no two labels
    overlap at the larger (narrow-screen) font: the first is anchored at its start,
    the last at its end, and those between are centred and spaced apart."""
    if not xs:
        return []
    if len(xs) == 1:
        return [(0, "middle")]
    width = max(label_width(text) for text in labels)
    chosen = [(0, "start")]
    right_of_last = xs[0] + width  # the first label runs right from its point
    last_left = xs[-1] - width  # the last label runs left from its point
    if right_of_last + LABEL_GAP > last_left:
        # Two labels don't fit: the first alone says where the line starts.
        return chosen
    for i in range(1, len(xs) - 1):
        left, right = xs[i] - width / 2, xs[i] + width / 2
        if left >= right_of_last + LABEL_GAP and right + LABEL_GAP <= last_left:
            chosen.append((i, "middle"))
            right_of_last = right
    chosen.append((len(xs) - 1, "end"))
    return chosen


def share_line(points: list[tuple[str, float, str]], label: str, *, width: int = 720, height: int = 280) -> str:
    """A line of shares (0..1) over periods: (period, share, hover note) each, in order."""
    left, right, top, bottom = 84, 24, 36, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((share for _, share, _ in points), default=0)
    # The axis tops out at the next 10% above the peak, so the line fills the height.
    y_max = max(0.1, math.ceil(peak * 10 + 1e-9) / 10)
    parts = []
    for step in range(5):
        value = y_max * step / 4
        y = top + plot_h - plot_h * value / y_max
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e6e8eb"/>')
        # "2.5%", not a rounded "2%" on a line that isn't at 2%.
        parts.append(f'<text x="{left - 10}" y="{y + 5:.1f}" text-anchor="end" class="muted">{value * 100:.3g}%</text>')
    xs = [left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2) for i in range(len(points))]
    for i, anchor in axis_labels(xs, [period for period, _, _ in points]):
        parts.append(
            f'<text x="{xs[i]:.1f}" y="{height - 10}" text-anchor="{anchor}" class="muted axis">'
            f"{escape(points[i][0])}</text>"
        )
    coords = [(x, top + plot_h - plot_h * share / y_max, period, share, note)
              for x, (period, share, note) in zip(xs, points)]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#d4880f" stroke-width="2.5"/>')
    for x, y, period, share, note in coords:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#fff" stroke="#d4880f" stroke-width="2.5">'
            f"<title>{escape(period)}: {share:.0%} {escape(note)}</title></circle>"
        )
        # Values over the points while they have room; the style hides them on a narrow screen.
        if len(coords) <= 12:
            parts.append(f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" class="value">{share:.0%}</text>')
    return _svg(width, height, "".join(parts), label, "line")
