"""Fit the role tagger (`attrib/extract/roles.py`) on PolNeAR train, and give the rest of
training its view of train as it would see unseen text.

The engine's other learned parts (the cue model, the cue words' precision, the edge
model, confidence) take the tagger's probabilities as evidence and are fitted on train
too. Fitted on the tagger's view of articles it was trained on, they would learn to
trust it far more than it deserves on new text. So train is split into FOLDS parts by
article; a tagger fitted on the others tags each part ("cross-fitted" probabilities),
and the downstream parts learn from those. The shipped tagger is fitted on all of train.

The fit uses PyTorch (`pip install torch`; only training needs it: the engine runs the
tagger in numpy). Deterministic: every fit is seeded, runs on one CPU thread with
PyTorch's deterministic algorithms, and draws its batches from a seeded generator; the
folds and the final fit run in parallel processes.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from spacy.tokens import Doc

from attrib.evaluate import GoldDocument
from attrib.extract import role_tagger as roles
from attrib.extract.role_tagger import COLUMNS, CONTENT, CONTENT_END, CONTENT_START, CUE, FIXED_VOCABULARIES, ROLES, SOURCE
from attrib.learn.corpus import save_arrays
from attrib.models import MODELS_DIR

# Chosen with a prototype on PolNeAR train and dev (see docs/accuracy.md, sixth round).
SETTINGS = {
    "hidden": 64,
    "layers": 2,
    "embed_widths": {"lower": 32, "tag": 16, "dep": 16, "entity": 8, "head_lemma": 16, "quoted": 4, "head_side": 4},
    "epochs": 10,
    "batch_paragraphs": 32,
    "learning_rate": 0.002,
    "dropout": 0.3,
    "lstm_dropout": 0.2,
    "gradient_clip": 5.0,
    "folds": 3,
    # A form or head lemma needs this many uses on train for an embedding of its own.
    "min_count": {"lower": 5, "head_lemma": 10},
}


# Where `python -m attrib.learn roles` keeps train's cross-fitted role probabilities
# for the steps after it (not package data: it is only read by training).
ROLES_CACHE = Path(".attrib-train/train-roles.npz")


def role_labels(gold: GoldDocument, doc: Doc) -> np.ndarray:
    """For every word, whether a gold attribution has it in a content, cue or source,
    and whether a gold content fragment starts or ends with it (edges trimmed of white space)."""
    labels = np.zeros((len(doc), len(ROLES)), dtype=np.float32)
    starts = np.array([t.idx for t in doc])
    ends = starts + np.array([len(t.text) for t in doc])
    text = doc.text
    for attribution in gold.attributions:
        for role, spans in ((CONTENT, attribution.content), (CUE, attribution.cue), (SOURCE, attribution.source)):
            for start, end in spans:
                labels[(starts < end) & (ends > start), role] = 1.0
        for start, end in attribution.content:
            fragment = text[start:end]
            first, last = start + len(fragment) - len(fragment.lstrip()), start + len(fragment.rstrip())
            labels[starts == first, CONTENT_START] = 1.0
            labels[ends == last, CONTENT_END] = 1.0
    return labels


def vocabularies(docs: Sequence[Doc]) -> dict[str, list[str]]:
    counts = {name: Counter() for name in COLUMNS if name not in FIXED_VOCABULARIES}
    for doc in docs:
        values = roles.word_values(doc)
        for name, counter in counts.items():
            counter.update(values[name])
    vocabs = {name: list(vocab) for name, vocab in FIXED_VOCABULARIES.items()}
    for name, counter in counts.items():
        least = SETTINGS["min_count"].get(name, 1)
        vocabs[name] = sorted(value for value, n in counter.items() if n >= least)
    return {name: vocabs[name] for name in COLUMNS}


def _sequences(doc: Doc, index: roles.WordIndex, labels: np.ndarray) -> list[tuple]:
    """The article's paragraphs as (word ids, token vectors, labels), as the tagger reads them."""
    ids = index(doc)
    tensor = np.asarray(doc.tensor, dtype=np.float32)
    return [(ids[s:e], tensor[s:e], labels[s:e]) for s, e in roles.paragraphs(doc)]


def _network(vocab_sizes: dict[str, int], tensor_width: int):
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            widths = SETTINGS["embed_widths"]
            self.embed = nn.ModuleList([nn.Embedding(vocab_sizes[name] + 1, widths[name]) for name in COLUMNS])
            self.dropout = nn.Dropout(SETTINGS["dropout"])
            self.lstm = nn.LSTM(sum(widths.values()) + tensor_width, SETTINGS["hidden"], num_layers=SETTINGS["layers"],
                                bidirectional=True, batch_first=True, dropout=SETTINGS["lstm_dropout"])
            self.out = nn.Linear(2 * SETTINGS["hidden"], len(ROLES))

        def forward(self, ids, tensor, lengths):
            x = torch.cat([embed(ids[..., k]) for k, embed in enumerate(self.embed)] + [tensor], dim=-1)
            packed = nn.utils.rnn.pack_padded_sequence(self.dropout(x), lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=ids.shape[1])
            return self.out(self.dropout(h))

    return Tagger()


def _batch(sequences: list[tuple]):
    import torch

    lengths = [len(ids) for ids, _, _ in sequences]
    steps = max(lengths)
    ids = np.zeros((len(sequences), steps, len(COLUMNS)), dtype=np.int64)
    tensor = np.zeros((len(sequences), steps, sequences[0][1].shape[1]), dtype=np.float32)
    labels = np.zeros((len(sequences), steps, len(ROLES)), dtype=np.float32)
    mask = np.zeros((len(sequences), steps), dtype=np.float32)
    for row, (i, t, y) in enumerate(sequences):
        n = len(i)
        ids[row, :n], tensor[row, :n], labels[row, :n], mask[row, :n] = i, t, y, 1.0
    as_tensor = torch.from_numpy
    return as_tensor(ids), as_tensor(tensor), torch.tensor(lengths), as_tensor(labels), as_tensor(mask)


def train_tagger(sequences: list[tuple], vocabs: dict[str, list[str]], tensor_width: int, seed: int):
    """One tagger fitted on these paragraphs: binary cross-entropy per role, averaged over words."""
    import torch

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    network = _network({name: len(v) for name, v in vocabs.items()}, tensor_width)
    optimizer = torch.optim.Adam(network.parameters(), lr=SETTINGS["learning_rate"])
    loss = torch.nn.BCEWithLogitsLoss(reduction="none")
    order = np.random.RandomState(seed)
    size = SETTINGS["batch_paragraphs"]
    for _ in range(SETTINGS["epochs"]):
        network.train()
        shuffled = order.permutation(len(sequences))
        for first in range(0, len(shuffled), size):
            ids, tensor, lengths, labels, mask = _batch([sequences[i] for i in shuffled[first : first + size]])
            optimizer.zero_grad()
            value = (loss(network(ids, tensor, lengths), labels).sum(-1) * mask).sum() / mask.sum()
            value.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), SETTINGS["gradient_clip"])
            optimizer.step()
    network.eval()
    return network


def exported_weights(network) -> dict[str, np.ndarray]:
    """The network's weights under the names `roles.RoleTagger` reads (one LSTM bias,
    PyTorch's input and hidden biases summed)."""
    state = {name: value.detach().numpy() for name, value in network.state_dict().items()}
    weights = {f"embed.{name}": state[f"embed.{k}.weight"] for k, name in enumerate(COLUMNS)}
    for layer in range(SETTINGS["layers"]):
        for direction, suffix in (("forward", ""), ("backward", "_reverse")):
            key = f"l{layer}{suffix}"
            weights[f"lstm.{layer}.{direction}.ih"] = state[f"lstm.weight_ih_{key}"]
            weights[f"lstm.{layer}.{direction}.hh"] = state[f"lstm.weight_hh_{key}"]
            weights[f"lstm.{layer}.{direction}.bias"] = state[f"lstm.bias_ih_{key}"] + state[f"lstm.bias_hh_{key}"]
    weights["out.weight"], weights["out.bias"] = state["out.weight"], state["out.bias"]
    return weights


# What a forked process works on: the parent sets it before forking, so that the
# corpus's arrays are shared, not pickled.
_SHARED: dict = {}


def _fit_part(part: Optional[int]) -> tuple[Optional[int], dict]:
    """Fold `part`: fit on the other folds' articles, return the tagger's P(role) for
    this fold's articles, by the numpy tagger the engine runs. None: the final tagger,
    fitted on all of train; return its weights."""
    articles, vocabs, width = _SHARED["articles"], _SHARED["vocabs"], _SHARED["width"]
    folds = SETTINGS["folds"]
    if part is None:
        chosen = range(len(articles))
    else:
        chosen = [i for i in range(len(articles)) if i % folds != part]
    network = train_tagger([s for i in chosen for s in articles[i]], vocabs, width, seed=0 if part is None else part + 1)
    weights = {name: array.astype("<f2") for name, array in exported_weights(network).items()}
    if part is None:
        return None, weights
    tagger = roles.RoleTagger(roles.tagger_arrays(_tagger_data(weights, vocabs, width, "", 0)))
    docs = _SHARED["docs"]
    held_out = [i for i in range(len(articles)) if i % folds == part]
    return part, {i: tagger.probabilities(docs[i]) for i in held_out}


def _tagger_data(weights: dict, vocabs: dict, width: int, pipeline: str, articles: int) -> dict:
    return {
        "about": "A bidirectional LSTM from each word in context to P(annotators put it in a content, cue or source; "
        "a content starts or ends at it), fitted on PolNeAR train by `python -m attrib.learn roles`; "
        "read by attrib/extract/role_tagger.py.",
        "roles": list(ROLES),
        "pipeline": pipeline,
        "tensor_width": width,
        "layers": SETTINGS["layers"],
        "settings": SETTINGS,
        "trained_on": articles,
        "vocabularies": vocabs,
        "weights": weights,
    }


def fit_roles(
    golds: Sequence[GoldDocument], docs: Sequence[Doc], pipeline: str, processes: int = 2
) -> tuple[dict, list[np.ndarray]]:
    """The tagger's data (for `tagger_arrays`, attrib/models/role_tagger.npz) and the cross-fitted P(role) of
    every train article, in corpus order. `pipeline` is the identity of the pipeline
    that parsed them (`attrib.pipeline.pipeline_identity`): the tagger reads its vectors only."""
    vocabs = vocabularies(docs)
    width = docs[0].tensor.shape[1]
    index = roles.WordIndex(vocabs)
    articles = [_sequences(doc, index, role_labels(gold, doc)) for gold, doc in zip(golds, docs)]
    _SHARED.update(articles=articles, docs=list(docs), vocabs=vocabs, width=width)
    parts: list[Optional[int]] = [None, *range(SETTINGS["folds"])]
    try:
        if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(processes) as pool:
                results = pool.map(_fit_part, parts, chunksize=1)
        else:
            results = [_fit_part(part) for part in parts]
    finally:
        _SHARED.clear()
    cross_fitted: dict[int, np.ndarray] = {}
    weights: dict = {}
    for part, result in results:
        if part is None:
            weights = result
        else:
            cross_fitted.update(result)
    return _tagger_data(weights, vocabs, width, pipeline, len(docs)), [cross_fitted[i] for i in range(len(docs))]


def fit_role_tagger(golds: list[GoldDocument], docs: list[Doc], pipeline: str, processes: int,
                    directory: Path = MODELS_DIR) -> tuple[dict, list[np.ndarray]]:
    data, cross_fitted = fit_roles(golds, docs, pipeline, processes)
    save_arrays("role_tagger", roles.tagger_arrays(data), data, "python -m attrib.learn roles", directory)
    return data, cross_fitted


def save_cross_fitted(path: Path, golds: list[GoldDocument], cross_fitted: list[np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, ids=np.array([g.doc for g in golds]), *cross_fitted)


def load_cross_fitted(path: Path, golds: list[GoldDocument]) -> list[np.ndarray]:
    """The cross-fitted role probabilities `roles` saved for these articles."""
    if not path.exists():
        raise SystemExit(f"{path}: no cross-fitted role probabilities; run `python -m attrib.learn roles` first")
    with np.load(path) as saved:
        if list(saved["ids"]) != [g.doc for g in golds]:
            raise SystemExit(f"{path}: saved for other articles; run `python -m attrib.learn roles` again")
        return [saved[f"arr_{i}"] for i in range(len(golds))]
