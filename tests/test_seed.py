"""The seed article against its 11 gold statements (exactly those), the JSON contract and span offsets."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from attrib.lexicons import read_data_file
from conftest import FIXTURES, describe

SEED = "us-venezuela-relations"
TEXT = (FIXTURES / f"{SEED}.txt").read_text(encoding="utf-8")
GOLD = json.loads((FIXTURES / f"{SEED}.gold.json").read_text(encoding="utf-8"))["attributions"]

# Characters trimmed from the edges of a content span before comparing.
EDGE = set(" \t\r\n.,;:!?\"'“”‘’«»()[]—–-")


@pytest.fixture(scope="module")
def predicted(analyze):
    return analyze(TEXT, doc_id=SEED)


def trimmed_chars(text: str, spans) -> set[int]:
    chars: set[int] = set()
    for s, e in spans:
        while s < e and text[s] in EDGE:
            s += 1
        while e > s and text[e - 1] in EDGE:
            e -= 1
        chars.update(range(s, e))
    return chars


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match(predicted) -> dict[int, tuple[object, float]]:
    """Gold index -> (prediction, Dice): one-to-one, best content overlap first, Dice >= 0.5."""
    gold_chars = [trimmed_chars(TEXT, [tuple(s) for s in g["content"]["spans"]]) for g in GOLD]
    pred_chars = [trimmed_chars(TEXT, p.content.spans) for p in predicted]
    pairs = sorted(
        ((dice(g, p), gi, pi) for gi, g in enumerate(gold_chars) for pi, p in enumerate(pred_chars)),
        reverse=True,
    )
    matched: dict[int, tuple[object, float]] = {}
    used: set[int] = set()
    for score, gi, pi in pairs:
        if score < 0.5:
            break
        if gi in matched or pi in used:
            continue
        matched[gi] = (predicted[pi], score)
        used.add(pi)
    return matched


def test_gold_is_consistent_with_text():
    assert len(GOLD) == 11
    for g in GOLD:
        for role in (g["content"], g["cue"], g["speaker"]["mention"] if g["speaker"] else None):
            if role:
                assert role["text"] == " ... ".join(TEXT[s:e] for s, e in role["spans"])


@pytest.mark.parametrize(
    "index", range(len(GOLD)), ids=[f"{i}-{g['speaker']['name']}-{g['kind']}" for i, g in enumerate(GOLD)]
)
def test_gold_attribution_found(predicted, index):
    gold = GOLD[index]
    matched = match([a for a in predicted if a.act == "statement"])
    assert index in matched, (
        f"gold content not found (Dice >= 0.5): {gold['content']['text']!r}\npredicted:\n{describe(predicted)}"
    )
    a, score = matched[index]
    got = (a.speaker.name if a.speaker else None, a.speaker.type if a.speaker else None, a.tier)
    want = (gold["speaker"]["name"], gold["speaker"]["type"], gold["tier"])
    assert got == want, f"(name, type, tier) expected {want}, got {got} (Dice {score:.2f})\n{describe([a])}"


def test_the_statements_are_exactly_the_gold_ones(predicted):
    # Precision as much as recall: every statement attrib shows matches one gold
    # attribution, and there are 11. (Other acts, "signed into law" among them, are not shown.)
    statements = [a for a in predicted if a.act == "statement"]
    matched = {id(a) for a, _ in match(statements).values()}
    extra = [a for a in statements if id(a) not in matched]
    assert not extra and len(statements) == len(GOLD), f"statements matching no gold:\n{describe(extra)}"


def test_records_validate_against_schema(predicted):
    validator = Draft202012Validator(read_data_file("attribution.schema.json"))
    assert predicted, "no attributions on the seed article"
    for a in predicted:
        record = a.to_dict()
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]
        assert not errors, f"{record}\n" + "\n".join(errors)
        assert record["doc"] == SEED


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(read_data_file("attribution.schema.json"))


def test_span_text_matches_offsets(predicted):
    for a in predicted:
        roles = {"content": a.content, "cue": a.cue, "mention": a.speaker.mention if a.speaker else None}
        for role_name, role in roles.items():
            if role is None:
                continue
            assert role.spans, f"{role_name} with no spans: {role}"
            for s, e in role.spans:
                assert 0 <= s < e <= len(TEXT), f"{role_name} span {(s, e)} outside the text"
            fragments = [TEXT[s:e] for s, e in role.spans]
            assert role.text == " ... ".join(fragments), f"{role_name}: {role.text!r} != {fragments!r}"


def test_ids_are_stable_and_unique(analyze, predicted):
    again = analyze(TEXT, doc_id=SEED)
    assert [a.id for a in again] == [a.id for a in predicted]
    assert len({a.id for a in predicted}) == len(predicted)
