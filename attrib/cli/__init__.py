"""The `attrib` command line: a thin shell over the library.

Each command parses its options, calls one library function and formats the result.
Data goes to stdout, messages to stderr; library errors become one-line messages and
a non-zero exit status, and the rest of the work goes on. This module holds the app
and what the commands share; each command group lives in a module of its own and
registers itself on `app` when imported at the bottom.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

import attrib
from attrib.errors import AttribError

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Who said what in news coverage: find quotes and reported statements and their speakers.",
)

ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", help="Installed spaCy pipeline to use (default: $ATTRIB_MODEL, else en_core_web_sm)."),
]


ActOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--act",
        help="What to show: statement (the default: what sources said or wrote), thought, knowledge, "
        "intention, other; repeat it for several, or all.",
    ),
]


def acts_or_exit(values: Optional[list[str]]) -> frozenset[str]:
    from attrib.model import chosen_acts

    try:
        return chosen_acts(values)
    except ValueError as exc:
        print_error(f"--act: {exc}")
        raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"attrib {attrib.__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    from attrib.budget import time_budget

    # A bad $ATTRIB_TIME_BUDGET is said once, before any work, not in the middle of it.
    try:
        time_budget()
    except AttribError as error:
        print_error(str(error))
        raise typer.Exit(2)


def print_error(message: str) -> None:
    from attrib.cli.safe_text import terminal_safe

    # Messages name files, articles and the text given: escaped, like all output.
    typer.echo(f"attrib: {terminal_safe(message)}", err=True)


def load_pipeline_or_exit(model: Optional[str]):
    try:
        return attrib.load_pipeline(model)
    except AttribError as exc:
        print_error(str(exc))
        raise typer.Exit(2)


def main() -> None:
    """The `attrib` command. A reader that stops reading (`attrib quotes | head -1`)
    ends it quietly: Click exits 1 when a write meets the closed pipe, which here is
    status 0 (the reader has what it asked for); output still buffered at the end
    goes nowhere, without Python's "Exception ignored" message."""
    try:
        app()
    except SystemExit:
        # Click's (or the copy Typer carries) PacifyFlushWrapper: it met a closed pipe.
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":
            _discard_stdout()
            sys.exit(0)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()
        raise


def _discard_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.__stdout__.fileno())


# Command modules register themselves on `app`.
from attrib.cli import analyze  # noqa: E402,F401
from attrib.cli import store  # noqa: E402,F401
from attrib.cli import report  # noqa: E402,F401
from attrib.cli import corrections  # noqa: E402,F401
