"""The library's analysis: `analyze(text)` for one text, `analyze_articles(articles)`
for a stream of them through one pipeline, in this process or in worker processes.
"""

from __future__ import annotations

from contextlib import closing
from typing import Callable, Iterable, Iterator, Optional

from attrib.errors import AnalysisError
from attrib.model import Article, Attribution


def load_pipeline(model: Optional[str] = None):
    """The spaCy pipeline with attrib's components (`attrib.pipeline.load_pipeline`),
    spaCy imported only when a pipeline is wanted."""
    from attrib.pipeline import load_pipeline as load

    return load(model)


def analyze(text: str, doc_id: str = "", nlp=None) -> list[Attribution]:
    """All attributions in one text, in reading order. Raises AnalysisError if the
    engine fails on it."""
    article = Article(id=doc_id, text=text)
    return next(analyze_articles([article], nlp=nlp))[1]


def analyze_articles(
    articles: Iterable[Article],
    nlp=None,
    *,
    n_process: int = 1,
    batch_size: int = 16,
    on_error: Optional[Callable[[AnalysisError], None]] = None,
) -> Iterator[tuple[Article, list[Attribution]]]:
    """Stream (article, attributions) pairs; articles are parsed in batches, never all held.

    An article the engine fails on raises AnalysisError; with `on_error`, it is handed
    to `on_error` instead, left out of the stream, and the other articles go on.

    A text longer than the pipeline should parse at once is analysed in pieces cut
    between paragraphs; what each piece holds is moved back into the whole text, so
    offsets are into `article.text` whatever its length. An article that takes longer
    than the time budget (attrib/budget.py) fails like one the engine failed on.

    With `n_process` > 1 the articles are analysed in that many worker processes
    (`attrib.run.workers`), which send back only the attributions; the stream is the
    same, in the same order.
    """
    from attrib.run.pieces import analysed
    from attrib.run.workers import analysed_in_workers, can_fork

    nlp = nlp or load_pipeline()
    if n_process > 1 and can_fork():
        results = analysed_in_workers(articles, nlp, n_process, batch_size)
    else:  # one process (also where there is no fork, as on Windows)
        results = analysed(articles, nlp, batch_size)
    # Closed at once however this stream ends (worker processes are ended then), not
    # whenever the last reference to it goes: a traceback may keep it for a while.
    with closing(results):
        for article, found, failure in results:
            if failure is not None:
                error = AnalysisError(article.source_path or article.id, article.id, failure, article.source_line)
                if on_error is None:
                    raise error
                on_error(error)
            else:
                yield article, found
