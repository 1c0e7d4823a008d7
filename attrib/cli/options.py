"""Options several commands share, and the parsers that check their values.

Each value is read by a parser of ours, so a mistake is said in plain words ("2016-13-01
is not a date (YYYY-MM-DD)") and help shows a plain placeholder (`--since YYYY-MM-DD`,
`--limit N`) rather than the framework's types and ranges.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from attrib.model import KINDS


def date_value(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def count_value(text: str) -> int:
    """A whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise ValueError(f"{text} is below 0")
    return value


def positive_value(text: str) -> int:
    """A whole number, 1 or more."""
    value = count_value(text)
    if value < 1:
        raise ValueError(f"{text} is below 1")
    return value


def fraction_value(text: str) -> float:
    """A number from 0 to 1 (a confidence)."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{text} is not between 0 and 1")
    return value


def kind_value(text: str) -> str:
    if text not in KINDS:
        raise ValueError(f"{text!r} is not one of {', '.join(KINDS)}")
    return text


def tier_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value not in (1, 2, 3, 4):
        raise ValueError(f"{text!r} is not a tier (1, 2, 3 or 4)")
    return value


# Every input a command that reads articles takes (attrib/readers.py).
INPUTS_HELP = (
    "Articles: .txt (also .text, .md, no suffix), .html/.htm pages, .json (an article or an array of them), "
    ".jsonl/.ndjson (an article a line), folders (read recursively), glob patterns, or - for standard input."
)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", metavar="FILE", help="The database file (default: $ATTRIB_DB, else ./attrib.db)."),
]


def limit_option(rows: str = "rows"):
    return typer.Option("--limit", metavar="N", parser=count_value, help=f"At most this many {rows} (0 for all).")


ConfirmedOption = Annotated[
    bool, typer.Option("--confirmed", help="Only attributions a human confirmed or corrected (attrib review).")
]


def date_option(help: str):
    return typer.Option(metavar="YYYY-MM-DD", parser=date_value, help=help)


def min_confidence_option():
    return typer.Option(
        "--min-confidence", metavar="0-1", parser=fraction_value, help="Only attributions at least this confident."
    )
