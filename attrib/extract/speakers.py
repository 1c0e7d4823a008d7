"""Who speaks: the speaker mention a reporting verb has in the parse.

The verb's subject, or a passive's agent, the object an infinitive takes its subject
from ("led Ode to declare"), the owner of what speaks through a relative "that"; nobody
for "it appears that ..." or "it was reported that ...". Then the speakers the parser
lost: an inverted subject taken for an object, a speaker taken for an apposition or
hung on the phrase before. Then the mention as the writer shows it: without an aside
set off by commas, a wire story's dateline, or a relative clause that makes a statement
of its own. Mentions are token spans; naming the speaker is the resolver's job
(`attrib/resolve`).
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc, Span, Token

from attrib.extract.parse import (
    ADDRESSEE_VERBS, CLAUSE_DEPS, OBJECT_CONTENT_DEPS, QUOTE_MARKS, RAISING_VERBS, SETTING_PREPOSITIONS,
    SUBJECT_DEPS, is_raising, subtree_span,
)

# A wire story's dateline, "BEDFORD, N.H. (AP) -", is this short and ends in a dash.
MAX_DATELINE_TOKENS = 12
DATELINE_DASHES = {"-", "--", "\u2013", "\u2014", "\u2015"}
# A speaker named between a quotation and its verb takes at most this many words.
MAX_SPEAKER_BETWEEN = 8
# The longest noun phrase taken for a speaker the parser hung on the phrase before it.
MAX_LOST_SPEAKER_WORDS = 15
# How many asides set off by commas may stand between that noun phrase and its verb.
MAX_ASIDES = 2
# The words that open a relative clause set off as an aside ("Ode, who sits on the board,").
RELATIVE_PRONOUNS = {"who", "whom", "whose", "which"}
# The parts of speech such a noun phrase can start with ("the", "more than two-thirds", "Ode").
NOUN_PHRASE_OPENERS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"}
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

    start, end = _cut_at_clause(doc, source, is_aside)
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


def _cut_at_clause(doc: Doc, source: tuple[int, int], cuts: Callable[[Token, Token], bool]) -> tuple[int, int]:
    """The token span `source` up to the first clause that starts after its head and
    for which `cuts(clause, head)` holds (never empty)."""
    start, end = source
    head = doc[start:end].root
    for token in doc[start:end]:
        if token.i > head.i and token.left_edge.i > max(start, head.i) and cuts(token, head):
            end = min(end, token.left_edge.i)
    return start, max(end, start + 1)


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


def _last_token_before(doc: Doc, i: int) -> int:
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


def _has_subject(verb: Token) -> bool:
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
        while ((governor.dep_ == "ccomp" or (governor.dep_ in ("conj", "xcomp") and not _has_subject(governor)))
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
        return subject_of(verb.head, raised_speaks=raised_speaks or verb.dep_ != "xcomp")
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


def _inverted_subject_taken_for_object(verb: Token) -> Optional[Token]:
    """ '"We have waited long enough," added Lin Ode.': in the inverted order the parser
    often takes the speaker after the verb for its object. A verb with no subject right
    after a closing quotation mark, whose object follows it at once, has that object as its
    speaker. Not a participle ('"...," referencing the law': the object is a topic), nor
    "told" and the like, which address their object."""
    if verb.tag_ in ("VBG", "VBN") or verb.lemma_.lower() in ADDRESSEE_VERBS:
        return None
    if _has_subject(verb):
        return None
    before = verb.i - 1
    while before > verb.sent.start and verb.doc[before].is_space:
        before -= 1
    if verb.doc[before].text not in QUOTE_MARKS:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.left_edge.i == verb.i + 1), None)
    if obj is None or obj.pos_ not in ("PROPN", "NOUN", "PRON", "ADJ"):
        return None
    return obj


def _speaker_taken_for_an_apposition(verb: Token) -> Optional[tuple[int, int]]:
    """ "As part of his plea, Lin Ode, 44, said that ...": the parser hangs the name on
    the noun before it as an apposition ("plea, Lin Ode") and leaves the main verb with no
    subject. The apposed noun phrase that ends right before such a verb is its speaker,
    with the name or title it apposes ("Dana Kell, head of the club, said"; "her adviser,
    Dana Kell, said"), unless that is the object of a preposition ("his plea", "a message
    to Clinton"), which sets the scene. Returns a token span."""
    doc = verb.doc
    if (verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP") or is_raising(verb)
            or verb.i == verb.sent.start):
        return None
    # Step back over the commas, the verb's adverbs ("also said") and an age ("Ode, 44,").
    last = verb.i - 1
    while last > verb.sent.start and (doc[last].is_punct or doc[last].is_space
                                      or (doc[last].head == verb and doc[last].dep_ in ("advmod", "neg"))
                                      or (doc[last].like_num and doc[last - 1].text == ",")):
        last -= 1
    # The phrase ending there: climb from its last word to the apposed noun it hangs on.
    anchor = doc[last]
    while not (anchor.dep_ == "appos" and anchor.pos_ in ("NOUN", "PROPN")):
        if anchor.head == anchor or anchor.head.i >= verb.i:
            return None
        anchor = anchor.head
    start = anchor.left_edge.i
    # Take in the name or title the apposition hangs on, right before it after a comma
    # ("Dana Kell, | head of the club"), unless it is a preposition's object ("his plea").
    while start - 2 > verb.sent.start and doc[start - 1].text in (",", "("):
        previous = doc[start - 2]
        if previous == anchor.head and previous.pos_ in ("NOUN", "PROPN") and previous.dep_ != "pobj":
            anchor = previous
            start = min((c.left_edge.i for c in anchor.lefts if c.dep_ not in SENTENCE_LEVEL_DEPS), default=anchor.i)
        else:
            break
    return start, last + 1


def _speaker_hung_on_the_phrase_before(verb: Token) -> Optional[tuple[Token, tuple[int, int]]]:
    """ "At a rally in Ohio, 62-year-old Lin Ode also railed against ...", "..., Obama and
    Clinton call them ...", "Despite ... -- more than two-thirds of those polled predict
    ...": the parser can hang the noun phrase right before a sentence's main verb on the
    phrase before it (as a preposition's object, a conjunct) and leave the verb with no
    subject. The speaker is that noun phrase: the words from the last comma or dash (or
    the sentence's start) up to the verb, when they make a plain noun phrase, not a
    clause with a verb of its own and not a prepositional phrase. (On train this names 11
    speakers where there were none, 8 of them gold's.) Asides between the phrase and the
    verb are stepped over ("Ode, without naming him, also accused"; on train 5 more
    speakers, 4 of them gold's). Returns the phrase's last noun and the token span."""
    doc = verb.doc
    # "... call them X and describe ...": a verb joined to such a verb shares its speaker.
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not _has_subject(verb) and not _has_subject(verb.head):
        return _speaker_hung_on_the_phrase_before(verb.head)
    if (verb.dep_ not in ("ROOT", "dep") or verb.tag_ not in ("VBD", "VBZ", "VBP") or is_raising(verb)
            or verb.i == verb.sent.start):
        return None
    last = verb.i - 1
    while last > verb.sent.start and doc[last].head == verb and doc[last].dep_ in ("advmod", "neg", "aux"):
        last -= 1
    # "Ode, without naming him, also accused ...", "Ode, meanwhile, who sits on the board,
    # said": asides set off by commas between the noun phrase and the verb are stepped over.
    asides = []
    while doc[last].text == "," and last > verb.sent.start and len(asides) < MAX_ASIDES:
        aside_start = _phrase_start(doc, last - 1, verb.sent.start)
        # The aside needs a comma before it, and words before that comma.
        if (aside_start >= last or aside_start - 1 <= verb.sent.start or doc[aside_start - 1].text != ","
                or not _is_aside(doc[aside_start:last])):
            return None
        asides.append(doc[aside_start:last])
        last = aside_start - 2
    noun = doc[last]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.head == verb or noun.is_ancestor(verb):
        return None
    start = _phrase_start(doc, last, verb.sent.start)
    while start < last and (doc[start].dep_ == "cc" or doc[start].is_quote):
        start += 1
    words = doc[start : last + 1]
    # A subject inside the words makes them a clause; the subject of an aside does not
    # ("Ode, who sits ..." when the parser hangs "Ode" on "sits").
    in_aside = {t.i for aside in asides for t in aside}
    if (len(words) > MAX_LOST_SPEAKER_WORDS or words[0].pos_ not in NOUN_PHRASE_OPENERS
            or any(t.pos_ == "AUX" or t.tag_ in ("VBZ", "VBP", "MD")
                   or (t.dep_ in ("nsubj", "nsubjpass") and t.head.i not in in_aside) for t in words)):
        return None
    # Gold takes in a participle or relative clause right after the noun phrase ("Texas,
    # leading a coalition of 13 states,"), but not what follows another kind of aside.
    end = last + 1
    for aside in reversed(asides):
        if _is_prepositional_or_adverbial(aside):
            break
        end = aside.end
    return noun, (start, end)


def _is_prepositional_or_adverbial(words: Span) -> bool:
    """ "without naming him", "meanwhile": an aside that says how or when, not who."""
    return words[0].pos_ == "ADP" or all(t.pos_ == "ADV" for t in words)


def _phrase_start(doc: Doc, last: int, sentence_start: int) -> int:
    """The first token of the phrase that ends at token `last`: after the comma, dash or
    bracket before it, or at the sentence's start."""
    start = last
    while start > sentence_start and not _breaks_phrase(doc[start - 1]):
        start -= 1
    return start


def _is_aside(words: Span) -> bool:
    """A phrase between commas that is the writer's aside, not the speaker: a participle
    phrase ("wearing a cowboy hat"), a prepositional phrase ("without naming him"), a
    relative clause ("who sits on the board") or an adverb ("meanwhile")."""
    return (words[0].tag_ in ("VBG", "VBN") or words[0].lower_ in RELATIVE_PRONOUNS
            or _is_prepositional_or_adverbial(words))


def _breaks_phrase(token: Token) -> bool:
    """A comma, semicolon, colon, bracket or dash: a hyphen inside a word ("62-year-old") is not one."""
    if token.text in DATELINE_DASHES:
        return token.text != "-" or bool(token.whitespace_)
    return token.text in (",", ";", ":", "(", ")")


def speaker_the_parse_lost(verb: Token) -> tuple[Optional[Token], Optional[tuple[int, int]], bool]:
    """The speaker of a verb the parse left with no subject, where the sentence names one
    all the same: its head word, its token span, and whether it was taken for an
    apposition (then the quotation's clause may run on into it). The parse slips are
    tried in turn; (None, None, False) when none applies."""
    doc = verb.doc
    inverted = _inverted_subject_taken_for_object(verb)
    if inverted is not None:
        return inverted, subtree_span(inverted), False
    apposed = _speaker_taken_for_an_apposition(verb)
    if apposed is not None:
        return doc[apposed[0] : apposed[1]].root, apposed, True
    # "Ode rejected the notion that ..., saying that ...": after a comma, a participle the
    # parser hangs on a noun goes on from the clause around that noun, and shares its subject.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.i < verb.i and doc[verb.i - 1].text == ",":
        subject = subject_of(verb_governing(verb.head))
        if subject is not None:
            return subject, subtree_span(subject), False
    # "Activists clamoring for a vote say ...": when the parser takes the subject's
    # modifier ("clamoring") for the main verb and leaves the real one hanging ("dep")
    # right after it, that verb's speaker is the subject with its modifier.
    slipped = verb.head
    if (verb.dep_ == "dep" and verb.tag_ in ("VBD", "VBP", "VBZ") and slipped.dep_ == "ROOT"
            and slipped.tag_ in ("VBG", "VBN", "JJ") and slipped.i < verb.i):
        last = doc[_last_token_before(doc, verb.i)]
        modified = next((c for c in slipped.children if c.dep_ == "nsubj" and c.i < slipped.i), None)
        if modified is not None and (last == slipped or slipped.is_ancestor(last)) and not verb.is_ancestor(last):
            return modified, (modified.left_edge.i, last.i + 1), False
    # "voters saying they want X", "a petition calling for Y", "one saying": a participle
    # modifying a noun or pronoun has that word (up to itself) as its speaker, or the
    # subject of the verb whose object the word is ("delivered a speech outlining").
    if (verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
            and verb.head.i < verb.i):
        speaker = participle_speaker(verb)
        return doc[speaker[0] : speaker[1]].root, speaker, False
    # "But Ode claims that ...": the small tagger takes the verb for a noun, and the name
    # right before it for the noun's compound; the parse still gives the verb its clause.
    compounds = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i]
    if compounds and compounds[-1].i == verb.i - 1 and not _has_subject(verb):
        return compounds[-1], (compounds[0].left_edge.i, verb.i), False
    # "Lin Ode, the club's president, named Dana Kell": a sentence whose root is a name
    # with the verb hung on it (as a participle, or as a relative clause with no subject of
    # its own) is a parse slip; the verb is the predicate and the name (with its
    # apposition) its subject. A phrase the parser hung on the name before it ("In Ohio,
    # Lin Ode named ...") is the sentence's, not the name's; one hung on the verb ("Lin
    # Ode, ..., on Tuesday named") is the verb's.
    if (verb.dep_ in ("acl", "relcl") and verb.tag_ in ("VBN", "VBD") and verb.head.dep_ == "ROOT"
            and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i):
        name = verb.head
        start = min((c.left_edge.i for c in name.lefts if c.dep_ not in SENTENCE_LEVEL_DEPS), default=name.i)
        end = verb.left_edge.i
        while end > name.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return name, (start, end), False
    phrase = _speaker_hung_on_the_phrase_before(verb)
    if phrase is not None:
        return phrase[0], phrase[1], False
    return None, None, False


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
    return _cut_at_clause(doc, source, lambda clause, head: clause.dep_ == "relcl" and clause.head.i == head.i)
