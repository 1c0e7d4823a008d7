"""The output options every query command shares: a table by default, `--json` (an
array), `--nl` (JSON lines) or `--csv`.

`@output_options` adds the three flags to a command, which then just returns its rows
(dicts, all with the same keys); the decorator writes them in the format asked for and
turns a library error into a one-line message and exit status 2. What is written is
made safe for its reader first (attrib/cli/safe_text.py): control characters
escaped, CSV cells that would start a formula prefixed (`--csv-formulas` leaves
them), and a table shows at most MAX_TABLE_ROWS rows (the other formats stream).
"""

from __future__ import annotations

import csv
import functools
import inspect
import json
import sys
from typing import Annotated, Any, Callable, Iterable, TextIO

import typer

from attrib.cli import print_error
from attrib.cli.safe_text import MAX_TABLE_ROWS, csv_safe, first_rows, json_safe, terminal_safe
from attrib.errors import AttribError

Row = dict[str, Any]
# Wider columns are cut with an ellipsis, so a long quote doesn't wrap the table.
MAX_COLUMN_WIDTH = 60

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
    inspect.Parameter(
        "csv_formulas",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[
            bool,
            typer.Option(
                "--csv-formulas",
                help="In CSV, write cells starting with = + - @ as they are (a spreadsheet runs them as formulas); "
                "by default they get a ' in front.",
            ),
        ],
    ),
]


def output_options(command: Callable[..., Iterable[Row]]) -> Callable[..., None]:
    # Typer reads a command's options from its signature, so the wrapper shows the
    # command's own parameters plus the three output flags.
    signature = inspect.signature(command, eval_str=True)

    @functools.wraps(command)
    def wrapper(
        *args: Any, as_json: bool = False, as_nl: bool = False, as_csv: bool = False, csv_formulas: bool = False,
        **kwargs: Any,
    ) -> None:
        if as_json + as_nl + as_csv > 1:
            raise typer.BadParameter("give one of --json, --nl and --csv")
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
                write_table(shown, sys.stdout)
                if more:
                    print_error(f"showing the first {MAX_TABLE_ROWS:,} rows; --csv, --nl or --json write them all")
        except AttribError as error:
            print_error(str(error))
            raise typer.Exit(2)

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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    text = terminal_safe(" ".join(str(value).split()))
    return text if len(text) <= MAX_COLUMN_WIDTH else text[: MAX_COLUMN_WIDTH - 1] + "\u2026"


def write_table(rows: list[Row], out: TextIO) -> None:
    if not rows:
        typer.echo("no results", err=True)
        return
    columns = list(rows[0])
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    # Numbers line up on the right, text on the left.
    numeric = [all(isinstance(row[c], (int, float)) or row[c] is None for row in rows) for c in columns]

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)]
        return "  ".join(parts).rstrip()

    out.write(line(columns) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for values in cells:
        out.write(line(values) + "\n")
