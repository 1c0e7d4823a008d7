"""The `attrib` command line: a thin shell over the library.

Each command parses its options, calls one library function and formats the result.
Data goes to stdout, messages to stderr; library errors become one-line messages and
a non-zero exit status, and the rest of the work goes on. This module holds the app
and what the commands share; each command group lives in a module of its own and
registers itself on `app` when imported at the bottom.
"""

from __future__ import annotations

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
    pass


def print_error(message: str) -> None:
    typer.echo(f"attrib: {message}", err=True)


def load_pipeline_or_exit(model: Optional[str]):
    try:
        return attrib.load_pipeline(model)
    except AttribError as exc:
        print_error(str(exc))
        raise typer.Exit(2)


def main() -> None:
    app()


# Command modules register themselves on `app`.
from attrib.cli import analyze  # noqa: E402,F401
from attrib.cli import store  # noqa: E402,F401
from attrib.cli import report  # noqa: E402,F401
from attrib.cli import corrections  # noqa: E402,F401
