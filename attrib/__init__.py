"""attrib: who said what in news coverage.

    >>> import attrib
    >>> for a in attrib.analyze('"We will win," the senator said.'):
    ...     print(a.speaker.name, a.tier, a.content.text)

`analyze(text)` analyses one text; `analyze_articles(articles)` streams many through
one pipeline; `load_pipeline()` gives the spaCy pipeline with the `attrib` component.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from attrib.errors import AttribError, InputError, ModelNotFound
from attrib.model import Article, Attribution, Spans, Speaker, Via

__version__ = "0.1.0"

__all__ = [
    "analyze", "analyze_articles", "load_pipeline", "Article", "Attribution", "Spans", "Speaker", "Via",
    "AttribError", "InputError", "ModelNotFound", "__version__",
]


def load_pipeline(model: Optional[str] = None):
    from attrib.pipeline import load_pipeline as _load

    return _load(model)


def analyze(text: str, doc_id: str = "", nlp=None) -> list[Attribution]:
    """All attributions in one text, in reading order."""
    article = Article(id=doc_id, text=text)
    return next(analyze_articles([article], nlp=nlp))[1]


def analyze_articles(
    articles: Iterable[Article], nlp=None, *, n_process: int = 1, batch_size: int = 16
) -> Iterator[tuple[Article, list[Attribution]]]:
    """Stream (article, attributions) pairs; articles are parsed in batches, never all held."""
    nlp = nlp or load_pipeline()
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        attributions = doc._.attributions
        for a in attributions:
            a.doc = article.id
        yield article, attributions
