"""The speaker mention as the writer shows it: without an aside set off by commas, a
wire story's dateline, or a relative clause that makes a statement of its own; and a
subject that overlaps the content cut outside it."""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span, Token

from attrib.extract.grammar import SETTING_PREPOSITIONS
from attrib.extract.speakers import MAX_SPEAKER_BETWEEN

# A wire story's dateline, "BEDFORD, N.H. (AP) -", is this short and ends in a dash.
MAX_DATELINE_TOKENS = 12
DATELINE_DASHES = {"-", "--", "\u2013", "\u2014", "\u2015"}


def mention_without_aside(doc: Doc, source: tuple[int, int], cue_tokens: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The speaker mention as shown: without a participle phrase set off by a comma
    ("Trump, speaking to veterans in Virginia,"), which is the writer's aside, and
    without a relative clause set off by a comma that holds a cue of its own ("Mr.
    Kamin, who emphasized that ...": a statement of its own). (Another relative clause, ", who ...", stays:
    PolNeAR keeps it more often than not.) `cue_tokens` are the article's cue tokens.
    The whole span still counts when the extractor decides what else the sentence holds."""
    def is_aside(clause: Token, head: Token) -> bool:
        # "Ode, appearing after Kell at the forum, said": the parser may hang the
        # participle on the name as an adverbial clause too.
        if (clause.dep_ == "advcl" and clause.tag_ in ("VBG", "VBN") and clause.head == head
                and doc[clause.left_edge.i - 1].text == ","):
            return True
        if clause.dep_ == "acl" and doc[clause.left_edge.i - 1].text == ",":
            # "The survey, conducted by Ode Research," says which survey: a passive
            # participle on a common noun stays (gold keeps it 7 times in 11 on train).
            return not (clause.tag_ == "VBN" and clause.head.pos_ == "NOUN")
        # "Lin Ode in a blog post said", "Ode at the time said": a time or occasion the
        # parser hangs on a person's name, right after it, is the setting of what was
        # said, not part of who ("Ode at the Tax Foundation", "Ode in Ohio" say who: a
        # name follows there).
        if (clause.dep_ == "prep" and clause.head == head and head.ent_type_ == "PERSON"
                and clause.lower_ in SETTING_PREPOSITIONS | {"through"} and clause.i == head.i + 1):
            pobj = next((c for c in clause.children if c.dep_ == "pobj"), None)
            return pobj is not None and (pobj.pos_ != "PROPN" or pobj.ent_type_ in ("DATE", "TIME"))
        # "The campaign on Monday", "a report in June": a date hung on any speaker is when
        # it spoke (gold leaves it out 16 times in 17 on train).
        if clause.dep_ == "prep" and clause.head == head and clause.lower_ in SETTING_PREPOSITIONS:
            pobj = next((c for c in clause.children if c.dep_ == "pobj"), None)
            return pobj is not None and pobj.ent_type_ in ("DATE", "TIME")
        # Only a clause set off by a comma is an aside: "Others who have urged a vote said"
        # need theirs to say who (gold keeps it 8 times in 10 on train).
        return (clause.dep_ == "relcl" and doc[clause.left_edge.i - 1].is_punct
                and any(t.i in cue_tokens for t in clause.subtree))

    start, end = cut_at_clause(doc, source, is_aside)
    # "The debate is predictable - Ode has vowed ...": the parser may hang words before
    # a spaced dash on the speaker; the mention starts after the dash.
    head = doc[start:end].root
    for token in doc[start:head.i]:
        if token.text in DATELINE_DASHES and token.i > start and doc[token.i - 1].whitespace_ and token.whitespace_:
            start = token.i + 1
    # "Even Republicans said ...": the focus word is the writer's, not part of who spoke
    # (gold leaves it out 17 times in 20 on train).
    if end - start > 1 and doc[start].lower_ == "even" and doc[start].dep_ == "advmod":
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def cut_at_clause(doc: Doc, source: tuple[int, int], cuts: Callable[[Token, Token], bool]) -> tuple[int, int]:
    """The token span `source` up to the first clause that starts after its head and
    for which `cuts(clause, head)` holds (never empty)."""
    start, end = source
    head = doc[start:end].root
    for token in doc[start:end]:
        if token.i > head.i and token.left_edge.i > max(start, head.i) and cuts(token, head):
            end = min(end, token.left_edge.i)
    return start, max(end, start + 1)


def without_dateline(doc: Doc, source: tuple[int, int], cue_token: int) -> tuple[int, int]:
    """ "MACAU (Reuters) - Top donor Lin Ode said", "Dec 29 (AFP) - Ode said", "CASPER,
    Wyo. - Ode said": the dateline opening a wire story is where (and by whom) it was
    filed; the speaker starts after its dash. Where the parse took the dateline itself for
    the subject, the speaker is what stands between the dash and the cue."""
    start, end = source
    # A dash set off by a space: "AFL-CIO" holds none.
    dash = next((t.i for t in doc[start + 1 : min(end + 1, start + MAX_DATELINE_TOKENS, len(doc) - 1)]
                 if t.text in DATELINE_DASHES and doc[t.i - 1].whitespace_), None)
    if dash is None or not _is_dateline(doc[start:dash]):
        return source
    if dash + 1 < end:
        return dash + 1, end
    if dash + 1 < cue_token <= dash + 1 + MAX_SPEAKER_BETWEEN:
        return dash + 1, cue_token
    return source


def _is_dateline(words: Span) -> bool:
    """ "MACAU (Reuters)", "Dec 29 (AFP)", "WASHINGTON", "JACKSON, Miss.": a place or a
    date, then the agency's one-word name in brackets; or a place in capitals alone."""
    if words[0].i != words[0].sent.start:
        return False
    if len(words) >= 3 and words[-1].text == ")" and words[-3].text == "(":
        agency = words[-2]
        return agency.is_alpha and agency.text[0].isupper()
    return words[0].is_upper and words[0].is_alpha and len(words[0]) > 1 and len(words) <= 4


def subject_outside_content(subject: Token, content: list[tuple[int, int]]) -> tuple[int, int]:
    """The subject's words around its head up to the first that is no part of it or lies
    in the content: "The Ode campaign countered Sunday by suggesting two dates - one of
    them ..." with "one of them" taken for an apposition on "campaign" is "The Ode campaign"."""
    doc = subject.doc
    words = {t.i for t in subject.subtree}

    def usable(i: int) -> bool:
        return i in words and not any(s < doc[i].idx + len(doc[i]) and doc[i].idx < e for s, e in content)

    start, end = subject.i, subject.i + 1
    while usable(start - 1):
        start -= 1
    while usable(end):
        end += 1
    return start, end


def without_relative_clause(doc: Doc, source: tuple[int, int]) -> tuple[int, int]:
    """ "Mr. Kamin, who emphasized that ...": a relative clause on the speaker is a
    statement of its own (its speaker is "who"), not part of the speaker's mention."""
    return cut_at_clause(doc, source, lambda clause, head: clause.dep_ == "relcl" and clause.head.i == head.i)
