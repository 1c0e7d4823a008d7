"""Sourcing reports: how well an article, an outlet, a speaker or a corpus is sourced.

One function per scope builds a `Report` (plain data, `attrib.report.data`):
`articles_report` analyses articles directly, `attributions_report` takes an article's
attributions found before; `article_report`, `publisher_report`,
`speaker_report` and `corpus_report` read the quote database. Renderers turn a
report into text: `render(report, "terminal" | "markdown" | "html" | "json")`.

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
    publisher_report,
    speaker_report,
)

FORMATS = ("terminal", "markdown", "html", "json")

__all__ = [
    "FORMATS", "Claim", "Report", "ReportAttribution", "ReportError", "article_report", "articles_report",
    "attributions_report",
    "corpus_report", "publisher_report", "render", "speaker_report", "unattributed_claims",
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
        from rich.console import Console

        from attrib.report.render_terminal import render_terminal

        buffer = io.StringIO()
        console = Console(file=buffer, width=width, force_terminal=color, no_color=not color, highlight=False)
        render_terminal(report, console)
        if color:
            return buffer.getvalue()
        # rich pads lines to the console width; in a file or a pipe that is just noise.
        return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
    raise ValueError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
