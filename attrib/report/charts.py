"""Charts as inline SVG strings, drawn by hand so the HTML report needs nothing from
outside: a donut (tier breakdown), stacked horizontal bars (speakers, publishers) and
a line (anonymous share over time).

Each function takes plain numbers and labels and returns one `<svg>` element with a
viewBox, so it scales with the page (inline in HTML, it needs no namespace); the page's CSS gives it its font. Every label is
escaped; every mark carries a `<title>`, which browsers show on hover.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Long names are cut on the chart (the tables keep them whole).
LABEL_CHARS = 30


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


def _svg(width: float, height: float, body: str, label: str) -> str:
    return (
        f'<svg viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}" role="img" '
        f'aria-label="{escape(label)}">{body}</svg>'
    )


def _cut(text: str, chars: int = LABEL_CHARS) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "\u2026"


def donut(segments: list[Segment], center: str, caption: str, label: str) -> str:
    """A ring split by value, `center` written large in the middle, a legend on the right."""
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
    legend_x = size + 20
    for i, s in enumerate(segments):
        y = 48 + i * 30
        share = f"{s.value / total:.0%}" if total else "0%"
        parts.append(f'<rect x="{legend_x}" y="{y - 12}" width="14" height="14" rx="3" fill="{s.color}"/>')
        parts.append(
            f'<text x="{legend_x + 22}" y="{y}">{escape(s.label)}'
            f'<tspan class="muted" dx="8">{s.value:g} \u00b7 {share}</tspan></text>'
        )
    return _svg(size + 240, size, "".join(parts), label)


def stacked_bars(bars: list[Bar], label: str, *, normalized: bool = False, width: int = 900) -> str:
    """One horizontal bar per row, its segments side by side. Bars share one scale (the
    largest total), or, `normalized`, each fills the width (shares of its own total)."""
    label_width, note_width, row, bar_height = 230, 130, 28, 18
    plot = width - label_width - note_width
    largest = max((sum(s.value for s in b.segments) for b in bars), default=0) or 1
    parts = []
    for i, bar in enumerate(bars):
        y = i * row + 6
        total = sum(s.value for s in bar.segments)
        scale = plot / (total or 1) if normalized else plot / largest
        parts.append(
            f'<text x="{label_width - 10}" y="{y + bar_height - 5}" text-anchor="end">'
            f"<title>{escape(bar.label)}</title>{escape(_cut(bar.label))}</text>"
        )
        if not total:
            parts.append(f'<rect x="{label_width}" y="{y}" width="{plot}" height="{bar_height}" fill="#f0f1f3" rx="3"/>')
        x = float(label_width)
        for s in bar.segments:
            if not s.value:
                continue
            w = s.value * scale
            parts.append(
                f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{bar_height}" fill="{s.color}">'
                f"<title>{escape(bar.label)} \u2014 {escape(s.label)}: {s.value:g}</title></rect>"
            )
            x += w
        note_x = (label_width + plot if normalized else x) + 8
        parts.append(f'<text x="{note_x:.2f}" y="{y + bar_height - 5}" class="muted">{escape(bar.note)}</text>')
    return _svg(width, max(len(bars), 1) * row + 8, "".join(parts), label)


def share_line(points: list[tuple[str, float, str]], label: str, *, width: int = 900, height: int = 260) -> str:
    """A line of shares (0..1) over periods: (period, share, hover note) each, in order."""
    left, right, top, bottom = 48, 48, 16, 36
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
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" class="muted">{value * 100:.3g}%</text>')
    # Every label would crowd a long series: about eight of them are written.
    every = max(1, math.ceil(len(points) / 8))
    coords = []
    for i, (period, share, note) in enumerate(points):
        x = left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)
        y = top + plot_h - plot_h * share / y_max
        coords.append((x, y, period, share, note))
        if i % every == 0 or i == len(points) - 1:
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 20}" text-anchor="middle" class="muted">{escape(period)}</text>'
            )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, *_ in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#d4880f" stroke-width="2.5"/>')
    for x, y, period, share, note in coords:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#fff" stroke="#d4880f" stroke-width="2.5">'
            f"<title>{escape(period)}: {share:.0%} {escape(note)}</title></circle>"
        )
        if len(coords) <= 12:
            parts.append(f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle">{share:.0%}</text>')
    return _svg(width, height, "".join(parts), label)
