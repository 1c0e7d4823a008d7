"""Train as the fitters read it: each article's gold, its parse and the role tagger's
cross-fitted view of it; the engine's candidates on it; where the fitted data is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from attrib.engine import attribute
from attrib.evaluate import GoldDocument, read_gold
from attrib.lexicons import load_lexicon
from attrib.model import Attribution

DATA_DIR = Path(__file__).parent.parent / "data"
# A feature of a linear model needs this many rows on train.
MIN_FEATURE_COUNT = 3

# A train article: its gold, its parse, and the role tagger's cross-fitted view of it
# (None: decide without the tagger).
Corpus = list[tuple[GoldDocument, Doc, Optional[np.ndarray]]]


def parse_split(polnear: Path, split: str, n_process: int) -> tuple[list[GoldDocument], list[Doc], str]:
    """The split's gold, its parses, and the pipeline's identity."""
    from attrib.pipeline import load_pipeline, pipeline_identity

    gold_docs = read_gold(polnear / f"{split}.gold.jsonl")
    nlp = load_pipeline(with_attrib=False)
    docs = list(nlp.pipe((g.text for g in gold_docs), n_process=n_process, batch_size=16))
    return gold_docs, docs, pipeline_identity(nlp)


def predicted(corpus: Corpus, use_edge_model: bool = True) -> dict[str, list[Attribution]]:
    """Every candidate the engine finds on the corpus, none dropped as unlikely."""
    load_lexicon.cache_clear()  # pick up the data files as they are now
    return {
        gold.doc: attribute(doc, gold.doc, use_edge_model=use_edge_model, roles=roles, tag_roles=False, keep_all=True)
        for gold, doc, roles in corpus
    }


def write_data(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
