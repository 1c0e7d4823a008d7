"""Which words did annotators mark as what was said, as the cue, as the source? A
learned tagger's view of the whole article.

The rules (the pattern modules `finder.py` runs, with `speakers.py` and `contents.py`) build each
attribution from the parse, one construction at a time. Annotators, though, judge from
the whole sentence: a word is inside what was said when the sentence around it reads as
a report, whatever the parse made of it. So a tagger reads every word of a paragraph in
context (a two-layer bidirectional LSTM over the pipeline's own token vectors,
`doc.tensor`, and the word's form, tag, dependency, entity, head and whether it stands
inside quotation marks) and gives, for each word, the probability that annotators put
it in a content, a cue or a source, and that a content starts or ends at it (ROLES).

It finds no attribution on its own: the engine weighs its view as evidence where the
rules' choices are judgements (is this verb a cue here, where does the content end,
is this attribution right at all). It is fitted on PolNeAR train by `python -m
attrib.learn roles` (`attrib/learn/role_tagger.py`); its weights are data in
`attrib/models/role_tagger.npz`, as half-precision floats, and it runs here in numpy alone.

The token vectors are those of the pipeline it was fitted with (en_core_web_sm 3.8):
another pipeline's vectors mean something else, so for other pipelines
(`reads_pipeline`), and on a Doc with no vectors of the right width, the tagger gives
no view and the engine decides without it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator, Optional, Sequence

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from threadpoolctl import ThreadpoolController

from attrib.extract.doc_text import text_of
from attrib.extract.quotes import find_quotes
from attrib import models

ROLES = ("content", "cue", "source", "content_start", "content_end")
CONTENT, CUE, SOURCE, CONTENT_START, CONTENT_END = range(len(ROLES))
# The word's evidence, one column each. A form or head lemma seen too rarely on train
# shares the unknown row (0) of its embedding.
COLUMNS = ("lower", "tag", "dep", "entity", "head_lemma", "quoted", "head_side")
FIXED_VOCABULARIES = {"quoted": ("no", "yes"), "head_side": ("left", "self", "right")}
# The tagger's probabilities enter the linear models (cue model, edge model) as one
# binary feature per band, so that each band gets a weight of its own.
BANDS = (0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95, 0.98)
_BAND_NAMES = [str(k) for k in range(len(BANDS) + 1)]
# Docs read together (`RoleTagger.probabilities_of`) make a grid of at most so many
# (time step, paragraph) cells, about 2.5 KB each while the LSTM runs.
MAX_GRID_CELLS = 40_000


def band(probability: float) -> str:
    """The band a probability falls in, as a feature value: "0" (under 0.02) to "11"."""
    return str(bisect_right(BANDS, probability))


def bands(probabilities: np.ndarray) -> list[str]:
    """`band` of each probability, all at once. The bounds are compared in the array's
    own precision, as `band` compares a float32 probability (NumPy casts the bound to
    the scalar's type), so the two agree to the last bit."""
    positions = np.searchsorted(np.asarray(BANDS, dtype=probabilities.dtype), probabilities, side="right")
    return [_BAND_NAMES[k] for k in positions.tolist()]


def _quoted(doc: Doc) -> np.ndarray:
    """Whether each word's first character lies inside a quotation (its marks included)."""
    starts = doc.to_array([IDX]).astype(np.int64).ravel()
    inside = np.zeros(len(doc) + 1, dtype=np.int32)
    for quote in find_quotes(text_of(doc)):
        inside[int(np.searchsorted(starts, quote.start))] += 1
        inside[int(np.searchsorted(starts, quote.end))] -= 1
    return np.cumsum(inside)[: len(doc)] > 0


def _head_side(doc: Doc) -> np.ndarray:
    """0, 1, 2: the word's head is before it, is itself, is after it."""
    offsets = doc.to_array([HEAD]).astype(np.int64).ravel()  # head minus word
    return np.sign(offsets) + 1


def word_values(doc: Doc) -> dict[str, list[str]]:
    """Each column's value for every word of the Doc, as strings (what the
    vocabularies are built from, on train)."""
    sides = FIXED_VOCABULARIES["head_side"]
    return {
        "lower": [t.lower_ for t in doc],
        "tag": [t.tag_ for t in doc],
        "dep": [t.dep_ for t in doc],
        "entity": [t.ent_type_ for t in doc],
        "head_lemma": [t.head.lemma_.lower() for t in doc],
        "quoted": ["yes" if q else "no" for q in _quoted(doc)],
        "head_side": [sides[k] for k in _head_side(doc)],
    }


class WordIndex:
    """Row numbers into each embedding (0: unknown), found from the Doc's arrays of
    string hashes: this runs on every article, and building strings is what costs."""

    def __init__(self, vocabularies: dict[str, Sequence[str]]):
        self.rows = {
            name: {get_string_id(value): i + 1 for i, value in enumerate(vocabularies[name])}
            for name in ("lower", "tag", "dep", "entity")
        }
        self.head_lemma = {value: i + 1 for i, value in enumerate(vocabularies["head_lemma"])}
        self.fixed = {
            name: np.array([list(vocabularies[name]).index(v) + 1 for v in values])
            for name, values in FIXED_VOCABULARIES.items()
        }

    def __call__(self, doc: Doc) -> np.ndarray:
        """The Doc's words as rows, shape (words, len(COLUMNS)), columns in COLUMNS order."""
        hashes = doc.to_array([LOWER, TAG, DEP, ENT_TYPE, LEMMA, HEAD])
        columns = {}
        for k, name in enumerate(("lower", "tag", "dep", "entity")):
            rows = self.rows[name]
            columns[name] = [rows.get(h, 0) for h in hashes[:, k].tolist()]
        heads = np.arange(len(doc)) + hashes[:, 5].astype(np.int64)
        strings = doc.vocab.strings
        lemma_rows = {h: self.head_lemma.get(strings[h].lower(), 0) for h in set(hashes[:, 4].tolist())}
        columns["head_lemma"] = [lemma_rows[h] for h in hashes[heads, 4].tolist()]
        columns["quoted"] = self.fixed["quoted"][_quoted(doc).astype(np.int64)]
        columns["head_side"] = self.fixed["head_side"][_head_side(doc)]
        return np.array([columns[name] for name in COLUMNS], dtype=np.int64).T.reshape(-1, len(COLUMNS))


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) word ranges the tagger reads one at a time: paragraphs, which
    no content crosses in PolNeAR (and a sequence that short runs fast). A paragraph
    ends with the word whose text or trailing space holds a line break."""
    starts = doc.to_array([IDX]).astype(np.int64).ravel()
    breaks = np.array([m.start() for m in re.finditer("\n", text_of(doc))], dtype=np.int64)
    ends = np.unique(np.searchsorted(starts, breaks, side="right") - 1) + 1 if len(breaks) else np.zeros(0, dtype=np.int64)
    ends = [int(e) for e in ends if 0 < e < len(doc)] + [len(doc)]
    return list(zip([0] + ends[:-1], ends))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


def prepared_layer(ih: np.ndarray, hh: np.ndarray, bias: np.ndarray) -> dict:
    """One bidirectional LSTM layer's weights, in PyTorch's layout (direction, gates i, f,
    g, o stacked, in), made ready for `_lstm_layer`: the rows of the logistic gates (i, f,
    o) halved, so that one tanh over all four gates gives tanh(g) and, for the others,
    the logistic function as 0.5 * tanh(z / 2) + 0.5. Halving a float is exact, so this
    is the same arithmetic as scaling inside the loop, with fewer steps per word."""
    hidden = hh.shape[2]
    scale = np.full(4 * hidden, 0.5, dtype=ih.dtype)
    scale[2 * hidden : 3 * hidden] = 1.0  # g, the candidate cell value, goes through tanh as it is
    return {
        "ih": ih * scale[None, :, None],
        "hh": np.ascontiguousarray((hh * scale[None, :, None]).transpose(0, 2, 1)),
        "bias": bias * scale,
    }


def _lstm_layer(x: np.ndarray, rows: np.ndarray, times: np.ndarray, shape: tuple[int, int], layer: dict) -> np.ndarray:
    """One bidirectional LSTM layer (`prepared_layer`) over the words x (words, in) laid
    out as sequences: word n is step times[n] of sequence rows[n]. Both directions step
    together, one time step a Python iteration. The backward direction reads each
    sequence from its own last word, so both directions are done with a sequence after
    as many steps as it has words; with the sequences taken longest first, each step
    works on the ones still going, a leading slice. Returns (words, 2 * hidden)."""
    batch, steps = shape
    hidden = layer["hh"].shape[1]
    lengths = np.bincount(rows, minlength=batch)
    longest_first = np.argsort(-lengths, kind="stable")
    place = np.empty(batch, dtype=np.intp)
    place[longest_first] = np.arange(batch)
    rows = place[rows]
    going = np.searchsorted(-lengths[longest_first], -np.arange(steps), side="right")  # sequences longer than t
    backward_times = lengths[longest_first][rows] - 1 - times
    # Input projections of every word at once, laid out as (step, direction, sequence).
    projected = np.zeros((steps, 2, batch, 4 * hidden), dtype=np.float32)
    projected[times, 0, rows] = x @ layer["ih"][0].T + layer["bias"][0]
    projected[backward_times, 1, rows] = x @ layer["ih"][1].T + layer["bias"][1]
    hh = layer["hh"]
    c = np.zeros((2, batch, hidden), dtype=np.float32)
    # Each step's hidden state is written straight into the output, and read from there
    # by the next step; the arithmetic is done in place where it can be.
    out = np.zeros((steps, 2, batch, hidden), dtype=np.float32)
    for t in range(steps):
        n = going[t]
        gates = np.matmul(out[t - 1, :, :n], hh) if t else np.zeros((2, n, 4 * hidden), dtype=np.float32)
        gates += projected[t, :, :n]
        np.tanh(gates, out=gates)
        logistic = gates * 0.5
        logistic += 0.5
        cell = c[:, :n]
        cell *= logistic[:, :, hidden : 2 * hidden]
        cell += logistic[:, :, :hidden] * gates[:, :, 2 * hidden : 3 * hidden]
        np.multiply(logistic[:, :, 3 * hidden :], np.tanh(cell), out=out[t, :, :n])
    return np.hstack([out[times, 0, rows], out[backward_times, 1, rows]])


# The model file's arrays besides the weights (which are named "embed.*", "lstm.*",
# "out.*", stored as the half-precision floats they were fitted to).
VOCABULARY = "vocabulary."


def tagger_arrays(data: dict) -> dict[str, np.ndarray]:
    """The arrays of the tagger's model file, from what training gives (its weights as
    arrays, its vocabularies as lists of strings, its pipeline and sizes): the weights
    as half-precision floats, the precision they are fitted to and read back in."""
    arrays = {name: np.asarray(weights, dtype="<f2") for name, weights in data["weights"].items()}
    arrays.update({VOCABULARY + name: np.array(words, dtype=str) for name, words in data["vocabularies"].items()})
    arrays.update(pipeline=np.array(data["pipeline"], dtype=str), tensor_width=np.int64(data["tensor_width"]),
                  layers=np.int64(data["layers"]))
    return arrays


class RoleTagger:
    """The fitted tagger: vocabularies, embeddings, LSTM layers and the output layer,
    from the arrays of its model file (attrib/models/role_tagger.npz)."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.pipeline = str(arrays["pipeline"])
        self.tensor_width = int(arrays["tensor_width"])
        self.index = WordIndex({name: arrays[VOCABULARY + name].tolist() for name in COLUMNS})
        weights = {name: array.astype(np.float32) for name, array in arrays.items() if name.split(".")[0] in ("embed", "lstm", "out")}
        self.embeddings = [weights[f"embed.{name}"] for name in COLUMNS]
        self.layers = []
        for k in range(int(arrays["layers"])):
            self.layers.append(prepared_layer(*(
                np.stack([weights[f"lstm.{k}.forward.{name}"], weights[f"lstm.{k}.backward.{name}"]])
                for name in ("ih", "hh", "bias")
            )))
        self.out_weight, self.out_bias = weights["out.weight"], weights["out.bias"]

    def probabilities(self, doc: Doc) -> Optional[np.ndarray]:
        """P(role) for every word of the Doc, shape (len(doc), len(ROLES)); None when the
        Doc carries no token vectors of the width the tagger was fitted on."""
        return self.probabilities_of([doc])[0]

    def probabilities_of(self, docs: Sequence[Doc]) -> list[Optional[np.ndarray]]:
        """`probabilities` of several Docs, read together: every paragraph of every Doc is
        a sequence of one LSTM run, so each time step is one matrix product for all of
        them instead of one per Doc (the time steps, not the arithmetic, are the cost)."""
        readable = [
            (doc, paragraphs(doc)) for doc in docs
            if len(doc) > 0 and getattr(doc.tensor, "shape", None) == (len(doc), self.tensor_width)
        ]
        views: dict[int, np.ndarray] = {}
        for group in _groups(readable):
            views.update(zip((id(doc) for doc, _ in group), self._read(group)))
        return [views.get(id(doc)) for doc in docs]

    def _read(self, group: list[tuple[Doc, list[tuple[int, int]]]]) -> list[np.ndarray]:
        """P(role) of each Doc of the group (each with its paragraphs), one LSTM run."""
        # One BLAS thread: the matrices are small, and a second thread only spins,
        # taking a core from the parser (or from a second ingest worker) for nothing.
        with _blas_threads().limit(limits=1, user_api="blas"):
            inputs, rows, times = [], [], []
            sequences = 0
            for doc, bounds in group:
                ids = self.index(doc)
                inputs.append(np.hstack(
                    [table[ids[:, k]] for k, table in enumerate(self.embeddings)] + [np.asarray(doc.tensor, dtype=np.float32)]
                ))
                # The paragraphs are read as separate sequences: word n is step times[n] of rows[n].
                doc_rows = np.repeat(np.arange(len(bounds)), [end - start for start, end in bounds])
                times.append(np.arange(len(doc)) - np.array([start for start, _ in bounds])[doc_rows])
                rows.append(doc_rows + sequences)
                sequences += len(bounds)
            x, all_rows, all_times = np.vstack(inputs), np.concatenate(rows), np.concatenate(times)
            shape = (sequences, int(all_times.max()) + 1)
            for layer in self.layers:
                x = _lstm_layer(x, all_rows, all_times, shape, layer)
            probabilities = sigmoid(x @ self.out_weight.T + self.out_bias)
        return np.split(probabilities, np.cumsum([len(doc) for doc, _ in group])[:-1])


def _groups(readable: list[tuple[Doc, list[tuple[int, int]]]]) -> Iterator[list[tuple[Doc, list[tuple[int, int]]]]]:
    """The Docs in runs to read together. A run's LSTM works on a dense (steps x
    sequences) grid, its longest paragraph by all its paragraphs: one long paragraph read
    with many short ones would fill memory with padding, so a run stops before that grid
    passes MAX_GRID_CELLS (a Doc alone always makes a run)."""
    group: list[tuple[Doc, list[tuple[int, int]]]] = []
    longest = sequences = 0
    for doc, bounds in readable:
        doc_longest = max(end - start for start, end in bounds)
        if group and max(longest, doc_longest) * (sequences + len(bounds)) > MAX_GRID_CELLS:
            yield group
            group, longest, sequences = [], 0, 0
        group.append((doc, bounds))
        longest, sequences = max(longest, doc_longest), sequences + len(bounds)
    if group:
        yield group


@lru_cache(maxsize=1)
def _blas_threads() -> ThreadpoolController:
    return ThreadpoolController()


def tagger() -> Optional[RoleTagger]:
    """The fitted tagger; None when it is not fitted (the engine decides without it)."""
    return models.model("role_tagger", RoleTagger)


def role_probabilities(doc: Doc) -> Optional[np.ndarray]:
    """The fitted tagger's view of the Doc, or None (no tagger, or vectors it can't read)."""
    fitted = tagger()
    return fitted.probabilities(doc) if fitted is not None else None


def role_probabilities_of(docs: Sequence[Doc]) -> list[Optional[np.ndarray]]:
    """`role_probabilities` of several Docs, read together (faster than one by one)."""
    fitted = tagger()
    return fitted.probabilities_of(docs) if fitted is not None else [None] * len(docs)


def reads_pipeline(identity: str) -> bool:
    """Whether the fitted tagger can read the token vectors of this pipeline
    (`attrib.pipeline.pipeline_identity`): only those of the one it was fitted with."""
    fitted = tagger()
    return fitted is not None and fitted.pipeline == identity
