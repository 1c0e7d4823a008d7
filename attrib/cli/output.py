"""The output options every query command shares: a table by default, `--json` (an
array), `--nl` (JSON lines) or `--csv`.

`@output_options` adds the three flags to a command, which then just returns its rows
(dicts, all with the same keys), maybe as `queries.Results` (which know how many there
were before a limit cut them); the decorator writes them in the format asked for, says
"N of M shown" on stderr when a limit cut, and turns a library error into a one-line
message and exit status 2. The table fits the terminal (attrib/cli/table.py) and may
show only some of the columns; the other formats always hold them all.

What is written is made safe for its reader first (attrib/cli/safe_text.py): control
characters escaped, CSV cells that would start a formula prefixed (`--csv-formulas`
leaves them), and a table shows at most MAX_TABLE_ROWS rows (the other formats stream).
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
from attrib.cli.safe_text import MAX_TABLE_ROWS, csv_safe, first_rows, json_safe, terminal_safe
from attrib.cli.table import render_table
from attrib.cli.terminal import color_wanted, terminal_width
from attrib.errors import AttribError
from attrib.store.queries import Results

Row = dict[str, Any]

JsonOption = Annotated[bool, typer.Option("--json", help="Write a JSON array.")]
NlOption = Annotated[bool, typer.Option("--nl", help="Write JSON lines, one object a line.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Write CSV with a header row.")]
CsvFormulasOption = Annotated[
    bool,
    typer.Option(
        "--csv-formulas",
        help="In CSV, write cells starting with = + - @ as they are (a spreadsheet runs them as formulas); "
        "by default they get a ' in front.",
    ),
]

OUTPUT_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=annotation)
    for name, annotation in (
        ("as_json", JsonOption), ("as_nl", NlOption), ("as_csv", CsvOption), ("csv_formulas", CsvFormulasOption)
    )
]


def one_format(as_json: bool, as_nl: bool, as_csv: bool) -> None:
    """At most one of the output formats: a usage error otherwise."""
    if as_json + as_nl + as_csv > 1:
        raise typer.BadParameter("give one of them", param_hint="--json, --nl, --csv")


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
    def wrapper(
        *args: Any, as_json: bool = False, as_nl: bool = False, as_csv: bool = False, csv_formulas: bool = False,
        **kwargs: Any,
    ) -> None:
        one_format(as_json, as_nl, as_csv)
        try:
            rows = command(*args, **kwargs)
            if rows is None:  # a group's callback when one of its commands runs
                return
            if as_json:
                write_json(rows, sys.stdout)
            elif as_nl:
                write_nl(rows, sys.stdout)
            elif as_csv:
                write_csv(rows, sys.stdout, formulas=csv_formulas)
            else:
                shown, more = first_rows(rows)
                if shown and any(terminal_safe(name) != name for name in shown[0]):  # `sql` names columns
                    shown = [{terminal_safe(name): value for name, value in row.items()} for row in shown]
                write_table(shown, sys.stdout, columns=table_columns, highlight=highlight)
                if more:
                    print_error(f"showing the first {MAX_TABLE_ROWS:,} rows; --csv, --nl or --json write them all")
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
        out.write(("\n " if number == 0 else ",\n ") + json_safe(json.dumps(row, ensure_ascii=False)))
    out.write("\n]\n")


def write_nl(rows: Iterable[Row], out: TextIO) -> None:
    for row in rows:
        out.write(json_safe(json.dumps(row, ensure_ascii=False)) + "\n")


def write_csv(rows: Iterable[Row], out: TextIO, *, formulas: bool = False) -> None:
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
            writer.writerow({name: csv_safe(name, formulas=formulas) for name in row})
        writer.writerow({name: csv_safe(value, formulas=formulas) for name, value in row.items()})


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
