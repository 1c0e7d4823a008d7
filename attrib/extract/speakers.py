"""Who speaks: the speaker mention a reporting verb has in the parse.

The verb's subject, or a passive's agent, the object an infinitive takes its subject
from ("led Ode to declare"), the owner of what speaks through a relative "that"; nobody
for "it appears that ..." or "it was reported that ...". The speakers the parser lost
are found by `lost_speakers.py`, and the mention is cut as the writer shows it by
`mention_edges.py`. Mentions are token spans; naming the speaker is the resolver's job
(`attrib/resolve`).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from attrib.extract.grammar import CLAUSE_DEPS, OBJECT_CONTENT_DEPS, QUOTE_MARKS, RAISING_VERBS, SUBJECT_DEPS, is_raising, subtree_span

# A speaker named between a quotation and its verb takes at most this many words.
MAX_SPEAKER_BETWEEN = 8
# Pronouns that can be made to speak: "led him to say".
PERSONAL_OBJECT_PRONOUNS = {"me", "him", "her", "us", "them"}
# Verbs whose object is the means, not the doer, of the infinitive after it: "used the
# speech to call for ...", "employed the phrase to describe ..." (the user speaks).
MEANS_VERBS = {"use", "employ"}
# An object or a predicate between a verb and a preposition hung on it: "took [the
# step] of criticizing", "was [quick] in denouncing".
NOUN_OR_PREDICATE_DEPS = {"dobj", "acomp", "attr"}
# Words the parser may hang on a noun that belong to the whole sentence: "In Ohio, ...".
SENTENCE_LEVEL_DEPS = {"prep", "advmod", "npadvmod", "punct", "cc", "intj", "mark"}


def is_passive_participle_clause(verb: Token) -> bool:
    """ "Asked about the plan, ...", "When pressed on it, ...": a reporting verb whose
    speaker goes unnamed, though it reports as surely as one with a subject."""
    # The parser tags an opening "Asked" as a past tense now and then (VBD): before the
    # verb it hangs on, with no subject, it is the participle all the same.
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.i < verb.head.i)
    return participle and verb.dep_ == "advcl" and not any(c.dep_ == "aux" for c in verb.children)


def verb_governing(noun: Token) -> Token:
    """The verb whose object (or preposition's object) the noun is: "made [an attempt]",
    "shot back in [an article]". The noun itself when there is none."""
    governor = noun
    while governor.dep_ in ("dobj", "pobj", "prep", "attr") and governor.head != governor:
        governor = governor.head
    return governor if governor.pos_ in ("VERB", "AUX") else noun


def speaker_span(subject: Token) -> tuple[int, int]:
    """The token span of the speaker whose head word is `subject`: its subtree, and on to
    the end of a second subject the parser gave the same verb right after a comma ("Ban
    Ki-moon, the secretary general, vowed", "The family, protesters and civic leaders
    have demanded": an apposition or a list taken for two subjects). Where the second is
    a person's name and the first is not, the first is an opening phrase the parser took
    for a subject ("In New Hampshire, Trump called ...") and the name alone speaks."""
    start, end = subtree_span(subject)
    doc = subject.doc
    last_word = end - 1
    while last_word > start and doc[last_word].is_punct:
        last_word -= 1
    second = None if subject.head == subject else next(
        (c for c in subject.head.children
         if c.dep_ == subject.dep_ and c.i > subject.i
         and [t.text for t in doc[last_word + 1 : c.left_edge.i]] == [","]),
        None)
    if second is None:
        return start, end
    if second.ent_type_ == "PERSON" and subject.ent_type_ != "PERSON":
        return subtree_span(second)
    return start, second.right_edge.i + 1


def participle_speaker(participle: Token) -> tuple[int, int]:
    """The token span of who speaks through a participle on a noun: the subject of the
    verb whose direct object the noun is ("Ode delivered a speech outlining ...", "fired
    off a response saying ..."; on train gold names that subject 20 times and the object 8
    where the rules found such a statement), else the noun up to itself ("voters saying
    ...", "a petition calling for ...")."""
    noun = participle.head
    if noun.dep_ == "dobj" and noun.pos_ in ("NOUN", "PROPN") and noun.head.pos_ in ("VERB", "AUX"):
        subject = subject_of(noun.head)
        # (A relative "that" or "which" stands for a thing, not for who wrote the object.)
        if subject is not None and subject.lower_ not in ("that", "which"):
            return subtree_span(subject)
    return noun.left_edge.i, noun.i + 1


def last_token_before(doc: Doc, i: int) -> int:
    """Index of the last token before token i (> 0) that is neither punctuation nor space."""
    i -= 1
    while i > 0 and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    return i


def _is_participle_clause(verb: Token) -> bool:
    """ "remember Ode going on TV": an -ing form with no auxiliary ("is going") of its own."""
    return verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children)


def _is_parenthetical(verb: Token) -> bool:
    """ '"...," Ode added', "..., the source recalled": a verb whose subject opens right
    after a comma or a quotation mark reports what comes before it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return subject is not None and verb.doc[subject.left_edge.i - 1].text in (",", *QUOTE_MARKS)


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def subject_of(verb: Token, raised_speaks: bool = False) -> Optional[Token]:
    """The verb's speaker: its subject, the agent of a passive, or a governing verb's
    subject. A raising verb's subject speaks only when `raised_speaks` ("appeared to
    blame"), not in "The plan seems to work"."""
    if is_raising(verb) and not raised_speaks:
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        # "Whole Foods co-founder and CEO John Mackey said": the parser may split one
        # speaker into two subjects; the person's name is who spoke.
        person = [c for c in subjects if c.ent_type_ == "PERSON"]
        if len(person) == 1 and person[0].i == max(c.i for c in subjects):
            return person[0]
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.dep_ == "nsubjpass" and verb.lemma_ != "quote":
                # "It was reported that ..." has no speaker; the subject is the content.
                return None
            if child.lower_ == "it" and (verb.lemma_.lower() in RAISING_VERBS or _is_extraposition(verb)):
                # "It appears that ...", "It is clear that ...": the "it" stands for the
                # clause; nobody speaks (on train gold names no source 9 times in 9
                # where "it appears" matched).
                return None
            return _owner_of_relative_that(child) or child
    # "Asked about the plan, Ode said ...": the passive participle's subject is the one
    # asked, and who asked goes unnamed.
    if is_passive_participle_clause(verb):
        return None
    # "The defeat led Ode to declare ...", "forced her to admit ...": an infinitive after
    # the governing verb's object has that object as its subject ("had this to say" has
    # no such object: "this" is what was said; in "used the speech to call for" the
    # object is the means, and the governing verb's subject speaks: below).
    if (verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and verb.head.lemma_.lower() not in MEANS_VERBS):
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None and (obj.pos_ in ("NOUN", "PROPN") or obj.lower_ in PERSONAL_OBJECT_PRONOUNS):
            return obj
    # "Ode said the plan is failing, pointing to the polls": a participle after a comma
    # goes on from the sentence's speaker, though the parser hangs it on the last verb of
    # what was said; it borrows the subject of the verb that reports that clause. (Not
    # from a parenthetical "..., Ode added," which the parser may make the complement,
    # nor from a participle clause: "remember Ode going on TV, declaring ...".) What was
    # said may run on through a second verb with no subject of its own ("said Kell will
    # win and serve two terms, saying ...") or be a noun's clause ("rejected the idea that
    # Kell would lose, saying ..."): the climb goes through those too.
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.doc[verb.i - 1].text == ",":
        governor = verb.head
        while ((governor.dep_ == "ccomp" or (governor.dep_ in ("conj", "xcomp") and not has_subject(governor)))
               and governor.head.pos_ in ("VERB", "AUX") and governor.head.i < verb.i
               and not _is_participle_clause(governor) and not _is_parenthetical(governor)):
            governor = governor.head
        noun = governor.head
        if governor.dep_ == "acl" and noun.dep_ in OBJECT_CONTENT_DEPS and noun.head.pos_ in ("VERB", "AUX"):
            governor = noun.head
        if governor != verb.head:
            return subject_of(governor, raised_speaks=True)
    # "It's important to remember that ...", "It's hard not to wonder whether ...": the
    # parser may hang the infinitive on the linking verb instead of on its predicate; the
    # "it" stands for the infinitive all the same, and nobody is named (see below).
    if verb.dep_ == "xcomp" and _is_extraposition(verb.head):
        return None
    # "... and added", "..., adding that", "wants to say": share the governing verb's subject.
    # A clause of its own goes on from a raised subject too: in "Ode seemed to back the
    # plan, saying ..." Ode says it (the infinitive passes that on up to "seemed").
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and verb.head != verb:
        governor = verb.head
        if (verb.dep_ == "advcl" and verb.tag_ == "VBG" and governor.head != governor and governor.head.i < governor.i
                and any(c.dep_ == "advmod" and c.lower_ == "where" for c in governor.children)):
            # "looping the streets around the stadium - where the Panthers played - while
            # chanting ...": the parser hangs the participle on the "where" clause's verb;
            # it goes on from the clause that place is in.
            governor = governor.head
        return subject_of(governor, raised_speaks=raised_speaks or verb.dep_ != "xcomp")
    # "were able to say", "is eager to point out": the infinitive on a predicate adjective
    # has the linking verb's subject; but "it" in "it is worth noting", "it is fair to
    # say" stands for the infinitive itself, and nobody is named.
    adjective = verb.head
    if (verb.dep_ == "xcomp" and adjective.pos_ == "ADJ" and adjective.dep_ == "acomp"
            and adjective.head.pos_ in ("VERB", "AUX") and adjective.head != adjective):
        subject = subject_of(adjective.head)
        return subject if subject is not None and subject.lower_ != "it" else None
    # "had a chance to show", "went out of his way to say": an infinitive on the object of
    # a verb has that verb's subject.
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        governor = verb.head
        while governor.dep_ in ("dobj", "pobj", "prep") and governor.head != governor:
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX") and governor != verb:
            return subject_of(governor)
    # "After saying X, she was ...": the verb under a preposition shares the clause's
    # subject; so it does when the preposition hangs on the verb's object or predicate
    # ("has a history of blaming", "took the step of criticizing", "was quick in denouncing").
    # The climb goes on through a preposition's object ("After months of refusing", "in
    # addition to stating") and an adverb ("stopped short of calling"); and the clause's
    # subject is the one meant even when it is passive or raised ("After slamming X, she
    # was suspended", "By refusing X, they appeared to ...").
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        governor = verb.head.head
        while governor.head != governor and (
                (governor.dep_ in NOUN_OR_PREDICATE_DEPS | {"pobj"} and governor.pos_ in ("NOUN", "ADJ"))
                or governor.dep_ == "prep" or (governor.dep_ == "advmod" and governor.pos_ == "ADV")):
            governor = governor.head
        if governor.pos_ in ("VERB", "AUX") and governor != verb.head:
            # Not the passive's agent: "After claiming X, Ode was suspended by her party".
            passive_subject = next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
            return passive_subject or subject_of(governor, raised_speaks=True)
    return None


def _is_extraposition(linking: Token) -> bool:
    """ "It is easy | to see ...", "It's clear | that ...", "It's time | to say ...": a form
    of "be" with "it" for its subject, an adjective or noun for its predicate, and a clause
    (on the verb or on the predicate) that the "it" stands for."""
    if linking.lemma_.lower() != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in linking.children):
        return False
    predicate = next((c for c in linking.children
                      if (c.dep_ == "acomp" and c.pos_ == "ADJ") or (c.dep_ == "attr" and c.pos_ == "NOUN")), None)
    return predicate is not None and any(c.dep_ in CLAUSE_DEPS for c in (*linking.children, *predicate.children))


def _owner_of_relative_that(subject: Token) -> Optional[Token]:
    """ "The Post ran a piece that noted ...": the thing said to speak through a relative
    "that" is the object of a verb whose subject put it out, and gold names that subject
    (on train 4 times against 1, on dev 2 against 1; after "which" it names the pronoun)."""
    clause = subject.head
    if subject.lower_ != "that" or clause.dep_ != "relcl" or clause.head.dep_ != "dobj":
        return None
    return subject_of(clause.head.head)
