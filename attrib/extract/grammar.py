"""What the parse patterns share: word classes and dependency labels, and the character
spans of tokens and phrases.

The pattern modules find the candidates, `speakers.py` the speaker mention a reporting verb
has, and `contents.py` what such a verb governs; all three read the parse through these.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from attrib.extract.doc_text import text_of

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
QUOTE_MARKS = {'"', "\u201c", "\u201d", "''", "``"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
CLAUSE_DEPS = {"ccomp", "xcomp"}
# Verbs whose direct object is what was said ("called the plan a disaster",
# "announced a deal") rather than whom it was said to ("told reporters").
OBJECT_CONTENT_DEPS = {"dobj", "attr", "oprd"}
ADDRESSEE_VERBS = {"tell", "ask", "inform", "notify", "assure", "warn", "urge", "remind", "advise", "instruct"}
# Verbs whose subject is raised from their infinitive: "X seems to be Y" is an
# appearance of "X to be Y", with no speaker (PolNeAR leaves the source empty).
RAISING_VERBS = {"seem", "appear"}
# A predicate after a linking verb: "seems [unlikely]", "appears [a safe bet]".
PREDICATE_DEPS = ("oprd", "acomp", "attr")
# A time or place is the writer's setting of a statement, not the speaker's words.
SETTING_PREPOSITIONS = {"on", "at", "in", "during", "after", "before", "since", "until", "while"}
# What a span's edges shed: white space, and punctuation that joins it to the sentence.
TRIM_CHARS = " \t\n\r,;:-\u2014\u2013"


def token_char_span(tokens: list[Token]) -> tuple[int, int]:
    """Character span [start, end) from the first token's start to the last one's end."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def subtree_span(token: Token) -> tuple[int, int]:
    """Token-index span [start, end) of a token's subtree."""
    return token.left_edge.i, token.right_edge.i + 1


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    # A sentence-final period outside any quote belongs to the sentence, not the content.
    if end > start and text[end - 1] == "." and not (end - 2 >= start and text[end - 2] == "."):
        end -= 1
    return start, end


def char_spans_excluding(doc: Doc, start: int, end: int, excluded: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of tokens [start, end) minus the excluded token ranges, trimmed."""
    keep = [i for i in range(start, end) if not any(s <= i < e for s, e in excluded)]
    runs: list[list[int]] = []
    for i in keep:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        s, e = token_char_span([doc[run[0]], doc[run[-1]]])
        s, e = trim(text_of(doc), s, e)
        if e > s:
            spans.append((s, e))
    return spans


def is_raising(verb: Token) -> bool:
    """ "The plan seems to work", "The plan seems sound": the subject belongs to the
    infinitive or the predicate, it says nothing."""
    return verb.lemma_.lower() in RAISING_VERBS and any(c.dep_ in ("xcomp",) + PREDICATE_DEPS for c in verb.children)
