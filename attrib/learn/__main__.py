"""Refit attrib's learned data from PolNeAR train. Deterministic; CPU only.

    python -m attrib.learn roles       [--polnear ../shared/polnear]  (needs PyTorch)
    python -m attrib.learn cue-model   [--polnear ../shared/polnear]
    python -m attrib.learn cues        [--polnear ../shared/polnear]
    python -m attrib.learn edge-model  [--polnear ../shared/polnear]
    python -m attrib.learn confidence  [--polnear ../shared/polnear]
    python -m attrib.learn all         (the five, in this order)
    python -m attrib.learn cues edge-model confidence   (several steps, one parse of train)

`roles` fits the role tagger and keeps train's cross-fitted role probabilities
(`--roles-cache`) for the steps after it, which take them as evidence. Each step
writes its model (attrib/learn/ has a module a model).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from attrib.learn.corpus import parse_split
from attrib.learn.cue_model import fit_cue_model
from attrib.learn.cue_words import fit_cues
from attrib.learn.edge_model import fit_edge_model
from attrib.learn.role_tagger import ROLES_CACHE, fit_role_tagger, load_cross_fitted, save_cross_fitted
from attrib.learn.trees import fit_confidence

# The steps, in the order `all` runs them: each later one reads what the earlier ones wrote.
STEPS = ("roles", "cue-model", "cues", "edge-model", "confidence")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m attrib.learn", description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="+", choices=[*STEPS, "all"],
                        help="the steps to run: roles first, then the others in the order given (all: every step, in order)")
    parser.add_argument("--polnear", type=Path, default=Path("../shared/polnear"))
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--roles-cache", type=Path, default=ROLES_CACHE,
                        help="where `roles` keeps the cross-fitted role probabilities of train for the other steps")
    args = parser.parse_args(argv)
    steps = list(STEPS) if "all" in args.what else list(dict.fromkeys(args.what))
    golds, docs, pipeline = parse_split(args.polnear, "train", args.processes)
    if "roles" in steps:
        data, cross_fitted = fit_role_tagger(golds, docs, pipeline, args.processes)
        save_cross_fitted(args.roles_cache, golds, cross_fitted)
        print(f"role_tagger.json: fitted on {data['trained_on']} articles; cross-fitted view in {args.roles_cache}")
    else:
        cross_fitted = load_cross_fitted(args.roles_cache, golds)
    corpus = list(zip(golds, docs, cross_fitted))
    for step in steps:
        if step == "cue-model":
            data = fit_cue_model(corpus)
            print(f"cue_model.json: {len(data['weights'])} weights from {data['trained_on']} verbs")
        elif step == "cues":
            data = fit_cues(corpus)
            print(f"cue_stats.json: {len(data['learned_verbs'])} learned verbs, {len(data['verbs'])} cue words, "
                  f"overall precision {data['overall_precision']}")
        elif step == "edge-model":
            data = fit_edge_model(corpus)
            print(f"edge_model.json: {len(data['start']['weights'])} start and {len(data['end']['weights'])} end weights "
                  f"from {data['start']['trained_on']} and {data['end']['trained_on']} possible edges")
        elif step == "confidence":
            data = fit_confidence(corpus)
            print(f"confidence.json: fitted on {data['trained_on']} predictions")


if __name__ == "__main__":
    main()
