"""The edge model (attrib/extract/edge_model.py): logistic weights from the words around
a possible content edge to the chance that the annotators put the edge there, fitted
on the contents the engine finds on train that overlap a gold content."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from attrib.engine import candidates_of
from attrib.evaluate import covered_chars, dice_overlap
from attrib.extract.edge_model import EDGE_MODEL_PATTERNS, DocWords, EdgeChoices
from attrib.learn.corpus import MIN_FEATURE_COUNT, Corpus, save_weights
from attrib.models import MODELS_DIR
from attrib.lexicons import load_lexicon


def _gold_content_for(cand_chars: frozenset[int], cue_chars: frozenset[int], gold_roles: list) -> frozenset[int] | None:
    """The gold content a candidate stands for: the one it overlaps best (Dice >= 0.5),
    else the best-overlapping one with the same cue (edges so far off that the
    statement was missed)."""
    best = max(gold_roles, key=lambda g: dice_overlap(cand_chars, g[0]), default=None)
    if best is not None and dice_overlap(cand_chars, best[0]) >= 0.5:
        return best[0]
    same_cue = [g for g in gold_roles if g[1] & cue_chars and g[0]]
    return max(same_cue, key=lambda g: dice_overlap(cand_chars, g[0]))[0] if same_cue else None


def _edge_rows(corpus: Corpus) -> dict[str, tuple[list[list[str]], list[int]]]:
    """Every word a found content could start or end at, as (features, is where the gold
    content starts / ends), for the contents that stand for a gold one."""
    lexicon = load_lexicon()
    rows: dict[str, tuple[list[list[str]], list[int]]] = {"start": ([], []), "end": ([], [])}
    for gold, doc, roles in corpus:
        text = doc.text
        gold_roles = [(covered_chars(text, a.content), covered_chars(text, a.cue)) for a in gold.attributions]
        candidates = candidates_of(doc, lexicon, roles)
        all_cues = frozenset(c.cue_token for c in candidates)
        words = DocWords(doc, roles)
        for cand in candidates:
            if cand.pattern not in EDGE_MODEL_PATTERNS:
                continue
            target = _gold_content_for(covered_chars(text, cand.content), covered_chars(text, cand.cue), gold_roles)
            choices = EdgeChoices(doc, cand, all_cues, words)
            if not target or not choices.starts or not choices.ends:
                continue
            for position in choices.starts:
                rows["start"][0].append(choices.start_features(position))
                rows["start"][1].append(int(doc[position].idx == min(target)))
            for position in choices.ends:
                rows["end"][0].append(choices.end_features(position))
                rows["end"][1].append(int(doc[position].idx + len(doc[position].text) == max(target) + 1))
    return rows


def fit_edge_model(corpus: Corpus, directory: Path = MODELS_DIR) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    load_lexicon.cache_clear()
    data = {
        "about": "Logistic weights from the words around a possible content edge to P(the gold content starts / "
        "ends there), fitted on PolNeAR train by `python -m attrib.learn edge-model`; another edge replaces the rules' "
        "edge when it scores higher by edge_model.MIN_MARGIN.",
    }
    for side, (rows, labels) in _edge_rows(corpus).items():
        counts = Counter(name for row in rows for name in row)
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform([{n: 1 for n in row if counts[n] >= MIN_FEATURE_COUNT} for row in rows])
        model = LogisticRegression(C=1.0, max_iter=3000)
        model.fit(matrix, labels)
        data[side] = {
            "trained_on": len(labels),
            "weights": {
                name: round(float(w), 4)
                for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
                if abs(w) >= 1e-3
            },
        }
    save_weights("edge_model", data, "python -m attrib.learn edge-model", directory)
    return data
