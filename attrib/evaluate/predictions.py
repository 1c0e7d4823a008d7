"""Saved predictions, as `attrib analyze` writes them, read back for scoring.

Both of analyze's JSON outputs are read: a JSON array (`--json`) and JSON Lines
(`--nl`, and `--json` before it wrote an array), one attribution in the contract shape
a record. A file that can't be read, or a record that is not an attribution, is an
InputError naming the file and the line (JSON Lines) or the item (an array).
"""

from __future__ import annotations

import json
from pathlib import Path

from attrib.errors import InputError, unreadable
from attrib.model import Attribution

RECORD_ERRORS = (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError)


def read_predictions(path: str | Path) -> dict[str, list[Attribution]]:
    """The predicted attributions of each document (by `doc`), in the file's order."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), unreadable(path, exc).removeprefix(f"{path}: ")) from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 (byte {exc.start})") from None
    predictions: dict[str, list[Attribution]] = {}
    for attribution in _array(text, path) if text.lstrip().startswith("[") else _lines(text, path):
        predictions.setdefault(attribution.doc, []).append(attribution)
    return predictions


def _array(text: str, path: Path) -> list[Attribution]:
    try:
        records = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
        raise InputError(str(path), f"not a JSON array of attribution records ({exc})", line) from None
    attributions = []
    for number, record in enumerate(records, start=1):
        try:
            attributions.append(Attribution.from_dict(record))
        except RECORD_ERRORS as exc:
            raise InputError(str(path), f"item {number} is not an attribution record ({exc})") from None
    return attributions


def _lines(text: str, path: Path) -> list[Attribution]:
    attributions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            attributions.append(Attribution.from_dict(json.loads(line)))
        except RECORD_ERRORS as exc:
            raise InputError(str(path), f"not an attribution record ({exc})", number) from None
    return attributions
