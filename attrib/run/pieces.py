"""The analysis in this process: articles cut into pieces, parsed in batches, each
article's time bounded and its failure its own.

A text too long to parse at once is cut into pieces between paragraphs
(`chunk_bounds`), and what is found in a piece is moved back into the whole text
(`moved_into_text`). `analysed` runs articles through the pipeline in batches of
pieces, each article's cost bounded (attrib/budget.py) and its failure its own.
`attrib.run.workers` runs the same in each worker process.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from attrib.budget import Clock, TimeBudgetExceeded, over_budget_message, parseable, time_budget
from attrib.model import Article, Attribution, Spans
from attrib.pipeline import CLOCK_KEY

# spaCy refuses a text longer than `nlp.max_length` (a million characters by default),
# and below that the parser needs about 1 GB of memory per 100,000 characters (spaCy's
# own estimate) while the attribution engine's time grows faster than the text. A
# longer text is analysed in pieces of at most this size; news articles, far shorter,
# are analysed whole, so that coreference sees the whole article.
MAX_CHUNK_CHARACTERS = 100_000
# Memory follows the tokens a batch of Docs holds (about 15 KB each with
# en_core_web_sm: 50,000 single-letter words in five Docs took 900 MB; sixteen pieces
# of 100,000 characters of words took 5 GB). A piece holds at most about
# MAX_PIECE_TOKENS; prose runs at about 5 characters a token, so only text far denser
# than prose is cut smaller than MAX_CHUNK_CHARACTERS. A batch holds at most about
# MAX_BATCH_TOKENS (or one piece): a few seconds of parsing, the step at which the
# time budget is checked (a batch of news articles is 4 to 16 of 1,000 tokens or so).
MAX_PIECE_TOKENS = 30_000
MAX_BATCH_TOKENS = 10_000
# What spaCy makes a token of, nearly: a word, or one punctuation mark.
TOKEN_ESTIMATE = re.compile(r"\w+|[^\w\s]")
# Cut points, best first: after a blank line, after a sentence, after any space.
CHUNK_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"[.!?]['\"\u201d\u2019)\]]*\s+"),
    re.compile(r"\s+"),
)


def chunk_limit(nlp: Language) -> int:
    return min(nlp.max_length, MAX_CHUNK_CHARACTERS)


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, in order, covering it, each at most `limit`
    characters: a piece ends after the last paragraph break that fits, else after the
    last sentence, else after the last space, else (a run with no space) at the limit."""
    bounds = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((end for pattern in CHUNK_BREAKS if (end := _last_match_end(pattern, window))), limit)
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def piece_bounds(text: str, limit: int) -> list[tuple[int, int, int]]:
    """(start, end, tokens) pieces of `text`: `chunk_bounds` with at most `limit`
    characters, and a piece denser than prose cut again so that it holds about
    MAX_PIECE_TOKENS tokens at most. Tokens are estimated (TOKEN_ESTIMATE) a piece at
    a time, so a long text is never held as a list of its words."""
    pieces = []
    for start, end in chunk_bounds(text, limit):
        tokens = _estimated_tokens(text, start, end)
        if tokens <= MAX_PIECE_TOKENS:
            pieces.append((start, end, tokens))
            continue
        smaller = max(1, (end - start) * MAX_PIECE_TOKENS // tokens)
        for s, e in chunk_bounds(text[start:end], smaller):
            pieces.append((start + s, start + e, _estimated_tokens(text, start + s, start + e)))
    return pieces


def _estimated_tokens(text: str, start: int, end: int) -> int:
    return sum(1 for _ in TOKEN_ESTIMATE.finditer(text, start, end))


def _last_match_end(pattern: re.Pattern, window: str) -> int:
    """Where the last match of `pattern` in `window` ends; 0 when there is none."""
    end = 0
    for match in pattern.finditer(window):
        end = match.end()
    return end


def moved_into_text(attribution: Attribution, offset: int, sentences: int) -> Attribution:
    """An attribution found in a piece of a text that starts at character `offset`,
    after `sentences` sentences, with its spans and sentence number in the whole text."""

    def move(role: Optional[Spans]) -> Optional[Spans]:
        if role is None:
            return None
        return Spans(text=role.text, spans=tuple((s + offset, e + offset) for s, e in role.spans))

    speaker = attribution.speaker
    if speaker is not None:
        speaker = replace(speaker, mention=move(speaker.mention))
    sentence = attribution.sentence + sentences if attribution.sentence is not None else None
    return replace(
        attribution, content=move(attribution.content), cue=move(attribution.cue), speaker=speaker, sentence=sentence
    )


@dataclass
class _Work:
    """An article on its way through `analysed`."""

    article: Article
    text: str  # what is parsed: `parseable(article.text)`, of the same length
    pieces: int  # not yet parsed (or skipped)
    found: list[Attribution] = field(default_factory=list)
    failure: Optional[str] = None
    sentences: int = 0  # in the pieces parsed so far
    clock: Clock = field(default_factory=lambda: Clock(None))


PieceCallback = Callable[[Article, int, Doc], None]


def analysed(
    articles: Iterable[Article],
    nlp: Language,
    batch_size: int,
    *,
    on_piece: Optional[PieceCallback] = None,
    seconds: Optional[float] = None,
) -> Iterator[tuple[Article, list[Attribution], Optional[str]]]:
    """(article, attributions, why it failed or None) for every article, in input order.

    Each text is made parseable (`parseable`: the same length, pathological runs
    blanked) and cut into pieces (`chunk_bounds`); pieces are parsed in batches of at
    most `batch_size` pieces and about MAX_BATCH_TOKENS tokens, so memory is bounded
    whatever the length, and what each piece holds is moved back into the whole text.
    `on_piece(article, offset, doc)` sees every parsed piece (the report finds claims
    in them). An article fails alone: when spaCy or the engine fails on one of its
    pieces, or when it has taken more than `seconds` (default: `time_budget()`),
    after which its other pieces are not parsed."""
    seconds = time_budget() if seconds is None else seconds
    limit = chunk_limit(nlp)
    articles = iter(articles)
    works: deque[_Work] = deque()  # in input order, until yielded
    pieces: deque[tuple[_Work, int, int, float]] = deque()  # to parse, in order, with their tokens (estimated)
    queued = 0.0  # tokens in `pieces`
    more = True
    while True:
        # Enough pieces for a batch (a long article gives many: they wait here as bounds).
        while more and (len(pieces) < batch_size and queued < MAX_BATCH_TOKENS):
            article = next(articles, None)
            if article is None:
                more = False
                break
            text = parseable(article.text)
            bounds = piece_bounds(text, limit)
            work = _Work(article, text, len(bounds), clock=Clock(seconds or None))
            works.append(work)
            for start, end, tokens in bounds:
                pieces.append((work, start, end, tokens))
                queued += tokens
        batch: list[tuple[_Work, int, int]] = []
        tokens = 0.0
        while pieces and len(batch) < batch_size and (not batch or tokens + pieces[0][3] <= MAX_BATCH_TOKENS):
            work, start, end, cost = pieces.popleft()
            queued -= cost
            if work.failure is not None:
                work.pieces -= 1  # the article has failed: the rest is not parsed
                continue
            batch.append((work, start, end))
            tokens += cost
        if batch:
            _parse_batch(nlp, batch, seconds, on_piece)
        while works and works[0].pieces == 0:
            work = works.popleft()
            if work.failure is not None:
                yield work.article, [], work.failure
            else:
                for a in work.found:
                    a.doc = work.article.id
                yield work.article, work.found, None
        if not more and not pieces and not works:
            return


def _parse_batch(nlp: Language, batch: list[tuple[_Work, int, int]], seconds: float, on_piece: Optional[PieceCallback]) -> None:
    started = time.monotonic()
    works = list({id(work): work for work, _, _ in batch}.values())
    engine_before = sum(work.clock.engine for work in works)
    docs = []
    for work, start, end in batch:
        doc = nlp.make_doc(work.text[start:end])
        # The engine, one Doc at a time, charges each article's clock what it takes.
        doc.user_data[CLOCK_KEY] = work.clock
        docs.append(doc)
    try:
        parsed: list = list(nlp.pipe(docs, batch_size=len(docs)))
    except Exception:  # noqa: BLE001 - spaCy failed on one of them: find which, alone
        parsed = []
        for doc in docs:
            try:
                parsed.append(nlp(doc))
            except Exception as error:  # noqa: BLE001 - that piece's article fails
                parsed.append(f"{type(error).__name__}: {error}")
    for (work, start, end), doc in zip(batch, parsed):
        work.pieces -= 1
        if isinstance(doc, str):
            work.failure = work.failure or doc
            continue
        if on_piece is not None:
            on_piece(work.article, start, doc)
        error = doc._.attrib_error
        if error is not None and error.startswith(TimeBudgetExceeded.__name__):
            error = over_budget_message(seconds)
        work.failure = work.failure or error
        found = [moved_into_text(a, start, work.sentences) for a in doc._.attributions]
        if work.text is not work.article.text:
            found = [with_texts_from(a, work.article.text) for a in found]
        work.found.extend(found)
        if work.pieces:
            work.sentences += sum(1 for _ in doc.sents)
    # What the batch took besides the engine (parsing, mostly) is shared: each article
    # is charged all of it. One with pieces still to parse stops once over budget.
    shared = time.monotonic() - started - (sum(work.clock.engine for work in works) - engine_before)
    for work in works:
        work.clock.charge(shared)
        if work.pieces and work.failure is None and work.clock.over:
            work.failure = over_budget_message(seconds)


def with_texts_from(attribution: Attribution, text: str) -> Attribution:
    """The attribution with each role's text taken from `text` at its spans: the text
    as read, where the parsed copy had runs blanked (`parseable`)."""

    def read(role: Optional[Spans]) -> Optional[Spans]:
        return Spans.from_offsets(text, role.spans) if role is not None else None

    speaker = attribution.speaker
    if speaker is not None:
        speaker = replace(speaker, mention=read(speaker.mention))
    return replace(attribution, content=read(attribution.content), cue=read(attribution.cue), speaker=speaker)
