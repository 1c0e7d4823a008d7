"""The statement sense against its targets (issue 23), in one run and one pipeline load.

    python bench/statements.py                      # ../shared/statements dev, PolNeAR dev, the seed
    python bench/statements.py --statements GOLD.jsonl --polnear GOLD.jsonl

Prints, for the default view (statements):
- on gold annotated to the statement guide: statement F1, speaker-name F1, tier
  accuracy, and ECE / AUROC of `confidence` for "content and name right";
- on PolNeAR dev with every act: attribution and end-to-end F1 against the figures
  before the statement sense (80.4 / 73.6; the target is within one point);
- on the seed article: whether its statements are exactly its 11 gold ones;
each with its target and met / NOT MET. A missing gold file is skipped with a line
saying so (the corpora live beside the project, not in it). Exits 1 when a target
is not met.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import attrib
from attrib.evaluate import read_gold, score
from attrib.evaluate.statements import read_statement_gold, score_statements

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# PolNeAR dev before the statement sense (stop 21), and how far it may move.
POLNEAR_BEFORE = {"attribution": 80.4, "end-to-end": 73.6}
POLNEAR_TOLERANCE = 1.0


def analysed(nlp, docs) -> dict[str, list[attrib.Attribution]]:
    articles = (attrib.Article(id=doc.doc, text=doc.text) for doc in docs)
    return {article.id: found for article, found in attrib.analyze_articles(articles, nlp=nlp)}


def line(label: str, value: float, target: str, met: bool) -> bool:
    print(f"  {label:<28} {value:>7.3f}   target {target:<12} {'met' if met else 'NOT MET'}")
    return met


def statements(nlp, path: Path) -> bool:
    docs = read_statement_gold(path)
    report = score_statements(docs, analysed(nlp, docs))
    print(f"{path} ({report.documents} articles, statements shown):")
    ok = line("statement F1", 100 * report.statement.f1, ">= 90", 100 * report.statement.f1 >= 90)
    ok &= line("speaker-name F1", 100 * report.name.f1, ">= 85", 100 * report.name.f1 >= 85)
    ok &= line("tier accuracy", 100 * report.tier_accuracy, ">= 95", 100 * report.tier_accuracy >= 95)
    ece, auroc = report.calibration.ece or 0.0, report.calibration.auroc or 0.0
    ok &= line("confidence ECE", ece, "<= 0.05", ece <= 0.05)
    ok &= line("confidence AUROC", auroc, ">= 0.85", auroc >= 0.85)
    print(f"  act of the gold statements:  {report.act_of_statements}")
    print(f"  act of what is no statement: {report.act_of_non_statements}")
    return ok


def polnear(nlp, path: Path) -> bool:
    docs = read_gold(path)
    report = score(docs, analysed(nlp, docs))
    print(f"{path} ({len(docs)} articles, every act):")
    ok = True
    for label, prf in (("attribution", report.attribution), ("end-to-end", report.end_to_end)):
        f1 = 100 * prf.f1
        ok &= line(f"{label} F1", f1, f"{POLNEAR_BEFORE[label] - POLNEAR_TOLERANCE:.1f}+",
                   f1 >= POLNEAR_BEFORE[label] - POLNEAR_TOLERANCE)
    return ok


def seed(nlp) -> bool:
    text = (ROOT / "fixtures" / "us-venezuela-relations.txt").read_text(encoding="utf-8")
    gold = json.loads((ROOT / "fixtures" / "us-venezuela-relations.gold.json").read_text(encoding="utf-8"))["attributions"]
    shown = [a for a in attrib.analyze(text, nlp=nlp) if a.act == "statement"]
    got = sorted((a.speaker.name if a.speaker else None, a.tier) for a in shown)
    want = sorted((g["speaker"]["name"], g["tier"]) for g in gold)
    print("seed article:")
    return line("statements (names, tiers)", len(shown), f"== {len(gold)}", got == want)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=Path, default=SHARED / "statements" / "dev.gold.jsonl")
    parser.add_argument("--polnear", type=Path, default=SHARED / "polnear" / "dev.gold.jsonl")
    args = parser.parse_args()
    nlp = attrib.load_pipeline()
    ok = seed(nlp)
    for run, path in ((statements, args.statements), (polnear, args.polnear)):
        if not path.is_file():
            print(f"{path}: not here, skipped")
            continue
        ok &= run(nlp, path)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
