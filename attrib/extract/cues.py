"""Cue words: which tokens mark an attribution, and the cue span as written.

A cue is a reporting verb from the lexicon ("said", "has warned", "was quoted as
saying"), a phrase ("according to", "as per"), or a colon that introduces a speaker's
words. The span keeps the auxiliaries and particles that belong to the verb, because
that is how a reader (and PolNeAR) marks a cue: "has said", "pointed out".
"""

from __future__ import annotations

from spacy.tokens import Token

from attrib.lexicons import Lexicon

VERB_AUX_DEPS = {"aux", "auxpass", "neg", "prt"}


VOWELS = set("aeiou")


def verb_lemma(token: Token, known: frozenset[str] = frozenset()) -> str:
    """The token's lemma, mending a lemmatizer slip on -ing/-ed forms of verbs in -e:
    "hoping" comes out "hop", but "hopping" would double the p, so "hope" is meant."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lemma + "e" in known and lemma not in known and lower in (lemma + "ing", lemma + "ed"):
        if len(lemma) >= 3 and lemma[-1] not in VOWELS and lemma[-2] in VOWELS:
            return lemma + "e"
    return lemma


def is_cue_verb(token: Token, lexicon: Lexicon) -> bool:
    if verb_lemma(token, lexicon.cue_verbs) not in lexicon.cue_verbs:
        return False
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        return True
    # The small tagger sometimes calls a verb a noun ('..." the statement read.') while
    # the parser still gives it a subject and a clause: trust the parse.
    return token.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "ccomp") for c in token.children)


def cue_verb_tokens(verb: Token) -> list[Token]:
    """The verb and its auxiliaries, negation and particle: "has not said", "pointed out"."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in VERB_AUX_DEPS:
            tokens.append(child)
    # "was quoted as saying": the cue runs on through "as saying". Not over the one
    # quoted: "quoted the mayor as saying" has the cue "quoted" (gold 5 times in 5 on train).
    if verb.lemma_ == "quote" and not any(c.dep_ == "dobj" for c in verb.children):
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                tokens.append(child)
                tokens.extend(t for t in child.children if t.pos_ == "VERB")
    return sorted(tokens, key=lambda t: t.i)


def phrase_cue_head(token: Token) -> str | None:
    """Recognise "according to" and "as per" at `token`; return the phrase name."""
    if token.lower_ not in ("according", "per"):  # most words: no neighbour to look at
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
        return "according to"
    if token.lower_ == "per" and token.i > 0 and token.nbor(-1).lower_ == "as":
        return "as per"
    return None


# Words a cue takes along, as annotators mark cues: "has often said", "later told",
# "called for", "pointed out".
CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}
CUE_RIGHT_DEPS = {"prt", "prep", "advmod"}
# Prepositional phrases the cue keeps even when what was said is elsewhere: idioms with
# "into" ("calling into question": kept 4 times on train, cut once), and the manner
# ("said with a laugh", see _is_manner).
CUE_PHRASE_PREPOSITIONS = {"into"}
DEFINITE_DETERMINERS = {"the", "this", "that", "these", "those"}
# Verbs that report through a noun: "expressed concern | that P", "voiced confidence |
# that P". The noun is part of the cue (on train gold takes it 11 times in 12).
NOUN_CARRYING_VERBS = {"express", "voice"}
# "made clear", "made it plain".
CLEAR_WORDS = {"clear", "plain"}


def made_clear(verb: Token) -> Token | None:
    """The adjective in "made clear that P", "made it clear that P": it (with its "it")
    is part of the cue, as gold has it 11 times in 11 on train; P is what was said."""
    if verb.lemma_.lower() != "make":
        return None
    return next((c for c in verb.children if c.dep_ in ("ccomp", "oprd", "acomp") and c.lower_ in CLEAR_WORDS and c.i > verb.i), None)


def _is_manner(prep: Token) -> bool:
    """ "said with a laugh", "explained with a smile": a manner, which gold keeps in the
    cue (8 times in 10 on train), unlike a partner ("agreed with the president", "joked
    with reporters", "shared with Ode": cut 7 times in 7)."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return (prep.lower_ == "with" and pobj is not None and pobj.tag_ == "NN"
            and not any(c.dep_ == "poss" or c.lower_ in DEFINITE_DETERMINERS for c in pobj.children))


def _is_aside_phrase(prep: Token, limit: int) -> bool:
    """Whether the prepositional phrase `prep` ends before `limit`, the character offset
    where what was said starts (or the sentence ends, when it was said before the cue).
    Such a phrase tells where, when, to whom or about whom the words were said ("said of
    Trump", "said on CNN", "said to cheers", "said in an interview", "reiterated to ABC
    News that"), and PolNeAR mostly leaves it out of the cue: on train gold cuts it 120
    times and keeps it 46 ("of" 36 / 9, "on" 31 / 19, "to" 32 / 2). A preposition that
    opens what was said stays in ("called for | a ban", "criticized for | ignoring")."""
    end = prep.right_edge
    # A bare preposition whose object the parser hung elsewhere opens the content.
    if end.i == prep.i:
        return False
    return end.idx + len(end) <= limit and prep.lower_ not in CUE_PHRASE_PREPOSITIONS and not _is_manner(prep)


def widen_cue(verb: Token, tokens: list[Token], content_start: int, source: tuple[int, int] | None) -> list[Token]:
    """Grow the cue over the verb's own modifiers next to it, up to where the content
    starts (character offset), never into the speaker mention."""
    doc = verb.doc
    chosen = {t.i for t in tokens}
    # "Did the mayor say that ...?", "Had the mayor known that ...": an auxiliary before
    # the speaker is no part of the cue, which would otherwise run over the speaker (cue
    # exact +13 on train, +2 on dev).
    if source is not None and source[1] <= verb.i:
        chosen = {i for i in chosen if i >= source[1]} or {verb.i}

    def is_source(i: int) -> bool:
        return source is not None and source[0] <= i < source[1]

    i = min(chosen) - 1
    # "when asked", "how said": the wh-word opens the clause the verb heads, not the cue
    # (on train gold leaves "when" out 30 times in 30).
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in CUE_LEFT_DEPS and doc[i].tag_ != "WRB" and not is_source(i):
        chosen.add(i)
        i -= 1
    limit = content_start if content_start > verb.idx else verb.sent.end_char
    modifiers = {
        t.i
        for child in verb.children
        if child.dep_ in CUE_RIGHT_DEPS
        and child.i > verb.i
        and not (child.dep_ == "prep" and _is_aside_phrase(child, limit))
        for t in child.subtree
    }
    # "called for | the president to resign": the "for" that opens such a clause is the
    # cue's, as it is in "called for | a ban".
    modifiers.update(child.left_edge.i for child in verb.children
                     if child.dep_ == "advcl" and child.i > verb.i and child.left_edge.lower_ == "for"
                     and child.left_edge.dep_ == "mark")
    adjective = made_clear(verb)
    if adjective is not None:
        modifiers.update(t.i for t in adjective.subtree if t.i <= adjective.i)
    if verb.lemma_.lower() in NOUN_CARRYING_VERBS:
        for child in verb.children:
            end = child.right_edge
            if child.dep_ == "dobj" and child.i > verb.i and child.left_edge.idx < limit < end.idx + len(end):
                modifiers.update(t.i for t in child.subtree)
    j = max(chosen) + 1
    while j < len(doc) and doc[j].idx < limit and j in modifiers and not is_source(j) and not doc[j].is_space:
        chosen.add(j)
        j += 1
    while len(chosen) > 1 and doc[max(chosen)].is_punct:
        chosen.discard(max(chosen))
    return [doc[i] for i in sorted(chosen)]
