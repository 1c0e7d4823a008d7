"""The sentence around a statement, found without parsing (attrib/context.py)."""

from __future__ import annotations

import pytest

from attrib.context import MAX_CONTEXT, sentence_around


def around(text: str, part: str) -> str:
    start = text.index(part)
    return sentence_around(text, [(start, start + len(part))])


@pytest.mark.parametrize(
    "text, part, sentence",
    [
        # Abbreviations and initials don't end a sentence.
        ("It rained. Mr. J. Smith of the U.S. Army said it would stop. Then it did.", "would stop",
         "Mr. J. Smith of the U.S. Army said it would stop."),
        # A quotation's closing marks belong to its sentence.
        ('He left. "We won," she said. Later, more.', "We won", '"We won," she said.'),
        # A line break ends a sentence, with or without a full stop.
        ("Headline without a stop\nThe mayor said so. Next", "mayor", "The mayor said so."),
        ("First.\n\nSecond paragraph, she said", "Second", "Second paragraph, she said"),
        # Question and exclamation marks; lower case after a stop is not a new sentence.
        ("Why? Because, he said, e.g. the rain. Yes!", "he said", "Because, he said, e.g. the rain."),
    ],
)
def test_the_sentence_around_a_span(text, part, sentence):
    assert around(text, part) == sentence


def test_spans_over_several_sentences_take_them_all():
    text = "Before. She said: it will rain. It will pour. After."
    start, end = text.index("it will rain"), text.index("pour") + 4
    assert sentence_around(text, [(start, start + 12), (end - 4, end)]) == "She said: it will rain. It will pour."


def test_a_long_sentence_is_cut_around_the_statement():
    text = "The mayor, " + "who " * 150 + "said the bridge would open, " + "and so on " * 60 + "today."
    context = around(text, "said the bridge would open")
    assert "said the bridge would open" in context
    assert context.startswith("\u2026") and context.endswith("\u2026")
    assert len(context) <= MAX_CONTEXT + 2


def test_no_spans_no_sentence():
    assert sentence_around("Some text.", []) == ""
