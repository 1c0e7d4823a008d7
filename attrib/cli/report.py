"""`attrib report`: how well an article, an outlet, a speaker or a corpus is sourced.

With PATH, the articles there are analysed directly (no database); otherwise the
report reads the quote database: `--article ID`, `--publisher NAME`, `--speaker NAME`,
or, with none of them, the whole corpus.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from attrib.cli import ActOption, InputFailures, ModelOption, acts_or_exit, app, load_pipeline_or_exit, print_error
from attrib.cli.options import INPUTS_HELP, DbOption, count_value, fraction_value
from attrib.cli.safe_text import html_safe, json_safe, terminal_safe_data
from attrib.cli.store import read_or_exit
from attrib.cli.terminal import color_wanted, terminal_width
from attrib.store.db import database_path
from attrib.errors import AttribError
from attrib.report.data import CHECK_BELOW


# The lists a report holds (attributions, to check, claims) are capped at this many in
# the formats people read, which show fewer anyway; JSON holds them all by default.
READ_LIMIT = 1000


class ReportFormat(str, Enum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


@app.command()
def report(
    path: Annotated[
        Optional[str],
        typer.Argument(
            metavar="PATH",
            help=f"Articles to analyse directly; leave out to report on the database. {INPUTS_HELP}",
        ),
    ] = None,
    db: DbOption = None,
    article: Annotated[Optional[str], typer.Option(metavar="ID", help="Report on one stored article, by id.")] = None,
    publisher: Annotated[
        Optional[str], typer.Option(metavar="NAME", help="Report on a publisher's stored articles, any case.")
    ] = None,
    speaker: Annotated[
        Optional[str], typer.Option(metavar="NAME", help="Report on a speaker: part of a name or alias, any case.")
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", metavar="FORMAT", help="terminal, markdown, html or json.")
    ] = ReportFormat.terminal,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="Write the report to this file.")
    ] = None,
    check_below: Annotated[
        float,
        typer.Option(
            metavar="0-1", parser=fraction_value,
            help="List attributions less confident than this for checking by hand.",
        ),
    ] = CHECK_BELOW,
    limit: Annotated[
        Optional[int],
        typer.Option(
            metavar="N", parser=count_value,
            help=f"At most this many attributions, rows to check and claims listed; the counts cover all "
            f"(default: all in json, {READ_LIMIT} in the other formats; 0 for all).",
        ),
    ] = None,
    model: ModelOption = None,
    act: ActOption = None,
    confirmed: Annotated[
        bool, typer.Option("--confirmed", help="Only attributions a human confirmed (attrib review); stored reports only.")
    ] = False,
) -> None:
    """A sourcing report: tiers, speakers, anonymous and relayed sources, unattributed claims.

    The HTML report of one article includes its text with every statement highlighted."""
    from attrib import report as reports

    acts = acts_or_exit(act)
    scopes = [name for name, value in (("--article", article), ("--publisher", publisher), ("--speaker", speaker)) if value]
    if len(scopes) > 1:
        raise typer.BadParameter("give one of them", param_hint=", ".join(scopes))
    if path is not None and (scopes or db is not None or confirmed):
        raise typer.BadParameter(
            "PATH is analysed directly: leave out --db, --article, --publisher, --speaker and --confirmed"
        )
    if limit is None:
        limit = 0 if fmt is ReportFormat.json else READ_LIMIT
    options = dict(check_below=check_below, acts=acts, limit=limit or None)

    failures = InputFailures()
    try:
        if path is not None:
            result = reports.articles_report(
                failures.articles([path]), load_pipeline_or_exit(model), on_error=failures.failed, **options
            )
        else:
            database = read_or_exit(db)
            options["confirmed"] = confirmed
            if article:
                result = reports.article_report(database, article, load_pipeline_or_exit(model), **options)
            elif publisher:
                result = reports.publisher_report(database, publisher, **options)
            elif speaker:
                result = reports.speaker_report(database, speaker, **options)
            else:
                title = f"all articles in {database_path(db).name}"
                result = reports.corpus_report(database, title=title, **options)
    except AttribError as error:
        print_error(str(error))
        raise typer.Exit(1 if path is not None else 2)

    # A report to a file is 100 columns wide; to the screen or a pipe, as the terminal says.
    color = output is None and color_wanted(sys.stdout)
    width = terminal_width() if output is None else 100
    # Titles, names and quotes come from articles: control characters in them are
    # escaped, in the data for the formats laid out here, in the page for HTML (whose
    # highlights are offsets into the article's text) and in the JSON text.
    if fmt is ReportFormat.json:
        text = json_safe(reports.render(result, fmt.value))
    elif fmt is ReportFormat.html:
        text = html_safe(reports.render(result, fmt.value))
    else:
        text = reports.render(terminal_safe_data(result), fmt.value, color=color, width=width)
    if output is None:
        sys.stdout.write(text)
    else:
        try:
            write_replacing(output, text)
        except OSError as error:
            print_error(f"{output}: cannot write ({error.strerror or error}); nothing changed")
            raise typer.Exit(2)
        print_error(f"wrote {output}")
    failures.exit_if_any()


def write_replacing(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all: into a new file beside it, then
    renamed over it. A full disk leaves the old file as it was, and a symlink at
    `path` is replaced, not written through. Only a regular file (or a link to one)
    is replaced: a device or a FIFO (`-o /dev/null`) is not a file to put a report in."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    if info is not None:
        target_mode = info.st_mode
        if stat.S_ISLNK(target_mode):
            try:
                target_mode = path.stat().st_mode
            except FileNotFoundError:
                target_mode = stat.S_IFREG  # a dangling link: it is replaced
        if not stat.S_ISREG(target_mode):
            raise OSError("not a regular file; write to standard output instead (leave out -o)")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
