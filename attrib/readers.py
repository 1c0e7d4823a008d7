"""Read inputs into Articles: `.txt`, `.html` pages, `.jsonl` and `.json` article
files, folders (recursively), glob patterns and standard input.

`read_articles` streams: one article at a time, never the whole corpus. A bad input
does not stop the stream: it yields an `InputError` naming the file (and the JSONL
line) in place of the article, and the caller reports it and goes on. Text that is
not UTF-8 is still read (see `decode`), and the article carries a warning saying so;
every article read is sanitised once (attrib/sanitize.py). Only regular files are
read (a FIFO would block for ever, a device never end), and folder and glob walks
visit each folder once, however symlinks loop (attrib/walk.py).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from attrib.budget import blanked_characters
from attrib.errors import InputError, location
from attrib.html_charset import MOJIBAKE, html_page
from attrib.model import Article
from attrib.sanitize import sanitize_article
from attrib.walk import GLOB_CHARACTERS, folder_files, glob_files

ArticleOrError = Union[Article, InputError]
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = ".txt, .html, .json or .jsonl"
SENTENCE_END = re.compile(r"\w[.!?]['\"\u201d\u2019)]*(\s|$)")
# Text never holds a NUL byte, and images, PDFs and archives do within their first bytes.
BINARY_SNIFF_BYTES = 4096
# An article, a JSONL line or a .json file larger than this is refused as it is read:
# a hundred times the longest news article, and what reading holds of one (the bytes,
# the text, its JSON) stays well within memory. Analysing a text this long would take
# longer than the time budget anyway (attrib/budget.py).
MAX_INPUT_BYTES = 20_000_000
# Metadata fields an article object may carry, as text; numbers are taken as text too.
METADATA_FIELDS = ("title", "published", "publisher", "url", "author")
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
    if isinstance(doc_id, (dict, list)):
        raise error("'id' is not text")
    metadata = {}
    for name in METADATA_FIELDS:
        value = record.get(name)
        if isinstance(value, (dict, list)):
            # SQLite can't store it, and no report could show it.
            raise error(f"{name!r} is not text")
        metadata[name] = None if value is None else str(value)
    metadata["published"] = metadata["published"] or dateline_date(text)
    return Article(id=str(doc_id), text=text, source_path=path, source_line=line, warning=warning, **metadata)


def read_jsonl(path: str, lines: Iterable[bytes]) -> Iterator[ArticleOrError]:
    """A JSONL file's articles, a line at a time. `lines` may hold `TooLong` for a line
    over MAX_INPUT_BYTES (see `bounded_lines`)."""
    empty = True
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, TooLong):
            empty = False
            yield InputError(path, too_long_message(raw.size), number)
            continue
        if not raw.strip():
            continue
        empty = False
        try:
            text, warning = decode(raw, path, number)
            yield article_from_json(parse_json(text, path, number), path, number, warning=warning)
        except InputError as error:
            yield error
        except Exception as error:  # noqa: BLE001 - a reader's bug costs this line only
            yield InputError(path, f"cannot read ({type(error).__name__}: {error})", number)
    if empty:
        yield InputError(path, "empty file")


def parse_json(text: str, path: str, line: Optional[int] = None) -> object:
    """`json.loads`, every way it can fail an InputError naming the file (and line)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"malformed JSON ({error.msg})", line if line is not None else error.lineno) from None
    except RecursionError:
        # `[[[[...` a hundred thousand deep: Python's parser recurses once per level.
        raise InputError(path, "JSON nested too deeply", line) from None
    except ValueError as error:  # an integer of more than 4300 digits, say
        raise InputError(path, f"malformed JSON ({error})", line) from None


class TooLong:
    """A JSONL line over MAX_INPUT_BYTES, skipped unread: its size."""

    def __init__(self, size: int):
        self.size = size


def too_long_message(size: int) -> str:
    return f"too long to analyse ({size:,} bytes; at most {MAX_INPUT_BYTES:,})"


def bounded_lines(handle, limit: Optional[int] = None) -> Iterator[Union[bytes, TooLong]]:
    """The lines of a binary file, each read whole only up to `limit` bytes (default
    MAX_INPUT_BYTES): a longer one is read through in steps and given as `TooLong`,
    never held."""
    limit = limit or MAX_INPUT_BYTES
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(limit)
            if not line:
                break
            size += len(line)
        yield TooLong(size)


def read_json(path: str, data: bytes) -> Iterator[ArticleOrError]:
    """A `.json` file: one article object, or an array of them."""
    text, warning = decode(data, path)
    if not text.strip():
        raise InputError(path, "empty file")
    record = parse_json(text, path)
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
    page, warning = html_page(data, path)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, favor_precision=True)
    # On a page with no article, what trafilatura keeps is menu words: no sentence.
    if document is None or not SENTENCE_END.search(document.text or ""):
        raise InputError(path, "no article text found in the page")
    if warning is None and MOJIBAKE.search(document.text):
        warning = f"{path}: the text looks garbled (UTF-8 read as another encoding somewhere before this page)"
    return Article(
        id=doc_id,
        text=document.text,
        title=document.title,
        published=document.date or dateline_date(document.text),
        publisher=document.sitename,
        url=document.url,
        source_path=path,
        author=document.author,
        warning=warning,
    )


def regular_file_type(mode: int) -> Optional[str]:
    """None for a regular file, else what it is instead (for the message)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def not_regular(path: str, kind: str) -> InputError:
    return InputError(path, f"not a regular file ({kind}), skipped")


def open_regular(path: str):
    """A binary handle on `path` if it is a regular file, else InputError. Opened
    without blocking, then checked: a FIFO would otherwise block the open itself, and
    the check on the open file can't be raced by a rename."""
    kind = regular_file_type(os.stat(path).st_mode)
    if kind is not None:  # said before opening: a socket can't even be opened
        raise not_regular(path, kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        kind = regular_file_type(info.st_mode)
        if kind is not None:
            raise not_regular(path, kind)
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str) -> bytes:
    """The bytes of a regular file of at most MAX_INPUT_BYTES, else InputError."""
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(path, too_long_message(size))
        return handle.read(MAX_INPUT_BYTES + 1)


def input_files(path: str) -> Iterator[Union[Path, InputError]]:
    """The files a path stands for: the file itself, a folder's files, or the matches of
    a glob pattern the shell did not expand (quoted, or no shell at all). A file
    reached twice (through a symlink, or a folder and a pattern that both hold it) is
    given once."""
    seen: set[tuple[int, int]] = set()
    for file in _input_files(path):
        if isinstance(file, Path):
            try:
                info = file.stat()
            except OSError:
                pass  # a broken symlink: reading it gives the error
            else:
                key = (info.st_dev, info.st_ino)
                if key in seen:
                    continue
                seen.add(key)
        yield file


def _input_files(path: str) -> Iterator[Union[Path, InputError]]:
    file = Path(path)
    if not os.path.lexists(path) and any(c in path for c in GLOB_CHARACTERS):
        matched = False
        for match in glob_files(path):
            matched = True
            if not match.is_dir():
                yield match
            elif "**" not in path:  # a `**` pattern has walked the folders below already
                yield from folder_files(match)
        if not matched:
            yield InputError(path, "no files match")
    elif not os.path.lexists(path):
        yield InputError(path, "no such file")
    elif file.is_dir():
        matched = False
        for match in folder_files(file):
            matched = True
            yield match
        if not matched:
            yield InputError(path, "folder holds no files to read")
    else:
        yield file


def read_file(file: Path) -> Iterator[ArticleOrError]:
    path = str(file)
    suffix = file.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with open_regular(path) as handle:
                # One error for a binary file, rather than one for each of its "lines".
                check_not_binary(handle.read(BINARY_SNIFF_BYTES), path)
                handle.seek(0)
                yield from read_jsonl(path, bounded_lines(handle))
        elif suffix in JSON_SUFFIXES:
            yield from read_json(path, read_regular(path))
        elif suffix in HTML_SUFFIXES:
            yield read_html_article(path, read_regular(path), file.stem)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_article(path, read_regular(path), file.stem)
        else:
            yield InputError(path, f"unsupported file type {suffix!r} (use {SUPPORTED})")
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(path, f"cannot read ({error.strerror or error})")
    except Exception as error:  # noqa: BLE001 - a reader's bug (or trafilatura's) costs this file only
        yield InputError(path, f"cannot read ({type(error).__name__}: {error})")


def read_path(path: str) -> Iterator[ArticleOrError]:
    """One path: a file, a folder, a glob pattern, or '-' for standard input (JSONL when
    it looks like it, else text). Every article is sanitised (attrib/sanitize.py), and
    one with runs too long to parse says so (attrib/budget.py)."""
    for item in _read_path(path):
        yield with_run_warning(sanitize_article(item)) if isinstance(item, Article) else item


def with_run_warning(article: Article) -> Article:
    """The article, with a warning when runs of it are left out of the analysis."""
    blanked = blanked_characters(article.text)
    if not blanked:
        return article
    detail = f"{blanked:,} characters in runs too long to parse (punctuation, or no space) left out of the analysis"
    where = location(article.source_path or article.id, article.source_line)
    return replace(article, warning=f"{article.warning}; {detail}" if article.warning else f"{where}: {detail}")


def _read_path(path: str) -> Iterator[ArticleOrError]:
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
                    with open_regular(str(file)) as handle:
                        total += sum(1 for line in bounded_lines(handle) if isinstance(line, TooLong) or line.strip())
                except (OSError, InputError):
                    total += 1
            else:
                total += 1
    return total
