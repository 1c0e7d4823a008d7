"""Train as the fitters read it: each article's gold, its parse and the role tagger's
cross-fitted view of it; the engine's candidates on it; where the fitted data is written."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from attrib import models
from attrib.engine import attribute
from attrib.evaluate import GoldDocument, read_gold
from attrib.lexicons import load_lexicon
from attrib.model import Attribution
from attrib.models import MODELS_DIR

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
    load_lexicon.cache_clear()  # pick up the models as they are now
    return {
        gold.doc: attribute(doc, gold.doc, use_edge_model=use_edge_model, roles=roles, tag_roles=False, keep_all=True)
        for gold, doc, roles in corpus
    }


# What the sidecar holds rather than the model file: what the model is and what it was
# fitted on (see attrib/models/__init__.py).
SIDECAR_KEYS = ("about", "trained_on", "settings", "roles")


def sidecar(data: dict, command: str) -> dict:
    about = {key: data[key] for key in SIDECAR_KEYS if key in data}
    return {**about, "fitted_on": "PolNeAR train", "command": command}


def save_weights(name: str, data: dict, command: str, directory: Path = MODELS_DIR) -> None:
    """A model of named weights: NAME.json, and its sidecar."""
    model = {key: value for key, value in data.items() if key not in SIDECAR_KEYS}
    models.write_weights(name, model, sidecar(data, command), directory)


def save_arrays(name: str, arrays: dict[str, np.ndarray], data: dict, command: str, directory: Path = MODELS_DIR) -> None:
    """A model of arrays: NAME.npz, and its sidecar (from `data`'s description)."""
    models.write_arrays(name, arrays, sidecar(data, command), directory)
