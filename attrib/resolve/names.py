"""Canonical names and speaker types.

Names: strip the leading article and possessive ("the US State Department's" ->
"US State Department"), and grow a short person name to the fullest form the article
uses (Burgum -> Doug Burgum). Types come from the entity label and the lexicons:
an outlet name is media, a ministry or department is government, and so on.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from attrib.lexicons import Lexicon

LEADING_WORDS = {"the", "a", "an", "this", "that", "these", "those"}
POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")


def clean_name(text: str) -> str:
    words = text.replace("\n", " ").split()
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    name = " ".join(words).strip(" ,;:\"\u201c\u201d")
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


class PersonNames:
    """Full person names in an article, found by their last word (Burgum -> Doug Burgum)."""

    def __init__(self, doc: Doc):
        self.by_last_word: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_name(ent.text)
            words = name.split()
            if not words:
                continue
            last = words[-1].lower()
            # Keep the longest form seen: "Donald Trump" over "Trump".
            if len(name) > len(self.by_last_word.get(last, "")):
                self.by_last_word[last] = name

    def full_name(self, name: str) -> str:
        words = name.split()
        if not words:
            return name
        full = self.by_last_word.get(words[-1].lower())
        if full and full != name and (len(words) == 1 or full.lower().endswith(name.lower())):
            return full
        # "Te Kaurinui" for "Te Kaurinui Robert Parata": the start of one full name only,
        # and nobody else's surname.
        if not full or full == name:
            longer = {n for n in self.by_last_word.values() if len(n.split()) > len(words) and n.split()[: len(words)] == words}
            if len(longer) == 1:
                return longer.pop()
        return name


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
        self.names = sorted({clean_name(e.text) for e in doc.ents if e.label_ in ("ORG", "GPE", "FAC")}, key=lambda n: len(n.split()), reverse=True)

    def full_name(self, name: str) -> str:
        words = name.split()
        if not words:
            return name
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
