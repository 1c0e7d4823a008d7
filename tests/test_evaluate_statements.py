"""The statement-sense scorer: matching, optional gold, speaker names, tiers, act confusion."""

from __future__ import annotations

import json

from attrib.evaluate.statements import (
    is_statement_gold, read_statement_gold, same_speaker, score_statements,
)
from attrib.model import Attribution, Spans, Speaker

TEXT = "Ana Ruiz said the vote was fair. Critics said it was rigged. Lee believes the count was wrong."


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def gold_file(tmp_path, statements):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc": "d", "text": TEXT, "attributions": statements}) + "\n", encoding="utf-8")
    return path


def predicted(words: str, name, tier: int, act: str = "statement", confidence: float = 0.9) -> Attribution:
    speaker = Speaker(name, "person", None) if name else None
    return Attribution(doc="d", kind="indirect", content=Spans.from_offsets(TEXT, [span(words)]), cue=None,
                       speaker=speaker, tier=tier, confidence=confidence, act=act)


def test_optional_gold_neither_counts_nor_penalises_and_names_decide(tmp_path):
    path = gold_file(tmp_path, [
        {"content": [list(span("the vote was fair"))], "name": "Ana Ruiz", "type": "person", "tier": 1},
        {"content": [list(span("it was rigged"))], "name": "critics", "type": "anonymous", "tier": 3},
        {"content": [list(span("the count was wrong"))], "name": "Lee", "type": "person", "tier": 1, "optional": True},
    ])
    assert is_statement_gold(path)
    predictions = {"d": [
        predicted("the vote was fair", "Ruiz", 1),  # a person's surname: right
        predicted("it was rigged", "Ana Ruiz", 3),  # another name: found, wrongly named
        predicted("the count was wrong", "Lee", 1),  # optional gold: left out of every figure
    ]}
    report = score_statements(read_statement_gold(path), predictions)
    assert (report.statement.tp, report.statement.gold, report.statement.pred) == (2, 2, 2)
    assert (report.name.tp, report.name.gold, report.name.pred) == (1, 2, 2)
    assert report.tier_accuracy == 1.0
    assert report.calibration.ece is not None


def test_only_the_acts_asked_for_are_scored_and_the_confusion_sees_every_act(tmp_path):
    path = gold_file(tmp_path, [
        {"content": [list(span("the vote was fair"))], "name": "Ana Ruiz", "type": "person", "tier": 1},
    ])
    predictions = {"d": [predicted("the vote was fair", "Ana Ruiz", 1, act="other"),
                         predicted("the count was wrong", "Lee", 1, act="thought")]}
    report = score_statements(read_statement_gold(path), predictions)
    assert (report.statement.tp, report.statement.pred) == (0, 0)
    assert report.act_of_statements == {"other": 1}
    assert report.act_of_non_statements == {"thought": 1}


def test_same_speaker_follows_the_judge():
    assert same_speaker("US Supreme Court", "U.S. Supreme Court", "government")
    assert not same_speaker("US Supreme Court", "Supreme Court", "government")
    assert same_speaker("people familiar with the plans", "people", "anonymous")
    assert not same_speaker("Ammar Askar", "computer programmer", "person")
    assert same_speaker("Barack Obama", "President Obama", "person")
