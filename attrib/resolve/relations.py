"""Speakers named through their relation to someone the article names: people named
together speak together ("Merkley, Brown and Menendez said"), a relative takes the
family's surname ("her mother, Fiona"), a spokesperson speaks for whom they speak for
("his spokesman"), and a person's campaign is "<owner> campaign" ("her campaign")."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from attrib.resolve.descriptions import POSSESSIVE_PRONOUNS
from attrib.resolve.entities import ArticleEntities, ResolvedSpeaker
from attrib.resolve.pronouns import Pronouns


class Relations:
    """The relation rules for one article, over its entities and pronouns."""

    def __init__(self, doc: Doc, entities: ArticleEntities, pronouns: Pronouns):
        self.doc = doc
        self.entities = entities
        self.pronouns = pronouns

    def people_together(self, root: Token) -> Optional[ResolvedSpeaker]:
        """ "Jeff Merkley, Sherrod Brown and Robert Menendez said": people named together
        speak together, named as written ("Merkley and Brown" grows each name)."""
        people: list[Span] = []
        for token in self.doc[root.left_edge.i : root.right_edge.i + 1]:
            ent = self.entities.of_token.get(token.i)
            if ent is not None and ent.label_ == "PERSON" and (not people or people[-1] != ent):
                people.append(ent)
        if len(people) < 2 or root.i not in range(people[0].start, people[-1].end):
            return None
        for before, after in zip(people, people[1:]):
            if self.doc[before.end : after.start].text.strip() not in (",", "and", ", and", "&"):
                return None
        names = [self.entities.named(ent).name for ent in people]
        joined = ", ".join(names[:-1]) + " and " + names[-1]
        return ResolvedSpeaker(joined, "person", "name", 0, root.lemma_.lower())

    def family_member(self, kin: Token, found: ResolvedSpeaker, sentence: int) -> ResolvedSpeaker:
        """ "her mother, Fiona": a first name alone, of the family of a person named in
        full, takes the family's surname (and keeps it when named again: "Fiona said")."""
        words = found.name.split()
        owner = next((c for c in kin.children if c.dep_ == "poss"), None)
        if len(words) != 1 or owner is None or self.entities.names.full_name(found.name) != found.name:
            return found  # named in full somewhere in the article: that name stands
        if owner.lower_ in POSSESSIVE_PRONOUNS:
            family = self.pronouns.resolve(POSSESSIVE_PRONOUNS[owner.lower_], sentence, owner.idx)
            if family.how == "unresolved" or family.type != "person":
                return found
            family_name = family.name
        else:
            ent = self.entities.of_token.get(owner.i)
            if ent is None or ent.label_ != "PERSON":
                return found
            family_name = self.entities.named(ent).name
        if len(family_name.split()) < 2:
            return found
        full = f"{words[0]} {family_name.split()[-1]}"
        self.entities.family_names[words[0].lower()] = full
        return ResolvedSpeaker(full, "person", found.how, found.distance, found.root_lemma)

    def spoken_for(self, root: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """ "his spokesman" -> "Morgan Tsvangirai's spokesman", "a Whole Foods spokeswoman",
        "a spokeswoman for Zinke": someone who speaks for a named person or institution,
        on the record for them. None when the mention names nobody they speak for."""
        role = root.text.lower()
        for child in root.children:
            if child.dep_ == "poss":
                if child.lower_ in POSSESSIVE_PRONOUNS:
                    owner = self.pronouns.owner(child, sentence)
                    if owner.how == "unresolved":
                        return None
                    name = owner.name
                else:
                    ent = self.entities.entity_in(list(child.subtree))
                    if ent is None:
                        return None
                    name = self.entities.named(ent).name
                named = self.entities.named_in_role(root.lemma_.lower(), name)
                return named or ResolvedSpeaker(f"{name}'s {role}", "person", "spokesperson", 0, root.lemma_.lower())
            if child.dep_ in ("compound", "nmod") and self.entities.entity_in(list(child.subtree)) is not None:
                owner = self.entities.named(self.entities.entity_in(list(child.subtree)))
                return ResolvedSpeaker(f"{owner.name} {role}", "person", "spokesperson", 0, root.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                ent = self.entities.entity_in(list(pobj.subtree)) if pobj is not None else None
                if ent is not None:
                    name = self.entities.named(ent).name
                    named = self.entities.named_in_role(root.lemma_.lower(), name)
                    return named or ResolvedSpeaker(f"{role} for {name}", "person", "spokesperson", 0, root.lemma_.lower())
        return None

    def campaign_of(self, root: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """ "her campaign", "Clinton's team", "the Trump camp": a person's campaign is one
        organisation whatever the word, named by its owner as the article names them
        ("Hillary Clinton campaign"; the store keeps the surname). None when the owner is
        no person the article names ("the Republican team", "their campaign")."""
        for child in root.children:
            if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
                owner = self.pronouns.gendered_owner(child, sentence)
                if owner is None:
                    return None
            elif child.dep_ in ("poss", "compound") and child.i < root.i:
                ent = self.entities.entity_in(list(child.subtree))
                if ent is None:
                    return None
                owner = self.entities.named(ent)
            else:
                continue
            if owner.type != "person" or " and " in owner.name:
                return None
            return ResolvedSpeaker(f"{owner.name} campaign", "organization", "owner", owner.distance, root.lemma_.lower())
        return None
