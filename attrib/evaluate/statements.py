"""Score attrib against gold annotated to the statement sense (../shared/statements/GUIDE.md).

The gold is JSON Lines, one article a line: `{"doc", "text", "attributions": [{"content",
"cue", "source", "name", "type", "tier", "optional"}]}`. Scoring follows the project's
judge (`name_score.py` beside the gold): a prediction matches a gold statement when their
contents overlap (Dice >= 0.5, greedy one-to-one, best first); it names the speaker right
when the names agree (`same_speaker`); optional gold neither counts nor penalises (a
prediction matching it is left out of every figure). Reported: statement P/R/F1
(content matched, whoever the speaker), name P/R/F1 (content and name right), tier
accuracy over the rightly named, calibration of `confidence` against "content and name
right", and the act confusion: the act attrib gave each gold statement it found, and
the acts of what it found that is no statement at all. Predictions of every act are
scored for the confusion; the other figures see only the acts asked for (statements by
default), as a reader of `attrib analyze` would.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence

from attrib.evaluate.gold import jsonl_records, required_field, span_list
from attrib.evaluate.matching import covered_chars, one_to_one
from attrib.evaluate.scores import OVERLAP, PRF, Calibration, calibration
from attrib.model import ACTS, DEFAULT_ACTS, Attribution, Span

# Words a name is compared without (titles, articles, company suffixes), and words an
# unnamed source's description may drop: as the judge's `name_score.py` has them.
NAME_TITLES = {"the", "a", "an", "mr", "mrs", "ms", "dr", "president", "senator", "sen", "minister", "us", "u.s.",
               "corp", "inc", "ltd", "co", "llc", "plc", "group"}
DESCRIPTION_STOP_WORDS = {"of", "in", "at", "for", "from", "with", "on", "by", "and", "to", "who", "its", "his", "her", "their"}
NOT_FOUND = "not found"


@dataclass(frozen=True)
class GoldStatement:
    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    name: Optional[str]
    type: str
    tier: int
    optional: bool


@dataclass(frozen=True)
class StatementDocument:
    doc: str
    text: str
    statements: tuple[GoldStatement, ...]


def is_statement_gold(path: str | Path) -> bool:
    """Whether a .jsonl gold file is annotated to the statement sense (its attributions
    carry a speaker name and a tier)."""
    path = Path(path)
    if path.suffix != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                try:
                    attributions = json.loads(line).get("attributions") or []
                except (json.JSONDecodeError, AttributeError):
                    return False
                return bool(attributions) and isinstance(attributions[0], dict) and "tier" in attributions[0] and "name" in attributions[0]
    return False


def read_statement_gold(path: str | Path) -> list[StatementDocument]:
    def document(record: Any) -> StatementDocument:
        text = required_field(record, "text", str)
        statements = tuple(
            GoldStatement(
                content=span_list(required_field(item, "content", list), len(text)),
                cue=span_list(item.get("cue") or [], len(text)),
                source=span_list(item.get("source") or [], len(text)),
                name=item.get("name"),
                type=str(item.get("type", "")),
                tier=int(required_field(item, "tier", int)),
                optional=bool(item.get("optional")),
            )
            for item in required_field(record, "attributions", list)
        )
        return StatementDocument(required_field(record, "doc", str), text, statements)

    return jsonl_records(Path(path), document)


def _name_words(name: Optional[str]) -> list[str]:
    # As the judge splits a name: lower case, possessives and edge punctuation dropped.
    return [w.strip(".,'\u2019s") for w in (name or "").lower().replace("'s", "").split() if w.strip(".,")]


def same_speaker(gold_name: Optional[str], predicted_name: Optional[str], gold_type: str) -> bool:
    """The judge's rule: equal names without titles, or every word of the gold name in the
    predicted one, or two people with the same last word, or (for an unnamed source) a
    prediction that is a shorter form of gold's description."""
    gold_words = [w for w in _name_words(gold_name) if w not in NAME_TITLES]
    predicted_words = [w for w in _name_words(predicted_name) if w not in NAME_TITLES]
    if not gold_words or not predicted_words:
        return False
    if gold_words == predicted_words or set(gold_words) <= set(predicted_words):
        return True
    if gold_type == "person" and gold_words[-1] == predicted_words[-1]:
        return True
    gold_core, predicted_core = set(gold_words) - DESCRIPTION_STOP_WORDS, set(predicted_words) - DESCRIPTION_STOP_WORDS
    return gold_type == "anonymous" and bool(predicted_core) and predicted_core <= gold_core


def _named_right(gold: GoldStatement, prediction: Attribution) -> bool:
    name = prediction.speaker.name if prediction.speaker else None
    if gold.tier == 4:
        return not name or prediction.tier == 4
    return same_speaker(gold.name, name, gold.type)


@dataclass(frozen=True)
class StatementOutcome:
    """One prediction of the acts scored, against the statement gold."""

    doc: str
    prediction: Attribution
    gold: Optional[GoldStatement]  # the non-optional gold statement it matched, if any
    named_right: bool

    @property
    def correct(self) -> bool:
        return self.gold is not None and self.named_right


@dataclass
class StatementReport:
    documents: int
    statement: PRF
    name: PRF
    tier_accuracy: float
    calibration: Calibration
    acts: tuple[str, ...]
    # Gold statements by the act of the prediction that found them (NOT_FOUND if none);
    # predictions that match no gold statement (optional ones aside), by act.
    act_of_statements: dict[str, int] = field(default_factory=dict)
    act_of_non_statements: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "acts": list(self.acts),
            "statement": self.statement.to_dict(),
            "name": self.name.to_dict(),
            "tier_accuracy": round(100 * self.tier_accuracy, 1),
            "ece": None if self.calibration.ece is None else round(self.calibration.ece, 4),
            "auroc": None if self.calibration.auroc is None else round(self.calibration.auroc, 4),
            "act_of_statements": self.act_of_statements,
            "act_of_non_statements": self.act_of_non_statements,
        }


def _matches(doc: StatementDocument, predictions: Sequence[Attribution]) -> dict[int, int]:
    """{prediction index: gold index} by content overlap, best Dice first."""
    gold_chars = [covered_chars(doc.text, s.content) for s in doc.statements]
    predicted_chars = [covered_chars(doc.text, p.content.spans) for p in predictions]
    return {p: g for p, (g, _) in one_to_one(gold_chars, predicted_chars, OVERLAP).items()}


def statement_outcomes(
    docs: Sequence[StatementDocument], predictions: Mapping[str, Sequence[Attribution]], acts: frozenset[str] = DEFAULT_ACTS
) -> list[StatementOutcome]:
    """Each prediction of the chosen acts that counts (not one matching optional gold)."""
    outcomes = []
    for doc in docs:
        shown = [p for p in predictions.get(doc.doc, ()) if p.act in acts]
        matched = _matches(doc, shown)
        for index, prediction in enumerate(shown):
            gold = doc.statements[matched[index]] if index in matched else None
            if gold is not None and gold.optional:
                continue
            outcomes.append(StatementOutcome(doc.doc, prediction, gold, gold is not None and _named_right(gold, prediction)))
    return outcomes


def score_statements(
    docs: Sequence[StatementDocument], predictions: Mapping[str, Sequence[Attribution]], acts: frozenset[str] = DEFAULT_ACTS
) -> StatementReport:
    outcomes = statement_outcomes(docs, predictions, acts)
    gold_count = sum(1 for doc in docs for s in doc.statements if not s.optional)
    found = sum(1 for o in outcomes if o.gold is not None)
    named = [o for o in outcomes if o.correct]
    tiers_right = sum(1 for o in named if o.prediction.tier == o.gold.tier)
    act_of_statements: Counter[str] = Counter()
    act_of_non_statements: Counter[str] = Counter()
    for doc in docs:
        every = list(predictions.get(doc.doc, ()))
        matched = _matches(doc, every)
        found_gold = {g: every[p].act for p, g in matched.items()}
        for g, statement in enumerate(doc.statements):
            if not statement.optional:
                act_of_statements[found_gold.get(g, NOT_FOUND)] += 1
        for index, prediction in enumerate(every):
            if index not in matched:
                act_of_non_statements[prediction.act] += 1
    return StatementReport(
        documents=len(docs),
        statement=PRF(found, gold_count, len(outcomes)),
        name=PRF(len(named), gold_count, len(outcomes)),
        tier_accuracy=tiers_right / len(named) if named else 0.0,
        calibration=calibration([o.prediction.confidence for o in outcomes], [o.correct for o in outcomes]),
        acts=tuple(a for a in ACTS if a in acts),
        act_of_statements={a: act_of_statements[a] for a in (*ACTS, NOT_FOUND) if act_of_statements[a]},
        act_of_non_statements={a: act_of_non_statements[a] for a in ACTS if act_of_non_statements[a]},
    )


def format_statement_report(report: StatementReport) -> str:
    def row(label: str, prf: PRF) -> str:
        return f"{label:<12} {100 * prf.precision:6.1f} {100 * prf.recall:6.1f} {100 * prf.f1:6.1f} {prf.tp:6d} {prf.gold:6d} {prf.pred:6d}"

    ece, auroc = report.calibration.ece, report.calibration.auroc
    lines = [
        f"documents: {report.documents} (statement sense; acts shown: {', '.join(report.acts)})",
        "",
        f"{'':<12} {'P':>6} {'R':>6} {'F1':>6} {'TP':>6} {'gold':>6} {'pred':>6}",
        row("statement", report.statement),
        row("name", report.name),
        "",
        f"tier accuracy (rightly named): {100 * report.tier_accuracy:.1f}%",
        f"calibration (content and name right): ECE {'-' if ece is None else f'{ece:.4f}'}, "
        f"AUROC {'-' if auroc is None else f'{auroc:.4f}'}",
        "",
        "gold statements by the act attrib gave them: "
        + ", ".join(f"{act} {n}" for act, n in report.act_of_statements.items()),
        "found, matching no statement, by act: " + ", ".join(f"{act} {n}" for act, n in report.act_of_non_statements.items()),
    ]
    return "\n".join(lines)
