"""The words the resolver reads a mention with (pronouns, quantifiers, kin, roles that
speak for others), and a described speaker written down as a reader would: the
description's own words (`description_of`), a name's own words, a transcript's name."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from attrib.lexicons import Lexicon, load_name_lexicon
from attrib.resolve.names import clean_name, name_word

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
# A person's campaign, by whatever word the article uses for it ("Clinton's team", "her
# campaign", "the Trump camp"): one organisation, named "<owner> campaign".
CAMPAIGN_NOUNS = {"campaign", "team", "camp"}
# Role words for one role: "his lawyer" is the "attorney for him" the article names.
SAME_ROLES = {"lawyer": "attorney", "spokesman": "spokesperson", "spokeswoman": "spokesperson", "justice": "judge"}
# A pronoun further back than this many sentences is a guess, not a resolution.
PRONOUN_WINDOW = 6


def same_role(role: str) -> str:
    return SAME_ROLES.get(role, role)


def is_a_crowd(root: Token) -> bool:
    """ "researchers", "one academic", "many users": a plural or a counted group."""
    return root.tag_ in ("NNS", "NNPS") or any(
        c.dep_ in ("det", "amod", "nummod") and c.lower_ in GROUP_QUANTIFIERS for c in root.children
    )


def modifies_a_noun(name_root: Token) -> bool:
    """ "Bank executives", "White House officials": a name that only says which
    executives; a pronoun later points to them, not to it. An adjective made from a
    name is never one ("American officials", "Their Orwellian fantasy")."""
    if name_root.dep_ == "amod" and name_root.tag_ == "JJ":
        return True
    return name_root.dep_ == "compound" and name_root.head.pos_ == "NOUN" and not name_root.head.ent_type_


# The dash that ends a dateline ("FAIRVIEW, W.Va. — The coal was piled ...").
DATELINE_DASHES = {"-", "--", "\u2014", "\u2013"}
# A dateline is a place and its state or country, at most this many tokens.
DATELINE_TOKENS = 8


def in_dateline(first: Token) -> bool:
    """Whether a name starting at `first` is a dateline's place: at the start of a
    paragraph, capitalised words (with commas, periods and an agency in brackets) up
    to a dash, and text after it; the place in capitals or followed by its state.
    Where a story was filed says nothing of who speaks in it: no pronoun or
    description ("the union") points back to it."""
    doc = first.doc
    if first.i > 0 and "\n" not in doc[first.i - 1].text_with_ws and not doc[first.i - 1].is_space:
        return False
    for token in doc[first.i : first.i + DATELINE_TOKENS]:
        if token.text in DATELINE_DASHES:
            # A place in capitals, or with its state after a comma: "Smith - a miner -" is an aside.
            placed = (first.is_upper and len(first) > 1) or any(t.text == "," for t in doc[first.i : token.i])
            return placed and token.i > first.i and token.i + 1 < len(doc)
        if not (token.is_title or token.is_upper or token.text in (",", ".", "(", ")")):
            return False
    return False


def is_bare_definite(root: Token) -> bool:
    """ "the company", "the statement": a definite noun with nothing else to say which
    one, so it points back to one named before."""
    children = [c for c in root.children if c.dep_ != "punct"]
    return root.tag_ in ("NN", "NNP") and len(children) == 1 and children[0].dep_ == "det" and children[0].lower_ in ("the", "this", "that")


INDEFINITE_WORDS = {"a", "an", "another", "one", "some", "several", "many", "two", "three", "few", "numerous", "various"}


def is_indefinite(root: Token) -> bool:
    """ "a federal judge", "several judges", "judges": someone the article brings in
    now, not someone named before ("the judge", "his lawyer")."""
    determiners = [c for c in root.children if c.dep_ in ("det", "poss", "nummod", "amod") and c.i < root.i]
    if any(c.lower_ in INDEFINITE_WORDS or c.dep_ == "nummod" for c in determiners):
        return True
    return root.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in determiners)


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
            # Without an aside set off inside the phrase ("at Homeland Security
            # Investigations, a division of Immigration and Customs Enforcement").
            aside = {a.i for t in child.subtree if t.dep_ in ("relcl", "acl", "appos") and t.head.i != root.i
                     and t.i > child.i + 1 and root.doc[t.left_edge.i - 1].is_punct for a in t.subtree}
            keep.update(t.i for t in child.subtree if t.i not in aside)
        elif child.i > root.i and child.dep_ in ("nummod", "compound") and child.i == root.i + 1:
            keep.add(child.i)
        elif child.i > root.i and child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "cc" and root.i < c.i < child.i for c in root.children):
            # "Companies and individuals complain": both speak; neither is the speaker alone.
            keep.update(t.i for t in root.doc[root.i + 1 : child.i] if t.dep_ in ("cc", "punct") and t.head.i == root.i)
            aside = {t.i for c in child.children if c.dep_ in ("relcl", "acl", "appos", "punct") and c.i > child.i for t in c.subtree}
            keep.update(t.i for t in child.subtree if t.i not in aside)
    keep.add(root.i)
    tokens = [t for t in root.doc[min(keep) : max(keep) + 1] if t.i in keep]
    while tokens and tokens[-1].dep_ in ("cc", "punct") and tokens[-1].i > root.i:
        tokens.pop()  # "secretary of state and current nominee": not "secretary of state and"
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


# Speakers named by a description, which another description in the article may say more fully.
DESCRIBED_TYPES = {"anonymous", "document", "unknown"}
# Words that say nothing of which one: "his advisers" are the "advisers to Mr. Obama".
UNSAYING_WORDS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "some", "other"}
# Words that say the same of which one: "a new poll" is the "latest Reuters/Ipsos opinion
# poll" (not "an earlier study").
SAME_WORDS = {"latest": "new", "newest": "new", "recent": "new"}
# Words that say a fuller form is someone else: "another source" is not "a source".
OTHER_ONE_WORDS = {"another", "second", "third", "different"}


def _description_words(name: str) -> list[str]:
    words = [w.lower().removesuffix("'s").removesuffix("\u2019s").strip(".,") for w in name.split()]
    return [SAME_WORDS.get(w, w) for w in words if w and w not in UNSAYING_WORDS]


def _head_word(words: list[str]) -> str:
    """A description's head among its words: the one before its first preposition
    ("source" of "one democratic source on panel"), else the last."""
    at = next((i for i, w in enumerate(words) if w in DESCRIPTION_PREPOSITIONS and i > 0), len(words))
    return words[at - 1]


def fullest_descriptions(speakers: list[tuple[str, str]]) -> dict[str, str]:
    """{description: the article's fuller form of it} for the (name, type) of one
    article's speakers: "study" -> "exhaustive study", "Clinton campaign" -> "Hillary
    Clinton's campaign", when the fuller form holds every word of it. A description two fuller forms could complete ("officials":
    "Russian officials", "U.S. officials") stays as it is."""
    described = {name: (type, _description_words(name)) for name, type in speakers if type in DESCRIBED_TYPES}
    fuller: dict[str, str] = {}
    for name, (type, words) in described.items():
        # A description ends in a common noun ("officials"), or names a group ("Republicans");
        # "Yahoo" is a name the resolver could not type, not a shorter "Yahoo shareholders".
        if not words or (type != "anonymous" and not name.split()[-1][:1].islower()):
            continue
        if type == "anonymous" and not words[-1].endswith("s"):
            # One unnamed person described anew ("A Democratic source said") may be
            # someone else than the one described more fully before: two people, unless
            # the article says "the source" (attrib/resolve/coref.py).
            continue
        forms = [
            other for other, (other_type, other_words) in described.items()
            if other != name and len(other_words) > len(words) and set(words) <= set(other_words)
            and words[-1] == _head_word(other_words) and (other_type == type or "unknown" in (type, other_type))
            and not (OTHER_ONE_WORDS & set(other_words)) - set(words)
        ]
        # The fullest of forms that each say more of one another; none when they part.
        forms.sort(key=lambda f: len(described[f][1]))
        if forms and all(set(described[a][1]) <= set(described[b][1]) for a, b in zip(forms, forms[1:])):
            fuller[name] = forms[-1]
    return fuller


@dataclass(frozen=True)
class LedeSpeaker:
    """What `blind_lede` reads of one attribution's speaker: its name and type, whether
    the resolver found no one it stands for (a new description), and its mention."""

    name: str
    type: str
    described: bool
    mention_start: int
    mention: str


# A deck (a subheading under the headline) is one sentence of at most this many words.
DECK_WORDS = 20
# A person's titles are in the characters just before their name.
TITLE_CHARS = 40


def blind_lede(text: str, speakers: list[LedeSpeaker]) -> dict[str, str]:
    """{description: name} for a lede that describes its speaker before naming him ("A
    former party chairman says ..." then "..., said Dan Ruiz, who led the party from
    1995"): the one person a headline or an indefinite lede describes, without a name,
    is the person named for the first time, with who they are after a comma, as the
    first speaker of the next paragraph. Nothing when the lede describes two people
    (two roles), or the next paragraph's speaker was named before."""
    breaks = [m.end() for m in re.finditer(r"\n\s*", text)]

    def paragraph(offset: int) -> int:
        return bisect_right(breaks, offset)

    # The headline, and a one-sentence deck under it ("Member of House panel says ...").
    lines = [line for line in text.split("\n") if line.strip()]
    deck = len(lines) > 1 and len(lines[1].split()) <= DECK_WORDS and not re.search(r"[.!?] +[A-Z]", lines[1])
    headline = {0, 1} if deck else {0}

    def describes(s: LedeSpeaker) -> bool:
        # A person only described, or an untyped description ("Member of House panel").
        return (s.type == "person" and s.described) or (s.type == "unknown" and s.name.split()[-1][:1].islower())

    described = {s.name for s in speakers if describes(s) and (paragraph(s.mention_start) in headline or (
        paragraph(s.mention_start) == 1 and s.mention.lower().startswith(("a ", "an "))))}
    # The headline's and the lede's words for one person ("Former party chairman", "A
    # former Harmon Party chairman") end in one role.
    if len({name.split()[-1].lower() for name in described}) != 1:
        return {}
    lede = max(paragraph(s.mention_start) for s in speakers if s.name in described)
    role = same_role(next(iter(described)).split()[-1].lower())
    role_titles = load_name_lexicon().role_titles

    def introduces(s: LedeSpeaker) -> bool:
        # Who they are after a comma ("said Dan Ruiz, who led the party"), or the role
        # as a title where the name first comes ("Retired U.S. Air Force Gen. Norman Ham"
        # for "Retired General").
        named_at = text.find(s.name, breaks[lede])
        before = text[max(breaks[lede], named_at - TITLE_CHARS) : named_at].split() if named_at > 0 else []
        titles = {same_role(role_titles.get(name_word(w), name_word(w))) for w in before}
        return "," in s.mention or role in titles

    # The next paragraphs' first person ("Secrecy is not a stranger ..." or an outlet's
    # filing may come between).
    following = sorted((s for s in speakers if paragraph(s.mention_start) in (lede + 1, lede + 2)
                        and s.type == "person" and not s.described), key=lambda s: s.mention_start)
    first = following[0] if following else None
    if first is None or len(first.name.split()) < 2 or not introduces(first):
        return {}
    if first.name.split()[-1] in text[: breaks[lede]]:
        return {}  # named before: someone the lede talked about, not its speaker
    return {name: first.name for name in described}


# Words that count or pick out some of a group without saying which group: "Several
# experts", "all the experts", "Nearly eight of 10 voters" are the article's experts
# and its voters.
COUNTING_WORDS = GROUP_QUANTIFIERS | {
    "the", "these", "those", "of", "fellow", "more", "than", "fewer", "less", "nearly", "almost", "about",
    "around", "roughly", "over", "under", "half", "third", "quarter", "minority", "percent", "dozen",
    "thousands", "millions", "four", "five", "six", "seven", "eight", "nine", "ten",
}


def _singular(word: str) -> Optional[str]:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else None


def group_key(name: str, lexicon: Lexicon) -> Optional[tuple[frozenset[str], str]]:
    """What says which group a plural description of unnamed people (or organisations)
    names: its words after the counting ones, the head by its group word ("Several
    analysts" -> ({}, "expert"), "tax experts" -> ({"tax"}, "expert"), "some
    environmental groups" -> ({"environmental"}, "group")). None for one person ("One
    Republican", "a doctor") or a noun that is no group of people."""
    words = [w.lower().strip(".,") for w in name.split()]
    start = _counted_from(words)
    head = _singular(words[-1]) if words else None
    if head is None or head not in lexicon.unnamed_groups | lexicon.anonymous_heads | lexicon.organization_nouns:
        return None
    modifiers = frozenset(lexicon.group_synonyms.get(w, w) for w in words[start:-1] if w not in UNSAYING_WORDS)
    return modifiers, lexicon.group_synonyms.get(head, head)


def one_group_names(descriptions: dict[str, int], lexicon: Lexicon) -> dict[str, str]:
    """{description: the name of the group it is one of} for one article's descriptions
    of unnamed people and how many statements each has: the same people counted or
    worded otherwise ("Several experts", "all the experts", "analysts") are one group,
    named by the fullest form the article gives it without counting words ("tax
    experts"). A description two fuller forms could complete ("officials": "Russian
    officials", "U.S. officials") stays apart, as do one person's descriptions."""
    keys = {name: key for name in descriptions if (key := group_key(name, lexicon)) is not None}
    fullest: dict[tuple[frozenset[str], str], tuple[frozenset[str], str]] = {}
    for key in set(keys.values()):
        fuller = {other for other in keys.values() if other[1] == key[1] and key[0] < other[0]}
        # The fullest of forms that each say more of one another; none when they part.
        chain = sorted(fuller, key=lambda k: len(k[0]))
        if not fuller:
            fullest[key] = key
        elif all(a[0] < b[0] for a, b in zip(chain, chain[1:])):
            fullest[key] = chain[-1]
    groups: dict[tuple[frozenset[str], str], list[str]] = {}
    for name, key in keys.items():
        if key in fullest:
            groups.setdefault(fullest[key], []).append(name)
    names = {}
    for key, members in groups.items():
        if len(members) < 2:
            continue
        # Named by its most quoted member of the fullest form, without counting words.
        named_by = min((m for m in members if keys[m] == key), key=lambda m: (-descriptions[m], len(m), m))
        for member in members:
            names[member] = _uncounted(named_by)
    return names


def _counted_from(words: list[str]) -> int:
    """Where the words a group is counted with end ("Nearly eight of 10 voters" -> 4)."""
    start = 0
    while start < len(words) - 1 and (words[start].lower() in COUNTING_WORDS or words[start].rstrip("%").isdigit()):
        start += 1
    return start


def _uncounted(name: str) -> str:
    words = name.split()
    return " ".join(words[_counted_from(words):])
