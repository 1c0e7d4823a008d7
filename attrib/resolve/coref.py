"""Resolve a speaker mention to a canonical name across the article.

Rules, tried in order, each with the reason recorded (`how`) so that confidence can
weigh it:
- relative pronouns ("who said") take the noun they modify;
- personal pronouns take the latest compatible speaker, else the latest compatible
  named entity ("it" -> the statement -> US State Department);
- a document or statement takes its owner ("the statement by the US State
  Department", "a report in Axios");
- unnamed sources are anonymous and keep whom they came through ("Axios sources");
- a named entity in the mention (or in its appositive) gives the name, grown to the
  article's full form (Burgum -> Doug Burgum);
- a definite description takes a possessive owner in its sentence ("In a statement on
  Rodriguez's webpage, the head of ...") or an earlier name with the same title
  ("the president" -> President William Ruto), else the latest speaker of its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from attrib.extract.quotes import Quote
from attrib.lexicons import Lexicon
from attrib.resolve.names import PersonNames, clean_name, entity_type, is_government_name, title_words

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
THING_PRONOUNS = {"it"}
GROUP_PRONOUNS = {"they", "we", "them", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
QUANTIFIERS = {"one", "some", "two", "three", "several", "many", "most", "all", "none", "both", "each", "few"}
# A pronoun further back than this many sentences is a guess, not a resolution.
PRONOUN_WINDOW = 6


@dataclass(frozen=True)
class ResolvedSpeaker:
    name: str
    type: str
    how: str  # which rule named it: name, pronoun, owner, description, anonymous, relative, unresolved
    distance: int = 0  # sentences back to the antecedent, for pronouns and descriptions
    root_lemma: str = ""


@dataclass(frozen=True)
class SpeakerHistory:
    sentence: int
    speaker: ResolvedSpeaker
    position: int  # character offset of the mention


class Resolver:
    def __init__(self, doc: Doc, lexicon: Lexicon, quotes: Sequence[Quote] = ()):
        self.doc = doc
        self.lexicon = lexicon
        self.names = PersonNames(doc)
        self.history: list[SpeakerHistory] = []
        self.sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
        self.ent_of_token: dict[int, Span] = {}
        # Names inside quotation marks are what a speaker talked about, not who spoke:
        # they are never antecedents ("The United States remains committed," it said).
        self.antecedents = [e for e in doc.ents if not any(q.start <= e.start_char < q.end for q in quotes)]
        for ent in doc.ents:
            for t in ent:
                self.ent_of_token[t.i] = ent

    # -- bookkeeping -------------------------------------------------------------
    def remember(self, sentence: int, speaker: ResolvedSpeaker, position: int) -> None:
        if speaker.how != "unresolved":
            self.history.append(SpeakerHistory(sentence, speaker, position))

    def _sentence_of(self, token: Token) -> int:
        return self.sentence_index[token.sent.start]

    # -- entities ----------------------------------------------------------------
    def named(self, ent: Span) -> ResolvedSpeaker:
        kind = entity_type(ent, self.lexicon)
        name = clean_name(ent.text)
        # The small model sometimes labels a known person's surname ORG: trust the article.
        if kind in ("organization", "unknown") and len(name.split()) == 1 and name.lower() in self.names.by_last_word:
            kind = "person"
        if kind == "person":
            name = self.names.full_name(name, ent)
        return ResolvedSpeaker(name, kind, "name", root_lemma=ent.root.lemma_.lower())

    def _entity_in(self, tokens: list[Token]) -> Optional[Span]:
        for t in tokens:
            ent = self.ent_of_token.get(t.i)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                return ent
        return None

    def _owner_of(self, noun: Token) -> Optional[Span]:
        """ "the statement by X", "a report in X", "X's statement": the owning entity."""
        for child in noun.children:
            if child.dep_ == "poss":
                ent = self._entity_in(list(child.subtree))
                if ent is not None:
                    return ent
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "in", "of", "on"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        ent = self._entity_in(list(pobj.subtree))
                        if ent is not None:
                            return ent
        return None

    # -- the rules ---------------------------------------------------------------
    def resolve(self, start: int, end: int, via: Optional[ResolvedSpeaker] = None) -> ResolvedSpeaker:
        doc = self.doc
        span = doc[start:end]
        root = span.root
        lower = root.lower_
        lemma = root.lemma_.lower()
        sentence = self._sentence_of(root)

        if lower in RELATIVE_PRONOUNS and root.head.head != root.head:
            noun = root.head.head  # who -> said (relcl) -> the noun it modifies
            if noun.pos_ in ("NOUN", "PROPN"):
                found = self.resolve(noun.left_edge.i, noun.i + 1, via)
                return ResolvedSpeaker(found.name, found.type, "relative", found.distance, found.root_lemma)

        if lower in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS and len(span) == 1:
            return self._pronoun(lower, sentence, root.idx)

        # "one of the sources": the quantified noun is the head that matters.
        if lower in QUANTIFIERS:
            for child in root.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        root, lemma = pobj, pobj.lemma_.lower()

        if lemma in self.lexicon.anonymous_heads and not self._has_name(span, "PERSON"):
            return self._anonymous(span, root, sentence, via)

        if lemma in self.lexicon.document_nouns:
            owner = self._owner_of(root)
            if owner is not None:
                found = self.named(owner)
                return ResolvedSpeaker(found.name, found.type, "owner", root_lemma=lemma)

        ent = self.ent_of_token.get(root.i)
        if ent is None:
            for child in root.children:
                if child.dep_ == "appos":
                    ent = self._entity_in(list(child.subtree))
                    if ent is not None:
                        break
        if ent is None and root.pos_ == "PROPN":
            ent = self._entity_in(list(span))
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            return self.named(ent)

        if root.pos_ == "PROPN":
            name = clean_name(span.text)
            kind = self._type_of_name(name)
            if kind == "person":
                name = self.names.full_name(name, span)
            return ResolvedSpeaker(name, kind, "name", root_lemma=lemma)

        return self._description(span, root, lemma, sentence)

    def _has_name(self, span: Span, label: str) -> bool:
        return any(self.ent_of_token.get(t.i) is not None and self.ent_of_token[t.i].label_ == label for t in span)

    def _type_of_name(self, name: str) -> str:
        if self.lexicon.is_media_name(name):
            return "media"
        if is_government_name(name, self.lexicon):
            return "government"
        return "person" if 1 <= len(name.split()) <= 3 and name.istitle() else "organization"

    def _pronoun(self, pronoun: str, sentence: int, position: int) -> ResolvedSpeaker:
        if pronoun in PERSON_PRONOUNS:
            wanted = {"person"}
        elif pronoun in THING_PRONOUNS:
            wanted = {"organization", "government", "media", "document"}
        else:
            wanted = {"organization", "government", "media", "anonymous", "person"}
        # The latest compatible subject wins: an earlier speaker, or a named entity that
        # was the subject of a sentence since ("Priya Raman runs the clinic. ... she said").
        best: Optional[tuple[int, ResolvedSpeaker, str, int]] = None
        for past in reversed(self.history):
            if past.position < position and past.speaker.type in wanted and sentence - past.sentence <= PRONOUN_WINDOW:
                best = (past.position, past.speaker, "pronoun", sentence - past.sentence)
                break
        for ent in reversed([e for e in self.antecedents if e.end_char <= position]):
            distance = sentence - self._sentence_of(ent.root)
            if distance > PRONOUN_WINDOW or (best is not None and ent.start_char <= best[0]):
                break
            if ent.root.dep_ in ("nsubj", "nsubjpass") and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                found = self.named(ent)
                if found.type in wanted:
                    best = (ent.start_char, found, "pronoun-entity", distance)
                    break
        if best is None:
            # Nothing as subject: the latest named entity of the right kind.
            for ent in reversed([e for e in self.antecedents if e.end_char <= position]):
                if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                    continue
                found = self.named(ent)
                distance = sentence - self._sentence_of(ent.root)
                if distance > PRONOUN_WINDOW:
                    break
                if found.type in wanted:
                    best = (ent.start_char, found, "pronoun-entity", distance)
                    break
        if best is None:
            return ResolvedSpeaker(pronoun, "person" if pronoun in PERSON_PRONOUNS else "unknown", "unresolved")
        _, found, how, distance = best
        return ResolvedSpeaker(found.name, found.type, how, distance, found.root_lemma)

    def _anonymous(self, span: Span, root: Token, sentence: int, via: Optional[ResolvedSpeaker]) -> ResolvedSpeaker:
        lemma = root.lemma_.lower()
        if via is None:
            # "the sources" again later: the same unnamed sources as before.
            for past in reversed(self.history):
                if past.speaker.type == "anonymous" and past.speaker.root_lemma == lemma:
                    return ResolvedSpeaker(past.speaker.name, "anonymous", "anonymous", sentence - past.sentence, lemma)
            words = [t for t in root.subtree if t.dep_ not in ("det", "punct", "relcl", "prep", "acl") and t.i <= root.i]
            return ResolvedSpeaker(clean_name(" ".join(t.text for t in words)) or root.text, "anonymous", "anonymous", 0, lemma)
        noun = root.text.lower() if root.tag_ == "NNS" else root.lemma_.lower() + "s"
        return ResolvedSpeaker(f"{via.name} {noun}", "anonymous", "anonymous", 0, lemma)

    def _description(self, span: Span, root: Token, lemma: str, sentence: int) -> ResolvedSpeaker:
        text = clean_name(span.text)
        if lemma in self.lexicon.media_nouns:
            return self._latest(sentence, {"media"}, "description", fallback=(text, "media"), root=root)
        if lemma in self.lexicon.person_roles or root.lemma_.lower() in self.lexicon.person_roles:
            owner = self._possessive_person_in_sentence(root)
            if owner is not None:
                found = self.named(owner)
                return ResolvedSpeaker(found.name, "person", "description", 0, lemma)
            titled = self._titled_person(lemma, root.idx)
            if titled is not None:
                return titled
            return self._latest(sentence, {"person"}, "description", fallback=(text, "person"), root=root)
        if lemma in self.lexicon.document_nouns:
            return self._latest(sentence, {"organization", "government", "media", "person"}, "description",
                                fallback=(text, "document"), root=root)
        if is_government_name(text, self.lexicon):
            return self._latest_entity_with_word(lemma, root.idx, sentence) or ResolvedSpeaker(text, "government", "description", 0, lemma)
        return ResolvedSpeaker(text or span.text, "unknown", "unresolved", 0, lemma)

    def _latest(self, sentence: int, kinds: set[str], how: str, fallback: tuple[str, str], root: Token) -> ResolvedSpeaker:
        for past in reversed(self.history):
            if past.position < root.idx and past.speaker.type in kinds and sentence - past.sentence <= PRONOUN_WINDOW:
                s = past.speaker
                return ResolvedSpeaker(s.name, s.type, how, sentence - past.sentence, s.root_lemma)
        if "media" in kinds:
            for ent in reversed([e for e in self.antecedents if e.end_char <= root.idx]):
                if entity_type(ent, self.lexicon) == "media":
                    return ResolvedSpeaker(clean_name(ent.text), "media", how, sentence - self._sentence_of(ent.root))
        # A new referent ("the senator" with no name yet): later pronouns may point to it.
        return ResolvedSpeaker(fallback[0], fallback[1], "description-new", 0, root.lemma_.lower())

    def _possessive_person_in_sentence(self, root: Token) -> Optional[Span]:
        for token in root.sent:
            if token.dep_ == "poss" and token.i < root.i:
                ent = self.ent_of_token.get(token.i)
                is_person = ent is not None and (ent.label_ == "PERSON" or clean_name(ent.text).split()[-1].lower() in self.names.by_last_word)
                if is_person and token.head.lemma_.lower() in self.lexicon.document_nouns:
                    return ent
        return None

    def _titled_person(self, role: str, position: int) -> Optional[ResolvedSpeaker]:
        for ent in reversed([e for e in self.antecedents if e.end_char <= position and e.label_ == "PERSON"]):
            if role in title_words(ent):
                found = self.named(ent)
                return ResolvedSpeaker(found.name, "person", "description", 0, role)
        return None

    def _latest_entity_with_word(self, word: str, position: int, sentence: int) -> Optional[ResolvedSpeaker]:
        for ent in reversed([e for e in self.antecedents if e.end_char <= position and e.label_ in ("ORG", "GPE")]):
            if word in ent.text.lower():
                found = self.named(ent)
                return ResolvedSpeaker(found.name, found.type, "description", sentence - self._sentence_of(ent.root), word)
        return None
