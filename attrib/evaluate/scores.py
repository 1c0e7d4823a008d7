"""The scores: role-level, attribution-level and end-to-end precision, recall and F1,
speaker accuracy, calibration of `confidence`, and the scores per publisher
(`score`); `per_prediction_outcomes`, the per-prediction rightness they are built on."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any, Mapping, Optional, Sequence

from attrib.evaluate.gold import ROLES, GoldAttribution, GoldDocument
from attrib.evaluate.matching import covered_chars, dice_overlap, one_to_one, predicted_spans
from attrib.model import Attribution

# Dice threshold for "overlap" matches (README: overlap = Dice >= 0.5).
OVERLAP = 0.5
# Dice of 1.0 is exact: 2|A∩B| / (|A|+|B|) is 1.0 in floating point only when A == B.
EXACT = 1.0
N_BINS = 10


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
    mention = predicted_spans(doc, prediction, "source")
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
        pred_content = [covered_chars(doc.text, predicted_spans(doc, pred, "content")) for pred in preds]
        matches = one_to_one(gold_content, pred_content, OVERLAP)
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
        pred = list(dict.fromkeys(c for c in (covered_chars(doc.text, predicted_spans(doc, p, role)) for p in preds) if c))
        scores[role] = {
            "exact": (len(one_to_one(gold, pred, EXACT)), len(gold), len(pred)),
            "overlap": (len(one_to_one(gold, pred, OVERLAP)), len(gold), len(pred)),
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
