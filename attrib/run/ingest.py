"""Ingest: read inputs, analyse the articles not yet stored, write them in batches.

Everything that can be settled without spaCy is settled first: an unreadable input
is recorded in `failures`, an article whose text is already stored is skipped, and
the pipeline is loaded only once there is a new article to parse. Analysed articles
are committed in batches; what was analysed before an interrupt or a crash is still
committed, and a run cut short is simply run again. `stop()` (the CLI calls it on
Ctrl-C) ends a run early: no more inputs are read, and the articles the pipeline
has already taken are analysed and committed. With `n_process` > 1 the parsing and
the attribution run in worker processes (attrib/run/workers.py) that send back only the
attributions; this process reads, hands out batches and is the only writer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import chain
from typing import Callable, Iterable, Iterator, Optional

from sqlite_utils import Database

from attrib.errors import InputError
from attrib.model import Article, Attribution
from attrib.readers import read_articles
from attrib.run.stream import analyze_articles, load_pipeline
from attrib.store.db import (
    content_hash,
    forget_failures,
    has_article,
    now,
    record_failure,
    replace_attributions,
    store_articles,
    stored_articles,
)

# A batch is committed when it holds this many articles or is this old, whichever
# comes first: few commits on a fast corpus, little work redone after a crash on a slow one.
BATCH_ARTICLES = 32
BATCH_SECONDS = 2.0
# Articles per spaCy batch, and per batch handed to a worker process. Workers take the
# next batch as they become free, so they end at most about a batch apart: small batches
# share the last of a corpus out evenly (on PolNeAR dev, by characters, the busier of
# two workers has 0.1% more than half with 4, 3.5% more with 8), and one process
# parses as fast from 4 to 256 (1 is slower).
PARSE_BATCH_ARTICLES = 4


@dataclass
class IngestCounts:
    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    reanalysed: int = 0  # stored articles analysed again (`Ingest.reanalyse`)

    def __str__(self) -> str:
        if self.reanalysed:
            return f"analysed again {self.reanalysed}, failed {self.failed}"
        return f"ingested {self.ingested}, skipped {self.skipped}, failed {self.failed}"


class Ingest:
    """One ingest run into `db`; `counts` is kept up to date as it goes, so a caller
    interrupted mid-run can still say how far it got."""

    def __init__(
        self,
        db: Database,
        load_pipeline: Callable[[], object],
        *,
        n_process: int = 1,
        batch_articles: int = BATCH_ARTICLES,
        on_failure: Callable[[InputError], None] = lambda error: None,
        on_warning: Callable[[str], None] = lambda message: None,
        on_progress: Callable[[int], None] = lambda n: None,
    ):
        self.db = db
        self.load_pipeline = load_pipeline
        self.n_process = n_process
        self.batch_articles = batch_articles
        self.on_failure = on_failure
        self.on_warning = on_warning
        self.on_progress = on_progress
        self.stopping = False
        self.counts = IngestCounts()
        self.read_paths: set[str] = set()
        self.batch: list[tuple[Article, list[Attribution]]] = []
        self.replacing = False  # analysing stored articles again

    def run(self, paths: Iterable[str]) -> IngestCounts:
        started = now()
        self.store(self.new_articles(read_articles(paths)))
        # Only a run that read everything knows which old failures are gone.
        if not self.stopping:
            forget_failures(self.db, self.read_paths, before=started)
        return self.counts

    def reanalyse(self) -> IngestCounts:
        """Analyse every stored article again (after attrib changed) and replace its
        attributions; a human's corrections are applied to the new ones."""
        self.replacing = True
        self.store(self.stored())
        return self.counts

    def stored(self) -> Iterator[Article]:
        for article in stored_articles(self.db):
            if self.stopping:
                return
            yield article

    def store(self, articles: Iterator[Article]) -> None:
        first = next(articles, None)
        # The pipeline takes a while to load: not worth it when nothing is new.
        if first is not None:
            batch_started = time.monotonic()
            try:
                for pair in self.analyse(chain([first], articles)):
                    self.batch.append(pair)
                    if len(self.batch) >= self.batch_articles or time.monotonic() - batch_started >= BATCH_SECONDS:
                        self.flush()
                        batch_started = time.monotonic()
            finally:
                self.flush()

    def stop(self) -> None:
        """Read no more inputs, and end once the articles taken are stored: safe to
        call from a signal handler."""
        self.stopping = True

    def analyse(self, articles: Iterator[Article]) -> Iterator[tuple[Article, list[Attribution]]]:
        """(article, attributions) pairs in input order; the Ray backend overrides this."""
        nlp = self.load_pipeline()
        return analyze_articles(
            articles, nlp=nlp, n_process=self.n_process, batch_size=PARSE_BATCH_ARTICLES, on_error=self.fail
        )

    def fail(self, error: InputError) -> None:
        """An input that could not be read, or an article the engine failed on."""
        record_failure(self.db, error)
        self.counts.failed += 1
        self.on_failure(error)
        self.on_progress(1)

    def new_articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if self.stopping:
                return
            if isinstance(item, InputError):
                self.read_paths.add(item.path)
                self.fail(item)
                continue
            self.read_paths.add(item.source_path or "")
            if has_article(self.db, content_hash(item.text)):
                self.counts.skipped += 1
                self.on_progress(1)
            else:
                if item.warning:
                    self.on_warning(item.warning)
                yield item

    def flush(self) -> None:
        if not self.batch:
            return
        if self.replacing:
            self.counts.reanalysed += replace_attributions(self.db, self.batch)
            self.on_progress(len(self.batch))
            self.batch.clear()
            return
        results = store_articles(self.db, self.batch)
        stored = 0
        for result in results:
            if isinstance(result, InputError):
                self.fail(result)  # its own progress step
            elif result:
                self.counts.ingested += 1
                stored += 1
            else:
                # Stored meanwhile: earlier in this batch, or by another process.
                self.counts.skipped += 1
                stored += 1
        self.on_progress(stored)
        self.batch.clear()


def ingest(db: Database, paths: Iterable[str], nlp: Optional[object] = None, *, n_process: int = 1) -> IngestCounts:
    """Ingest `paths` into `db` with the given pipeline (default: attrib's)."""
    return Ingest(db, lambda: nlp or load_pipeline(), n_process=n_process).run(paths)
