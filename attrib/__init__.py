"""attrib: who said what in news coverage.

    >>> import attrib
    >>> for a in attrib.analyze('"We will win," the senator said.'):
    ...     print(a.speaker.name, a.tier, a.content.text)

`analyze(text)` analyses one text; `analyze_articles(articles)` streams many through
one pipeline; `load_pipeline()` gives the spaCy pipeline with the `attrib` component.
"""

from __future__ import annotations

from attrib.errors import AnalysisError, AttribError, InputError, ModelNotFound
from attrib.model import Article, Attribution, Spans, Speaker, Via
from attrib.run.stream import analyze, analyze_articles, load_pipeline

__version__ = "0.1.0"

__all__ = [
    "analyze", "analyze_articles", "load_pipeline", "Article", "Attribution", "Spans", "Speaker", "Via",
    "AnalysisError", "AttribError", "InputError", "ModelNotFound", "__version__",
]
