"""Shared fixtures: one spaCy pipeline for the whole session, and helpers to use it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

import pytest

import attrib
from attrib.model import Attribution

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


@lru_cache(maxsize=1)
def get_nlp():
    """The pipeline, loaded once per process (usable outside fixtures, e.g. by hypothesis)."""
    return attrib.load_pipeline()


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


@pytest.fixture(scope="session")
def analyze(nlp) -> Callable[..., list[Attribution]]:
    """`analyze(text, doc_id="")` with the session pipeline."""

    def _analyze(text: str, doc_id: str = "") -> list[Attribution]:
        return attrib.analyze(text, doc_id=doc_id, nlp=nlp)

    return _analyze


def describe(attributions: list[Attribution]) -> str:
    """A readable dump for assertion messages: what attrib actually produced."""
    if not attributions:
        return "  (no attributions)"
    lines = []
    for a in attributions:
        speaker = (
            f"{a.speaker.name!r} [{a.speaker.type}] mention="
            f"{a.speaker.mention.text if a.speaker.mention else None!r}"
            if a.speaker
            else "None"
        )
        lines.append(
            f"  - kind={a.kind} tier={a.tier} cue={a.cue.text if a.cue else None!r} speaker={speaker} "
            f"via={a.via.name if a.via else None!r} channel={a.channel!r} "
            f"content={a.content.text!r} spans={list(a.content.spans)}"
        )
    return "\n".join(lines)
