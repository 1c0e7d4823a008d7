"""Properties that hold for any input text: no crash, offsets into the text, valid records."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import attrib
from attrib.extract.quotes import Quote, find_quotes
from attrib.lexicons import read_data_file
from attrib.sourcing import kind_of
from conftest import get_nlp

VALIDATOR = Draft202012Validator(read_data_file("attribution.schema.json"))

QUOTES = "“”\"‘’'«»"
VOCABULARY = [
    "said", "says", "told", "reporters", "according", "to", "as", "per", "a", "report", "in", "which", "cited",
    "sources", "she", "he", "it", "they", "the", "minister", "president", "officials", "spokeswoman", "warned",
    "that", "added", "statement", "posted", "on", "X", "reported", "expected", "is", "was", "quoted", "saying",
    "Anna", "Kowal", "Berg", "Jonas", "Okafor", "Ministry", "of", "Finance", "Radio", "Meridian", "Ostland",
    "will", "rise", "fall", "not", "plan", "a", "disaster", "and", "but", "who", "spoke", "anonymity",
]
PUNCTUATION = [",", ".", ":", ";", "?", "!", "\n", "\n\n", " ", *QUOTES, "...", "—", "(", ")"]

arbitrary_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(QUOTES + "\n:.,  ")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=200,
)


@st.composite
def news_like(draw) -> str:
    """Sentences built from a small attribution vocabulary, quote marks and line breaks."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(PUNCTUATION)), max_size=60))
    out = []
    for piece in pieces:
        if out and piece.isalpha() and out[-1][-1:].isalnum():
            out.append(" ")
        out.append(piece)
    return "".join(out)


def check_invariants(text: str) -> None:
    attributions = attrib.analyze(text, doc_id="prop", nlp=get_nlp())
    for a in attributions:
        roles = {"content": a.content, "cue": a.cue, "mention": a.speaker.mention if a.speaker else None}
        for name, role in roles.items():
            if role is None:
                continue
            assert role.spans, f"{name} has no spans"
            for s, e in role.spans:
                assert 0 <= s < e <= len(text), f"{name} span {(s, e)} empty or outside text of length {len(text)}"
            assert role.text == " ... ".join(text[s:e] for s, e in role.spans), f"{name} text != text[s:e]"
        assert 0.0 <= a.confidence <= 1.0, a.confidence
        record = a.to_dict()
        errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(record)]
        assert not errors, f"{record}\n" + "\n".join(errors)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(arbitrary_text)
def test_arbitrary_text(text):
    check_invariants(text)


@SETTINGS
@given(news_like())
@example("«,»said said")  # found by hypothesis: an empty content span (2, 2)
@example("“,” she said.")
def test_news_like_text(text):
    check_invariants(text)


@SETTINGS
@given(st.lists(news_like(), min_size=1, max_size=4))
def test_news_like_paragraphs(paragraphs):
    check_invariants("\n\n".join(paragraphs))


@settings(deadline=None)
@given(text=arbitrary_text, data=st.data())
def test_kind_counts_each_quoted_character_once(text, data):
    """`kind_of` counts quoted characters by interval; it must agree with counting them
    one by one, overlapping or touching quotations included."""
    offsets = st.integers(min_value=0, max_value=len(text))
    content = [tuple(sorted(data.draw(st.tuples(offsets, offsets)))) for _ in range(data.draw(st.integers(1, 3)))]
    quotes = find_quotes(text) + [Quote(s, e, s, e, ((s, e),), True) for s, e in
                                  (sorted(data.draw(st.tuples(offsets, offsets))) for _ in range(data.draw(st.integers(0, 2))))]
    characters = [i for s, e in content for i in range(s, e) if not text[i].isspace()]
    quoted = [i for i in characters if any(q.start <= i < q.end for q in quotes)]
    expected = "indirect" if not characters or not quoted else "direct" if len(quoted) / len(characters) >= 0.9 else "mixed"
    assert kind_of(content, quotes, text) == expected
