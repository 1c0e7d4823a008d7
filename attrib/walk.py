"""The files under a folder, and the matches of a glob pattern, each folder visited once.

A symlink to a folder is followed (a corpus may be assembled from links), but never
to a folder already visited on the way: a link to an ancestor would otherwise be
walked round and round (Python's own `glob("**")` follows it 40 levels deep, which
with two such links is 2**40 paths). Hidden files and folders are passed over, as a
shell's glob does, and so are gold annotations, which `attrib eval` reads.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from pathlib import Path
from typing import Iterator

GLOB_CHARACTERS = ("*", "?", "[")
# Gold annotations sit beside the articles they annotate (fixtures/, PolNeAR): a folder
# walk leaves them to `attrib eval`.
GOLD_SUFFIXES = (".gold.json", ".gold.jsonl")


def _folder_key(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def walk(folder: str | Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """`os.walk(folder, followlinks=True)`, hidden folders left out, in name order,
    never entering a folder (by device and inode) a second time."""
    visited: set[tuple[int, int]] = set()
    start = _folder_key(str(folder))
    if start is not None:
        visited.add(start)
    for root, dirs, names in os.walk(folder, followlinks=True):
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            key = _folder_key(os.path.join(root, name))
            if key is None or key in visited:
                continue
            visited.add(key)
            kept.append(name)
        dirs[:] = kept
        yield root, dirs, sorted(names)


def folder_files(folder: Path) -> list[Path]:
    """Every file under `folder`, in name order, but hidden ones and gold annotations.
    Files of other types are kept, so that each gets its own error rather than being
    passed over in silence."""
    files = []
    for root, _, names in walk(folder):
        files.extend(Path(root) / name for name in names if not name.startswith(".") and not name.endswith(GOLD_SUFFIXES))
    return sorted(files)


def glob_files(pattern: str) -> Iterator[Path]:
    """The paths matching a glob pattern, in name order. Without `**` this is Python's
    glob, which goes only as deep as the pattern has parts; a `**` part matches any
    number of folders, walked by `walk`."""
    if "**" not in pattern:
        yield from (Path(match) for match in sorted(glob.glob(pattern)))
        return
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if any(c in part for c in GLOB_CHARACTERS))
    base = Path(*parts[:first]) if first else Path(".")
    rest = parts[first:]
    # The fixed part of the pattern before the wildcards may itself hold none of them,
    # so it is walked as it is; the rest is matched part by part.
    matches = []
    for root, dirs, names in walk(base):
        for name in [*dirs, *(n for n in names if not n.startswith("."))]:
            path = Path(root) / name
            relative = path.relative_to(base).parts
            if _matches(relative, rest):
                matches.append(path if first else Path(os.path.relpath(path)))
    yield from sorted(matches)


def _matches(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether path `parts` match pattern parts, `**` standing for any number of folders."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_matches(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    if not parts or (parts[0].startswith(".") and not pattern[0].startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], pattern[0]) and _matches(parts[1:], pattern[1:])
