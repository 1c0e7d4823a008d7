"""Read inputs into Articles: `.txt`, `.html` pages, `.jsonl` and `.json` article
files, folders (recursively), glob patterns and standard input.

`read_articles` streams: one article at a time, never the whole corpus. A bad input
does not stop the stream: it yields an `InputError` naming the file (and the JSONL
line) in place of the article, and the caller reports it and goes on. Text that is
not UTF-8 is still read (see `decode`), and the article carries a warning saying so.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from attrib.errors import InputError, location
from attrib.model import Article

ArticleOrError = Union[Article, InputError]
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = ".txt, .html, .json or .jsonl"
# Gold annotations sit beside the articles they annotate (fixtures/, PolNeAR): a folder
# walk leaves them to `attrib eval`.
GOLD_SUFFIXES = (".gold.json", ".gold.jsonl")
GLOB_CHARACTERS = ("*", "?", "[")
SENTENCE_END = re.compile(r"\w[.!?]['\"\u201d\u2019)]*(\s|$)")
# Text never holds a NUL byte, and images, PDFs and archives do within their first bytes.
BINARY_SNIFF_BYTES = 4096
# A wire-style dateline opening the text: "date 2026-03-06 Washington DC, US: ..." (the
# word "date" optional, a place after the date optional, ended by a colon or a dash).
DATELINE = re.compile(r"\A\s*(?:date[d:]?\s+)?(\d{4}-\d{2}-\d{2})\b[^\n:\u2014-]{0,80}[:\u2014-]", re.IGNORECASE)


def dateline_date(text: str) -> Optional[str]:
    """The date (YYYY-MM-DD) of the dateline opening `text`, or None."""
    match = DATELINE.match(text)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


def check_not_binary(data: bytes, path: str, line: Optional[int] = None) -> None:
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise InputError(path, "binary file, not text", line)


def decode(data: bytes, path: str, line: Optional[int] = None) -> tuple[str, Optional[str]]:
    """The text in `data`, and a warning naming the input when it is not UTF-8.

    Such text is nearly always Windows-1252 (Word, older publishing systems and
    Windows tools write it; it is Latin-1 with printable characters, such as curly
    quotes, where Latin-1 has control codes), so it is read as that rather than lost.
    The five bytes Windows-1252 leaves undefined can only be Latin-1.
    """
    check_not_binary(data, path, line)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        return text, f"{location(path, line)}: not UTF-8 (byte {error.start}); read as {encoding}"


def read_text_article(path: str, data: bytes, doc_id: str) -> Article:
    text, warning = decode(data, path)
    if not text.strip():
        raise InputError(path, "empty file")
    return Article(id=doc_id, text=text, published=dateline_date(text), source_path=path, warning=warning)


def article_from_json(
    record: object, path: str, line: Optional[int] = None, item: Optional[int] = None, warning: Optional[str] = None
) -> Article:
    """One article object, from a JSONL `line` or the `item`-th element of a JSON array."""

    def error(message: str) -> InputError:
        return InputError(path, f"item {item}: {message}" if item is not None else message, line)

    if not isinstance(record, dict):
        raise error("expected a JSON object with 'id' and 'text'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise error("article has no 'text'")
    doc_id = record.get("id")
    where = line if line is not None else item
    if doc_id in (None, ""):
        doc_id = f"{Path(path).stem}-{where}" if where is not None else Path(path).stem
    return Article(
        id=str(doc_id),
        text=text,
        title=record.get("title"),
        published=record.get("published") or dateline_date(text),
        publisher=record.get("publisher"),
        url=record.get("url"),
        source_path=path,
        source_line=line,
        author=record.get("author"),
        warning=warning,
    )


def read_jsonl(path: str, lines: Iterable[bytes]) -> Iterator[ArticleOrError]:
    empty = True
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        empty = False
        try:
            text, warning = decode(raw, path, number)
            yield article_from_json(json.loads(text), path, number, warning=warning)
        except InputError as error:
            yield error
        except json.JSONDecodeError as error:
            yield InputError(path, f"malformed JSON ({error.msg})", number)
    if empty:
        yield InputError(path, "empty file")


def read_json(path: str, data: bytes) -> Iterator[ArticleOrError]:
    """A `.json` file: one article object, or an array of them."""
    text, warning = decode(data, path)
    if not text.strip():
        raise InputError(path, "empty file")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputError(path, f"malformed JSON ({error.msg})", error.lineno)
        return
    if not isinstance(record, list):
        yield article_from_json(record, path, warning=warning)
        return
    if not record:
        yield InputError(path, "empty JSON array, no articles")
    for number, item in enumerate(record, start=1):
        try:
            article = article_from_json(item, path, item=number, warning=warning)
        except InputError as error:
            yield error
        else:
            warning = None  # said once for the file
            yield article


def read_html_article(path: str, data: bytes, doc_id: str) -> Article:
    """The article in a web page: trafilatura finds the main text (no menus, footers or
    comments) and the metadata. Offsets are into the extracted text. Precision is
    favoured: boilerplate taken for text would be searched for speakers too."""
    import trafilatura  # slow to import; only HTML inputs pay for it

    if not data.strip():
        raise InputError(path, "empty file")
    check_not_binary(data, path)
    document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, favor_precision=True)
    # On a page with no article, what trafilatura keeps is menu words: no sentence.
    if document is None or not SENTENCE_END.search(document.text or ""):
        raise InputError(path, "no article text found in the page")
    return Article(
        id=doc_id,
        text=document.text,
        title=document.title,
        published=document.date or dateline_date(document.text),
        publisher=document.sitename,
        url=document.url,
        source_path=path,
        author=document.author,
    )


def folder_files(folder: Path) -> list[Path]:
    """Every file under `folder`, in name order, but hidden ones and gold annotations.
    Files of other types are kept, so that each gets its own error rather than being
    passed over in silence."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(
            Path(root) / name for name in names if not name.startswith(".") and not name.endswith(GOLD_SUFFIXES)
        )
    return sorted(files)


def input_files(path: str) -> Iterator[Union[Path, InputError]]:
    """The files a path stands for: the file itself, a folder's files, or the matches of
    a glob pattern the shell did not expand (quoted, or no shell at all)."""
    file = Path(path)
    if not file.exists() and any(c in path for c in GLOB_CHARACTERS):
        matches = sorted(glob.glob(path, recursive=True))
        if not matches:
            yield InputError(path, "no files match")
        for match in matches:
            yield from input_files(match)
    elif not file.exists():
        yield InputError(path, "no such file")
    elif file.is_dir():
        files = folder_files(file)
        if not files:
            yield InputError(path, "folder holds no files to read")
        yield from files
    else:
        yield file


def read_file(file: Path) -> Iterator[ArticleOrError]:
    path = str(file)
    suffix = file.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with file.open("rb") as handle:
                # One error for a binary file, rather than one for each of its "lines".
                check_not_binary(handle.read(BINARY_SNIFF_BYTES), path)
                handle.seek(0)
                yield from read_jsonl(path, handle)
        elif suffix in JSON_SUFFIXES:
            yield from read_json(path, file.read_bytes())
        elif suffix in HTML_SUFFIXES:
            yield read_html_article(path, file.read_bytes(), file.stem)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_article(path, file.read_bytes(), file.stem)
        else:
            yield InputError(path, f"unsupported file type {suffix!r} (use {SUPPORTED})")
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(path, f"cannot read ({error.strerror})")


def read_path(path: str) -> Iterator[ArticleOrError]:
    """One path: a file, a folder, a glob pattern, or '-' for standard input (JSONL when
    it looks like it, else text)."""
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
    for file in input_files(path):
        if isinstance(file, InputError):
            yield file
        else:
            yield from read_file(file)


def read_articles(paths: Iterable[str]) -> Iterator[ArticleOrError]:
    for path in paths:
        yield from read_path(path)


def count_articles(paths: Iterable[str]) -> Optional[int]:
    """About how many articles `read_articles(paths)` yields, found without parsing (for
    a progress bar): a JSONL file counts its lines, any other file one. None when
    standard input is among the paths, since it can only be read once."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        for file in input_files(path):
            if isinstance(file, Path) and file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
