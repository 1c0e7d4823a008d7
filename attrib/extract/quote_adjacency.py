"""Quotation adjacency: a reporting verb next to a quotation ('"...," the statement
read', 'X wrote: "..."', '"A," she said, "B."'), a clause ending in a colon before one
('Mayor Lin put it simply: "..."', pattern "colon-quote"); and, once candidates are
found, contents snapped to the quotation marks around them, a quotation continued after
its speaker's sentence, and a sentence-closing "X said" that takes only its quotation."""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from attrib.extract.candidate import Candidate
from attrib.extract.cues import cue_verb_tokens, is_cue_verb
from attrib.extract.doc_text import text_of
from attrib.extract.grammar import FINITE_TAGS, QUOTE_MARKS, subtree_span, token_char_span, trim
from attrib.extract.quotes import Quote
from attrib.extract.speakers import MAX_SPEAKER_BETWEEN
from attrib.lexicons import load_lexicon

# '"A," Ode told the paper on Monday, "B."': at most so many characters of scene-setting
# between the speaker and cue and the quotation's second part.
MAX_RESUMED_GAP = 90
OPENING_QUOTE_CHARS = "\"'\u201c\u00ab\u201e"
# 'Abbas "has put aside ..."': at most so many words lead into a quotation that goes on
# with the speaker of the sentence before.
MAX_LEAD_IN_WORDS = 8
# Patterns whose content is a quotation, which a following quotation may continue.
QUOTE_PATTERNS = {"verb-quote-after", "verb-quote-before", "verb-clause", "verb-parenthetical", "colon-quote"}


def quote_after(verb_tokens: list[Token], quotes: list[Quote], doc: Doc) -> Optional[Quote]:
    """ 'X said: "..."' or 'X said, "..."' : a quotation opening right after the cue.

    After a colon the quotation may start in the next paragraph.
    """
    last = verb_tokens[-1]
    end = last.idx + len(last.text)
    for q in quotes:
        if q.start < end or q.start - end > 40:
            continue
        gap = text_of(doc)[end : q.start].strip()
        if gap in (":", ",", "") and ("\n" not in text_of(doc)[end : q.start] or gap == ":"):
            return q
        if gap.endswith(":") and "\n" not in gap:
            return q
        return None
    return None


def quote_before(
    verb_tokens: list[Token], source: Optional[tuple[int, int]], quotes: list[Quote], doc: Doc
) -> Optional[Quote]:
    """ '"...," the statement read.' : a quotation closing right before the speaker and cue."""
    clause_start = min([t.i for t in verb_tokens] + ([source[0]] if source else []))
    first = doc[clause_start].idx
    for q in quotes:
        gap = text_of(doc)[q.end : first]
        if q.closed and q.end <= first and gap.strip() in ("", ",") and "\n" not in gap:
            return q
    return None


def quote_resumed(
    verb_tokens: list[Token], source: Optional[tuple[int, int]], quotes: list[Quote], doc: Doc
) -> Optional[Quote]:
    """ '"A," Ode told the paper on Monday, "B."' : after an interrupted quotation's
    speaker and cue, a few words that set the scene and a comma, then the quotation goes
    on in the same sentence (gold joins the two 24 times in 31 on train). A verb among
    those words has said the rest itself ('"A," Ode said, adding, "B."')."""
    clause_end = max([t.idx + len(t) for t in verb_tokens] + ([doc[source[1] - 1].idx + len(doc[source[1] - 1])] if source else []))
    text = text_of(doc)
    resumed = next((q for q in quotes if q.start >= clause_end), None)
    if resumed is None:
        return None
    gap = text[clause_end : resumed.start]
    if len(gap) > MAX_RESUMED_GAP or "\n" in gap or not gap.rstrip().endswith(",") or re.search(r"[.!?;:]\s", gap):
        return None
    between = doc.char_span(clause_end, resumed.start, alignment_mode="expand") or []
    if any(t.pos_ == "VERB" for t in between):
        return None
    return resumed


def in_quotation(token: Token, quotes: list[Quote]) -> bool:
    """Is the token inside a quotation, marks included?"""
    return any(q.start <= token.idx < q.end for q in quotes)


def speaker_between(verb: Token, quotes: list[Quote], doc: Doc) -> Optional[tuple[Quote, tuple[int, int]]]:
    """ '"...," Tulsa police Chief Lin Ode said': when the parse loses the speaker between
    a quotation and its verb (here "Tulsa" taken for a verb), the few words between them
    name the speaker. Returns the quotation and the speaker's token span."""
    sent = verb.sent
    words = []
    for token in reversed(doc[sent.start : verb.i]):
        if token.text in QUOTE_MARKS:
            break
        if len(words) == MAX_SPEAKER_BETWEEN:
            return None
        words.append(token)
    words.reverse()
    if not words:
        return None
    if any(t.tag_ in FINITE_TAGS or t.pos_ == "SCONJ" for t in words) or not any(t.pos_ in ("PROPN", "NOUN") for t in words):
        return None
    before = quote_before([verb], (words[0].i, verb.i), quotes, doc)
    if before is None or not text_of(doc)[before.inner_start : before.inner_end].rstrip().endswith((",", "?", "!")):
        return None
    return before, (words[0].i, words[-1].i + 1)


def colon_introduction(verb: Token, doc: Doc, quotes: list[Quote], si: int) -> Optional[Candidate]:
    """ 'Mayor Lin put it simply: "..."' : any verb with a subject whose clause ends in a
    colon right before a quotation introduces that quotation."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    colon = next((c for c in verb.children if c.text == ":" and c.i > verb.i), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
    if colon is None or subject is None:
        return None
    gap_end = colon.idx + 1
    while gap_end < len(text_of(doc)) and text_of(doc)[gap_end] in " \t":
        gap_end += 1
    quote = next((q for q in quotes if q.start == gap_end), None)
    if quote is None:
        return None
    return Candidate(
        content=[(quote.inner_start, quote.inner_end)],
        cue=[token_char_span(cue_verb_tokens(verb))],
        source=subtree_span(subject),
        cue_token=verb.i,
        sentence=si,
        pattern="colon-quote",
    )


def snap_to_quotes(cand: Candidate, quotes: list[Quote], text: str) -> None:
    """Grow a content that starts or ends inside a quotation to the whole quotation.

    The parser splits a multi-sentence quote into sentences and hands the cue only the
    nearest one; the marks say where the speaker's words really begin and end.
    """
    if len(cand.content) != 1:
        return
    start, end = cand.content[0]
    cue_start = cand.cue[0][0] if cand.cue else None
    for q in quotes:
        if not (q.start < end and start < q.end):
            continue
        if cue_start is not None and q.start <= cue_start < q.end:
            continue  # never swallow the cue itself
        cand.quotes.append(q)
        if q.start <= start < q.end:
            start = q.inner_start
        if q.start < end <= q.end:
            end = q.inner_end
    start, end = trim(text, start, end)
    if end > start and not (cue_start is not None and start < cue_start < end):
        cand.content = [(start, end)]


def continue_quote(cand: Candidate, quotes: list[Quote], covered: set[int], doc: Doc, cue_tokens: set[int]) -> None:
    """ '"A," he said. "B."' : the quote right after the attribution's sentence, with no
    cue of its own, goes on with the same speaker. So does one after a few words that
    lead into it, when it closes its paragraph: '"A," Obama said in his speech. Abbas
    "has put aside efforts ..."' is one statement of two pieces, the lead-in in the
    second (on PolNeAR train, 3 such sentences with no cue of their own in 4 go on with
    the quotation before them; the statement guide's gold joins them too).
    `cue_tokens`: every candidate's cue word, which gives a sentence a report of its own."""
    sent = doc[cand.cue_token].sent
    sent_end = sent.end_char
    text = text_of(doc)
    # The parser often ends the sentence after the next quotation's opening mark
    # ('... ,'' he said. ''' + 'B.'''): such a mark belongs to the quote that follows.
    last = sent[-1]
    if len(sent) > 1 and not last.text.strip(OPENING_QUOTE_CHARS) and any(q.start == last.idx for q in quotes):
        sent_end = last.idx
    for q in quotes:
        if q.start < sent_end or q.start in covered:
            continue
        if cand.content[-1][1] > q.start:
            break
        if q.start - sent_end <= 2 and "\n" not in text[sent_end : q.start]:
            cand.content.append((q.inner_start, q.inner_end))
        else:
            lead_in = _lead_in(q, sent_end, doc, cue_tokens)
            if lead_in is None:
                break
            cand.content.append((lead_in, q.inner_end))
        cand.quotes.append(q)
        covered.add(q.start)
        break


def _lead_in(q: Quote, sent_end: int, doc: Doc, cue_tokens: set[int]) -> Optional[int]:
    """Where the words leading into quotation `q` start, if they open the sentence after
    `sent_end` and are few, in one paragraph with no cue, no other quotation and no
    sentence end, and `q` closes the paragraph; else None."""
    text = text_of(doc)
    gap = text[sent_end : q.start]
    start = sent_end + len(gap) - len(gap.lstrip())
    words = text[start : q.start]
    if (start - sent_end > 2 or "\n" in gap or not words.strip() or not q.closed
            or len(words.split()) > MAX_LEAD_IN_WORDS or re.search(r"[.!?;:]\s|[\"\u201c\u201d]", words)):
        return None
    paragraph_end = text.find("\n", q.end)
    if text[q.end : len(text) if paragraph_end == -1 else paragraph_end].strip(" \t\r.\u00a0"):
        return None
    lexicon = load_lexicon()
    span = doc.char_span(start, q.start, alignment_mode="expand") or []
    if any(t.i in cue_tokens or is_cue_verb(t, lexicon) for t in span):
        return None
    return start


def split_closing_quotation(candidates: list[Candidate], quotes: list[Quote], text: str) -> None:
    """ 'To alleviate the threat, the officials said, the utility switched the covers,
    “so they cannot form a combustible amount,” Mr. McHugh said.': a sentence-closing
    "X said" after a quotation, in a sentence another speaker's parenthetical already
    reports, takes the quotation only; the parenthetical keeps the clause before it."""
    for closing in candidates:
        if closing.pattern != "verb-clause" or len(closing.content) != 1 or not closing.cue:
            continue
        start, end = closing.content[0]
        # The content ends with the quotation (its closing mark, give or take a comma).
        last = next((q for q in quotes if q.closed and start < q.start and end - 1 <= q.end <= end + 2
                     and q.end <= closing.cue[0][0]), None)
        if last is None:
            continue
        inner = [c for c in candidates if c.pattern == "verb-parenthetical" and c.cue and start <= c.cue[0][0] < last.start]
        if len(inner) != 1:
            continue
        parenthetical = inner[0]
        parenthetical.content = [(s, min(e, last.start)) for s, e in parenthetical.content if s < last.start]
        parenthetical.content = [trim(text, s, e) for s, e in parenthetical.content]
        parenthetical.edges_fixed = True
        closing.content = [(last.inner_start, last.inner_end)]
        closing.pattern = "verb-quote-before"
