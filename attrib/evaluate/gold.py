"""Gold attributions, read from PolNeAR's gold JSON Lines, a seed `.gold.json` file (one
article in the attribution contract shape, text in `<doc>.txt` beside it) or a brat
standoff folder (`read_brat_annotators`: every annotator of each article)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, TypeVar

from attrib.model import Span, Spans

T = TypeVar("T")

ROLES = ("source", "cue", "content")
# brat labels that mark annotator housekeeping, not attributions.
SKIPPED_LABELS = frozenset({"Discard", "Discuss"})
ATTRIBUTION_LABELS = frozenset({"Attribution", "Attribution-no-source"})


class GoldFormatError(ValueError):
    """Gold input that cannot be read; `line` is 1-based, or None when not line-specific."""

    def __init__(self, path: str | Path, line: Optional[int], message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: each role is a sorted tuple of (start, end) spans, maybe empty."""

    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True)
class GoldDocument:
    doc: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    publisher: Optional[str] = None


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read gold from a PolNeAR `.jsonl`, a seed `.json` file, or a brat folder.

    A brat folder is the one holding `text/` and `attributions/`, or its parent when
    that holds exactly one such split folder (e.g. `polnear/brat` with `dev/`).
    """
    path = Path(path)
    if path.is_dir():
        return _read_brat(_brat_split_dir(path))
    if path.suffix == ".jsonl":
        return _read_jsonl(path)
    if path.suffix == ".json":
        return [_read_seed(path)]
    raise GoldFormatError(path, None, "expected a .jsonl gold file, a .json seed gold file or a brat folder")


def _publisher_from_id(doc: str) -> Optional[str]:
    # PolNeAR ids look like "breitbart_2016-09-12_slug": the publisher is the prefix.
    prefix, sep, _ = doc.partition("_")
    return prefix if sep else None


def _checked_span(start: int, end: int, text_len: int) -> Span:
    if not 0 <= start < end <= text_len:
        raise ValueError(f"span ({start}, {end}) is empty or outside the text (length {text_len})")
    return (start, end)


def required_field(record: Any, key: str, kind: type) -> Any:
    if not isinstance(record, dict) or not isinstance(record.get(key), kind):
        raise ValueError(f"expected {key!r} to be a {kind.__name__}")
    return record[key]


def span_list(value: Any, text_len: int) -> tuple[Span, ...]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of [start, end] pairs, got {value!r}")
    spans = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, int) for x in item)):
            raise ValueError(f"expected a [start, end] pair of integers, got {item!r}")
        spans.append(_checked_span(item[0], item[1], text_len))
    return tuple(sorted(spans))


def jsonl_records(path: Path, convert: Callable[[Any], T]) -> list[T]:
    """Each non-blank line of a JSON Lines gold file as `convert` makes it from the
    line's JSON; a line that is no JSON, is nested too deeply or that `convert` refuses
    (ValueError) is a GoldFormatError naming the file and the line."""
    converted: list[T] = []
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                converted.append(convert(json.loads(line)))
            except (ValueError, RecursionError) as err:  # JSONDecodeError, and JSON nested too deeply
                raise GoldFormatError(path, lineno, str(err)) from err
    return converted


def _read_jsonl(path: Path) -> list[GoldDocument]:
    seen: set[str] = set()

    def document(record: Any) -> GoldDocument:
        doc = required_field(record, "doc", str)
        text = required_field(record, "text", str)
        attributions = tuple(
            GoldAttribution(*(span_list(required_field(item, role, list), len(text)) for role in ROLES))
            for item in required_field(record, "attributions", list)
        )
        if doc in seen:
            raise ValueError(f"duplicate doc id {doc!r}")
        seen.add(doc)
        return GoldDocument(doc, text, attributions, record.get("publisher") or _publisher_from_id(doc))

    return jsonl_records(path, document)


def _read_seed(path: Path) -> GoldDocument:
    """A seed gold file: {"doc", "attributions": [contract-shaped dicts]}; text in <doc>.txt."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        doc = required_field(record, "doc", str)
        items = required_field(record, "attributions", list)
    except json.JSONDecodeError as err:
        raise GoldFormatError(path, err.lineno, err.msg) from err
    except (ValueError, RecursionError) as err:
        raise GoldFormatError(path, None, str(err)) from err
    text_path = path.with_name(doc + ".txt")
    if not text_path.is_file():
        raise GoldFormatError(path, None, f"article text {text_path} not found")
    # newline="" keeps "\r\n" as two characters, so offsets index the file as written.
    with text_path.open(encoding="utf-8", newline="") as f:
        text = f.read()

    def role(value: Any) -> tuple[Span, ...]:
        if value is None:
            return ()
        spans = span_list(required_field(value, "spans", list), len(text))
        # Seed files are written by hand: catch offsets that drifted from their text.
        if "text" in value and value["text"] != Spans.from_offsets(text, spans).text:
            raise ValueError(f"span text {value['text']!r} does not match the article at {list(spans)}")
        return spans

    attributions = []
    for index, item in enumerate(items):
        try:
            speaker = item.get("speaker") if isinstance(item, dict) else None
            mention = speaker.get("mention") if isinstance(speaker, dict) else None
            attributions.append(GoldAttribution(role(mention), role(item.get("cue")), role(required_field(item, "content", dict))))
        except ValueError as err:
            raise GoldFormatError(path, None, f"attribution {index}: {err}") from err
    return GoldDocument(doc, text, tuple(attributions), record.get("publisher") or _publisher_from_id(doc))


def _is_brat_split(path: Path) -> bool:
    return (path / "text").is_dir() and (path / "attributions").is_dir()


def _brat_split_dir(path: Path) -> Path:
    if _is_brat_split(path):
        return path
    splits = sorted(child for child in path.iterdir() if child.is_dir() and _is_brat_split(child))
    if len(splits) == 1:
        return splits[0]
    if splits:
        # Silently merging train and dev would blur what a score is measured on.
        names = ", ".join(split.name for split in splits)
        raise GoldFormatError(path, None, f"several brat splits ({names}); name the one to read")
    raise GoldFormatError(path, None, "not a brat folder: no text/ and attributions/ in it or in a split folder")


def _read_metadata(split_dir: Path) -> dict[str, dict[str, str]]:
    """metadata.tsv rows by file name, from the split folder or its parent; {} if absent."""
    for path in (split_dir / "metadata.tsv", split_dir.parent / "metadata.tsv"):
        if not path.is_file():
            continue
        # Split on tabs by hand: titles hold quote characters that the csv module would interpret.
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t") if lines else []
        if "filename" not in header:
            raise GoldFormatError(path, 1, "no 'filename' column in the header")
        rows = {}
        for lineno, line in enumerate(lines[1:], 2):
            if not line.strip():
                continue
            values = line.split("\t")
            if len(values) != len(header):
                raise GoldFormatError(path, lineno, f"{len(values)} columns, the header has {len(header)}")
            row = dict(zip(header, values))
            rows[row["filename"]] = row
        return rows
    return {}


def _brat_annotation_files(split_dir: Path) -> dict[str, dict[str, Path]]:
    """Annotation files by article name, then by annotator."""
    annotations: dict[str, dict[str, Path]] = {}
    for ann in (split_dir / "attributions").glob("*.ann"):
        # Names hold underscores themselves, so the annotator is after the last one.
        name, sep, annotator = ann.stem.rpartition("_")
        if not sep:
            raise GoldFormatError(ann, None, "expected an annotation file named NAME_ANNOTATOR.ann")
        annotations.setdefault(name, {})[annotator] = ann
    return annotations


def _brat_articles(split_dir: Path) -> Iterable[tuple[Path, dict[str, str], dict[str, Path]]]:
    """(text file, metadata row, annotation files by annotator) of each article, by name."""
    metadata = _read_metadata(split_dir)
    annotations = _brat_annotation_files(split_dir)
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        by_annotator = annotations.get(text_path.stem)
        if not by_annotator:
            raise GoldFormatError(text_path, None, f"no annotation file attributions/{text_path.stem}_ANNOTATOR.ann")
        yield text_path, metadata.get(text_path.stem, {}), by_annotator


def _read_brat_article(text_path: Path, row: dict[str, str], ann: Path) -> GoldDocument:
    with text_path.open(encoding="utf-8", newline="") as f:
        text = f.read()
    name = text_path.stem
    return GoldDocument(name, text, _read_ann(ann, text), row.get("publisher") or _publisher_from_id(name))


def _read_brat(split_dir: Path) -> list[GoldDocument]:
    docs = []
    for text_path, row, by_annotator in _brat_articles(split_dir):
        listed = [a for a in row.get("annotators", "").split("|") if a in by_annotator]
        annotator = listed[0] if listed else min(by_annotator)
        docs.append(_read_brat_article(text_path, row, by_annotator[annotator]))
    return docs


def read_brat_annotators(path: str | Path) -> list[dict[str, GoldDocument]]:
    """Every annotator's reading of each article of a brat folder (found as `read_gold`
    finds it): one {annotator: GoldDocument} per article, in name order."""
    return [
        {annotator: _read_brat_article(text_path, row, ann) for annotator, ann in sorted(by_annotator.items())}
        for text_path, row, by_annotator in _brat_articles(_brat_split_dir(_brat_folder(path)))
    ]


def _brat_folder(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_dir():
        raise GoldFormatError(path, None, "not a brat folder (a folder holding text/ and attributions/)")
    return path


def _parse_offsets(offsets: str, text_len: int) -> list[Span]:
    fragments = []
    for fragment in offsets.split(";"):
        bounds = fragment.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise ValueError(f"bad offsets {offsets!r}")
        fragments.append(_checked_span(int(bounds[0]), int(bounds[1]), text_len))
    return fragments


def _read_ann(path: Path, text: str) -> tuple[GoldAttribution, ...]:
    lines = path.read_text(encoding="utf-8").split("\n")
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[int, str]] = []  # (line number, arguments); resolved once every T is known
    i = 0
    while i < len(lines):
        line, lineno = lines[i], i + 1
        i += 1
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        if line.startswith("E") and len(fields) >= 2:
            events.append((lineno, fields[1]))
            continue
        if not line.startswith("T"):
            if line[0] in "#ARMN*" and len(fields) >= 2:
                continue  # notes, attributes and relations carry no attribution roles
            raise GoldFormatError(path, lineno, f"not a brat annotation line: {line[:60]!r}")
        if len(fields) != 3:
            raise GoldFormatError(path, lineno, "expected 'T<n>\\t<Label> <start> <end>[;...]\\t<text>'")
        tid, (label, _, offsets), covered = fields[0], fields[1].partition(" "), fields[2]
        try:
            fragments = _parse_offsets(offsets, len(text))
        except ValueError as err:
            raise GoldFormatError(path, lineno, f"{tid}: {err}") from err
        # brat writes the covered text verbatim (fragments joined by a space), so a span
        # crossing a newline continues on the next physical line(s).
        expected = " ".join(text[s:e] for s, e in fragments)
        while len(covered) < len(expected) and i < len(lines):
            covered += "\n" + lines[i]
            i += 1
        if covered != expected:
            raise GoldFormatError(path, lineno, f"{tid} text {covered[:60]!r} does not match the article at {offsets}")
        if label not in SKIPPED_LABELS:
            spans[tid] = tuple(fragments)

    attributions = []
    for lineno, arguments in events:
        trigger, *args = arguments.split()
        kind = trigger.partition(":")[0]
        if kind in SKIPPED_LABELS:
            continue
        if kind not in ATTRIBUTION_LABELS:
            raise GoldFormatError(path, lineno, f"unknown event type {kind!r}")
        roles: dict[str, list[Span]] = {role: [] for role in ROLES}
        for arg in args:
            name, _, tid = arg.partition(":")
            role = name.rstrip("0123456789").lower()  # Content2 is more of Content
            if role not in roles:
                raise GoldFormatError(path, lineno, f"unknown role {name!r}")
            if tid not in spans:
                raise GoldFormatError(path, lineno, f"{name} refers to {tid!r}, not a kept span annotation")
            roles[role].extend(spans[tid])
        if not roles["content"]:
            # Unfinished annotation (one such event in PolNeAR dev); the JSONL gold drops it too.
            continue
        attributions.append(GoldAttribution(*(tuple(sorted(roles[role])) for role in ROLES)))
    return tuple(attributions)
