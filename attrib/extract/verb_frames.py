"""Verb frames: a reporting verb with its clause ("X said that ...", "X emphasised ..."),
also in the inverted order ("..., said X") and as a parenthetical ("A, he said, B"),
or next to a quotation (`quote_adjacency.py`); "went on to say", "appeared to blame",
"was quoted as saying", "issued a statement saying". The cue model decides whether a
verb reports here (`cue_model.py`); the speaker mention comes from `speakers.py` and
what the verb governs from `contents.py`."""

from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Doc, Span, Token

from attrib.extract import cue_model
from attrib.extract.according_to import CITING_VERBS
from attrib.extract.candidate import Candidate
from attrib.extract.contents import content_of_verb, parenthetical_content
from attrib.extract.cues import cue_verb_tokens, is_cue_verb, verb_lemma, widen_cue
from attrib.extract.doc_text import text_of
from attrib.extract.grammar import RAISING_VERBS, SUBJECT_DEPS, TRIM_CHARS, token_char_span, trim
from attrib.extract.quote_adjacency import in_quotation, quote_after, quote_before, quote_resumed, speaker_between
from attrib.extract.quotes import Quote
from attrib.extract.role_tagger import CUE
from attrib.extract.lost_speakers import speaker_the_parse_lost
from attrib.extract.mention_edges import subject_outside_content
from attrib.extract.speakers import is_passive_participle_clause, speaker_span, subject_of
from attrib.lexicons import Lexicon

# Verbs that report only through a clause or a quotation: "added that ...", but
# "added 200 jobs" and "adds to the pressure" say nothing.
CLAUSE_ONLY_VERBS = {"add"}
# Verbs that go on with a reporting verb: "continued to insist that ...", "went on to
# say that ...". The two are one cue (on train gold has it so 20 times in 20).
ASPECT_VERBS = {"continue", "go"}
# So are a raising verb and a reporting verb's infinitive on it: "appeared to blame",
# "seemed to think"; the raised subject is the speaker (on train 30 such gold cues in
# 32 have a source).
CUE_OPENING_VERBS = ASPECT_VERBS | RAISING_VERBS
# Words that may precede an imperative verb: "Please read ...", "Don't blame ...".
IMPERATIVE_OPENERS = {"do", "don't", "n't", "not", "please", "just", "now", "so", "then", "and", "but"}


def verb_cue_score(
    token: Token, lexicon: Lexicon, quote_spans: list[tuple[int, int]], text: str, roles: Optional[np.ndarray]
) -> Optional[float]:
    """Is this verb reporting something here? The cue model judges the verb in its frame:
    a lexicon verb passes unless its frame is unlike a report's ("says" inside a
    quotation, "told" as in "all told"); a verb outside the lexicon needs a surer score.
    Returns the model's score for a verb that passes, None otherwise."""
    # Most words are neither verbs nor a sentence's root (which `is_cue_verb` may take
    # for a mistagged verb): nothing to look up for them.
    if not (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.dep_ == "ROOT"):
        return None
    in_lexicon = is_cue_verb(token, lexicon)
    if not in_lexicon and not (token.pos_ == "VERB" or token.tag_.startswith("VB")):
        return None
    score = cue_model.cue_score(
        token, cue_model.is_quoted(token, quote_spans), cue_model.is_next_to_quote(token, quote_spans, text),
        roles[token.i, CUE] if roles is not None else None,
    )
    return score if score >= cue_model.threshold(in_lexicon) else None


def frames_a_report(cand: Candidate, doc: Doc, lexicon: Lexicon) -> bool:
    """ "Ode took the chance to say that ...", "has a long history of blaming the
    council", "went to Ohio to explain the plan": a verb the lexicon does not know
    (let in by the cue model) whose content holds a known reporting verb in an
    infinitive or gerund is the frame around that report (or a purpose), not a report
    of its own. (A finite verb inside, "griped that the mayor said ...", is a statement
    nested in this one, which stands.)"""
    for start, end in cand.content:
        for token in doc.char_span(start, end, alignment_mode="expand") or ():
            if token.tag_ in ("VB", "VBG") and token.pos_ == "VERB" and is_cue_verb(token, lexicon):
                return True
    return False


def is_purpose(verb: Token, lexicon: Lexicon) -> bool:
    """ "Burgum met Rodriguez to discuss oil": a plan for talk, not something said.

    (PolNeAR counts these too, at 57% precision on train; a reader auditing who said
    what does not, and dropping them costs dev 0.1 point of F1.)"""
    is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return (is_infinitive and verb.dep_ == "advcl" and verb.head.lemma_.lower() not in lexicon.cue_verbs
            and aspect_head(verb) is None)


def aspect_head(verb: Token) -> Optional[Token]:
    """The "went on" or "continued" in "went on to explain how ...", "continued to insist
    that ..." (or the raising verb in "appeared to blame"): the reporting goes on, and the
    cue runs from it to the reporting verb. The parser hangs the infinitive on it as a
    complement or, after "went on", as an adverbial clause (which alone would read as a
    purpose: "went to Ohio to campaign"). Taking those too, gold agrees with 10 more such
    cues on train and 3 on dev, and with none fewer."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or head.i >= verb.i or head.lemma_.lower() not in CUE_OPENING_VERBS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if head.lemma_.lower() == "go" and not any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children):
        return None
    # "appeared on TV to discuss the plan" is a purpose; "appeared to discuss" raises.
    if head.lemma_.lower() in RAISING_VERBS and verb.dep_ != "xcomp":
        return None
    return head


def is_imperative(verb: Token, sent: Span) -> bool:
    """ "Read the rest of the story here", "Don't blame Bush": the writer addressing the
    reader, not a report. A bare verb with no subject opening its sentence (after "do",
    "please" ...); an inverted '"...," read the sign' does not open its sentence."""
    if verb.dep_ != "ROOT" or verb.tag_ != "VB" or any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in verb.children):
        return False
    return all(t.lower_ in IMPERATIVE_OPENERS or t.is_punct or t.is_space for t in sent if t.i < verb.i)


def verb_candidate(
    verb: Token, doc: Doc, lexicon: Lexicon, quotes: list[Quote], sent: Span, si: int
) -> Optional[Candidate]:
    # A cue word inside a quotation is part of what was said, not an attribution of it.
    if any(q.inner_start <= verb.idx < q.inner_end for q in quotes):
        return None
    if is_imperative(verb, sent):
        return None
    # '<tweet author="..." ...>': a word inside markup is a tag or attribute name, not a verb.
    text = text_of(doc)
    if text.rfind("<", 0, verb.idx) > text.rfind(">", 0, verb.idx) and text.find(">", verb.idx) > 0:
        return None
    if is_purpose(verb, lexicon):
        return None
    # The parser sometimes hangs a quoted word on the verb ('"... Probably not," she said').
    verb_tokens = [t for t in cue_verb_tokens(verb) if not in_quotation(t, quotes)]
    aspect = aspect_head(verb)
    if aspect is not None:
        verb_tokens = sorted(set(verb_tokens) | set(cue_verb_tokens(aspect)) | set(doc[aspect.i : verb.i + 1]), key=lambda t: t.i)
    subject = subject_of(verb)
    if subject is None:
        subject = _raised_speaker(aspect if aspect is not None else verb, doc, lexicon)
    # '"... Full panic mode," said Leslie Wimes': the parser can take the quotation's last
    # words for a subject too; the speaker is the subject outside the quotation.
    if subject is not None and in_quotation(subject, quotes):
        outside = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not in_quotation(c, quotes)]
        subject = outside[0] if outside else subject
    if subject is not None and _is_raised_topic(verb, subject):
        subject = None
    source = speaker_span(subject) if subject is not None else None
    speaker_taken_for_apposition = False
    if subject is None:
        subject, source, speaker_taken_for_apposition = speaker_the_parse_lost(verb)
    content: list[tuple[int, int]] = []
    pattern = ""
    # Next to a quotation, only a verb with a speaker of its own introduces it.
    after = quote_after(verb_tokens, quotes, doc) if subject is not None else None
    # '"A," Trump said, adding "B."': the quote before the subject is the governing
    # verb's; a verb that borrows its subject ("adding") does not take it too.
    own_subject = subject is not None and verb in (subject.head, subject.head.head)
    before = quote_before(verb_tokens, source, quotes, doc) if own_subject else None
    if not own_subject or in_quotation(subject, quotes):
        between = speaker_between(verb, quotes, doc)
        if between is not None:
            before, source = between
            subject = doc[source[0] : source[1]].root
    if after is not None:
        content, pattern = [(after.inner_start, after.inner_end)], "verb-quote-after"
    else:
        has_speaker = subject is not None or is_passive_participle_clause(verb)
        reported = reported_verb(verb, lexicon)
        found = content_of_verb(reported, doc, has_speaker)
        if verb.lemma_.lower() in CUE_OPENING_VERBS and reported.i > verb.i:
            if found is not None and found[0]:
                # "continued to insist", "went on to say": one cue, up to the reporting verb.
                verb_tokens = sorted(set(verb_tokens) | set(doc[verb.i : reported.i + 1]), key=lambda t: t.i)
            else:
                found = content_of_verb(verb, doc, has_speaker)
        if found is not None and found[0] and not _only_date_or_time(found[0], doc):
            content, pattern = found[0], f"verb-{found[1]}"
        elif subject is not None:
            paren = parenthetical_content(verb, doc)
            if paren:
                content, pattern = paren, "verb-parenthetical"
    # '"A," she said, "B."' is one attribution with two content spans; a quote that ends
    # its own sentence ('"A." She said B.') is not interrupted.
    interrupted = before is not None and text_of(doc)[before.inner_start : before.inner_end].rstrip().endswith((",", "\u2014", "-"))
    if before is not None and not (content and content[0][0] < before.end):
        if not content:
            content, pattern = [(before.inner_start, before.inner_end)], "verb-quote-before"
        elif interrupted and pattern != "verb-object":
            content = [(before.inner_start, before.inner_end)] + content
        elif interrupted:
            # '"...," Burgum posted on X': what follows the verb is where it was said,
            # not more of what was said; the quotation is the whole content.
            content, pattern = [(before.inner_start, before.inner_end)], "verb-quote-before"
    if interrupted and content and all(before.start <= s and e <= before.end for s, e in content):
        resumed = quote_resumed(verb_tokens, source, quotes, doc)
        if resumed is not None:
            content = content + [(resumed.inner_start, resumed.inner_end)]
    if not content:
        return None
    # "Do you support X?": a question's object is what is asked about, not something said.
    if pattern == "verb-object" and sent.text.rstrip(TRIM_CHARS + "\"'\u201d\u2019").endswith("?"):
        return None
    # "added 200 jobs", "adds to the pressure": these verbs say something only through a
    # clause or a quotation ("added that ...", '"...," she added').
    if verb.lemma_.lower() in CLAUSE_ONLY_VERBS and pattern == "verb-object":
        return None
    # "issued a statement saying P": the speaker's own document says P, and the cue runs
    # from the verb to the participle.
    participle = _published_document_says(verb, lexicon) if pattern == "verb-object" else None
    if participle is not None and participle.i + 1 < len(doc):
        after = doc[participle.i + 1].idx
        content = [(max(s, after), e) for s, e in content if e > after]
        verb_tokens = sorted(set(verb_tokens) | set(doc[verb.i : participle.i + 1]), key=lambda t: t.i)
    if not content:
        return None
    if source is not None and speaker_taken_for_apposition:
        # '"Yes," Lin Ode, head of the club, said': the parser hung the name on the quote's
        # last word, so the clause runs on into the speaker; what was said ends before it.
        speaker_start, verb_start = doc[source[0]].idx, verb.idx
        content = [trim(text_of(doc), s, min(e, speaker_start)) if s < speaker_start else (s, e)
                   for s, e in content if not speaker_start <= s < verb_start]
        content = [(s, e) for s, e in content if e > s]
        if not content:
            return None
    if source is not None:
        # A subject that overlaps the content is a parse slip, not a speaker.
        s_start, s_end = doc[source[0]].idx, doc[source[1] - 1].idx + len(doc[source[1] - 1])
        if any(s_start < e and s < s_end for s, e in content):
            source = subject_outside_content(subject, content)
    # The cue grows up to the content after it ("criticized for | ignoring ...").
    content_after = min((s for s, _ in content if s > verb.idx), default=content[0][0])
    verb_tokens = widen_cue(verb, verb_tokens, content_after, source)
    return Candidate(
        content=content,
        cue=[token_char_span(verb_tokens)],
        source=source,
        cue_token=verb.i,
        sentence=si,
        pattern=pattern,
    )


def _is_raised_topic(verb: Token, subject: Token) -> bool:
    """ "It is rumored to be planning a chain", "The deficit is expected to total $1
    trillion": the passive subject is what the report is about; with no "by" agent,
    nobody is named as saying it ("was quoted as saying" names the speaker)."""
    # The subject may be borrowed from a verb the passive one is joined to ("It has 11
    # stores and is rumored to ...").
    return ((subject.dep_ == "nsubjpass" or subject.head != verb) and verb.lemma_.lower() not in CITING_VERBS
            and any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
            and any(c.dep_ == "xcomp" and c.i > verb.i for c in verb.children))


def _raised_speaker(opener: Token, doc: Doc, lexicon: Lexicon) -> Optional[Token]:
    """ "Ode appeared to blame the staff", "seemed to think that ...": the raised subject
    speaks through the reporting verb on the raising verb, when that verb says something
    ("Investors seem to agree" is an appearance of "Investors | to agree", no speaker).
    The same whether the candidate comes from the reporting verb or the raising verb."""
    if opener.lemma_.lower() not in RAISING_VERBS:
        return None
    reported = reported_verb(opener, lexicon)
    if reported == opener:
        return None
    found = content_of_verb(reported, doc, True)
    return subject_of(opener, raised_speaks=True) if found is not None and found[0] else None


def _only_date_or_time(spans: list[tuple[int, int]], doc: Doc) -> bool:
    """ "said on Friday", "promised Sunday": a date or time after the verb is when it was
    said, not what (on train 29 such contents in 30 match no gold)."""
    words = [t for start, end in spans for t in doc.char_span(start, end, alignment_mode="expand") if not t.is_punct]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") for t in words)


def _published_document_says(verb: Token, lexicon: Lexicon) -> Optional[Token]:
    """The participle in "issued a statement saying ...", "released a report detailing
    ...": a document the subject put out, and what it says. (Not "cited a memo saying":
    someone else's document is what was cited; on train gold runs the cue on to the
    participle 20 times in 23 after a publishing verb.)"""
    if verb_lemma(verb) not in lexicon.publishing_verbs:
        return None
    document = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if document is None or document.lemma_.lower() not in lexicon.document_nouns:
        return None
    return next((c for c in document.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > document.i), None)


def reported_verb(verb: Token, lexicon: Lexicon) -> Token:
    """ "was quoted as saying that ...": the clause hangs on "saying", not "quoted"; and
    in "continued to insist that ..." on "insist"."""
    if verb.lemma_ == "quote":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                saying = next((t for t in child.children if t.pos_ == "VERB"), None)
                if saying is not None:
                    return saying
    if verb.lemma_.lower() in CUE_OPENING_VERBS:
        for child in verb.children:
            # `aspect_head` holds the frame: "to" + the verb after it, "go" with its "on".
            if is_cue_verb(child, lexicon) and aspect_head(child) is not None:
                return child
    return verb
