"""What one article may cost: characters per token run, and time.

spaCy's tokenizer splits prefixes and suffixes off a run of characters with no space
one at a time, each time searching the rest again: 8,000 `"` in a row took 6 s,
16,000 took 20 s, 100,000 did not end. No word, number or link in a news article is
anywhere near MAX_RUN_CHARACTERS long, nor punctuation MAX_PUNCTUATION_RUN in a
row, so before parsing (`parseable`) the rest of such a run is blanked: replaced by
spaces, one for one, so every offset stays where it was (attributions' texts are
then taken from the text as read, not from the parsed copy).

What still takes too long (a text of several megabytes is parsed in pieces, at some
10,000 to 30,000 characters a second) fails alone once it has taken the time budget:
$ATTRIB_TIME_BUDGET seconds, else DEFAULT_TIME_BUDGET_SECONDS; 0 turns it off. The
budget is checked between batches of pieces, and the attribution engine, the one
part whose time does not follow from the text's length, is stopped by a timer
(`engine_deadline`) when the article's time runs out while it works.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from attrib.errors import BudgetError

ENV_VAR = "ATTRIB_TIME_BUDGET"
DEFAULT_TIME_BUDGET_SECONDS = 60.0
MAX_RUN_CHARACTERS = 200
MAX_PUNCTUATION_RUN = 20
LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARACTERS + 1},}}")
LONG_PUNCTUATION = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")


def time_budget() -> float:
    """Seconds an article may take: $ATTRIB_TIME_BUDGET, else the default; 0 for none."""
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return DEFAULT_TIME_BUDGET_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        raise BudgetError(f"${ENV_VAR} must be a number of seconds, not {value!r}") from None
    if seconds < 0 or seconds != seconds:
        raise BudgetError(f"${ENV_VAR} must be 0 (no budget) or more, not {value!r}")
    return seconds


def over_budget_message(seconds: float) -> str:
    return f"took longer than the time budget of {seconds:g} s (${ENV_VAR} sets it)"


def parseable(text: str) -> str:
    """`text` as spaCy can parse it in bounded time: the same length, with each
    punctuation run cut to MAX_PUNCTUATION_RUN characters and each run without a
    space to MAX_RUN_CHARACTERS, the rest blanked. Most texts come back as they are."""
    if LONG_RUN.search(text) is None and LONG_PUNCTUATION.search(text) is None:
        return text
    text = LONG_PUNCTUATION.sub(lambda m: _cut(m.group(), MAX_PUNCTUATION_RUN), text)
    return LONG_RUN.sub(lambda m: _cut(m.group(), MAX_RUN_CHARACTERS), text)


def blanked_characters(text: str) -> int:
    """How many characters of `text` `parseable` blanks (0 for nearly every text)."""
    if LONG_RUN.search(text) is None and LONG_PUNCTUATION.search(text) is None:
        return 0
    return sum(a != b for a, b in zip(text, parseable(text)))


def _cut(run: str, keep: int) -> str:
    return run[:keep] + " " * (len(run) - keep)


class TimeBudgetExceeded(Exception):
    """Raised inside the attribution engine when the article's time has run out; the
    spaCy component records it on the Doc like any failure of the engine."""


_armed = False


def _on_alarm(signum, frame) -> None:
    # A timer that went off just as the engine returned must not land elsewhere.
    if _armed:
        raise TimeBudgetExceeded()


@dataclass
class Clock:
    """What an article has left of its time budget, in seconds (None: no budget), and
    what the engine has spent on it so far."""

    left: Optional[float]
    engine: float = 0.0

    def charge(self, seconds: float) -> None:
        if self.left is not None:
            self.left -= seconds

    @property
    def over(self) -> bool:
        return self.left is not None and self.left < 0


@contextmanager
def engine_deadline(clock: Optional[Clock]) -> Iterator[None]:
    """Run the enclosed engine call on the article's clock: raise TimeBudgetExceeded
    in it once it has taken what the article has left, and charge it what it took.
    The timer is a signal: in the main thread of a process with SIGALRM only
    (elsewhere, as in a thread, the budget is still checked between batches)."""
    global _armed
    started = time.monotonic()
    usable = (
        clock is not None
        and clock.left is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    try:
        if not usable:
            yield
            return
        if clock.left <= 0:
            raise TimeBudgetExceeded()
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        _armed = True
        signal.setitimer(signal.ITIMER_REAL, clock.left)
        try:
            yield
        finally:
            _armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    finally:
        if clock is not None:
            spent = time.monotonic() - started
            clock.engine += spent
            clock.charge(spent)
