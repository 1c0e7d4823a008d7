"""attrib's learned models: the files in this folder, and the one loader that reads them.

A model is a file, NAME.npz (numpy arrays) or NAME.json (named sparse weights and
word statistics), holding what the engine computes with, and a sidecar,
NAME.meta.json, saying where it came from: what it was fitted on, by which command,
when. All are fitted on PolNeAR train by `python -m attrib.learn` (attrib/learn/);
never edit them by hand.

- role_tagger.npz: the role tagger (attrib/extract/role_tagger.py), its weights as
  the half-precision floats it was fitted to, and its vocabularies;
- cue_model.json: the cue model's weights (attrib/extract/cue_model.py);
- cue_stats.json: learned cue words and each cue word's precision (attrib/lexicons.py);
- edge_model.json: the edge model's weights (attrib/extract/edge_model.py);
- keep.npz, confidence.npz, and both `_without_tagger`: boosted trees
  (attrib/models/trees.py) that decide what is kept (attrib/extract/keep.py) and how
  confident each attribution is (attrib/confidence.py).

`model(name, build)` reads a model the first time it is asked for, builds what its
reader computes with (`build(data)`), and keeps that for the life of the process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np

MODELS_DIR = Path(__file__).parent

# (name, build) -> what build made of the model, or None when the model is not there.
_built: dict[tuple[str, Callable], Any] = {}


def read(name: str) -> Optional[Any]:
    """The model NAME as stored: a dict of arrays (NAME.npz) or the JSON (NAME.json);
    None when neither is there (not fitted: each reader then does without it)."""
    arrays = MODELS_DIR / f"{name}.npz"
    if arrays.exists():
        with np.load(arrays, allow_pickle=False) as stored:
            return {key: stored[key] for key in stored.files}
    weights = MODELS_DIR / f"{name}.json"
    if weights.exists():
        return json.loads(weights.read_text(encoding="utf-8"))
    return None


def _as_is(data: Any) -> Any:
    return data


def model(name: str, build: Callable[[Any], Any] = _as_is) -> Any:
    """`build(read(name))`, made once per process; None when the model is not there."""
    key = (name, build)
    if key not in _built:
        data = read(name)
        _built[key] = build(data) if data is not None else None
    return _built[key]


def metadata(name: str) -> dict:
    """The sidecar: what the model was fitted on, by which command, when."""
    return json.loads((MODELS_DIR / f"{name}.meta.json").read_text(encoding="utf-8"))


def forget() -> None:
    """Forget every model read so far (training, having written new ones)."""
    _built.clear()


def write_arrays(name: str, arrays: dict[str, np.ndarray], about: dict, directory: Path = MODELS_DIR) -> None:
    """NAME.npz and its sidecar (see `write_sidecar`)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{name}.npz", "wb") as f:
        np.savez_compressed(f, **arrays)
    write_sidecar(name, about, directory)


def write_weights(name: str, data: dict, about: dict, directory: Path = MODELS_DIR) -> None:
    """NAME.json and its sidecar (see `write_sidecar`)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    write_sidecar(name, about, directory)


def write_sidecar(name: str, about: dict, directory: Path = MODELS_DIR) -> None:
    """NAME.meta.json: `about` (what the model is, what it was fitted on, by which
    command), with the date it was written."""
    from datetime import date

    sidecar = {**about, "fitted": about.get("fitted") or date.today().isoformat()}
    (directory / f"{name}.meta.json").write_text(json.dumps(sidecar, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    forget()
