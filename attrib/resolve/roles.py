"""Who a role description is ("the nominee", "the president", "The GOP candidate"):
the person the article titled with that role, never one titled with another role or
rank."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from attrib.lexicons import load_name_lexicon
from attrib.resolve.entities import ArticleEntities, ResolvedSpeaker
from attrib.resolve.names import party_words, title_words

# Words before a role that make it another role: a vice president is no president, and
# a former one no longer is.
RANK_WORDS = {"vice", "deputy", "assistant", "associate", "former", "ex", "then"}


def ranks_of(root: Token) -> set[str]:
    return {t.lower_ for t in root.lefts} & RANK_WORDS


def parties_of(root: Token) -> set[str]:
    """The parties a description is written with: "The GOP nominee", "Democratic senator"."""
    return party_words(t.lemma_ for t in root.lefts if t.dep_ in ("amod", "compound", "nmod"))


def _other_party(parties: set[str], titles: set[str]) -> bool:
    return bool(parties and party_words(titles) and not parties & party_words(titles))


def titled_person(entities: ArticleEntities, role: str, root: Token, anywhere: bool = False) -> Optional[ResolvedSpeaker]:
    """The latest person named with the role word before `root` ("Republican
    presidential nominee Donald Trump" for "the nominee"), not one of another party
    than the description's ("The Republican nominee" is not "Democratic vice
    presidential nominee Tim Kaine", named since) or another rank ("the president" is
    not "Vice President Joe Biden" or "former President Bill Clinton"). `anywhere`:
    the last so named in the whole article, for an epithet the article writes before
    the name ("The GOP nominee complained ..." then "GOP nominee Donald Trump")."""
    parties, ranks = parties_of(root), ranks_of(root)
    end = len(root.doc.text) if anywhere else root.idx
    for ent in reversed([e for e in entities.antecedents if e.end_char <= end and e.label_ == "PERSON"]):
        titles = title_words(ent)
        if titles & RANK_WORDS == ranks and role in titles and not _other_party(parties, titles):
            found = entities.named(ent)
            return ResolvedSpeaker(found.name, "person", "description", 0, role)
    return None


def titles_of(entities: ArticleEntities, name: str, before: int) -> set[str]:
    """The role words written with a person's name before offset `before`."""
    titles: set[str] = set()
    for ent in entities.antecedents:
        if ent.label_ == "PERSON" and ent.end_char <= before and entities.named(ent).name == name:
            titles |= title_words(ent)
    return titles


def other_role(entities: ArticleEntities, name: str, role: str, root: Token) -> bool:
    """Whether the person `name` is titled with another role than the description's
    ("Vice President Joe Biden" for "the president", "Judge Frank Nervo" for "the
    mayor"): another rank, or role titles without the description's, or, for a
    description with a party, a role or profession no party's candidate is introduced
    with ("Justice Frank Nervo", "economist Aparna Mathur"). A person not
    titled with the role at all may be it ("the former secretary of state" is Hillary
    Clinton, named as the nominee)."""
    titles = titles_of(entities, name, root.idx)
    ranks, wanted_ranks = titles & RANK_WORDS, ranks_of(root)
    # Another rank ("Vice President Biden" for "the president"), or the role itself
    # without the rank ("President Obama" for "the former president").
    if (ranks and ranks != wanted_ranks) or (wanted_ranks and not ranks and role in titles):
        return True
    lexicon = load_name_lexicon()
    role_titles = lexicon.role_titles
    wanted = role_titles.get(role)
    held = {role_titles[t] for t in titles if t in role_titles}
    if parties_of(root) and (held | titles) & lexicon.nonpartisan_roles:
        return True  # "The GOP nominee" is not "Justice Frank Nervo" nor "economist Aparna Mathur"
    return wanted is not None and bool(held) and wanted not in held
