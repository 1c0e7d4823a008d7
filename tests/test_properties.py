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


NAMES = ["Anna Kowal", "Jonas Berg", "Ada Okafor", "the minister", "a spokeswoman", "officials"]
CLAUSES = ["prices will rise", "the plan is a disaster", "talks went well", "the bridge is safe", "we will not stop"]
QUOTATION_MARKS = [("\u201c", "\u201d"), ('"', '"')]


@st.composite
def quoting_news(draw) -> str:
    """Well-formed paragraphs that quote: direct, mixed, interrupted, colon-introduced
    and continued quotations, and paraphrase, in either style of marks."""
    sentences = []
    for _ in range(draw(st.integers(1, 4))):
        name, clause, other = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CLAUSES)), draw(st.sampled_from(CLAUSES))
        o, c = draw(st.sampled_from(QUOTATION_MARKS))
        template = draw(st.sampled_from([
            "{o}{A}{Cap},{c} {S} said.",
            "{S} said {A}.",
            "{S} said that {A}, and that {o}{B}.{c}",
            "{o}{A}{Cap},{c} {S} said, {o}{B}.{c}",
            "{o}{A}{Cap},{c} {S} said. {o}{B}.{c}",
            "{S} put it simply: {o}{A}.{c}",
            "According to {S}, {A}.",
        ]))
        sentences.append(template.format(o=o, c=c, S=name[0].upper() + name[1:] if template.startswith("{S}") else name,
                                         A=clause, B=other, Cap=""))
    return draw(st.sampled_from(["\n", " "])).join(sentences)


def with_closing_marks(text: str, end: int) -> int:
    """A sentence's end, past the closing marks the parser may have given the next one."""
    while end < len(text) and text[end] in '".\u201d':
        end += 1
    return end


def balanced(text: str) -> bool:
    return text.count("\u201c") == text.count("\u201d") and text.count('"') % 2 == 0


@SETTINGS
@given(quoting_news())
@example('Anna Kowal said that prices will rise, and that \u201cthe plan is a disaster.\u201d')
@example('"Talks went well," Jonas Berg posted on X.')
def test_contents_are_verbatim_with_balanced_marks(text):
    """Every content span lies in one sentence or one quotation, and its text carries
    both marks of any quotation it takes a mark of (a mixed quote keeps its closing one)."""
    doc = get_nlp()(text)
    sentences = [(s.start_char, with_closing_marks(text, s.end_char)) for s in doc.sents]
    quotations = [(q.start, q.end) for q in find_quotes(text)]
    for a in doc._.attributions:
        for s, e in a.content.spans:
            assert any(ss <= s and e <= se for ss, se in sentences + quotations), (text, a.content)
        assert balanced(a.content.text), (text, a.content.text)
