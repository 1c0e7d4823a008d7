"""`attrib ingest` fills the quote database; `who-said`, `quotes`, `speakers` and
`sql` query it; `attrib db path` names it and `attrib db browse` opens it in
Datasette with attrib's metadata."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import warnings
from contextlib import contextmanager, nullcontext
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from attrib.cli import ActOption, ModelOption, acts_or_exit, app, load_pipeline_or_exit, print_error
from attrib.cli.options import (
    INPUTS_HELP, ConfirmedOption, DbOption, date_option, kind_value, limit_option, min_confidence_option,
    positive_value, tier_value,
)
from attrib.cli.output import output_options
from attrib.errors import AttribError, StoreError
from attrib.model import KINDS
from attrib.readers import count_articles
from attrib.store import queries, speaker_search
from attrib.store.db import database_path, failed_paths, open_database, open_for_reading, stored_count
from attrib.run.ingest import BATCH_ARTICLES, Ingest


class Backend(str, Enum):
    local = "local"
    ray = "ray"


def open_or_exit(db: Optional[Path], *, create: bool = False):
    """The database to write to (ingest, and commands that change what is stored):
    created (`create`) and migrated as needed."""
    try:
        return open_database(database_path(db), create=create)
    except StoreError as error:
        print_error(str(error))
        raise typer.Exit(2)


def read_or_exit(db: Optional[Path]):
    """The database to read (queries, reports), opened read-only: nothing in the file
    changes, and a file that is not an attrib database is refused."""
    try:
        return open_for_reading(database_path(db))
    except StoreError as error:
        print_error(str(error))
        raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="PATH", help=INPUTS_HELP)] = None,
    db: DbOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", metavar="N", parser=positive_value,
            help="Parse in this many processes (Ray actors with --backend ray).",
        ),
    ] = 1,
    model: ModelOption = None,
    retry: Annotated[bool, typer.Option("--retry", help="Read again the inputs that failed in earlier runs.")] = False,
    reanalyse: Annotated[
        bool,
        typer.Option(
            "--reanalyse", help="Analyse every stored article again (after an upgrade); corrections made by hand are kept."
        ),
    ] = False,
    backend: Annotated[
        Backend,
        typer.Option(
            "--backend", metavar="local|ray",
            help="Parse here (local) or on Ray: a local Ray, or the cluster in $RAY_ADDRESS.",
        ),
    ] = Backend.local,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", metavar="N", parser=positive_value,
            help="Commit after this many articles (or every 2 seconds, whichever comes first).",
        ),
    ] = BATCH_ARTICLES,
) -> None:
    """Analyse articles and store their attributions; articles already stored are skipped."""
    if reanalyse and (paths or retry):
        raise typer.BadParameter("--reanalyse reads the stored articles: give no PATH and no --retry")
    if not paths and not retry and not reanalyse:
        raise typer.BadParameter("give files, folders or - to read (or --retry)", param_hint="PATH")
    paths = list(paths or [])
    if retry:
        failed = [p for p in failed_paths(open_or_exit(db)) if p != "<stdin>"] if database_path(db).is_file() else []
        if not failed and not paths:
            print_error("nothing to retry: no input failed in earlier runs")
            return
        paths += failed
    database = open_or_exit(db, create=True)
    total = stored_count(database) if reanalyse else count_articles(paths)
    progress = Progress(total) if sys.stderr.isatty() else None
    say = progress.say if progress else print_error
    callbacks = dict(
        batch_articles=batch_size,
        on_failure=lambda error: say(str(error)),
        on_warning=say,
        on_progress=progress.advance if progress else lambda n: None,
    )
    if backend is Backend.ray:
        run = ray_ingest_or_exit(database, model, workers, callbacks)
    else:
        run = Ingest(database, lambda: load_pipeline_or_exit(model), n_process=workers, **callbacks)
    try:
        with progress or nullcontext(), stop_on_interrupt(run):
            run.reanalyse() if reanalyse else run.run(paths)
    except KeyboardInterrupt:
        run.stop()  # a second Ctrl-C: the run has ended at once
    except StoreError as error:
        print_error(str(error))
        print_error(f"stopped: {run.counts}")
        raise typer.Exit(2)
    if run.stopping:
        print_error(f"interrupted: {run.counts}")
        raise typer.Exit(130)
    if run.counts.failed:
        print_error(
            f"{run.counts.failed} input(s) failed, kept in the failures table: fix them and run `attrib ingest --retry`"
        )
    typer.echo(str(run.counts), err=True)
    if run.counts.failed:
        raise typer.Exit(1)


@contextmanager
def stop_on_interrupt(run: Ingest) -> Iterator[None]:
    """The first Ctrl-C stops reading and lets the articles being analysed be stored,
    then ends the run; a second one ends it at once (each article is still stored
    whole or not at all)."""

    ingest_process = os.getpid()

    def stop(signum, frame) -> None:
        # Parsing workers go on until the ingest process, which alone decides, ends
        # them: attrib's workers ignore SIGINT, and spaCy's (where there is no fork)
        # inherit this handler.
        if os.getpid() != ingest_process:
            return
        if run.stopping:
            # The run would otherwise wait for the batches the workers hold: they are
            # killed. (spaCy's workers, left in mid-batch, would hang its cleanup, and
            # this process with it; spaCy then warns that they did not finish.)
            warnings.filterwarnings("ignore", message=r"\[W127\]")
            for worker in multiprocessing.active_children():
                worker.kill()
            raise KeyboardInterrupt
        # os.write, not print: this may run in the middle of a print to stderr, and a
        # buffered stream refuses a write from within its own write.
        os.write(2, b"attrib: stopping once the articles being analysed are stored (Ctrl-C again to quit now)\n")
        run.stop()

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def ray_ingest_or_exit(database, model: Optional[str], workers: int, callbacks: dict) -> Ingest:
    """The Ray backend's ingest, once Ray and the pipeline are known to be installed."""
    try:
        from attrib.run.ray_backend import RayIngest, check_model, import_ray

        import_ray()
        check_model(model)
    except AttribError as error:
        print_error(str(error))
        raise typer.Exit(2)
    return RayIngest(database, model, workers=workers, **callbacks)


class Progress:
    """A progress bar on stderr (articles/s, ETA), for terminals only: piped output
    stays clean. Messages printed while it runs go above it."""

    def __init__(self, total: Optional[int]):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task("ingest", total=total, rate="")

    def say(self, message: str) -> None:
        from attrib.cli.safe_text import terminal_safe

        self.bar.console.print(f"attrib: {terminal_safe(message)}", markup=False, highlight=False)

    def advance(self, n: int) -> None:
        self.bar.advance(self.task, n)
        speed = self.bar.tasks[0].speed
        self.bar.update(self.task, rate=f"{speed:.1f} articles/s" if speed else "")

    def __enter__(self) -> "Progress":
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


@app.command("who-said")
@output_options(
    table_columns=["speaker", "tier", "confidence", "snippet", "article"],
    highlight=("snippet", queries.MATCH_MARK),
)
def who_said(
    phrase: Annotated[
        str, typer.Argument(metavar="PHRASE", help="Words to find in quotes and statements, searched as a phrase.")
    ],
    db: DbOption = None,
    limit: Annotated[int, limit_option()] = 50,
    confirmed: ConfirmedOption = False,
    act: ActOption = None,
) -> queries.Results:
    """Who said a phrase: each attribution whose content holds it, with speaker and article.

    The table shows a snippet of each statement around the phrase (marked **like this**
    when not in colour); --json, --nl and --csv add the whole content and the date."""
    acts = acts_or_exit(act)
    return queries.who_said(read_or_exit(db), phrase, limit=limit, confirmed=confirmed, acts=acts)


@app.command()
# The id is what `attrib review` takes.
@output_options(table_columns=["id", "speaker", "tier", "kind", "confidence", "content", "article"])
def quotes(
    db: DbOption = None,
    speaker: Annotated[
        Optional[str],
        typer.Option(metavar="NAME", help="A speaker's name (or a word of it), else an alias, any case."),
    ] = None,
    tier: Annotated[
        Optional[list[int]],
        typer.Option(
            metavar="1-4", parser=tier_value, help="Sourcing tier (1 on the record ... 4 unsourced); repeatable."
        ),
    ] = None,
    kind: Annotated[
        Optional[str], typer.Option(metavar="KIND", parser=kind_value, help=f"One of {', '.join(KINDS)}.")
    ] = None,
    article: Annotated[Optional[str], typer.Option(metavar="ID", help="An article id.")] = None,
    publisher: Annotated[Optional[str], typer.Option(metavar="NAME", help="A publisher, any case.")] = None,
    since: Annotated[Optional[date], date_option("Published on or after this date.")] = None,
    until: Annotated[Optional[date], date_option("Published on or before this date.")] = None,
    min_confidence: Annotated[float, min_confidence_option()] = 0.0,
    limit: Annotated[int, limit_option()] = 100,
    confirmed: ConfirmedOption = False,
    act: ActOption = None,
) -> queries.Results:
    """Attributions by speaker, tier, kind, act, article, publisher, date and confidence.

    The table shows the main columns, cut to the terminal's width; --json, --nl and
    --csv hold every column in full, with the sentence each statement is in."""
    filters = queries.QuoteFilters(
        speaker=speaker,
        tiers=list(tier or []),
        kind=kind,
        article=article,
        publisher=publisher,
        since=since,
        until=until,
        min_confidence=min_confidence,
        limit=limit,
        confirmed=confirmed,
        acts=acts_or_exit(act),
    )
    database = read_or_exit(db)
    rows = queries.quotes(database, filters)
    if speaker and not rows:
        suggest_speakers(database, speaker)
    return rows


def suggest_speakers(database, speaker: str) -> None:
    """One line on stderr when no speaker has that name: the closest names, if any."""
    if speaker_search.matching_speakers(database, speaker):
        return
    close = speaker_search.closest_names(database, speaker)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    print_error(f"no speaker matching {speaker!r}{hint}")


@app.command()
@output_options
def sql(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="One SQL statement; only reads are allowed.")],
    db: DbOption = None,
) -> Iterator[queries.Row]:
    """Run read-only SQL against the database (writes, ATTACH and temporary objects are refused)."""
    return queries.sql(database_path(db), query)


db_app = typer.Typer(no_args_is_help=True, help="The database file itself.")
app.add_typer(db_app, name="db")


@db_app.command("path")
def db_path(db: DbOption = None) -> None:
    """Print the database's path, e.g. for `sqlite3 "$(attrib db path)"`."""
    typer.echo(str(database_path(db).resolve()))


@db_app.command("browse", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def db_browse(ctx: typer.Context, db: DbOption = None) -> None:
    """Browse the database in Datasette (pip install datasette), with descriptions of
    every table and column, search on attributions_view and ready queries. Other
    options go to `datasette serve` (e.g. --port 8002, --open)."""
    from attrib.store.browse import serve

    try:
        serve(database_path(db), ctx.args)
    except StoreError as error:
        print_error(str(error))
        raise typer.Exit(2)
