"""The words the resolver reads a mention with (pronouns, quantifiers, kin, roles that
speak for others), and a described speaker written down as a reader would: the
description's own words (`description_of`), a name's own words, a transcript's name."""

from __future__ import annotations

from spacy.tokens import Token

from attrib.resolve.names import clean_name

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
PRONOUN_GENDERS = {"he": "male", "him": "male", "she": "female", "her": "female"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "we", "them", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Words that stand for a speaker only through what they point to: unresolved, no one.
POINTING_WORDS = RELATIVE_PRONOUNS | {"this", "these", "those", "you", "everyone", "anyone", "everybody", "anybody", "nobody"}
QUANTIFIERS = {"one", "some", "two", "three", "several", "many", "most", "all", "none", "both", "each", "few",
               "number", "handful", "majority", "group", "couple", "dozens", "hundreds", "lot"}
# An unnamed group said with one of these is a crowd, not a particular speaker: "many
# users", "some researchers", "others".
GROUP_QUANTIFIERS = QUANTIFIERS | {"other", "others", "a", "an", "numerous", "various", "countless", "certain"}
# Words after an unnamed source's head that still say which source it is ("people
# familiar with the plans", "officials in the economy ministry"); at most so many.
DESCRIPTION_PREPOSITIONS = {"in", "at", "from", "of", "with", "for", "close", "familiar", "on", "inside", "within", "to"}
MAX_DESCRIPTION_WORDS = 9
# "her mother, Fiona": relatives named by first name share the family's surname.
KIN_NOUNS = {"mother", "father", "wife", "husband", "son", "daughter", "sister", "brother", "mom", "dad",
             "grandmother", "grandfather", "aunt", "uncle", "widow", "widower"}
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}
# "the notes of the British Bill": documents of law, never a document's owner.
LAW_NOUNS = {"bill", "law", "act"}
# Speakers who speak for someone: their words are the named person's or institution's,
# on the record ("his spokesman", "a Whole Foods spokeswoman").
SPOKESPERSON_ROLES = {"spokesman", "spokeswoman", "spokesperson", "representative", "publicist", "lawyer", "attorney"}
# A pronoun further back than this many sentences is a guess, not a resolution.
PRONOUN_WINDOW = 6


def is_a_crowd(root: Token) -> bool:
    """ "researchers", "one academic", "many users": a plural or a counted group."""
    return root.tag_ in ("NNS", "NNPS") or any(
        c.dep_ in ("det", "amod", "nummod") and c.lower_ in GROUP_QUANTIFIERS for c in root.children
    )


def is_bare_definite(root: Token) -> bool:
    """ "the company", "the statement": a definite noun with nothing else to say which
    one, so it points back to one named before."""
    children = [c for c in root.children if c.dep_ != "punct"]
    return root.tag_ in ("NN", "NNP") and len(children) == 1 and children[0].dep_ == "det" and children[0].lower_ in ("the", "this", "that")


def description_of(root: Token) -> str:
    """A description as a reader would write it down: the head with the words before it
    and the phrases after it that say which one ("people familiar with the plans",
    "officials in the economy ministry"), without relative clauses, appositions and
    asides ("the self-taught Cambridge resident, who sold ...": "self-taught Cambridge
    resident")."""
    keep = set()
    for child in root.children:
        if child.i < root.i and child.dep_ not in ("punct", "cc"):
            keep.update(t.i for t in child.subtree)
        elif child.i > root.i and (child.dep_ in ("prep", "amod") and child.lower_ in DESCRIPTION_PREPOSITIONS):
            if root.doc[child.i - 1].is_punct:
                continue
            keep.update(t.i for t in child.subtree if not (t.dep_ in ("relcl", "acl", "appos") and t.head.i != root.i and t.i > child.i + 1 and root.doc[t.left_edge.i - 1].is_punct))
        elif child.i > root.i and child.dep_ in ("nummod", "compound") and child.i == root.i + 1:
            keep.add(child.i)
    keep.add(root.i)
    tokens = [t for t in root.doc[min(keep) : max(keep) + 1] if t.i in keep]
    if len(tokens) > MAX_DESCRIPTION_WORDS + 1:
        tokens = [t for t in tokens if t.i <= root.i]
    return clean_name("".join(t.text_with_ws for t in tokens).strip())


def name_words(root: Token) -> str:
    """A proper name's own words: the head with the compounds and titles right before it,
    not an apposition or clause after it."""
    start = root.i
    while start > 0 and root.doc[start - 1].dep_ in ("compound", "flat", "nmod") and root.doc[start - 1].head.i >= start:
        start -= 1
    return root.doc[start : root.i + 1].text


def transcript_case(name: str) -> str:
    """A transcript's "PENCE:" is Pence, to be grown to the article's full name (an
    acronym, "IMF", is shorter than four letters)."""
    return name.title() if name.isupper() and len(name) > 3 and " " not in name else name
