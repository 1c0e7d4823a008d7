"""Speakers the parser lost: an inverted subject taken for an object ('"...," said
Ode' parsed with Ode as the object), a speaker taken for an apposition, or hung on the
phrase before the verb."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from attrib.extract.grammar import ADDRESSEE_VERBS, QUOTE_MARKS, is_raising, subtree_span
from attrib.extract.mention_edges import DATELINE_DASHES
from attrib.extract.speakers import (
    SENTENCE_LEVEL_DEPS, has_subject, last_token_before, participle_speaker, subject_of, verb_governing,
)

# The longest noun phrase taken for a speaker the parser hung on the phrase before it.
MAX_LOST_SPEAKER_WORDS = 15
# How many asides set off by commas may stand between that noun phrase and its verb.
MAX_ASIDES = 2
# The words that open a relative clause set off as an aside ("Ode, who sits on the board,").
RELATIVE_PRONOUNS = {"who", "whom", "whose", "which"}
# The parts of speech such a noun phrase can start with ("the", "more than two-thirds", "Ode").
NOUN_PHRASE_OPENERS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"}


def _inverted_subject_taken_for_object(verb: Token) -> Optional[Token]:
    """ '"We have waited long enough," added Lin Ode.': in the inverted order the parser
    often takes the speaker after the verb for its object. A verb with no subject right
    after a closing quotation mark, whose object follows it at once, has that object as its
    speaker. Not a participle ('"...," referencing the law': the object is a topic), nor
    "told" and the like, which address their object."""
    if verb.tag_ in ("VBG", "VBN") or verb.lemma_.lower() in ADDRESSEE_VERBS:
        return None
    if has_subject(verb):
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
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not has_subject(verb) and not has_subject(verb.head):
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
        last = doc[last_token_before(doc, verb.i)]
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
    if compounds and compounds[-1].i == verb.i - 1 and not has_subject(verb):
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
