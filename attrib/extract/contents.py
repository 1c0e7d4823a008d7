"""What was said: the content a reporting verb governs in the parse.

A verb's clause ("said that ..."), else its object with the complements that finish
the thought ("accused X of Y", "called the plan a disaster"), else the topic after a
preposition ("called for X"), with the verbs that want their own reading ("agreed with
X", "asked her if ...", "said so"); the clause a parenthetical "he said" interrupts; and
the clause "according to X" qualifies. Contents are character spans, trimmed of edge
punctuation and of the writer's trailing asides.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from attrib.extract.cues import made_clear
from attrib.lexicons import load_lexicon
from attrib.extract.grammar import (
    ADDRESSEE_VERBS, CLAUSE_DEPS, FINITE_TAGS, OBJECT_CONTENT_DEPS, PREDICATE_DEPS, QUOTE_MARKS,
    RAISING_VERBS, SETTING_PREPOSITIONS, char_spans_excluding, is_raising, subtree_span,
)

# "agreed with X", "sided with X": X (whose view is taken) is the content; on train gold
# has it so 15 times in 18 for these verbs, but only 41 in 93 for "with" after any verb
# left with no content ("charged with", "talked with").
AGREEMENT_VERBS = {"agree", "disagree", "side"}
# Verbs whose "if" or "whether" clause is the question put: "asked her if ...".
QUESTION_VERBS = {"ask"}
# After an object, these carry the rest of what was said: "accused him of lying".
COMPLEMENT_DEPS = {"prep", "oprd", "xcomp", "ccomp", "acomp", "advcl", "dative"}
# "called for X", "warned against X", "talked about X": the topic is the content.
TOPIC_PREPOSITIONS = {"for", "against", "about", "on", "of", "to"}
# "criticized for X", "described as X": after a passive, the preposition whose object
# is what was said (not "of": "was accused of" already has an object content).
PASSIVE_TOPIC_PREPOSITIONS = {"for", "as"}
# A reason clause the parser hangs on the reporting verb belongs to what was said:
# "said the plan failed because ...".
REASON_MARKERS = {"because"}
# Verbs that cast someone as something: "called X a 'disgrace'", "described X as 'Y'".
CAST_VERBS = {"call", "describe", "label", "dub", "brand", "term", "characterize", "characterise", "portray", "deem"}
# "even as", "while", "whereas": a clause that sets another report against the content.
CONTRAST_MARKERS = {"as", "while", "whereas", "although", "though"}
# A clause ending in one of these after a comma is the writer's aside, not the speaker's
# words: ", citing ...", ", who is 70", ", the presumed favourite".
TRAILING_ASIDE_DEPS = {"advcl", "relcl", "appos", "acl"}


def content_of_verb(verb: Token, doc: Doc, has_speaker: bool) -> tuple[list[tuple[int, int]], str] | None:
    """What the reporting verb governs, as character spans: its clause ("said that ..."),
    else its object with the complements that finish the thought ("accused X of Y",
    "called the plan a disaster"), else a prepositional object ("called for X"), else,
    for a passive with an agent, the passive subject ("X was first reported by Y")."""
    clauses = [c for c in verb.children if c.dep_ in CLAUSE_DEPS]
    adjective = made_clear(verb)
    if adjective is not None:
        # "made it clear that P": P hangs on the adjective or on the verb.
        clauses = [c for c in adjective.children if c.dep_ in ("ccomp", "advcl", "csubj") and c.i > adjective.i]
        clauses = clauses or [c for c in verb.children if c.dep_ == "ccomp" and c.i > adjective.i]
    if clauses:
        clause = max(clauses, key=lambda c: c.right_edge.i - c.left_edge.i)
        start, end = subtree_span(clause)
        # "wrote that the request was futile, because ...": the parser hangs the reason on
        # the reporting verb, but it goes on what was said.
        for child in verb.children:
            if (child.dep_ == "advcl" and child.i > clause.i and child.left_edge.i in (end, end + 1)
                    and any(m.dep_ == "mark" and m.lower_ in REASON_MARKERS for m in child.children)):
                end = child.right_edge.i + 1
        if clause.dep_ == "xcomp":
            # "told his staff never to speak of it": the object belongs to the content.
            objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
            # "called on Trump to apologize", "appealed to voters to wait": so does the
            # object of a preposition (or of what the parser takes for a particle) right
            # after the verb.
            addressed = [
                pobj for prep in verb.children if prep.dep_ in ("prep", "prt") and prep.i == verb.i + 1
                for pobj in prep.children if pobj.dep_ == "pobj" and pobj.right_edge.i + 1 == clause.left_edge.i
                and pobj.ent_type_ not in ("DATE", "TIME")
            ]
            if objects:
                start = objects[0].left_edge.i
            elif addressed:
                start = addressed[0].left_edge.i
        end = _without_contrasting_report(doc, start, _without_trailing_aside(doc, start, end))
        # "a plan which he said would fail": the clause's subject precedes the speaker and
        # the verb, which are no part of what was said ("which | would fail").
        excluded = []
        if start < verb.i:
            words = {t.i for t in clause.subtree}
            excluded = [(i, i + 1) for i in range(start, verb.i + 1) if i not in words]
        spans = char_spans_excluding(doc, start, end, excluded)
        # "The veto is expected to come Friday": the passive subject is what the
        # expectation is about, so it opens the content ("The veto | to come Friday").
        # So is a raising verb's subject: "The plan seems to work" ("The plan | to work").
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" or (c.dep_ == "nsubj" and is_raising(verb))), None)
        if clause.dep_ == "xcomp" and subject is not None and subject.i < verb.i and spans:
            spans = char_spans_excluding(doc, *subtree_span(subject), []) + spans
        return spans, "clause"
    if verb.lemma_.lower() in RAISING_VERBS:
        # "X seems stable" is an appearance of "X | stable", with no speaker (as PolNeAR
        # annotates it); "appeared on a talk show" is no appearance of anything said.
        predicate = next((c for c in verb.children if c.dep_ in PREDICATE_DEPS and c.i > verb.i), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if predicate is None:
            return None
        spans = char_spans_excluding(doc, *subtree_span(predicate), [])
        if subject is not None:
            spans = char_spans_excluding(doc, *subtree_span(subject), []) + spans
        return spans, "object"
    if verb.lemma_.lower() in CAST_VERBS:
        # "called Clinton a “disgrace” on the radio": the quoted words are what was said.
        quoted = _quoted_cast(verb, doc)
        if quoted is not None:
            return quoted, "object"
    if verb.lemma_.lower() not in ADDRESSEE_VERBS:
        objects = [c for c in verb.children if c.dep_ in OBJECT_CONTENT_DEPS and c.i > verb.i]
        if objects and (objects[0].pos_ != "PRON" or _pronoun_cast_as(verb, objects[0])):
            start = objects[0].left_edge.i
            end = max(o.right_edge.i for o in objects) + 1
            # "expressed concern that P": a bare noun with a that-clause joins the cue,
            # and P is what was said.
            noun = objects[0]
            that = next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
            if noun.pos_ == "NOUN" and that is not None and not any(c.dep_ in ("det", "poss") for c in noun.children):
                start = that.left_edge.i
            end = max(end, _complements_end(verb, objects[0]))
            # "Ode was declared the winner": with no agent, the whole clause is what was
            # declared, passive subject and verb too (on train gold starts at the passive
            # subject 30 times in 32).
            passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
            if passive_subject is not None and not any(c.dep_ == "agent" for c in verb.children):
                start = passive_subject.left_edge.i
            return char_spans_excluding(doc, start, _without_trailing_aside(doc, start, end), []), "object"
    # Without a speaker, "a statement posted on X's website" is a place, not a topic.
    for child in verb.children if has_speaker else ():
        if child.dep_ == "prep" and child.i > verb.i and (
                child.lower_ in TOPIC_PREPOSITIONS or (child.lower_ == "with" and verb.lemma_.lower() in AGREEMENT_VERBS)):
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                start, end = subtree_span(target)
                # "called for X in response to Y": complements after the topic finish it too.
                end = max(end, _complements_end(verb, child))
                return char_spans_excluding(doc, start, _without_trailing_aside(doc, start, end), []), "object"
            break
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    quoted = _quoted_cast(verb, doc) if passive_subject is not None else None
    if quoted is not None:
        return quoted, "object"
    if any(c.dep_ == "agent" for c in verb.children):
        if passive_subject is not None:
            start, end = subtree_span(passive_subject)
            return char_spans_excluding(doc, start, end, []), "clause"
    elif passive_subject is not None:
        # "X has been criticized for Y" / "X was described as Y": what was said is about
        # the passive subject and the reason; nobody is named as saying it.
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in PASSIVE_TOPIC_PREPOSITIONS), None)
        target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if target is not None:
            spans = char_spans_excluding(doc, *subtree_span(passive_subject), []) + char_spans_excluding(doc, *subtree_span(target), [])
            return spans, "object"
    return _for_to_clause(verb, doc) or _question_asked(verb, doc) or _said_so(verb, doc) or _relative_cast_as(verb, doc)


def _quoted_cast(verb: Token, doc: Doc) -> list[tuple[int, int]] | None:
    """ "The strandings have been described as “heartbreaking” by the department",
    "called Clinton a “disgrace”": the quoted words are what was said, not what they
    describe. The quotation must be the whole "as" phrase or predicate."""
    # The "as" phrase may hang on the object: "described [Clinton as a “disgrace”]".
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    prep = next((c for head in [verb, *objects] for c in head.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if target is None:
        target = next((c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i), None)
    if target is None:
        return None
    start, end = subtree_span(target)
    # The marks may fall just outside the words the parser gave the phrase, and an
    # article may stand before the quotation ("a “disgrace”").
    start = start - 1 if start > 0 and doc[start - 1].text in QUOTE_MARKS else start
    end = end + 1 if end < len(doc) and doc[end].text in QUOTE_MARKS else end
    marks = [t.i for t in doc[start:end] if t.text in QUOTE_MARKS]
    # (What follows the closing mark is the writer's: "a “disgrace” on the radio".)
    if len(marks) != 2 or not marks[0] < target.i < marks[1]:
        return None
    if any(t.pos_ not in ("DET", "ADJ") for t in doc[start : marks[0]]):
        return None
    return char_spans_excluding(doc, marks[0] + 1, marks[1], [])


def _relative_cast_as(verb: Token, doc: Doc) -> tuple[list[tuple[int, int]], str] | None:
    """ "Florida, which he describes as his second home": the relative pronoun and the
    "as" phrase are what was said ("which | as his second home", as PolNeAR marks it; 10
    times in 14 on train among the verbs left with no content). Not "what he saw as X":
    4 in 12."""
    relative = next((c for c in verb.children if c.dep_ == "dobj" and c.i < verb.i
                     and c.tag_ in ("WDT", "WP") and c.lower_ != "what"), None)
    cast_as = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i), None)
    if relative is None or cast_as is None or not any(g.dep_ in ("pobj", "pcomp") for g in cast_as.children):
        return None
    return (char_spans_excluding(doc, relative.i, relative.i + 1, [])
            + char_spans_excluding(doc, cast_as.i, cast_as.right_edge.i + 1, [])), "object"


def _said_so(verb: Token, doc: Doc) -> tuple[list[tuple[int, int]], str] | None:
    """ "half said so", "Cruz thinks so": "so" stands for what was said, and PolNeAR
    marks it as the content (6 times in 6 on train among the verbs left with no content)."""
    so = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "so" and c.i == verb.i + 1), None)
    if so is None:
        return None
    return char_spans_excluding(doc, so.i, so.i + 1, []), "object"


def _for_to_clause(verb: Token, doc: Doc) -> tuple[list[tuple[int, int]], str] | None:
    """ "called for the president to resign": the parser makes "for X to Y" an adverbial
    clause marked by "for"; what was called for is "X to Y", without the "for" (which
    PolNeAR puts in the cue). Among the verbs left with no content, gold has it so 25
    times in 27 on train."""
    for child in verb.children:
        first = child.left_edge
        if (child.dep_ == "advcl" and child.i > verb.i and first.lower_ == "for"
                and first.dep_ == "mark" and first.head.i == child.i):
            start, end = first.i + 1, child.right_edge.i + 1
            return char_spans_excluding(doc, start, _without_trailing_aside(doc, start, end), []), "clause"
    return None


def _question_asked(verb: Token, doc: Doc) -> tuple[list[tuple[int, int]], str] | None:
    """ "asked voters if the vote was rigged", "Asked whether he would run, ...": the
    parser makes the question an adverbial clause; it is what was asked (gold has it so
    9 times in 10 on train among the verbs left with no content; other verbs with an
    "if" clause after them, "imagine if ...", "see if ...", only 3 in 8)."""
    if verb.lemma_.lower() not in QUESTION_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    next_word = objects[0].right_edge.i + 1 if objects else verb.i + 1
    for child in verb.children:
        first = child.left_edge
        if (child.dep_ == "advcl" and first.i == next_word and first.lower_ in ("if", "whether")
                and first.dep_ == "mark" and first.head.i == child.i):
            start, end = first.i, child.right_edge.i + 1
            return char_spans_excluding(doc, start, _without_trailing_aside(doc, start, end), []), "clause"
    return None


def _pronoun_cast_as(verb: Token, pronoun: Token) -> bool:
    """ "described himself as a conservative", "called him a liar": a personal pronoun
    object is part of what was said when what it is cast as follows it, after "as" or as
    a predicate. (Among the verbs left with no content, gold takes "himself as ..." 43
    times in 57 on train, and "him a liar" 33 times in 46.)"""
    if pronoun.tag_ != "PRP":
        return False
    for child in verb.children:
        if child.dep_ == "oprd" and child.left_edge.i == pronoun.i + 1:
            return True
        if (child.dep_ == "prep" and child.lower_ == "as" and child.i == pronoun.i + 1
                and any(g.dep_ in ("pobj", "pcomp") for g in child.children)):
            return True
    return False


def _complements_end(verb: Token, first_object: Token) -> int:
    """Token end of the complements after the object: "accused him [of lying]"."""
    end = first_object.right_edge.i + 1
    for child in verb.children:
        if child.i <= first_object.i:
            continue
        # 'criticized the mayor for "a reckless plan" despite the vote': a closing
        # quotation mark the parser hangs on the verb ends the quoted words, not the
        # complements (on train gold runs on past it 13 times in 13 when a preposition or
        # an adverbial follows).
        if child.dep_ == "punct" and child.text in QUOTE_MARKS:
            continue
        # "cited a memo by the inspector, an internal watchdog, as proof": the comma closes
        # an aside inside the object; "as" and "including" go on with it (on train gold
        # runs on 7 times in 7: 5 "as", 2 "including").
        following = next((c for c in verb.children if c.i > child.i), None)
        if (child.dep_ == "punct" and child.text == "," and following is not None
                and following.dep_ == "prep" and following.lower_ in ("as", "including")):
            continue
        if child.dep_ in ("punct", "cc", "conj"):
            break
        # "rejected the plan when it came up": a finite adverbial clause after the object
        # is the writer's circumstance (on train gold stops before it 28 times in 38).
        if child.dep_ == "advcl" and child.tag_ in FINITE_TAGS:
            break
        # "saw the defeat during the campaign as a sign of decline": a setting followed by
        # a complement sits inside what was said (on train gold runs on to the complement
        # 9 times in 9 when it is a preposition or a predicate).
        setting_inside = (
            child.dep_ == "prep" and _is_setting(child) and following is not None
            and following.dep_ in ("prep", "oprd") and not (following.dep_ == "prep" and _is_setting(following))
        )
        if setting_inside or (child.dep_ in COMPLEMENT_DEPS and not (child.dep_ == "prep" and _is_setting(child))):
            end = child.right_edge.i + 1
        else:
            break
    return end


def _is_setting(prep: Token) -> bool:
    """ "on Tuesday", "in Ohio": a time or place is the writer's setting; "in support of
    X", "in response to Y" are part of what was said."""
    if prep.lower_ not in SETTING_PREPOSITIONS:
        return False
    if prep.lower_ != "in":
        return True
    # "in" sets the scene with a named place or a date ("in Ohio", "in May").
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is None or pobj.pos_ == "PROPN" or pobj.ent_type_ != ""


def _without_trailing_aside(doc: Doc, start: int, end: int) -> int:
    """Cut ", citing ..." / ", who is 70" / ", a former senator" off the end of a content."""
    for k in range(start + 1, end - 1):
        if doc[k].text != ",":
            continue
        nxt = doc[k + 1]
        root = nxt
        while root.head.i != root.i and start <= root.head.i < end and root.head.i > k:
            root = root.head
        if root.dep_ in TRAILING_ASIDE_DEPS and root.left_edge.i == k + 1 and root.right_edge.i >= end - 2:
            if root.dep_ in ("advcl", "acl") and root.tag_ != "VBG":
                continue
            if start <= root.head.i < k:
                return k
    return end


def _without_contrasting_report(doc: Doc, start: int, end: int) -> int:
    """ "claimed the cuts would pay for themselves even as the budget office estimated
    that they would add $250 billion": a closing clause in which someone else reports
    the contrary is the writer's contrast, not part of what was claimed, and a statement
    of its own."""
    for token in doc[start + 1 : end]:
        if (token.dep_ == "advcl" and token.left_edge.i > start + 1 and token.right_edge.i >= end - 2
                and token.lemma_.lower() in load_lexicon().cue_verbs
                and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKERS for c in token.children)
                and any(c.dep_ == "nsubj" for c in token.children)):
            cut = token.left_edge.i
            while cut > start + 1 and (doc[cut - 1].lower_ in ("even", "just") or doc[cut - 1].is_punct):
                cut -= 1
            return cut
    return end


def parenthetical_content(verb: Token, doc: Doc) -> list[tuple[int, int]] | None:
    """ "The plan will work, he said, and soon." : the head clause around the verb."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or head == verb or head.pos_ not in ("VERB", "AUX"):
        return None
    start, end = subtree_span(head)
    return char_spans_excluding(doc, start, end, [subtree_span(verb)])


def qualified_clause(token: Token, doc: Doc, phrase_span: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause an "according to" phrase qualifies, without the phrase itself.

    When the phrase hangs on a reporting verb ("..., according to one of the sources,
    the publication reported") the clause is that verb's complement.
    """
    sent = token.sent
    head = token.head if token.head != token else token
    clause = next((c for c in head.children if c.dep_ == "ccomp"), None)
    if clause is not None and not (clause.left_edge.i <= token.i <= clause.right_edge.i):
        start, end = subtree_span(clause)
    else:
        while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head != head:
            head = head.head
        start, end = subtree_span(head) if head.i != token.i else (sent.start, sent.end)
    start, end = max(start, sent.start), min(end, sent.end)
    # A dateline or heading before a colon is not part of the statement.
    colon = max((t.i for t in doc[start:min(end, phrase_span[0])] if t.text == ":"), default=None)
    if colon is not None:
        start = colon + 1
    return char_spans_excluding(doc, start, end, [phrase_span])
