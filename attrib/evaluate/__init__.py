"""Score predicted attributions against gold annotations, following the PolNeAR rules.

Gold is read by `read_gold` from PolNeAR's gold JSONL, a seed gold `.json` file (one
article in the attribution contract shape, text in `<doc>.txt` beside it) or a brat
standoff folder. `score` compares spans as character sets after trimming whitespace
and punctuation at fragment edges: *exact* means the same set, *overlap* means Dice
>= 0.5. It reports role-level P/R/F1 (source, cue, content; distinct spans per article,
matched one-to-one), attribution-level P/R/F1 (predictions matched one-to-one to gold
by content overlap, best Dice first), speaker accuracy, end-to-end P/R/F1 (matched and
speaker right), calibration of `confidence` against end-to-end rightness, and the
attribution and end-to-end scores per publisher. `per_prediction_outcomes` exposes the
per-prediction rightness that `score` is built on, so a confidence model fitted on it
measures exactly what is scored. In `EvalReport.to_dict()` precision, recall, F1 and
speaker accuracy are percentages with one decimal (as papers report them); ECE, AUROC
and the reliability table are 0-1 floats with four decimals (the confidence scale).
A ratio with a zero denominator is reported as 0.0, with its counts alongside.
`annotator_agreement` scores annotators against each other by the same rules, on the
articles of a brat folder that several of them marked (`read_brat_annotators`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from itertools import groupby, permutations
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

from attrib.model import Attribution, Span, Speaker, Spans

# Dice threshold for "overlap" matches (README: overlap = Dice >= 0.5).
OVERLAP = 0.5
# Dice of 1.0 is exact: 2|A∩B| / (|A|+|B|) is 1.0 in floating point only when A == B.
EXACT = 1.0
N_BINS = 10
ROLES = ("source", "cue", "content")
# Trimmed at fragment edges, besides whitespace: annotators and extractors disagree on
# whether quotes, brackets and sentence punctuation belong to a span, and the README
# says such differences must not count.
TRIM_PUNCTUATION = frozenset("\"'‘’“”«»()[]{}<>,.;:!?-‐–—…")

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


class SpanError(ValueError):
    """A predicted span lies outside the text of the gold article it is scored against."""


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


# ---------------------------------------------------------------- reading gold


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


def _field(record: Any, key: str, kind: type) -> Any:
    if not isinstance(record, dict) or not isinstance(record.get(key), kind):
        raise ValueError(f"expected {key!r} to be a {kind.__name__}")
    return record[key]


def _span_list(value: Any, text_len: int) -> tuple[Span, ...]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of [start, end] pairs, got {value!r}")
    spans = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, int) for x in item)):
            raise ValueError(f"expected a [start, end] pair of integers, got {item!r}")
        spans.append(_checked_span(item[0], item[1], text_len))
    return tuple(sorted(spans))


def _read_jsonl(path: Path) -> list[GoldDocument]:
    docs: list[GoldDocument] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                doc = _field(record, "doc", str)
                text = _field(record, "text", str)
                attributions = tuple(
                    GoldAttribution(*(_span_list(_field(item, role, list), len(text)) for role in ROLES))
                    for item in _field(record, "attributions", list)
                )
            except (ValueError, RecursionError) as err:  # JSONDecodeError, and JSON nested too deeply
                raise GoldFormatError(path, lineno, str(err)) from err
            if doc in seen:
                raise GoldFormatError(path, lineno, f"duplicate doc id {doc!r}")
            seen.add(doc)
            publisher = record.get("publisher") or _publisher_from_id(doc)
            docs.append(GoldDocument(doc, text, attributions, publisher))
    return docs


def _read_seed(path: Path) -> GoldDocument:
    """A seed gold file: {"doc", "attributions": [contract-shaped dicts]}; text in <doc>.txt."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        doc = _field(record, "doc", str)
        items = _field(record, "attributions", list)
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
        spans = _span_list(_field(value, "spans", list), len(text))
        # Seed files are written by hand: catch offsets that drifted from their text.
        if "text" in value and value["text"] != Spans.from_offsets(text, spans).text:
            raise ValueError(f"span text {value['text']!r} does not match the article at {list(spans)}")
        return spans

    attributions = []
    for index, item in enumerate(items):
        try:
            speaker = item.get("speaker") if isinstance(item, dict) else None
            mention = speaker.get("mention") if isinstance(speaker, dict) else None
            attributions.append(GoldAttribution(role(mention), role(item.get("cue")), role(_field(item, "content", dict))))
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


# ---------------------------------------------------------------- comparing spans


def covered_chars(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """The character offsets covered by `spans`, each fragment trimmed at both edges."""
    covered: set[int] = set()
    for start, end in spans:
        while start < end and (text[start].isspace() or text[start] in TRIM_PUNCTUATION):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM_PUNCTUATION):
            end -= 1
        covered.update(range(start, end))
    return frozenset(covered)


def dice_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _match(gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], threshold: float) -> dict[int, tuple[int, float]]:
    """Greedy one-to-one matching, best Dice first: {pred index: (gold index, dice)}."""
    pairs = sorted(
        (-dice, g, p)
        for g, gold_chars in enumerate(gold)
        for p, pred_chars in enumerate(pred)
        if (dice := dice_overlap(gold_chars, pred_chars)) >= threshold
    )
    matched_gold: set[int] = set()
    matches: dict[int, tuple[int, float]] = {}
    for negative_dice, g, p in pairs:
        if g not in matched_gold and p not in matches:
            matched_gold.add(g)
            matches[p] = (g, -negative_dice)
    return matches


def _pred_spans(doc: GoldDocument, prediction: Attribution, role: str) -> tuple[Span, ...]:
    if role == "content":
        spans = prediction.content.spans
    elif role == "cue":
        spans = prediction.cue.spans if prediction.cue else ()
    else:
        mention = prediction.speaker.mention if prediction.speaker else None
        spans = mention.spans if mention else ()
    for start, end in spans:
        if not 0 <= start <= end <= len(doc.text):
            raise SpanError(f"predicted {role} span ({start}, {end}) is outside article {doc.doc!r} (length {len(doc.text)})")
    return spans


# ---------------------------------------------------------------- metrics


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class PRF:
    """Precision/recall/F1 from counts: tp true positives, out of `gold` and `pred` items."""

    tp: int
    gold: int
    pred: int

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.pred)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, self.gold + self.pred)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(100 * self.precision, 1),
            "recall": round(100 * self.recall, 1),
            "f1": round(100 * self.f1, 1),
            "tp": self.tp,
            "gold": self.gold,
            "pred": self.pred,
        }


@dataclass(frozen=True)
class PredictionOutcome:
    """How one prediction fared: the gold attribution its content matched, if any, and the speaker."""

    doc: str
    prediction: Attribution
    gold: Optional[GoldAttribution]
    content_dice: float
    speaker_right: bool

    @property
    def correct(self) -> bool:
        """End-to-end right: content matched and speaker right."""
        return self.gold is not None and self.speaker_right


def _speaker_right(doc: GoldDocument, gold: GoldAttribution, prediction: Attribution) -> bool:
    mention = _pred_spans(doc, prediction, "source")
    if not gold.source:
        # Unsourced gold ("it is expected that ..."): right only when no speaker mention is claimed.
        return not mention
    return dice_overlap(covered_chars(doc.text, gold.source), covered_chars(doc.text, mention)) >= OVERLAP


def _gold_by_id(gold_docs: Sequence[GoldDocument]) -> dict[str, GoldDocument]:
    by_id = {doc.doc: doc for doc in gold_docs}
    if len(by_id) != len(gold_docs):
        raise ValueError("gold documents with the same doc id")
    return by_id


def per_prediction_outcomes(
    gold_docs: Sequence[GoldDocument], predictions: Mapping[str, Sequence[Attribution]]
) -> list[PredictionOutcome]:
    """One outcome per prediction on a gold document, in gold document order then prediction order.

    Predictions are matched one-to-one to gold attributions by content (Dice >= 0.5,
    best first). Predictions for doc ids absent from the gold are not judged.
    """
    outcomes = []
    for doc in _gold_by_id(gold_docs).values():
        preds = list(predictions.get(doc.doc, ()))
        gold_content = [covered_chars(doc.text, gold.content) for gold in doc.attributions]
        pred_content = [covered_chars(doc.text, _pred_spans(doc, pred, "content")) for pred in preds]
        matches = _match(gold_content, pred_content, OVERLAP)
        for index, pred in enumerate(preds):
            if index in matches:
                gold_index, dice = matches[index]
                gold = doc.attributions[gold_index]
                outcomes.append(PredictionOutcome(doc.doc, pred, gold, dice, _speaker_right(doc, gold, pred)))
            else:
                outcomes.append(PredictionOutcome(doc.doc, pred, None, 0.0, False))
    return outcomes


def _role_scores(doc: GoldDocument, preds: Sequence[Attribution]) -> dict[str, dict[str, tuple[int, int, int]]]:
    """(tp, gold, pred) per role and flavour for one article."""
    scores = {}
    for role in ROLES:
        # PolNeAR links one annotated span to every attribution sharing it (a source
        # heading several contents), so a role's items are its distinct spans.
        gold = list(dict.fromkeys(c for c in (covered_chars(doc.text, getattr(a, role)) for a in doc.attributions) if c))
        pred = list(dict.fromkeys(c for c in (covered_chars(doc.text, _pred_spans(doc, p, role)) for p in preds) if c))
        scores[role] = {
            "exact": (len(_match(gold, pred, EXACT)), len(gold), len(pred)),
            "overlap": (len(_match(gold, pred, OVERLAP)), len(gold), len(pred)),
        }
    return scores


@dataclass(frozen=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    mean_confidence: Optional[float]  # None for an empty bin
    accuracy: Optional[float]


@dataclass(frozen=True)
class Calibration:
    ece: Optional[float]  # None without predictions
    auroc: Optional[float]  # None unless both right and wrong predictions exist
    bins: tuple[ReliabilityBin, ...]


def _auroc(confidences: Sequence[float], right: Sequence[bool]) -> Optional[float]:
    """Mann-Whitney AUROC: the chance a right prediction outscores a wrong one, ties half."""
    n_right = sum(right)
    n_wrong = len(right) - n_right
    if not n_right or not n_wrong:
        return None
    rank_sum, position = 0.0, 0
    for _, tied in groupby(sorted(zip(confidences, right)), key=lambda pair: pair[0]):
        tied = list(tied)
        # Tied confidences share the mean of their 1-based ranks.
        rank_sum += (position + (len(tied) + 1) / 2) * sum(1 for _, r in tied if r)
        position += len(tied)
    return (rank_sum - n_right * (n_right + 1) / 2) / (n_right * n_wrong)


def calibration(confidences: Sequence[float], right: Sequence[bool]) -> Calibration:
    """ECE over 10 equal-width confidence bins, AUROC, and the reliability table."""
    if len(confidences) != len(right):
        raise ValueError("confidences and outcomes differ in length")
    members: list[list[tuple[float, bool]]] = [[] for _ in range(N_BINS)]
    for confidence, outcome in zip(confidences, right):
        if not 0.0 <= confidence <= 1.0:
            raise ValueError(f"confidence {confidence} is outside [0, 1]")
        members[min(int(confidence * N_BINS), N_BINS - 1)].append((confidence, outcome))  # 1.0 joins the top bin
    bins = []
    ece = 0.0
    for index, items in enumerate(members):
        mean_confidence = accuracy = None
        if items:
            mean_confidence = sum(c for c, _ in items) / len(items)
            accuracy = sum(1 for _, r in items if r) / len(items)
            ece += len(items) / len(confidences) * abs(accuracy - mean_confidence)
        bins.append(ReliabilityBin(index / N_BINS, (index + 1) / N_BINS, len(items), mean_confidence, accuracy))
    return Calibration(ece if confidences else None, _auroc(confidences, right), tuple(bins))


@dataclass(frozen=True)
class Share:
    right: int
    total: int

    @property
    def rate(self) -> float:
        return _ratio(self.right, self.total)


@dataclass(frozen=True)
class PublisherScores:
    docs: int
    attribution: PRF
    end_to_end: PRF


@dataclass(frozen=True)
class EvalReport:
    docs: int
    roles: dict[str, dict[str, PRF]]  # role -> {"exact": PRF, "overlap": PRF}
    attribution: PRF  # tp = content-matched pairs
    end_to_end: PRF  # tp = matched pairs whose speaker is right too
    speaker: Share  # matched pairs whose gold has a source
    no_source: Share  # matched pairs whose gold has no source: right when no mention is predicted
    calibration: Calibration
    publishers: dict[str, PublisherScores]  # docs without a publisher under "unknown"
    unknown_docs: tuple[str, ...]  # prediction doc ids with no gold, left unscored

    def to_dict(self) -> dict[str, Any]:
        def rate(share: Share) -> float:
            return round(100 * share.rate, 1)

        def prob(value: Optional[float]) -> Optional[float]:
            return None if value is None else round(value, 4)

        return {
            "docs": self.docs,
            "counts": {
                "gold": self.attribution.gold,
                "predicted": self.attribution.pred,
                "matched": self.attribution.tp,
                "end_to_end_right": self.end_to_end.tp,
            },
            "roles": {role: {flavour: prf.to_dict() for flavour, prf in flavours.items()} for role, flavours in self.roles.items()},
            "attribution": self.attribution.to_dict(),
            "end_to_end": self.end_to_end.to_dict(),
            "speaker": {
                "accuracy": rate(self.speaker),
                "right": self.speaker.right,
                "total": self.speaker.total,
                "no_source_accuracy": rate(self.no_source),
                "no_source_right": self.no_source.right,
                "no_source_total": self.no_source.total,
            },
            "calibration": {
                "ece": prob(self.calibration.ece),
                "auroc": prob(self.calibration.auroc),
                "bins": [
                    {
                        "low": b.low,
                        "high": b.high,
                        "count": b.count,
                        "mean_confidence": prob(b.mean_confidence),
                        "accuracy": prob(b.accuracy),
                    }
                    for b in self.calibration.bins
                ],
            },
            "publishers": {
                name: {"docs": p.docs, "attribution": p.attribution.to_dict(), "end_to_end": p.end_to_end.to_dict()}
                for name, p in self.publishers.items()
            },
            "unknown_docs": list(self.unknown_docs),
        }


def _add(totals: dict[str, list[int]], key: str, tp: int, gold: int, pred: int) -> None:
    counts = totals.setdefault(key, [0, 0, 0])
    counts[0] += tp
    counts[1] += gold
    counts[2] += pred


def score(gold_docs: Sequence[GoldDocument], predictions: Mapping[str, Sequence[Attribution]]) -> EvalReport:
    """Score predictions (doc id -> attributions; a missing doc means none) against gold."""
    outcomes = per_prediction_outcomes(gold_docs, predictions)
    by_doc: dict[str, list[PredictionOutcome]] = {}
    for outcome in outcomes:
        by_doc.setdefault(outcome.doc, []).append(outcome)

    role_totals: dict[str, list[int]] = {}
    attribution: dict[str, list[int]] = {}  # per publisher, and "" for the whole set
    end_to_end: dict[str, list[int]] = {}
    publisher_docs: dict[str, int] = {}
    for doc in gold_docs:
        doc_outcomes = by_doc.get(doc.doc, [])
        for role, flavours in _role_scores(doc, [o.prediction for o in doc_outcomes]).items():
            for flavour, counts in flavours.items():
                _add(role_totals, f"{role}/{flavour}", *counts)
        publisher = doc.publisher or "unknown"
        publisher_docs[publisher] = publisher_docs.get(publisher, 0) + 1
        gold_count, pred_count = len(doc.attributions), len(doc_outcomes)
        matched = sum(1 for o in doc_outcomes if o.gold is not None)
        right = sum(1 for o in doc_outcomes if o.correct)
        for key in ("", publisher):
            _add(attribution, key, matched, gold_count, pred_count)
            _add(end_to_end, key, right, gold_count, pred_count)

    matched_outcomes = [o for o in outcomes if o.gold is not None]
    sourced = [o for o in matched_outcomes if o.gold.source]
    unsourced = [o for o in matched_outcomes if not o.gold.source]
    return EvalReport(
        docs=len(gold_docs),
        roles={role: {f: PRF(*role_totals.get(f"{role}/{f}", (0, 0, 0))) for f in ("exact", "overlap")} for role in ROLES},
        attribution=PRF(*attribution.get("", (0, 0, 0))),
        end_to_end=PRF(*end_to_end.get("", (0, 0, 0))),
        speaker=Share(sum(o.speaker_right for o in sourced), len(sourced)),
        no_source=Share(sum(o.speaker_right for o in unsourced), len(unsourced)),
        calibration=calibration([o.prediction.confidence for o in outcomes], [o.correct for o in outcomes]),
        publishers={
            name: PublisherScores(publisher_docs[name], PRF(*attribution[name]), PRF(*end_to_end[name]))
            for name in sorted(publisher_docs)
        },
        unknown_docs=tuple(sorted(set(predictions) - {doc.doc for doc in gold_docs})),
    )


# ---------------------------------------------------------------- annotator agreement
#
# How far two people agree bounds what any extractor can score against one of them: the
# PolNeAR articles that several annotators marked give that measure, with the same
# scorer and the same rules as the scores of attrib.


def gold_as_predictions(doc: GoldDocument) -> list[Attribution]:
    """An annotator's attributions in the shape of predictions, to score against another
    annotator. Only the spans are scored; kind and speaker type are placeholders."""
    predictions = []
    for gold in doc.attributions:
        mention = Spans.from_offsets(doc.text, list(gold.source)) if gold.source else None
        predictions.append(
            Attribution(
                doc=doc.doc,
                kind="indirect",
                content=Spans.from_offsets(doc.text, list(gold.content)),
                cue=Spans.from_offsets(doc.text, list(gold.cue)) if gold.cue else None,
                speaker=Speaker(name=mention.text, type="unknown", mention=mention) if mention else None,
                confidence=1.0,
            )
        )
    return predictions


def multiply_annotated(articles: Sequence[Mapping[str, GoldDocument]]) -> list[Mapping[str, GoldDocument]]:
    """The articles two or more annotators marked."""
    return [by_annotator for by_annotator in articles if len(by_annotator) >= 2]


def annotator_agreement(articles: Sequence[Mapping[str, GoldDocument]]) -> EvalReport:
    """One annotator scored against another, for every ordered pair of annotators of each
    article that several marked, pooled (so precision one way is recall the other, and
    F1 is symmetric). Each pair is scored as its own document."""
    golds: list[GoldDocument] = []
    predictions: dict[str, list[Attribution]] = {}
    for by_annotator in multiply_annotated(articles):
        for gold_annotator, other in permutations(sorted(by_annotator), 2):
            key = f"{by_annotator[gold_annotator].doc} ({other} against {gold_annotator})"
            golds.append(replace(by_annotator[gold_annotator], doc=key))
            predictions[key] = gold_as_predictions(replace(by_annotator[other], doc=key))
    return score(golds, predictions)


def score_against_each_annotator(
    articles: Sequence[Mapping[str, GoldDocument]], predictions: Mapping[str, Sequence[Attribution]]
) -> EvalReport:
    """Predictions (by article id) scored against every annotator of each article that
    several marked, pooled: comparable with `annotator_agreement` on the same articles."""
    golds: list[GoldDocument] = []
    keyed: dict[str, Sequence[Attribution]] = {}
    for by_annotator in multiply_annotated(articles):
        for annotator, gold in sorted(by_annotator.items()):
            key = f"{gold.doc} (against {annotator})"
            golds.append(replace(gold, doc=key))
            keyed[key] = [replace(prediction, doc=key) for prediction in predictions.get(gold.doc, ())]
    return score(golds, keyed)


# ---------------------------------------------------------------- text report


def _prf_row(label: str, prf: PRF) -> str:
    return f"{label:<22}{100 * prf.precision:>7.1f}{100 * prf.recall:>7.1f}{100 * prf.f1:>7.1f}{prf.tp:>7}{prf.gold:>7}{prf.pred:>7}"


def _optional(value: Optional[float], spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_report(report: EvalReport) -> str:
    """A plain-text table of the report: P/R/F1 in percent, calibration on the 0-1 scale."""
    header = f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>7}{'gold':>7}{'pred':>7}"
    lines = [f"documents: {report.docs}", "", header]
    for role, flavours in report.roles.items():
        for flavour, prf in flavours.items():
            lines.append(_prf_row(f"{role} {flavour}", prf))
    lines.append(_prf_row("attribution", report.attribution))
    lines.append(_prf_row("end-to-end", report.end_to_end))
    lines += [
        "",
        f"speaker accuracy: {100 * report.speaker.rate:.1f}% ({report.speaker.right}/{report.speaker.total} matched with a gold source)",
        f"no-source gold: {100 * report.no_source.rate:.1f}% ({report.no_source.right}/{report.no_source.total} matched, predicted without a mention)",
        "",
        f"calibration: ECE {_optional(report.calibration.ece, '.4f')}, AUROC {_optional(report.calibration.auroc, '.4f')}",
        f"{'confidence':<12}{'n':>7}{'mean conf':>11}{'accuracy':>10}",
    ]
    for b in report.calibration.bins:
        lines.append(
            f"{b.low:.1f}-{b.high:.1f}{'':<5}{b.count:>7}{_optional(b.mean_confidence, '.3f'):>11}{_optional(b.accuracy, '.3f'):>10}"
        )
    lines += ["", f"{'publisher':<16}{'docs':>5}{'attr P':>8}{'R':>7}{'F1':>7}{'e2e P':>8}{'R':>7}{'F1':>7}"]
    for name, p in report.publishers.items():
        a, e = p.attribution, p.end_to_end
        lines.append(
            f"{name:<16}{p.docs:>5}{100 * a.precision:>8.1f}{100 * a.recall:>7.1f}{100 * a.f1:>7.1f}"
            f"{100 * e.precision:>8.1f}{100 * e.recall:>7.1f}{100 * e.f1:>7.1f}"
        )
    if report.unknown_docs:
        lines += ["", f"not scored (no gold): {', '.join(report.unknown_docs)}"]
    return "\n".join(lines)
