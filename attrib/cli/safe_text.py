"""Text from articles and databases made safe to write where a person reads it.

An article is text from anywhere, and so is a database attrib did not fill itself:
an escape sequence in a title (`ESC]0;...` retitles the terminal window, `ESC[2J`
clears the screen, OSC 8 makes links), a carriage return that overwrites the line,
or a bidi control that reorders what follows would act on the reader's terminal.
The readers replace control characters by spaces (attrib/sanitize.py); what is printed is
escaped all the same (`terminal_safe`): each such character is written as its
escape, `\\x1b` or `\\u202e`, visible and inert. JSON escapes C0 itself; `json_safe`
does the rest. In CSV, a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return) is a formula to a spreadsheet (`=HYPERLINK(...)`): `csv_safe`
prefixes it with `'`, which spreadsheets take as "text", unless asked not to.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import islice
from typing import Any, Iterable, TypeVar

# C0 but tab and newline, DEL, C1, the bidi embeddings, overrides and isolates, and
# lone surrogates (from file names that are not UTF-8, say), which can't be printed.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What JSON leaves as it is of those (it escapes C0 itself).
JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A table (the default output) shows at most this many rows; the other formats stream.
MAX_TABLE_ROWS = 1000

T = TypeVar("T")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every character that could drive a terminal written as its escape."""
    return UNSAFE.sub(_escape, text) if UNSAFE.search(text) else text


def one_line(text: str) -> str:
    """`text` on one line, safe for a terminal: runs of whitespace become one space."""
    return terminal_safe(" ".join(text.split()))


def same_length_safe(text: str) -> str:
    """`text` with each character `terminal_safe` escapes replaced by U+FFFD, one for
    one: for text shown with marks at offsets into it (`attrib show`)."""
    return UNSAFE.sub("\ufffd", text) if UNSAFE.search(text) else text


def terminal_safe_data(value: T, *, keep_offsets: bool = False) -> T:
    """`value` (a report: dataclasses, lists, dicts, text) with every string in it
    passed through `terminal_safe`, or with `keep_offsets` `same_length_safe`."""
    if isinstance(value, str):
        return (same_length_safe if keep_offsets else terminal_safe)(value)  # type: ignore[return-value]
    if isinstance(value, (list, tuple)):
        return type(value)(terminal_safe_data(item, keep_offsets=keep_offsets) for item in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {  # type: ignore[return-value]
            terminal_safe_data(k, keep_offsets=keep_offsets): terminal_safe_data(v, keep_offsets=keep_offsets)
            for k, v in value.items()
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: terminal_safe_data(getattr(value, f.name), keep_offsets=keep_offsets)
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def json_safe(encoded: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with DEL, C1, bidi
    controls and lone surrogates written as `\\uXXXX`: the same JSON value."""
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded) if JSON_UNSAFE.search(encoded) else encoded


def html_safe(page: str) -> str:
    """An HTML page with the characters `terminal_safe` escapes written as character
    references (`&#x1b;`): the same page to a browser, inert in a terminal."""
    return UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", page) if UNSAFE.search(page) else page


def csv_safe(value: Any, *, formulas: bool = False) -> Any:
    """A CSV cell: text escaped for a terminal and, unless `formulas`, prefixed with
    `'` when a spreadsheet would take it for a formula. Numbers are left as they are."""
    if not isinstance(value, str):
        return value
    value = terminal_safe(value)
    if not formulas and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def first_rows(rows: Iterable[T], limit: int = MAX_TABLE_ROWS) -> tuple[list[T], bool]:
    """At most `limit` rows, read lazily, and whether there were more."""
    iterator = iter(rows)
    kept = list(islice(iterator, limit + 1))
    more = len(kept) > limit
    close = getattr(iterator, "close", None)
    if close is not None:
        close()  # a query's cursor and connection, at once
    return kept[:limit], more
