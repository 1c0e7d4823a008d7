"""The article's named entities, and the name each gives a speaker: the fullest form
the article uses (Burgum -> Doug Burgum, "Whole Foods" -> "Whole Foods Market"), a
family's surname for a first name, an outlet with what it is ("Vulture magazine");
and the entities a mention's words point to (its head's, its owner's, a name after its
titles or set off by a comma, the person the article names in a role or as someone's
relative)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from attrib.extract.quotes import Quote
from attrib.lexicons import Lexicon, load_name_lexicon
from attrib.resolve.descriptions import KIN_NOUNS, LAW_NOUNS, description_of, in_dateline, same_role, transcript_case
from attrib.resolve.names import (
    ACRONYM, NameParts, OrganizationNames, PersonNames, clean_name, entity_type, is_government_name, name_gender,
)


# Verbs whose subject gave the words of the document they describe: "a speech she
# delivered", "the letter he wrote" (besides the lexicon's "publishing_verbs").
AUTHORING_VERBS = {"deliver", "give", "write", "make", "send", "sign", "pen", "post", "tweet"}


@dataclass(frozen=True)
class ResolvedSpeaker:
    name: str
    type: str
    how: str  # which rule named it: name, pronoun, owner, description, anonymous, relative, unresolved
    distance: int = 0  # sentences back to the antecedent, for pronouns and descriptions
    root_lemma: str = ""


def _title_case_headline_end(doc: Doc) -> int:
    """Where a title-case first sentence (a headline: at least three words, all but one
    capitalised, where capitals say nothing of names) ends; 0 when there is none."""
    first = next(doc.sents, None)
    if first is None:
        return 0  # an empty text
    words = [t for t in first if t.is_alpha]
    title_case = len(words) >= 3 and sum(not t.is_title and not t.is_upper for t in words) <= 1
    return first.end if title_case else 0


def cut_at_comma(ent: Span) -> Span:
    """ "a new report by Politico, Democratic party insiders say": the small model runs a
    name on past a comma into the next phrase. Where the words after the comma hang
    nowhere on the words before it (nor these on them), the name ends at the comma;
    "Washington, D.C." and "Skadden, Arps" are one phrase and stay whole."""
    for token in ent:
        if token.text != "," or token.i in (ent.start, ent.end - 1):
            continue
        before, after = ent.doc[ent.start : token.i], ent.doc[token.i + 1 : ent.end]
        joined = any(a.i in range(before.start, before.end) for a in after.root.ancestors) or any(
            a.i in range(after.start, after.end) for a in before.root.ancestors)
        if not joined:
            return Span(ent.doc, ent.start, token.i, label=ent.label_)
    return ent


class ArticleEntities:
    """One article's entities: by token (`of_token`), those named in its text, quotations
    included (`mentioned`), those a pronoun may point back to (`antecedents`), and the
    article's person and organisation names."""

    def __init__(self, doc: Doc, lexicon: Lexicon, quotes: Sequence[Quote] = ()):
        self.doc = doc
        self.lexicon = lexicon
        self.names = PersonNames(doc)
        self.organizations = OrganizationNames(doc)
        # First names given a family's surname ("her mother, Fiona" -> Fiona Parry).
        self.family_names: dict[str, str] = {}
        self.of_token: dict[int, Span] = {}
        # Names inside quotation marks are what a speaker talked about, not who spoke:
        # they are never antecedents ("The United States remains committed," it said).
        # An entity with no capital and no digit is the small model's slip, no name: "n’t"
        # of "aren’t" labelled GPE.
        ents = [cut_at_comma(e) for e in doc.ents if e.text != e.text.lower() or any(c.isdigit() for c in e.text)]
        # Nor is a dateline's place ("FAIRVIEW, W.Va. —"): where the story was filed; nor
        # what the small model takes for a name in a headline's capitals and the article
        # never names again ("Small" of "Small Steps Toward College Savings").
        self.headline_end = _title_case_headline_end(doc)
        self.mentioned = [e for e in ents if not in_dateline(e[0]) and not self._headline_only(e)]
        self.antecedents = [e for e in self.mentioned if not any(q.start <= e.start_char < q.end for q in quotes)]
        for ent in ents:
            for t in ent:
                self.of_token[t.i] = ent

    def in_headline(self, token: Token) -> bool:
        """Whether `token` is in a title-case headline."""
        return token.i < self.headline_end

    def _headline_only(self, ent: Span) -> bool:
        """Whether `ent` is in a title-case headline and nowhere in the text after it."""
        if ent.start >= self.headline_end:
            return False
        after = self.doc[self.headline_end - 1].idx + len(self.doc[self.headline_end - 1])
        return ent.text not in self.doc.text[after:]

    def named(self, ent: Span) -> ResolvedSpeaker:
        """The speaker an entity names, by the article's fullest form of the name."""
        ent = self.whole_organization(ent)
        kind = entity_type(ent, self.lexicon)
        expanded = self.expansion(clean_name(ent.text))
        if expanded is not None:
            return ResolvedSpeaker(expanded, kind if kind not in ("person", "unknown") else "organization", "name",
                                   root_lemma=ent.root.lemma_.lower())
        name = transcript_case(clean_name(ent.text))
        # The small model sometimes labels a known person's surname ORG: trust the article.
        if kind in ("organization", "unknown") and len(name.split()) == 1 and name.lower() in self.names.by_last_word:
            kind = "person"
        if ent.label_ in ("ORG", "GPE", "FAC"):
            grown = self.organizations.full_name(name)
            # An outlet grows to an outlet's name only ("The Post" -> "New York Post").
            if grown != name and (kind != "media" or self.lexicon.is_media_name(grown)):
                name, kind = grown, "organization" if kind == "person" else kind
        # "the editorial board of the Washington Post Trump said": a comma missing after an
        # outlet's name runs it into a person's the article names.
        words = name.split()
        if len(words) > 2 and words[-1].lower() in self.names.by_last_word and self.lexicon.is_media_name(" ".join(words[:-1])):
            name, kind = words[-1], "person"
        if kind == "person":
            name = self.family_names.get(name.lower()) or self.names.full_name(name, ent)
        # "Vulture magazine", "the Bugle newspaper": an outlet named with what it is.
        after = ent.end < len(self.doc) and self.doc[ent.end]
        if after and after.lemma_.lower() in self.lexicon.media_nouns and after.pos_ == "NOUN" and kind != "person":
            return ResolvedSpeaker(f"{name} {after.text}", "media", "name", root_lemma=after.lemma_.lower())
        return ResolvedSpeaker(name, kind, "name", root_lemma=ent.root.lemma_.lower())

    def expansion(self, name: str) -> Optional[str]:
        """ "AROS" where the article spells out "Alliance to Reclaim Our Schools (AROS)": the
        one organisation an acronym's letters stand for, before a transcript's capitals
        would make the acronym a name ("Aros"); None for any other name."""
        if not ACRONYM.fullmatch(name):
            return None
        expanded = self.organizations.full_name(name)
        return expanded if expanded != name else None

    def whole_organization(self, ent: Span) -> Span:
        """ "the World Travel and Tourism Council", which the small model cuts in two at
        "and": an organisation entity right before "and"/"of"/"&" whose words hang on this
        one's head is the start of the same name."""
        while (ent.label_ == "ORG" and ent.start >= 2 and self.doc[ent.start - 1].lower_ in ("and", "&", "of")
               and (before := self.of_token.get(ent.start - 2)) is not None and before.label_ == "ORG"
               and before.root.head.i in range(ent.start, ent.end)):
            ent = self.doc[before.start : ent.end]
            ent.label_ = "ORG"
        return ent

    def entity_in(self, tokens: list[Token]) -> Optional[Span]:
        for t in tokens:
            ent = self.of_token.get(t.i)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                return ent
        return None

    def head_entity(self, tokens: list[Token], head: Token) -> Optional[Span]:
        """The entity that is a phrase's head, else its person, else the one nearest the
        head: "Indiana Gov. Mike Pence" is Pence, "Tulsa police Chief Chuck Jordan" Jordan."""
        found = [self.of_token[t.i] for t in tokens if t.i in self.of_token
                 and self.of_token[t.i].label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC")]
        if not found:
            return None
        return (next((e for e in found if e.start <= head.i < e.end), None)
                or next((e for e in found if e.label_ == "PERSON"), None) or found[-1])

    def owner_of(self, noun: Token) -> Optional[Span]:
        """ "the statement by X", "a report in X", "X's statement", "a speech X delivered":
        the owning entity (none for two: "a study by Harvard and Berkeley")."""
        for child in noun.children:
            # "a speech Mrs. Clinton delivered at New York University": who gave it.
            if child.dep_ == "relcl" and child.lemma_.lower() in self.lexicon.publishing_verbs | AUTHORING_VERBS:
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                ent = self.entity_in(list(subject.subtree)) if subject is not None else None
                if ent is not None:
                    return ent
            if child.dep_ == "poss":
                ent = self.entity_in(list(child.subtree))
                if ent is not None:
                    return ent
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "in", "of", "on"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        # "the notes of the British Bill": another document, not an owner.
                        if pobj.lemma_.lower() in self.lexicon.document_nouns | LAW_NOUNS and pobj.i not in self.of_token:
                            continue
                        # "a study by Harvard and the University of California": two
                        # authors, no one owner; the document speaks for both.
                        if any(c.dep_ == "conj" for c in pobj.children):
                            return None
                        # The owner's own name first: "by Loyola law professor Justin Levitt".
                        ent = self.entity_in([pobj]) or self.entity_in(list(pobj.subtree))
                        if ent is not None:
                            return ent
        return None

    def names_a_person(self, root: Token) -> bool:
        """ "official Lin Ode", "a spokesman, Lin Ode": the head or its apposition is a
        person's name. ("Obama administration officials" names no one.)"""
        for token in [root] + [t for c in root.children if c.dep_ == "appos" for t in c.subtree]:
            ent = self.of_token.get(token.i)
            if ent is not None and ent.label_ == "PERSON":
                return True
        return False

    def compound_owner(self, document: Token) -> Optional[Span]:
        """ "an IMF report", "the Pentagon statement": the organisation in front owns it."""
        for child in document.children:
            if child.dep_ == "compound" and child.i < document.i:
                ent = self.of_token.get(child.i)
                if ent is not None and ent.label_ in ("ORG", "GPE") and ent.end <= document.i:
                    return ent
        return None

    def name_after_titles(self, span: Span, root: Token) -> Optional[Span]:
        words = [t for t in span if not t.is_punct]
        if not words:
            return None
        ent = self.of_token.get(words[-1].i)
        if ent is None or ent.label_ != "PERSON" or ent.start <= root.i:
            return None
        between = self.doc[root.i + 1 : ent.start]
        if any(t.pos_ in ("ADP", "VERB", "AUX", "PRON") or t.text == "," for t in between):
            return None
        return ent

    def person_listed_after(self, span: Span, root: Token) -> Optional[Span]:
        """ "To understand the real Dred Scott, Chief Justice Roberts said", "to sue Saudi
        Arabia, Democratic nominee Hillary Clinton disagrees": a name, a comma, and a
        person's name (with titles) that ends the mention. The parser makes the second
        an apposition of the first; it is the next item of a list, and the speaker is
        the one beside the cue."""
        own = self.of_token.get(root.i)
        words = [t for t in span if not t.is_punct]
        last = self.of_token.get(words[-1].i) if words else None
        if own is None or last is None or own.label_ not in ("PERSON", "ORG", "GPE", "NORP") or last.label_ != "PERSON":
            return None
        between = self.doc[own.end : last.start]
        if last.start <= own.end or not len(between) or between[0].text != ",":
            return None
        return last if all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET") for t in between[1:]) else None

    def name_after_comma(self, span: Span, root: Token) -> Optional[Span]:
        return next((self.of_token[t.i] for t in span[1:] if t.i > root.i and t.i in self.of_token
                     and self.of_token[t.i].label_ == "PERSON" and self.doc[self.of_token[t.i].start - 1].text == ","), None)

    def named_in_role(self, role: str, owner: str) -> Optional[ResolvedSpeaker]:
        """The person the article names as `owner`'s `role`, before or after ("his
        attorney" ... "An attorney for Pagliano, Mark MacDougall"): a role noun of the
        same owner in apposition with a person's name."""
        for token in self.doc:
            if same_role(token.lemma_.lower()) != same_role(role):
                continue
            owners = [c for c in token.children if c.dep_ == "poss"] + [
                p for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of") for p in c.children if p.dep_ == "pobj"]
            if not any((e := self.entity_in(list(o.subtree))) is not None and self.named(e).name == owner for o in owners):
                continue
            # The parser hangs "An attorney for Pagliano, Mark MacDougall" on the owner.
            beside = [c for t in [token, *owners] for c in t.children if c.dep_ == "appos"]
            beside += [token.head] if token.dep_ == "appos" else []
            person = next((self.of_token[t.i] for t in beside if t.i in self.of_token and self.of_token[t.i].label_ == "PERSON"), None)
            if person is not None and self.named(person).name != owner:
                return ResolvedSpeaker(self.named(person).name, "person", "spokesperson", 0, role)
        return None

    def type_of_name(self, name: str) -> str:
        if self.lexicon.is_media_name(name):
            return "media"
        if is_government_name(name, self.lexicon):
            return "government"
        return "person" if 1 <= len(name.split()) <= 3 and name.istitle() else "organization"

    def relative_of(self, kin: Token) -> Optional[ResolvedSpeaker]:
        """ "Keith Lamont Scott's wife": the one other person the article names with the
        surname of the person named as the possessor (Rakeyia Scott), when their first
        name does not say the other gender; None when there is no one such person."""
        possessor = next((c for c in kin.children if c.dep_ == "poss"), None)
        if possessor is None or possessor.pos_ != "PROPN":
            return None
        # The possessor's own words, as the small model's entity may miss a name's first
        # word ("Lamont Scott's" of "Keith Lamont Scott's wife").
        name = clean_name(" ".join(t.text for t in possessor.subtree if t.dep_ != "case"))
        parts = NameParts.of(name)
        if parts is None or not parts.first:
            return None
        gender = load_name_lexicon().gendered_words.get(kin.lemma_.lower())
        others = [
            p.name for p in self.names.people.get(parts.surname, [])
            if p.parts.first and not p.parts.same_person(parts) and not set(p.name.split()) <= set(name.split())
            and name_gender(p.name) in (None, gender)
        ]
        return ResolvedSpeaker(others[0], "person", "description", 0, kin.lemma_.lower()) if len(others) == 1 else None

    def kin_subject(self, sent: Span, position: int, gender: str) -> Optional[ResolvedSpeaker]:
        """ "My mother has softened with age, but even now she says ...": a relative of a
        pronoun's `gender`, subject before `position` in its sentence `sent`, is who "she"
        is, not a person named paragraphs before."""
        genders = load_name_lexicon().gendered_words
        subjects = [t for t in sent if t.idx < position and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"
                    and t.lemma_.lower() in KIN_NOUNS and genders.get(t.lemma_.lower()) == gender]
        if not subjects:
            return None
        kin = subjects[-1]
        named = next((self.of_token[t.i] for t in kin.subtree if t.i in self.of_token
                      and self.of_token[t.i].label_ == "PERSON"), None)
        if named is not None:  # "His wife, Ana Ruiz, has ... she": her name
            return ResolvedSpeaker(self.named(named).name, "person", "pronoun", 0, kin.lemma_.lower())
        return ResolvedSpeaker(description_of(kin), "person", "pronoun", 0, kin.lemma_.lower())
