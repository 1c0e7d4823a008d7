"""Query rows as a table that fits the terminal: one line a row, numbers to the right,
long text cut with an ellipsis so that every line fits the width (`--json`, `--nl` and
`--csv` keep the full text).

When the natural widths don't fit, text columns are narrowed together (statements
and their context keep three times the width of an id or a date, speakers' names one
and a half times), none below a floor: its header, or MIN_TEXT characters. When even
the floors don't fit (many columns on a narrow terminal), the columns on the right
are left out, and the caller says which.
"""

from __future__ import annotations

import io
from typing import Any, Optional, Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from attrib.cli.safe_text import terminal_safe

Row = dict[str, Any]
GAP = "  "
# A text column is not cut narrower than this (or than its header and values).
MIN_TEXT = 12
# Columns holding statements and their context take this share of the width, and a
# speaker's name this share, per share of another text column (an id, a date).
WEIGHTS = {"content": 3, "snippet": 3, "sentence": 3, "text": 3, "speaker": 1.5}
# Shorter headers for wide names over narrow numbers; the data keys are unchanged.
HEADERS = {"confidence": "conf", "on_record": "on rec", "second_hand": "2nd hand", "anonymous": "anon"}
# How a match is marked in a search snippet (attrib.store.queries.MATCH_MARK); on a
# colour terminal the marks become bold.
MATCH_STYLE = "bold reverse"


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    # Escape sequences in stored text are shown, not run (attrib/cli/safe_text.py).
    return terminal_safe(" ".join(str(value).split()))


def fit_widths(natural: list[int], floors: list[int], weights: list[float], available: int) -> list[int]:
    """Column widths summing to at most `available`: the natural ones when they fit,
    else the shrinkable columns (weight > 0) capped at `cap * weight`, with the
    largest cap that fits, never below their floor."""
    if sum(natural) <= available:
        return list(natural)

    def widths(cap: float) -> list[int]:
        return [
            n if w == 0 else max(f, min(n, int(cap * w)))
            for n, f, w in zip(natural, floors, weights)
        ]

    low, high = 0.0, float(max(natural))
    for _ in range(40):
        middle = (low + high) / 2
        if sum(widths(middle)) <= available:
            low = middle
        else:
            high = middle
    return widths(low)


def around_match(text: Text, match: Optional[tuple[int, int]], width: int) -> Text:
    """`text` cut to `width` around `match` (start, end), so the match stays in view,
    with an ellipsis where text is cut."""
    if text.cell_len <= width or match is None or width < 3:
        return text
    start, end = match
    room = width - 2  # an ellipsis each side
    left = max(0, min(start - max(0, room - (end - start)) // 2, len(text) - room))
    right = min(len(text), left + room)
    cut = text[left:right]
    if left > 0:
        cut = Text("\u2026") + cut
    if right < len(text):
        cut.append("\u2026")
    return cut


def match_span(text: Text, mark: str) -> Optional[tuple[int, int]]:
    """Where the first match is in `text`: its MATCH_STYLE span, or its marks in plain text."""
    for span in text.spans:
        if span.style == MATCH_STYLE:
            return span.start, span.end
    start = text.plain.find(mark)
    end = text.plain.find(mark, start + len(mark)) if start >= 0 else -1
    return (start, end + len(mark)) if end >= 0 else None


def highlighted(text: str, mark: Optional[str]) -> Text:
    """`text` with the parts between pairs of `mark` in MATCH_STYLE, the marks removed."""
    if not mark or mark not in text:
        return Text(text)
    result = Text()
    for number, part in enumerate(text.split(mark)):
        result.append(part, style=MATCH_STYLE if number % 2 else None)
    return result


def render_table(
    rows: list[Row],
    *,
    width: int,
    color: bool,
    columns: Optional[Sequence[str]] = None,
    highlight: Optional[tuple[str, str]] = None,
) -> tuple[str, list[str]]:
    """The rows as a table at most `width` characters wide, and the columns left out
    for want of room. `columns` chooses and orders the columns shown (default: all);
    `highlight` is (column, mark): in that column, text between marks is a match, shown
    bold on a colour terminal and with its marks in plain text."""
    columns = list(columns or rows[0])
    cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
    marked = columns.index(highlight[0]) if highlight and highlight[0] in columns else None

    def shown(i: int, text: str) -> Text:
        # Marks are left in plain text, where they are the only sign of the match.
        return highlighted(text, highlight[1]) if i == marked and color else Text(text)

    headers = [HEADERS.get(c, c) for c in columns]
    numeric = [all(isinstance(row.get(c), (int, float)) or row.get(c) is None for row in rows) for c in columns]
    natural = [max(cell_len(h), *(shown(i, line[i]).cell_len for line in cells)) for i, h in enumerate(headers)]
    floors = [n if numeric[i] else min(n, max(cell_len(headers[i]), MIN_TEXT)) for i, n in enumerate(natural)]
    shown_count = len(columns)
    while shown_count > 1 and sum(floors[:shown_count]) + len(GAP) * (shown_count - 1) > width:
        shown_count -= 1
    left_out = columns[shown_count:]
    weights = [0 if numeric[i] else WEIGHTS.get(c, 1) for i, c in enumerate(columns[:shown_count])]
    available = width - len(GAP) * (shown_count - 1)
    widths = fit_widths(natural[:shown_count], floors[:shown_count], weights, available)

    def line(values: list[Text]) -> Text:
        out = Text()
        for i, (value, w) in enumerate(zip(values, widths)):
            if i == marked:
                value = around_match(value, match_span(value, highlight[1]), w)
            value.truncate(w, overflow="ellipsis")
            if i:
                out.append(GAP)
            if numeric[i]:
                out.append(" " * (w - value.cell_len))
            out.append_text(value)
            if not numeric[i] and i < len(widths) - 1:
                out.append(" " * (w - value.cell_len))
        out.rstrip()
        return out

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=max(width, 1), force_terminal=color, no_color=not color, highlight=False, soft_wrap=True
    )
    console.print(line([Text(h, style="bold") for h in headers]))
    console.print(GAP.join("-" * w for w in widths), style="dim")
    for values in cells:
        console.print(line([shown(i, v) for i, v in enumerate(values)]))
    return buffer.getvalue(), left_out
