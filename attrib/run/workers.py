"""Worker processes that send back attributions, not Docs: `analyze_articles(n_process=N)`.

spaCy's own `nlp.pipe(n_process=N)` has its workers send back every Doc whole
(`Doc.to_bytes`, attrib's spans and records included), and the process that started
them rebuilds each one (`Doc.from_bytes`) only for attrib to read the records off it.
On a machine with as many cores as workers, that rebuilding, with the reading of
inputs and the SQLite writes of `attrib ingest`, is a third busy process on the
workers' cores. Here each worker runs the whole analysis of a batch of articles,
spaCy and the attribution engine (`attrib.run.pieces.analysed`, the one-process code itself),
and sends back only what the caller keeps: each article's attributions (the plain
dataclasses of attrib/model.py) or why the engine failed on it. The parent reads the
inputs, hands out batches, puts the results back in input order, and (in an ingest)
writes them: little work, so the workers have the cores. (The Ray backend's actors
work the same way.)

How, and why so:

- The workers are forked from the process that has loaded the pipeline: nothing of
  it is pickled or loaded again, and any pipeline works, one a caller built or one
  with a stand-in engine (as tests use). Only the articles travel to the workers,
  only attributions come back. (`can_fork`: no fork on Windows; `analyze_articles`
  then uses spaCy's processes.)
- One queue of numbered batches, which the workers take from as they become free (a
  long article holds up only its own worker), and one queue of results. A result
  that comes early waits until the batches before it are out: the order is the input
  order, so ids are given out as with one process.
- At most `QUEUED_PER_WORKER` batches per worker are handed out and not yet back:
  enough that a worker never waits while the parent writes to SQLite, few enough that
  the input is streamed and that stopping early (Ctrl-C) waits only for those.
  Results that came back early are held in the parent, up to `HELD_PER_WORKER`
  batches per worker.
- Workers ignore SIGINT: Ctrl-C at a terminal goes to the whole process group, and the
  parent decides. `attrib ingest` stops reading on the first, so the batches handed
  out are finished, stored, and the workers told to end; on a second, the CLI kills
  them (`multiprocessing.active_children()`).
- Nothing waits for ever: a worker whose parent is gone (killed with SIGKILL, say)
  ends before its next batch; the parent waits for results a second at a time and
  checks that every worker is alive, and a worker that died (out of memory, a crash
  in compiled code) ends the run with `WorkerDied` rather than leaving it waiting; a
  run that ends early in any way (an exception, the caller stopping, a second Ctrl-C)
  kills whatever workers are left.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
import traceback
from itertools import islice
from typing import Iterable, Iterator, Optional

from attrib.errors import AttribError
from attrib.model import Article, Attribution
from attrib.run.pieces import analysed

# Batches a worker has been given and not sent back, at most (see above).
QUEUED_PER_WORKER = 2
# Batches, per worker, the parent holds at most: handed out, or back but waiting for
# an earlier one (a batch much slower than the others).
HELD_PER_WORKER = 16
# How often the parent, waiting for a result, checks that the workers are alive, and
# a worker, waiting for a batch, that its parent is.
POLL_SECONDS = 1.0
# How long workers told to end may take before they are killed.
END_SECONDS = 10.0


class WorkerDied(AttribError):
    """A worker process ended without sending back the batch it had taken."""

    def __init__(self, name: str, exitcode: Optional[int]):
        how = f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
        super().__init__(f"parsing worker {name} died ({how}); articles stored so far are kept, run again to go on")


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, as text: the cause of the
    exception the parent raises again."""

    def __str__(self) -> str:
        return self.args[0]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def analysed_in_workers(
    articles: Iterable[Article], nlp, workers: int, batch_size: int
) -> Iterator[tuple[Article, list[Attribution], Optional[str]]]:
    """What `analysed(articles, nlp, batch_size)` (attrib/run/pieces.py) yields, computed by `workers`
    forked processes: (article, attributions, failure) for each article, in input order."""
    context = multiprocessing.get_context("fork")
    tasks = context.Queue()  # (number, [articles]), or None: end
    results = context.Queue()  # (number, [(attributions, failure)], None), or (number, None, (exception, traceback))
    processes = [
        context.Process(
            target=work, args=(nlp, batch_size, tasks, results, os.getpid()), name=f"attrib-worker-{n + 1}", daemon=True
        )
        for n in range(workers)
    ]
    # Started before any batch is put: the queue's feeder thread is not yet running
    # when they fork.
    for process in processes:
        process.start()
    articles = iter(articles)
    batches = iter(lambda: list(islice(articles, batch_size)), [])
    held: dict[int, list[Article]] = {}  # batch number: its articles, until they are yielded
    back: dict[int, list] = {}  # batch number: its results, until its turn
    handed_out = 0  # batches, numbered from 0
    next_out = 0  # the batch whose results are yielded next
    more = True  # the input may hold more articles
    ended = False
    try:
        while True:
            # len(held) - len(back): the batches handed out and not yet back.
            while more and len(held) - len(back) < QUEUED_PER_WORKER * workers and len(held) < HELD_PER_WORKER * workers:
                batch = next(batches, None)
                if batch is None:
                    more = False
                    break
                tasks.put((handed_out, batch))
                held[handed_out] = batch
                handed_out += 1
            if not held:
                break
            number, batch_results, raised = next_result(results, processes)
            if raised is not None:
                error, remote_traceback = raised
                raise error from RemoteTraceback(remote_traceback)
            back[number] = batch_results
            while next_out in back:
                for article, (found, failure) in zip(held.pop(next_out), back.pop(next_out)):
                    yield article, found, failure
                next_out += 1
        ended = True
    finally:
        end(processes, tasks, results, told=ended)


def next_result(results, processes: list) -> tuple:
    """The next result any worker sends; WorkerDied if a worker has died meanwhile
    (its batch will never come)."""
    while True:
        try:
            return results.get(timeout=POLL_SECONDS)
        except queue.Empty:
            for process in processes:
                if process.exitcode is not None:
                    raise WorkerDied(process.name, process.exitcode) from None


def end(processes: list, tasks, results, *, told: bool) -> None:
    """End the workers: told to, once every batch is back (`told`), else killed (the
    results of the batches they hold are not wanted)."""
    if told:
        for _ in processes:
            tasks.put(None)
        for process in processes:
            process.join(END_SECONDS)
    for process in processes:
        if process.is_alive():
            process.kill()
        process.join()
    # Batches no worker will read must not keep this process from exiting (the queue's
    # feeder thread would otherwise wait to write them out).
    tasks.cancel_join_thread()
    tasks.close()
    results.close()


# ---- in the worker ----------------------------------------------------------------

def work(nlp, batch_size: int, tasks, results, parent: int) -> None:
    """A worker: analyse batches until told to end (None) or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        if os.getppid() != parent:
            # Nobody will read what this worker sends, nor tell it to end.
            os._exit(0)
        try:
            task = tasks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            continue
        if task is None:
            return
        number, articles = task
        try:
            batch_results = [(found, failure) for _, found, failure in analysed(articles, nlp, batch_size)]
        except Exception as error:  # noqa: BLE001 - raised again in the parent
            results.put((number, None, (portable(error), "".join(traceback.format_exception(error)))))
        else:
            results.put((number, batch_results, None))


def portable(error: Exception) -> Exception:
    """`error` as it can cross to the parent (which raises it again, with the worker's
    traceback as its cause): itself if it pickles and unpickles, else a RuntimeError
    that says what it was. (A result that fails to pickle would be lost on the way.)"""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - an exception may fail to pickle in any way
        return RuntimeError(f"{type(error).__name__}: {error}")
