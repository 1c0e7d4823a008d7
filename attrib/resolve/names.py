"""Canonical names and speaker types.

Names: strip the leading article and possessive ("the US State Department's" ->
"US State Department"); a person's name is its proper part only, without epithets,
titles or a headline's verb ("Crooked Hillary Clinton", "President Obama", "Obama
Says" -> "Hillary Clinton", "Obama", "Obama"); a short person name grows to the fullest
form the article uses for that person (Burgum -> Doug Burgum), and where the article
names several people with that surname, the mention's title and its gender cue decide,
else the person the article names most, else the nearest full name ("Mr. Obama" is
never "Michelle Obama"). Types come from the
entity label and the lexicons: an outlet name is media, a ministry or department is
government, and so on.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from attrib.lexicons import Lexicon, load_lexicon, load_name_lexicon

if TYPE_CHECKING:  # the store uses these names without loading spaCy
    from spacy.tokens import Doc, Span

LEADING_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")
QUOTE_MARKS = "\"'\u2018\u2019\u201c\u201d"


def clean_name(text: str) -> str:
    words = text.replace("\n", " ").split()
    # A dateline before the name: "BRUSSELS - European leaders".
    if len(words) > 2 and words[0].isupper() and len(words[0]) > 2 and words[1] in ("-", "\u2013", "\u2014"):
        words = words[2:]
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    words = words[: _headline_end(words)]
    # Edge punctuation, and the "<" or ">" of markup left in scraped text ('">Sanders').
    name = " ".join(words).strip(" ,;:\"\u201c\u201d\u2015\u2014\u2013-<>")
    for ending in POSSESSIVE_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 1:
            name = name[: -len(ending)]
            break
    return name


def is_government_name(name: str, lexicon: Lexicon) -> bool:
    lowered = f" {name.lower()} "
    return any(f" {word} " in lowered or lowered.strip().startswith(word) for word in lexicon.government_words)


def entity_type(ent: Span, lexicon: Lexicon) -> str:
    name = clean_name(ent.text)
    if lexicon.is_media_name(name):
        return "media"
    if ent.label_ == "PERSON":
        return "person"
    if ent.label_ == "GPE":
        return "government"
    if is_government_name(name, lexicon):
        return "government"
    if ent.label_ == "ORG" and _person_shaped(ent, lexicon):
        # The small model often labels a two-word personal name ORG ("Nadia Petrova").
        return "person"
    if ent.label_ in ("ORG", "NORP", "FAC"):
        return "organization"
    return "unknown"


def _person_shaped(ent: Span, lexicon: Lexicon) -> bool:
    words = clean_name(ent.text).split()
    return (
        2 <= len(words) <= 3
        and all(t.pos_ == "PROPN" and t.is_title for t in ent if not t.is_punct)
        and not lexicon.looks_like_organization(ent.text)
    )


def name_word(word: str) -> str:
    """A word as the name lexicon lists it: lower case, without a final full stop or
    a possessive ("Sen." -> "sen", "Obama's" -> "obama")."""
    # "O'Neill" and "O’Neill" are one name, whichever apostrophe the page used.
    word = word.lower().replace("\u2019", "'")
    for ending in POSSESSIVE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            word = word[: -len(ending)]
            break
    return word.rstrip(".,")


def _headline_end(words: list[str]) -> int:
    """Where a name ends when a headline's verb (capitalised: "Obama Says", "Obama
    Seeks More ...") or a quotation mark follows it; the whole length otherwise."""
    verbs = load_name_lexicon().headline_verbs
    for i, word in enumerate(words[1:], start=1):
        if word[0] in QUOTE_MARKS or (word[0].isupper() and name_word(word) in verbs):
            return i
    return len(words)


def person_name(name: str) -> str:
    """The proper part of a person's name: epithets, descriptors, titles and a
    headline's verb left out ("Crooked Hillary Clinton" -> "Hillary Clinton", "Black
    Lawmakers Rip Donald Trump"'s "Rip Donald Trump" -> "Donald Trump", "Obama Sees
    'Personal Insult" -> "Obama", "Mr. Obama" -> "Obama"). A name that would be left
    empty is returned as it was ("Judge")."""
    names = load_name_lexicon()
    words = name.split()
    words = words[: _headline_end(words)]
    # "Injecting Clinton": a headline's gerund before a name.
    if len(words) >= 2 and words[0].lower().endswith("ing") and len(words[0]) > 5 and name_word(words[0]) not in names.first_names:
        words = words[1:]
    leading = names.epithets | names.descriptors | names.honorifics.keys() | names.role_titles.keys()
    start = 0
    while start < len(words) - 1 and (
        name_word(words[start]) in leading
        # A headline's verb before a full name ("Rip Donald Trump"), not a first name ("Will Smith").
        or (name_word(words[start]) in names.headline_verbs and len(words) - start >= 3)
    ):
        start += 1
    proper = words[start:]
    # "President-elect Trump", "Vice President Pence": a title may run over several
    # words; "spokeswoman for Hillary Clinton" is a description, not a name.
    if (len(proper) == 1 and name_word(proper[0]) in leading) or (proper and proper[0][:1].islower()):
        return name
    return " ".join(proper) if proper else name


# Words that join the parts of an organisation's name but never a person's: a
# "person" holding one is a headline's phrase ("Stealth Over Health").
NOT_IN_PERSON_NAMES = {"over", "in", "on", "at", "to", "with", "for", "from", "about", "after", "against", "into", "under", "by", "is", "are"}


def is_speaker_name(name: str, type: str = "unknown") -> bool:
    """False for what is never a speaker's name on its own: nothing, a pronoun, a
    determiner or a quantifier ("his", "which", "you", "That"), a text without a
    letter, a title or a kind of organisation alone ("Senator", "union": whom it
    stands for was not found), and a person's name holding a preposition ("Stealth Over
    Health")."""
    lexicon = load_name_lexicon()
    words = [name_word(w) for w in name.split()]
    if not words or " ".join(words) in lexicon.not_names or not any(c.isalpha() for c in name):
        return False
    if type == "person" and len(words) == 1 and (words[0] in lexicon.role_titles or words[0] in lexicon.honorifics):
        return False  # "Senator", "Judge": a title whose person was not found
    if name.islower() and len(words) == 1 and words[0] in load_lexicon().organization_nouns:
        return False  # "the union", "the group": a kind of organisation whose organisation was not found
    return type != "person" or not NOT_IN_PERSON_NAMES & set(words[1:])


JOINING_WORDS = {"and", "&"}


def names_two(mention: str, name: str) -> bool:
    """True when a mention names two or more speakers joined by "and" ("Donald Trump
    and Hillary Clinton", "Mr. Grassley and Mr. Leahy", "Obama and Clinton's gut
    reaction"), of which `name` is one: a joint mention is never another name for
    one of them. A name that holds the "and" itself ("Department of Health and Human
    Services") is one speaker."""
    words = mention.split()
    joins = [i for i, w in enumerate(words) if w.lower() in JOINING_WORDS]
    if not joins or any(w.lower() in JOINING_WORDS for w in name.split()):
        return False
    parts, start = [], 0
    for i in joins + [len(words)]:
        parts.append([w for w in words[start:i] if w.lower() not in LEADING_WORDS and w.lower() != "both"])
        start = i + 1
    named = [p for p in parts if p and p[0][:1].isupper()]
    return len(named) >= 2 and len(named) == len(parts)


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def is_misspelling(a: str, b: str) -> bool:
    """Two spellings of one word, one a slip of the other ("Donand", "Donald")."""
    if a == b or min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return levenshtein(a, b) <= (1 if min(len(a), len(b)) < 7 else 2)


# The parse relations of a name that the sentence is about: its subject or an owner.
SALIENT_DEPS = {"nsubj", "nsubjpass", "poss"}
# Words that open a surname ("Bill de Blasio", "Osama bin Laden") when written in lower
# case inside a name; those no first name has open one in capitals too ("De Blasio").
SURNAME_PARTICLES = {
    "de", "di", "du", "da", "von", "della", "dos", "das", "ter", "ten", "le", "la", "van", "del", "al", "bin", "ben", "el",
}
PARTICLES_NEVER_FIRST = {"de", "di", "du", "da", "von", "della", "dos", "das", "ter", "ten"}


@dataclass(frozen=True)
class NameParts:
    """A person's name split for comparison: first name, middle names or initials,
    surname (with its suffix: "Trump Jr." is not "Trump"), all as `name_word` gives them."""

    first: str
    middle: tuple[str, ...]
    surname: str

    @classmethod
    def of(cls, name: str) -> Optional["NameParts"]:
        written = [w for w in name.split() if name_word(w)]
        words = [name_word(w) for w in written]
        if words and words[-1] in load_name_lexicon().name_suffixes and len(words) >= 2:
            words, written = words[:-2] + [f"{words[-2]} {words[-1]}"], written[:-1]
        # "Bill de Blasio", "De Blasio": a particle before the surname is part of it.
        while len(words) >= 2 and words[-2] in SURNAME_PARTICLES and (
                written[-2][:1].islower() or words[-2] in PARTICLES_NEVER_FIRST):
            words, written = words[:-2] + [f"{words[-2]} {words[-1]}"], written[:-1]
        if not words:
            return None
        if len(words) == 1:
            return cls("", (), words[0])
        return cls(words[0], tuple(words[1:-1]), words[-1])

    def same_person(self, other: "NameParts") -> bool:
        """Both full names, the same first name (or its short form: "Len", "Leonard") and
        surname, and middle names that agree where both have them ("Donald J. Trump" and
        "Donald Trump"; not "George W. Bush" and "George H.W. Bush")."""
        nicknames = load_name_lexicon().nicknames
        return (
            bool(self.first and other.first)
            and nicknames.get(self.first, self.first) == nicknames.get(other.first, other.first)
            and self.surname == other.surname
            and (not self.middle or not other.middle or self.middle == other.middle)
        )


def name_gender(name: str) -> Optional[str]:
    """The gender a full name's first name gives ("Michelle Obama" -> "female"), or None."""
    parts = NameParts.of(name)
    return load_name_lexicon().first_names.get(parts.first) if parts and parts.first else None


@dataclass(frozen=True)
class NameCues:
    """What is written with a mention of a person: an honorific or role word's gender
    ("Mr.", "the first lady") and role titles ("President", "Sen.")."""

    gender: Optional[str] = None
    roles: frozenset[str] = frozenset()


def cues_of_words(words: list[str]) -> NameCues:
    names = load_name_lexicon()
    gender, roles = None, set()
    for word in (name_word(w) for w in words):
        said = names.honorifics.get(word) or names.gendered_words.get(word)
        gender = gender or said
        if word in names.role_titles:
            roles.add(names.role_titles[word])
    return NameCues(gender, frozenset(roles))


def cues_at(span: Span) -> NameCues:
    """The cues written with a name in the text: the title words just before it
    ("Mr.", "Vice President", "first lady"), the words of the mention itself, and the
    noun it is in apposition with ("the first lady, Michelle Obama")."""
    names = load_name_lexicon()
    title_like = names.honorifics.keys() | names.role_titles.keys() | names.gendered_words.keys()
    doc = span.doc
    words = [t.text for t in span]
    i = span.start - 1
    while i >= max(span.start - 4, span.sent.start) and (name_word(doc[i].text) in title_like or doc[i].text == "-"):
        words.append(doc[i].text)
        i -= 1
    root = span.root
    if root.dep_ == "appos" and root.head.i < span.start:
        words += [t.text for t in doc[max(root.head.i - 2, root.head.left_edge.i) : root.head.i + 1]]
    for child in root.children:
        if child.dep_ == "appos":
            words += [t.text for t in child.subtree][:6]
    return cues_of_words(words)


@dataclass
class _Person:
    """One person the article names: the fullest form of the name, where it is written
    and the cues written with it. A person the article names only by surname is kept
    too when that surname's cues rule out each full name ("Mr. Obama" in an article
    whose only full name is "Michelle Obama"): the surname alone is its name."""

    name: str
    parts: NameParts
    starts: list[int]
    cues: list[NameCues]
    # Named in full as a subject or an owner ("Hillary Clinton's health"), not only
    # inside a phrase about something else ("the administration of Bill Clinton").
    salient: bool = False

    def gender(self) -> Optional[str]:
        said = {c.gender for c in self.cues if c.gender}
        if name_gender(self.name):
            said = {name_gender(self.name)}
        return said.pop() if len(said) == 1 else None

    def roles(self) -> set[str]:
        return {role for c in self.cues for role in c.roles}

    def ruled_out_by(self, cues: NameCues) -> bool:
        """A mention's cues that can't be this person's: the other gender, or role
        titles where the article gives this person other ones."""
        gender, roles = self.gender(), self.roles()
        return bool(
            (cues.gender and gender and cues.gender != gender) or (cues.roles and roles and not cues.roles & roles)
        )


class PersonNames:
    """The person names in an article, found by their surname: Burgum -> Doug Burgum.
    One person written several ways ("Donald J. Trump", "Donald Trump", a slip such as
    "Donand Trump") gets one form, the fullest; people who share a surname (Barack and
    Michelle Obama) stay apart, and a surname alone goes to the one its title and
    gender cue allow, else to the one the article names most, else to the one it names
    as a subject or an owner, else to the nearest full name."""

    def __init__(self, doc: Doc):
        # surname -> the distinct people with it
        self.people: dict[str, list[_Person]] = {}
        # surname -> the longest full name with it: which surnames the article expands
        self.by_last_word: dict[str, str] = {}
        counts: dict[str, int] = {}
        full: list[tuple[str, NameParts, int, NameCues]] = []
        short: list[tuple[str, NameParts, int, NameCues]] = []
        salient: set[str] = set()
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = person_name(clean_name(ent.text))
            parts = NameParts.of(name)
            if parts is None:
                continue
            (full if parts.first else short).append((name, parts, ent.start_char, cues_at(ent)))
            if parts.first:
                counts[name] = counts.get(name, 0) + 1
                if ent.root.dep_ in SALIENT_DEPS:
                    salient.add(name)
                if len(name) > len(self.by_last_word.get(parts.surname, "")):
                    self.by_last_word[parts.surname] = name
        # The most written form first, so that a slip joins the form it slipped from.
        for name, parts, start, cues in sorted(full, key=lambda s: (-counts[s[0]], s[2])):
            person = self._same_person(parts)
            if person is None:
                person = _Person(name, parts, [], [])
                self.people.setdefault(parts.surname, []).append(person)
            elif len(name) > len(person.name) and not is_misspelling(parts.first, person.parts.first):
                person.name, person.parts = name, parts
            person.starts.append(start)
            person.cues.append(cues)
            person.salient = person.salient or name in salient
        for name, parts, start, cues in short:
            people = self.people.get(parts.surname, [])
            if people and all(p.ruled_out_by(cues) for p in people if p.parts.first):
                surname_only = next((p for p in people if not p.parts.first), None)
                if surname_only is None:
                    surname_only = _Person(name, parts, [], [])
                    people.append(surname_only)
                surname_only.starts.append(start)
                surname_only.cues.append(cues)

    def _same_person(self, parts: NameParts) -> Optional[_Person]:
        people = [p for p in self.people.get(parts.surname, []) if p.parts.first]
        same = [p for p in people if p.parts.same_person(parts)]
        if not same:
            same = [p for p in people if is_misspelling(parts.first, p.parts.first)]
        return same[0] if len(same) == 1 else None

    def full_name(self, name: str, at: Optional[Span] = None) -> str:
        """The article's full form of a person's name; `at`, the mention in the text,
        gives the cues and the position that tell apart people who share a surname."""
        name = person_name(name)
        parts = NameParts.of(name)
        if parts is None:
            return name
        if parts.first:
            person = self._same_person(parts)
            if person is not None and person.name != name:
                return person.name
            # "Guajardo Villarreal" for "Ildefonso Guajardo Villarreal": the end of one full name.
            ending = {p.name for p in self.people.get(parts.surname, []) if p.name.endswith(" " + name)}
            if len(ending) == 1:
                return ending.pop()
            return self._started_by(name)
        cues = cues_at(at) if at is not None else NameCues()
        # "Mr. Biden" for "Joseph R. Biden Jr.": a surname alone is a suffixed name's
        # only when nobody has the surname without one ("Trump" is never "Trump Jr." then).
        suffixes = load_name_lexicon().name_suffixes
        people = self.people.get(parts.surname) or [
            p for surname, bearers in self.people.items()
            if surname.split()[:-1] == [parts.surname] and surname.split()[-1] in suffixes for p in bearers]
        candidates = [p for p in people if not p.ruled_out_by(cues)]
        titled = [p for p in candidates if cues.roles & p.roles()]
        candidates = titled or candidates
        if len(candidates) > 1:
            # The one the article names most ("Cruz" in an article on Ted Cruz that
            # names Heidi Cruz once), when one is named most.
            counts = sorted((len(p.starts) for p in candidates), reverse=True)
            if counts[0] > counts[1]:
                candidates = [p for p in candidates if len(p.starts) == counts[0]]
        if len(candidates) > 1:
            # Else the ones named as a subject or an owner: "Clinton" in a story on
            # "Hillary Clinton's health" that names "former President Bill Clinton" once.
            salient = [p for p in candidates if p.salient]
            candidates = salient if 0 < len(salient) < len(candidates) else candidates
        if len(candidates) > 1 and at is not None:
            # Else the nearest of them before the mention, else the first after it.
            before = [(max(s for s in p.starts if s < at.start_char), p) for p in candidates if min(p.starts) < at.start_char]
            candidates = [max(before, key=lambda b: b[0])[1]] if before else [min(candidates, key=lambda p: min(p.starts))]
        if not candidates:
            return self._started_by(name)
        if len(candidates) != 1 or not candidates[0].parts.first:
            return name
        return candidates[0].name

    def _started_by(self, name: str) -> str:
        """"Te Kaurinui" for "Te Kaurinui Robert Parata": the start of one full name
        only, and nobody else's surname."""
        words = name.split()
        full = self.by_last_word.get(NameParts.of(name).surname)
        if full and full != name:
            return name
        longer = {
            p.name for people in self.people.values() for p in people
            if len(p.name.split()) > len(words) and p.name.split()[: len(words)] == words
        }
        return longer.pop() if len(longer) == 1 else name


# A party written with a role ("Republican nominee", "GOP nominee", "Democratic
# senator"), one name for each party.
PARTIES = {"republican": "republican", "gop": "republican", "democratic": "democratic", "democrat": "democratic",
           "libertarian": "libertarian", "green": "green"}


def party_words(words: Iterable[str]) -> set[str]:
    """The parties among some words (lemmas or text, any case)."""
    return {PARTIES[w.lower()] for w in words if w.lower() in PARTIES}


def title_words(ent: Span) -> set[str]:
    """Role words written just before a name: "acting Venezuelan President Delcy Rodriguez"."""
    words = set()
    i = ent.start - 1
    doc = ent.doc
    while i >= 0 and i >= ent.start - 4 and doc[i].dep_ in ("compound", "amod", "nmod", "npadvmod", "ROOT", "nsubj", "appos"):
        if doc[i].is_punct:
            break
        words.add(doc[i].lemma_.lower())
        i -= 1
    for token in ent:
        words.add(token.lemma_.lower())
    # "Marta Kowalski, the opposition leader": an appositive after the name.
    for token in ent.root.children:
        if token.dep_ == "appos":
            words.update(t.lemma_.lower() for t in token.subtree)
    return words


class OrganizationNames:
    """Full organisation names in an article: "Tax Policy Center" -> "Urban-Brookings Tax
    Policy Center", "Whole Foods" -> "Whole Foods Market". A short name grows to a longer
    one the article uses that ends with it (the same head: more words in front say which
    one), or, for a name of two words or more, that starts with it and adds one word."""

    def __init__(self, doc: Doc):
        # Longest first, and in the article's order among names as long: the same
        # choice on every run (a set's order changes with Python's hash seed).
        found = dict.fromkeys(clean_name(e.text) for e in doc.ents if e.label_ in ("ORG", "GPE", "FAC"))
        self.names = sorted(found, key=lambda n: len(n.split()), reverse=True)

    def full_name(self, name: str) -> str:
        words = name.split()
        if not words:
            return name
        if len(words) == 1 and ACRONYM.fullmatch(name):
            # "IMF" for "International Monetary Fund": the one name it abbreviates.
            expansions = {n for n in self.names if _initials(n) == name}
            if len(expansions) == 1:
                return expansions.pop()
        for longer in self.names:
            longer_words = longer.split()
            if len(longer_words) <= len(words):
                break
            if longer_words[-len(words):] == words and not _is_possessive_or_joined(longer_words[: -len(words)], len(words)):
                return longer
            if len(words) >= 2 and len(longer_words) == len(words) + 1 and longer_words[: len(words)] == words:
                return longer
        return name


def _is_possessive_or_joined(words: list[str], name_length: int) -> bool:
    """ "Obama administration's" in front of a name, or "Smith and" before a one-word
    one: another entity run into this one, not more of its name ("World Travel and
    Tourism Council" is one name)."""
    last = words[-1] if words else ""
    return last.endswith(("'s", "\u2019s")) or (name_length == 1 and last.lower() in ("and", "&", "of", "for"))


ACRONYM = re.compile(r"[A-Z]{2,6}")
# Words an organisation's initials skip: "International Monetary Fund" is IMF, "Bank of England" BoE.
INITIAL_SKIPPED = {"of", "the", "and", "for", "&", "on", "in", "de"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in INITIAL_SKIPPED and w[:1].isupper())
