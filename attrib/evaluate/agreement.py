"""Annotator agreement: how far two people agree bounds what any extractor can score
against one of them. The PolNeAR articles that several annotators marked give that
measure, with the same scorer and the same rules as the scores of attrib."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations
from typing import Mapping, Sequence

from attrib.evaluate.gold import GoldDocument
from attrib.evaluate.scores import EvalReport, score
from attrib.model import Attribution, Speaker, Spans


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
