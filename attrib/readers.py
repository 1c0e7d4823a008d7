"""Read inputs into Articles: `.txt` files, `.jsonl` article files and standard input.

`read_articles` streams: one article at a time, never the whole corpus. A bad input
does not stop the stream: it yields an `InputError` naming the file (and the JSONL
line) in place of the article, and the caller reports it and goes on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Iterator, Union

from attrib.errors import InputError
from attrib.model import Article

ArticleOrError = Union[Article, InputError]
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start})") from None


def read_text_article(path: str, data: bytes, doc_id: str) -> Article:
    text = decode(data, path)
    if not text.strip():
        raise InputError(path, "empty file")
    return Article(id=doc_id, text=text, source_path=path)


def article_from_json(record: object, path: str, line: int) -> Article:
    if not isinstance(record, dict):
        raise InputError(path, "expected a JSON object with 'id' and 'text'", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(path, "article has no 'text'", line)
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{Path(path).stem}-{line}"
    return Article(
        id=doc_id,
        text=text,
        title=record.get("title"),
        published=record.get("published"),
        publisher=record.get("publisher"),
        url=record.get("url"),
        source_path=path,
    )


def read_jsonl(path: str, lines: Iterable[bytes]) -> Iterator[ArticleOrError]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(decode(raw, path))
        except InputError as error:
            yield InputError(path, error.message, number)
            continue
        except json.JSONDecodeError as error:
            yield InputError(path, f"malformed JSON ({error.msg})", number)
            continue
        try:
            yield article_from_json(record, path, number)
        except InputError as error:
            yield error


def read_path(path: str) -> Iterator[ArticleOrError]:
    """One path: a file, or '-' for standard input (JSONL when it looks like it, else text)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        if data.lstrip().startswith(b"{"):
            yield from read_jsonl("<stdin>", data.splitlines())
        else:
            try:
                yield read_text_article("<stdin>", data, "stdin")
            except InputError as error:
                yield error
        return
    file = Path(path)
    if not file.exists():
        yield InputError(path, "no such file")
        return
    if file.is_dir():
        yield InputError(path, "is a folder; give the files in it")
        return
    suffix = file.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with file.open("rb") as handle:
                yield from read_jsonl(path, handle)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_article(path, file.read_bytes(), file.stem)
        else:
            yield InputError(path, f"unsupported file type {suffix!r} (use .txt or .jsonl)")
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(path, f"cannot read ({error.strerror})")


def read_articles(paths: Iterable[str]) -> Iterator[ArticleOrError]:
    for path in paths:
        yield from read_path(path)
