"""Sourcing reports: how well an article, an outlet, a speaker or a corpus is sourced.

One function per scope builds a `Report` (plain data, `attrib.report.data`):
`articles_report` analyses articles directly, `attributions_report` takes an article's
attributions found before, `each_article_report` reports on articles one by one;
`article_report`, `publisher_report`, `speaker_report` and `corpus_report` read the
quote database. Renderers turn a report into text: `render(report, "terminal" |
"markdown" | "html" | "json")`, and an article report's text with its attributions
marked in place: `render_article(report)` (attrib/report/article_view.py).

    report = articles_report(read_articles(["article.txt"]), attrib.load_pipeline())
    report.tiers, report.findings, report.unattributed_claims
    Path("report.html").write_text(render(report, "html"))
"""

from __future__ import annotations

import io

from attrib.report.claims import Claim, unattributed_claims
from attrib.report.data import Report, ReportAttribution
from attrib.report.scopes import (
    ReportError,
    article_report,
    articles_report,
    attributions_report,
    corpus_report,
    each_article_report,
    publisher_report,
    speaker_report,
)

FORMATS = ("terminal", "markdown", "html", "json")

__all__ = [
    "FORMATS", "Claim", "Report", "ReportAttribution", "ReportError", "article_report", "articles_report",
    "attributions_report", "corpus_report", "each_article_report", "publisher_report", "render",
    "render_article", "speaker_report", "unattributed_claims",
]


def render(report: Report, fmt: str, *, color: bool = False, width: int = 100) -> str:
    """The report as text in one of FORMATS. The terminal format is rich's rendering,
    with colour codes only when `color` (for a real terminal)."""
    if fmt == "markdown":
        from attrib.report.render_markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from attrib.report.render_html import render_html

        return render_html(report)
    if fmt == "json":
        from attrib.report.render_json import render_json

        return render_json(report)
    if fmt == "terminal":
        from attrib.report.render_terminal import render_terminal

        return _rich_text(render_terminal, report, color=color, width=width)
    raise ValueError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")


def render_article(report: Report, *, color: bool = False, width: int = 100) -> str:
    """An article report's text with each attribution marked in place, and its details
    under each paragraph, for a terminal (colour codes only when `color`)."""
    from attrib.report.article_view import render_view_terminal

    return _rich_text(render_view_terminal, report, color=color, width=width)


def _rich_text(draw, report: Report, *, color: bool, width: int) -> str:
    """What `draw(report, console)` prints on a rich console `width` wide."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False)
    draw(report, console)
    if color:
        return buffer.getvalue()
    # rich pads lines to the console width; in a file or a pipe that is just noise.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
