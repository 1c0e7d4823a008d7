"""The output options every query command shares: a table by default, `--json` (an
array), `--nl` (JSON lines) or `--csv`.

`@output_options` adds the three flags to a command, which then just returns its rows
(dicts, all with the same keys), maybe as `queries.Results` (which know how many there
were before a limit cut them); the decorator writes them in the format asked for, says
"N of M shown" on stderr when a limit cut, and turns a library error into a one-line
message and exit status 2. The table fits the terminal (attrib/cli/table.py) and may
show only some of the columns; the other formats always hold them all.
"""

from __future__ import annotations

import csv
import functools
import inspect
import json
import sys
from typing import Annotated, Any, Callable, Iterable, Optional, Sequence, TextIO

import typer

from attrib.cli import print_error
from attrib.cli.table import render_table
from attrib.cli.terminal import color_wanted, terminal_width
from attrib.errors import AttribError
from attrib.store.queries import Results

Row = dict[str, Any]

OUTPUT_PARAMETERS = [
    inspect.Parameter(
        "as_json",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[bool, typer.Option("--json", help="Write a JSON array.")],
    ),
    inspect.Parameter(
        "as_nl",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[bool, typer.Option("--nl", help="Write JSON lines, one object a line.")],
    ),
    inspect.Parameter(
        "as_csv",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[bool, typer.Option("--csv", help="Write CSV with a header row.")],
    ),
]


def output_options(
    command: Optional[Callable[..., Any]] = None,
    *,
    table_columns: Optional[Sequence[str]] = None,
    highlight: Optional[tuple[str, str]] = None,
) -> Any:
    """`@output_options`, or `@output_options(table_columns=[...], highlight=(column,
    mark))` to choose the table's columns and mark matches in one of them."""
    if command is None:
        return functools.partial(output_options, table_columns=table_columns, highlight=highlight)
    # Typer reads a command's options from its signature, so the wrapper shows the
    # command's own parameters plus the three output flags.
    signature = inspect.signature(command, eval_str=True)

    @functools.wraps(command)
    def wrapper(*args: Any, as_json: bool = False, as_nl: bool = False, as_csv: bool = False, **kwargs: Any) -> None:
        if as_json + as_nl + as_csv > 1:
            raise typer.BadParameter("give one of them", param_hint="--json, --nl, --csv")
        try:
            rows = command(*args, **kwargs)
            if rows is None:  # a group's callback when one of its commands runs
                return
            if as_json:
                write_json(rows, sys.stdout)
            elif as_nl:
                write_nl(rows, sys.stdout)
            elif as_csv:
                write_csv(rows, sys.stdout)
            else:
                write_table(list(rows), sys.stdout, columns=table_columns, highlight=highlight)
        except AttribError as error:
            print_error(str(error))
            raise typer.Exit(2)
        if isinstance(rows, Results) and rows.total > len(rows):
            print_error(f"{len(rows)} of {rows.total} shown (--limit 0 for all)")

    wrapper.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *OUTPUT_PARAMETERS])
    return wrapper


def write_json(rows: Iterable[Row], out: TextIO) -> None:
    out.write("[")
    for number, row in enumerate(rows):
        out.write(("\n " if number == 0 else ",\n ") + json.dumps(row, ensure_ascii=False))
    out.write("\n]\n")


def write_nl(rows: Iterable[Row], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(rows: Iterable[Row], out: TextIO) -> None:
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row)


def write_table(
    rows: list[Row],
    out: TextIO,
    *,
    columns: Optional[Sequence[str]] = None,
    highlight: Optional[tuple[str, str]] = None,
) -> None:
    if not rows:
        typer.echo("no results", err=True)
        return
    text, left_out = render_table(
        rows, width=terminal_width(), color=color_wanted(out), columns=columns, highlight=highlight
    )
    out.write(text)
    if left_out:
        names = ", ".join(left_out)
        print_error(f"left out, the terminal being too narrow: {names} (--json or --csv have every column)")
