"""`attrib show ARTICLE`: an article's text with every attribution marked in place
(content, cue and speaker), and under each paragraph the details of the attributions
ending there: speaker, cue, kind and act, tier and confidence.

ARTICLE is a file (or folder, glob, -), analysed directly, or else the id of a
stored article (--db FILE, $ATTRIB_DB), read without parsing anything.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from attrib.cli import ActOption, InputFailures, ModelOption, acts_or_exit, app, load_pipeline_or_exit, print_error
from attrib.cli.options import INPUTS_HELP, DbOption
from attrib.cli.safe_text import terminal_safe_data
from attrib.cli.store import read_or_exit
from attrib.cli.terminal import color_wanted, terminal_width
from attrib.errors import AttribError
from attrib.readers import GLOB_CHARACTERS
from attrib.store.db import database_path


@app.command()
def show(
    article: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE",
            help=f"A stored article's id, or articles to analyse directly. {INPUTS_HELP}",
        ),
    ],
    db: DbOption = None,
    model: ModelOption = None,
    act: ActOption = None,
) -> None:
    """Print an article with each attribution's content, cue and speaker marked:
    {content}N, [speaker]N, <cue>N (in colour on a terminal), and the details of
    each under its paragraph."""
    from attrib import report as reports

    acts = acts_or_exit(act)
    out = sys.stdout
    color, width = color_wanted(out), terminal_width()
    if article == "-" or Path(article).exists() or any(c in article for c in GLOB_CHARACTERS):
        failures = InputFailures()
        nlp = load_pipeline_or_exit(model)
        for result in reports.each_article_report(failures.articles([article]), nlp, acts=acts, on_error=failures.failed):
            # Marks go at offsets into the text: what a terminal would run is replaced one for one.
            out.write(reports.render_article(terminal_safe_data(result, keep_offsets=True), color=color, width=width))
            out.flush()
        failures.exit_if_any(summary=False)
        return
    path = database_path(db)
    if not path.is_file():
        print_error(f"{article}: no such file, and no database at {path} to find it in as an article id")
        raise typer.Exit(2)
    try:
        result = reports.article_report(read_or_exit(db), article, None, acts=acts)
    except AttribError as error:
        print_error(f"{error}, and no such file")
        raise typer.Exit(2)
    out.write(reports.render_article(terminal_safe_data(result, keep_offsets=True), color=color, width=width))

