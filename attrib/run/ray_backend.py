"""`attrib ingest --backend ray`: parse and attribute on Ray Data, write in the driver.

The driver does what is cheap and what must happen in one place: it reads the inputs,
records the ones that fail, skips articles already stored (all as the local backend
does, through `Ingest`), and is the single writer into SQLite. The expensive part,
spaCy and the attribution engine, runs in Ray actors (`map_batches` with a class, so
each actor loads the pipeline once; `--workers` actors) that return plain rows: the
article's fields and its attribution records (`Attribution.to_dict()` and the
sentence: the dicts the spaCy component keeps in `doc._.attrib_records`). The
driver turns them back into the same objects and writes them with the store's own
`store_articles`, so the rows are the local backend's rows, ids included (Ray is
told to keep the input order).

Input is streamed in windows of articles: one window at a time is a Ray dataset,
so neither the driver nor the object store ever holds the corpus. Each window starts
its actors afresh (a pipeline load, a second or two, per actor per window); windows
are sized so that this stays a small share of the window's parsing time.

Ray is optional (`pip install "attrib[ray]"`): this module imports it only when an
ingest starts. `ray.init()` connects to the cluster named by $RAY_ADDRESS (e.g.
`auto` for one started on this machine with `ray start --head`, or
`ray://head:10001`), and otherwise starts a local Ray on this machine's cores.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from dataclasses import asdict
from itertools import islice
from typing import Callable, Iterator, Optional

from sqlite_utils import Database

from attrib.budget import time_budget
from attrib.errors import AttribError, InputError, ModelNotFound
from attrib.model import Article, Attribution
from attrib.run.ingest import Ingest

# Articles handed to one actor call: big enough to keep spaCy's batching efficient,
# small enough that the actors share a window's work evenly.
BATCH_ARTICLES = 16
# Batches per actor in one window: the actors' start (a pipeline load each) is
# paid once per window, so a window holds many batches per actor.
WINDOW_BATCHES_PER_WORKER = 64


class RayUnavailable(AttribError):
    """Ray is not installed: the ray backend is an extra."""

    def __str__(self) -> str:
        return 'the ray backend needs Ray: pip install "attrib[ray]"'


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise RayUnavailable() from None
    return ray


class Analyser:
    """A Ray Data actor: loads the pipeline once, then turns batches of article rows
    into rows of article fields and attribution records (JSON text, so the columns
    stay plain strings whatever an attribution holds)."""

    def __init__(self, model: Optional[str] = None, time_budget: Optional[float] = None):
        import attrib
        from attrib import budget

        # The driver's budget: a cluster's workers do not have the driver's environment.
        if time_budget is not None:
            os.environ[budget.ENV_VAR] = str(time_budget)
        self.nlp = attrib.load_pipeline(model)

    def __call__(self, batch: dict) -> dict:
        import attrib

        articles = [Article(**json.loads(a)) for a in batch["article"]]
        analysed: dict[int, list[Attribution]] = {}
        failures: list[str] = []
        # The local backend's own analysis (attrib.analyze_articles), so anything it
        # does to an article, such as cutting an over-long text, is done here alike.
        # A failed article is left out of its stream: the failures come in order.
        for article, attributions in attrib.analyze_articles(
            articles, nlp=self.nlp, batch_size=BATCH_ARTICLES, on_error=lambda error: failures.append(error.message)
        ):
            analysed[id(article)] = attributions
        records, errors = [], []
        for article in articles:
            attributions = analysed.get(id(article))
            records.append(json.dumps([record_of(a) for a in attributions or []], ensure_ascii=False))
            errors.append("" if attributions is not None else failures.pop(0))
        return {"article": list(batch["article"]), "attributions": records, "error": errors}


def record_of(attribution: Attribution) -> dict:
    """An attribution as plain data: its JSON contract, and the sentence the store keeps."""
    return {**attribution.to_dict(), "sentence": attribution.sentence}


def rows_to_pairs(rows, on_error: Callable[[InputError], None]) -> Iterator[tuple[Article, list[Attribution]]]:
    """Rows from the actors back to what the local backend yields (and its failures)."""
    for row in rows:
        article = Article(**json.loads(row["article"]))
        if row["error"]:
            # The actor's message already says which article failed and why.
            on_error(InputError(article.source_path or article.id, str(row["error"]), article.source_line))
            continue
        yield article, [Attribution.from_dict(record) for record in json.loads(row["attributions"])]


def check_model(model: Optional[str]) -> None:
    """Fail in the driver, at once, when the pipeline is not installed, rather than in
    every actor. (On a cluster the workers need it too: see docs/performance.md.)"""
    import spacy

    from attrib.pipeline import DEFAULT_MODEL, MODEL_ALIASES

    name = model or os.environ.get("ATTRIB_MODEL") or DEFAULT_MODEL
    candidates = MODEL_ALIASES.get(name, (name,))
    if not any(spacy.util.is_package(c) or os.path.exists(c) for c in candidates):
        raise ModelNotFound(name)


class RayIngest(Ingest):
    """An `Ingest` whose parsing runs on Ray; reading, skipping, failures, batching of
    writes and counts are the local backend's."""

    def __init__(
        self,
        db: Database,
        model: Optional[str] = None,
        *,
        workers: int = 1,
        address: Optional[str] = None,
        window: Optional[int] = None,
        **options,
    ):
        super().__init__(db, lambda: None, n_process=workers, **options)
        self.model = model
        self.workers = workers
        self.address = address
        self.remote = False
        self.restarts: dict = {}
        self.window = window or max(256, workers * BATCH_ARTICLES * WINDOW_BATCHES_PER_WORKER)

    def analyse(self, articles: Iterator[Article]) -> Iterator[tuple[Article, list[Attribution]]]:
        ray = import_ray()
        check_model(self.model)
        started = self.connect(ray)
        # A Ray started here has no other nodes to fail over to: actor restarts (and
        # Ray's warning about their constructor arguments) are for clusters.
        self.restarts = {"max_restarts": 0} if started and not self.remote else {}
        try:
            while True:
                window = list(islice(articles, self.window))
                if not window:
                    break
                yield from rows_to_pairs(self.analyse_window(ray, window), self.fail)
        finally:
            if started:
                ray.shutdown()

    def connect(self, ray) -> bool:
        """Join the Ray of the caller, else the cluster in $RAY_ADDRESS (or `address`),
        else start a local one; True when this call started it (and so stops it)."""
        if ray.is_initialized():
            return False
        # Ray's own notices (start-up, token authentication) would bury attrib's summary.
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
        self.remote = bool(self.address or os.environ.get("RAY_ADDRESS"))
        if self.remote:
            ray.init(address=self.address, **quiet)
        else:
            # A Ray of this machine alone: on the loopback address, without the usage
            # report Ray would otherwise try to send, and with one CPU per actor.
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            ray.init(
                num_cpus=max(os.cpu_count() or 1, self.workers),
                include_dashboard=False,
                _node_ip_address="127.0.0.1",
                **quiet,
            )
        return True

    def analyse_window(self, ray, window: list[Article]):
        from ray.data import ActorPoolStrategy, DataContext

        logging.getLogger("ray.data").setLevel(logging.ERROR)
        context = DataContext.get_current()
        context.enable_progress_bars = False
        # Rows come back in input order, so ids are given out as the local backend does.
        context.execution_options.preserve_order = True
        blocks = max(1, -(-len(window) // BATCH_ARTICLES))
        dataset = ray.data.from_items(
            [{"article": json.dumps(asdict(a), ensure_ascii=False)} for a in window], override_num_blocks=blocks
        )
        with warnings.catch_warnings():
            # Ray 2.60 deprecates extra remote arguments, yet names no other way to
            # give `max_restarts`; without it, Ray logs an error-looking line about
            # actor restarts at every start.
            warnings.filterwarnings("ignore", message=".*ray_remote_args. is deprecated")
            dataset = dataset.map_batches(
                Analyser,
                fn_constructor_kwargs={"model": self.model, "time_budget": time_budget()},
                batch_size=BATCH_ARTICLES,
                batch_format="numpy",
                compute=ActorPoolStrategy(size=min(self.workers, blocks)),
                num_cpus=1,
                **self.restarts,
            )
        return dataset.iter_rows()
