"""An article with its attributions marked in place, as an editor checks them:
`attrib show` prints it, and the HTML report of one article includes it.

Attributions are numbered in reading order (by where their content starts). The text
is cut wherever a span (a content, a cue or a speaker mention) starts or ends and at
every line break, so each piece knows which spans cover it: overlapping or nested
attributions need no special case. In plain text each span is bracketed, the number
after its closing mark: {content}1, [speaker]1, <cue>1; after each paragraph, a line
per attribution whose content ends there gives its speaker, cue, kind and act, tier
and confidence. On a colour terminal the content also takes its tier's colour, the
speaker is bold and the cue underlined; in HTML the content is highlighted in its
tier's colour and the details show on hover.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.text import Text

from attrib.report.data import TIER_NAMES, Report, ReportAttribution

ROLES = ("content", "speaker", "cue")
# Plain marks around each role's span; the attribution's number follows the closing one.
MARKS = {"content": ("{", "}"), "speaker": ("[", "]"), "cue": ("<", ">")}
TIER_STYLES = {"1": "green", "2": "blue", "3": "yellow", "4": "red"}
ROLE_STYLES = {"speaker": "bold", "cue": "underline"}


@dataclass
class Piece:
    """A stretch of text covered by the same spans; `opens` and `closes` are the spans
    starting and ending at its start (closes come first)."""

    text: str
    covering: list[tuple[int, str]]  # (attribution number, role)
    opens: list[tuple[int, str]] = field(default_factory=list)
    closes: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Paragraph:
    pieces: list[Piece]
    closes_at_end: list[tuple[int, str]]  # spans open at the paragraph's end (closed there, reopened on the next)
    notes: list[int]  # the attributions whose content ends in this paragraph


def numbered(report: Report) -> list[ReportAttribution]:
    """The report's attributions in reading order; attribution n is at index n - 1."""
    return sorted(report.attributions, key=lambda a: (a.content_spans[0] if a.content_spans else (0, 0)))


def _role_spans(a: ReportAttribution) -> list[tuple[str, int, int]]:
    return [
        (role, start, end)
        for role, spans in (("content", a.content_spans), ("speaker", a.mention_spans), ("cue", a.cue_spans))
        for start, end in spans
        if start < end
    ]


def paragraphs(text: str, attributions: list[ReportAttribution]) -> list[Paragraph]:
    """The text's non-blank lines, each cut into pieces by the attributions' spans."""
    spans = [
        (start, end, number, role)
        for number, a in enumerate(attributions, start=1)
        for role, start, end in _role_spans(a)
        if end <= len(text)
    ]
    content_ends: dict[int, int] = {}
    for _, end, number, role in spans:
        if role == "content":
            content_ends[number] = max(end, content_ends.get(number, 0))
    result = []
    offset = 0
    for line in text.split("\n"):
        line_start, line_end = offset, offset + len(line)
        offset = line_end + 1
        if not line.strip():
            continue
        cuts = sorted({line_start, line_end} | {p for s, e, _, _ in spans for p in (s, e) if line_start < p < line_end})
        pieces = []
        covering = []
        for a, b in zip(cuts, cuts[1:]):
            covering = [(s, e, n, role) for s, e, n, role in spans if s <= a and e >= b]
            if not pieces:
                # The line's first piece opens every span covering it, those begun on
                # an earlier line too (each line closes the spans still open at its end).
                opens, closes = covering, []
            else:
                opens = [span for span in covering if span[0] == a]
                closes = [span for span in spans if span[1] == a]
            pieces.append(
                Piece(
                    text[a:b],
                    covering=[(n, role) for _, _, n, role in covering],
                    # Outer spans open first and close last.
                    opens=[(n, role) for _, _, n, role in sorted(opens, key=lambda x: (-x[1], x[2]))],
                    closes=[(n, role) for _, _, n, role in sorted(closes, key=lambda x: (-x[0], -x[2]))],
                )
            )
        # The spans covering the last piece end with the line, or are closed there.
        closes_at_end = [(n, role) for _, _, n, role in sorted(covering, key=lambda x: (-x[0], -x[2]))]
        notes = [n for n, end in sorted(content_ends.items()) if line_start < end <= line_end]
        result.append(Paragraph(pieces, closes_at_end, notes))
    return result


def tier_label(tier: int) -> str:
    return f"tier {tier} {TIER_NAMES[str(tier)]}"


def note(number: int, a: ReportAttribution) -> str:
    """One attribution's details, as a line under its paragraph or a hover title."""
    speaker = a.speaker or "(no source)"
    if a.speaker_type and a.speaker:
        speaker += f" ({a.speaker_type})"
    if a.speaker_mention and a.speaker_mention != a.speaker:
        speaker += f", as \u201c{a.speaker_mention}\u201d"
    parts = [speaker]
    if a.cue:
        parts.append(f"cue \u201c{a.cue}\u201d")
    parts.append(" ".join(part for part in (a.kind, a.act) if part))
    if a.via:
        parts.append(f"via {a.via}")
    parts += [tier_label(a.tier), f"confidence {a.confidence:.2f}"]
    return f"{number}. " + " \u00b7 ".join(parts)


# The terminal.


def _mark_text(marks: list[tuple[int, str]], closing: bool) -> Text:
    text = Text()
    for number, role in marks:
        opening, close = MARKS[role]
        text.append(f"{close}{number}" if closing else opening, style="dim")
    return text


def render_view_terminal(report: Report, console: Console) -> None:
    """The article's text with its attributions marked, a paragraph at a time, each
    followed by its attributions' details."""
    attributions = numbered(report)
    tiers = {number: str(a.tier) for number, a in enumerate(attributions, start=1)}
    console.print(Rule(Text(report.title, style="bold")))
    meta = report.meta
    facts = [meta.get(key) for key in ("publisher", "published", "author") if meta.get(key)]
    facts.append(f"id {meta.get('id')}")
    facts.append(f"{len(attributions)} attribution{'s' if len(attributions) != 1 else ''}")
    console.print(Text(" \u00b7 ".join(facts), style="dim"), justify="center")
    console.print(Text("{content}N  [speaker]N  <cue>N", style="dim"), justify="center")
    console.print()
    for paragraph in paragraphs(report.text or "", attributions):
        line = Text()
        for piece in paragraph.pieces:
            line += _mark_text(piece.closes, closing=True)
            line += _mark_text(piece.opens, closing=False)
            styles = []
            for number, role in piece.covering:
                styles.append(TIER_STYLES[tiers[number]] if role == "content" else ROLE_STYLES[role])
            line.append(piece.text, style=" ".join(dict.fromkeys(styles)) or None)
        line += _mark_text(paragraph.closes_at_end, closing=True)
        console.print(line)
        for number in paragraph.notes:
            a = attributions[number - 1]
            console.print(Padding(Text(note(number, a), style=TIER_STYLES[str(a.tier)]), (0, 0, 0, 4)))
        console.print()


# HTML.

VIEW_STYLE = """
.article p { margin: 0 0 12px; line-height: 1.7; }
.article .c1 { background: #d7efe2; } .article .c2 { background: #dce8f6; }
.article .c3 { background: #fbe9c8; } .article .c4 { background: #f6d9d9; }
.article .speaker { font-weight: 700; border-bottom: 2px solid var(--ink); }
.article .cue { text-decoration: underline dotted; text-underline-offset: 3px; font-style: italic; }
.article sup { font-size: 11px; color: var(--muted); font-weight: 600; margin-left: 1px; }
"""


def view_html(report: Report) -> str:
    """The article's text as HTML paragraphs, each attribution's content highlighted
    in its tier's colour (class c1..c4), its speaker and cue marked, its number after
    its content and its details in the hover title of every piece it covers."""
    attributions = numbered(report)
    titles = {number: note(number, a) for number, a in enumerate(attributions, start=1)}
    out = []
    for paragraph in paragraphs(report.text or "", attributions):
        html = []
        for piece in paragraph.pieces:
            html += [f"<sup>{n}</sup>" for n, role in piece.closes if role == "content"]
            classes = []
            for number, role in piece.covering:
                classes.append(f"c{attributions[number - 1].tier}" if role == "content" else role)
            text = escape(piece.text)
            if piece.covering:
                # The innermost (latest) attribution's details: the one this text is closest to.
                title = titles[max(number for number, _ in piece.covering)]
                html.append(f'<span class="{" ".join(dict.fromkeys(classes))}" title="{escape(title)}">{text}</span>')
            else:
                html.append(text)
        html += [f"<sup>{n}</sup>" for n, role in paragraph.closes_at_end if role == "content"]
        out.append("<p>" + "".join(html) + "</p>")
    return '<div class="article">\n' + "\n".join(out) + "\n</div>"
