"""Personal and possessive pronouns: whom "she", "they", "I" or "her account" stand for,
from the speakers heard so far in the article and the entities named before them.

- "he"/"she" take a relative of their gender who is subject before them in their
  sentence ("My mother ... she says"), else the latest speaker who fits, else the
  latest named subject who fits; a first name of the other gender rules a person out;
- "they"/"we" are never a place; a "we" outside quotations is the paper's;
- "I" is whoever is talking (a speaker), never a person merely named before it, and
  never the writer's relative who spoke before it ("my father said ... I laughed");
- nothing before a live blog's new entry ("4:45 p.m.") is an antecedent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from attrib.extract.quotes import Quote
from attrib.lexicons import Lexicon
from attrib.resolve.descriptions import (
    GROUP_PRONOUNS, PERSON_PRONOUNS, POSSESSIVE_PRONOUNS, PRONOUN_GENDERS, PRONOUN_WINDOW, THING_PRONOUNS,
    description_of, modifies_a_noun,
)
from attrib.resolve.entities import ArticleEntities, ResolvedSpeaker
from attrib.resolve.names import clean_name, name_gender, name_word


@dataclass(frozen=True)
class SpeakerHistory:
    """A speaker heard so far in the article, where its mention was."""

    sentence: int
    speaker: ResolvedSpeaker
    position: int  # character offset of the mention


# A line that starts a live blog's entry ("4:45 p.m.") or ends one ("___").
SECTION_BREAK = re.compile(r"^[ \t]*(\d{1,2}:\d{2} ?[ap]\.? ?m\.?|_{3,}\.?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\n\s*")
# A transcript's turn: "PENCE: ...", "Mr. Trump: ...", "Q: ...".
TRANSCRIPT_TURN = re.compile(r"^\s*[A-Z][\w.' -]{0,40}:")


def initials(name: str) -> str:
    """ "Internal Revenue Service" and "I.R.S." -> "IRS": one name written two ways."""
    words = name.split()
    if len(words) == 1:
        return name.replace(".", "")
    return "".join(w[0] for w in words if w[:1].isupper())


class Pronouns:
    """The pronoun rules for one article; `history` is the resolver's list of the
    speakers heard so far, shared, so each pronoun sees those before it."""

    def __init__(self, doc: Doc, lexicon: Lexicon, entities: ArticleEntities, history: list[SpeakerHistory],
                 quotes: Sequence[Quote] = ()):
        self.doc = doc
        self.lexicon = lexicon
        self.entities = entities
        self.history = history
        self.quotes = quotes
        self.sentences = list(doc.sents)
        self.sentence_index = {s.start: i for i, s in enumerate(self.sentences)}
        self.section_starts = [0] + [m.end() for m in SECTION_BREAK.finditer(doc.text)]

    def sentence_of(self, token: Token) -> int:
        return self.sentence_index[token.sent.start]

    def named_in_own_clause(self, position: int, with_clauses: bool = False) -> set[str]:
        """The names in the rest of a pronoun's clause ("They wouldn't tell the I.R.S.
        anything"): a subject is not its own verb's object; `with_clauses`, nor whom
        its clause speaks of ("he does believe McConnell is correct")."""
        found = self.doc.char_span(position, position + 1, alignment_mode="expand")
        pronoun = found[0] if found is not None and len(found) else None
        if pronoun is None or pronoun.idx != position or pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return set()
        verb = pronoun.head
        deps = ("dobj", "dative", "prep", "attr") + (("ccomp",) if with_clauses else ())
        others = [t for c in verb.children if c.i != pronoun.i and c.dep_ in deps for t in c.subtree]
        entities = {self.entities.of_token[t.i] for t in others if t.i in self.entities.of_token}
        names = {self.entities.named(ent).name for ent in entities}
        # "to Senate leaders": the people an entity before their noun says are whose.
        names |= {people.name for ent in entities if modifies_a_noun(ent.root) and (people := self.people_of(ent))}
        return names | {initials(name) for name in names}

    def _named_beside_the_same_pronoun(self, pronoun: str, sentence: int, position: int) -> set[str]:
        """ "They sent a letter to Senate leaders. '...,' they wrote", "he does believe
        McConnell is correct. '...,' he said": a pronoun that goes on from the same pronoun
        as a subject before it is not whom that one's clause named."""
        for index in range(sentence, max(-1, sentence - PRONOUN_WINDOW - 1), -1):
            for token in reversed(self.sentences[index]):
                if token.idx < position and token.lower_ == pronoun and token.dep_ in ("nsubj", "nsubjpass"):
                    return self.named_in_own_clause(token.idx, with_clauses=True)
        return set()

    def _named_in_sentence(self, sentence: int, label: Optional[str] = None) -> set[str]:
        """The names outside quotations in a sentence (of entities labelled `label`, if given)."""
        span = self.sentences[sentence]
        return {self.entities.named(e).name for e in self.entities.antecedents
                if (label is None or e.label_ == label) and span.start_char <= e.start_char and e.end_char <= span.end_char}

    def _paragraphs_between(self, start: int, end: int) -> int:
        return len(PARAGRAPH_BREAK.findall(self.doc.text, start, end))

    def section_start(self, position: int) -> int:
        """Where the live-blog entry holding `position` starts (0 when there are none)."""
        return self.section_starts[bisect_right(self.section_starts, position) - 1]

    def people_of(self, ent: Span) -> Optional[ResolvedSpeaker]:
        """The unnamed people an entity before their noun says are whose ("West Virginia
        University researchers"), or None when the noun names no people ("Bank fees")."""
        head = ent.root.head
        lemma = head.lemma_.lower()
        if head.tag_ != "NNS" or lemma not in self.lexicon.anonymous_heads | self.lexicon.unnamed_groups:
            return None
        return ResolvedSpeaker(description_of(head) or f"{clean_name(ent.text)} {head.text}", "anonymous", "anonymous", 0, lemma)

    def narrated(self, position: int) -> bool:
        """Whether a first-person pronoun at `position` is the writer's: outside every
        quotation, in a paragraph that is no transcript's turn ("PENCE: I think ...")
        and no indented block quotation."""
        if any(q.start <= position < q.end for q in self.quotes):
            return False
        text = self.doc.text
        paragraph = text[text.rfind("\n", 0, position) + 1 : position]
        return TRANSCRIPT_TURN.match(paragraph) is None and not paragraph.startswith(("    ", "\t"))

    def owner(self, possessive: Token, sentence: int) -> ResolvedSpeaker:
        """Whom a possessive ("his", "their") stands for. "His"/"her" opening a sentence
        whose sentence before has no person for subject and names one person outside
        quotations is that person ("On Thursday, the panel held Pagliano in contempt.
        His lawyer said ..."); else the pronoun's antecedent."""
        pronoun = POSSESSIVE_PRONOUNS[possessive.lower_]
        gender = PRONOUN_GENDERS.get(pronoun)
        if gender is not None and sentence > 0 and possessive.i - possessive.sent.start <= 1:
            before = self.sentences[sentence - 1]
            quoted = [(q.start, q.end) for q in self.quotes if q.start < before.end_char and q.end > before.start_char]
            people = self._named_in_sentence(sentence - 1, "PERSON")
            # A surname the small model did not tag, of someone the article names in full.
            people |= {self.entities.names.full_name(t.text) for t in before
                       if t.pos_ == "PROPN" and t.i not in self.entities.of_token and name_word(t.text) in self.entities.names.people
                       and not any(start <= t.idx < end for start, end in quoted)}
            person_subject = any(t.dep_ in ("nsubj", "nsubjpass") and (t.ent_type_ == "PERSON" or t.lower_ in PERSON_PRONOUNS)
                                 for t in before)
            if len(people) == 1 and not person_subject and name_gender(name := people.pop()) in (None, gender):
                return ResolvedSpeaker(name, "person", "pronoun-entity", 1)
        return self.resolve(pronoun, sentence, possessive.idx)

    def gendered_owner(self, possessive: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """The person "his"/"her" stands for, when their first name says the same gender: the
        nearest such person named before it in its sentence ("an ailing Hillary Clinton
        stumbling to a van (her campaign later disclosed ...)"), else the pronoun's
        antecedent. None for "its"/"their", or a person of no known gender ("Oz")."""
        gender = PRONOUN_GENDERS.get(POSSESSIVE_PRONOUNS[possessive.lower_])
        if gender is None:
            return None
        before = [e for e in self.entities.antecedents if e.label_ == "PERSON" and possessive.sent.start <= e.start and e.end <= possessive.i]
        for ent in reversed(before):
            found = self.entities.named(ent)
            if found.type == "person" and name_gender(found.name) == gender:
                return found
        found = self.resolve(POSSESSIVE_PRONOUNS[possessive.lower_], sentence, possessive.idx)
        return found if found.type == "person" and found.how != "unresolved" and name_gender(found.name) == gender else None

    def resolve(self, pronoun: str, sentence: int, position: int) -> ResolvedSpeaker:
        """Whom `pronoun` (lower case) at character `position` of sentence `sentence`
        stands for; "unresolved" when nobody fits."""
        if pronoun in ("we", "us") and self.narrated(position):
            # "We asked readers ...": the paper, not the people it wrote of last.
            return ResolvedSpeaker(pronoun, "unknown", "unresolved")
        if pronoun in PERSON_PRONOUNS:
            wanted = {"person"}
        elif pronoun in THING_PRONOUNS:
            wanted = {"organization", "government", "media", "document"}
        elif pronoun in ("they", "them"):
            # A group, not one person: "Obama administration officials said ... They said".
            wanted = {"organization", "government", "media", "anonymous"}
        else:
            wanted = {"organization", "government", "media", "anonymous", "person"}
        # The latest compatible subject wins: an earlier speaker, or a named entity that
        # was the subject of a sentence since ("Priya Raman runs the clinic. ... she said").
        best: Optional[tuple[int, ResolvedSpeaker, str, int]] = None
        gender = PRONOUN_GENDERS.get(pronoun)

        in_clause = self.named_in_own_clause(position) | self._named_beside_the_same_pronoun(pronoun, sentence, position)

        def fits(found: ResolvedSpeaker) -> bool:
            # "she" is not "Antonin Scalia": a first name that says the other gender rules a person out;
            # "They wouldn't tell the I.R.S." is not the I.R.S.
            return found.type in wanted and not {found.name, initials(found.name)} & in_clause and not (
                gender and found.type == "person" and name_gender(found.name) not in (None, gender))

        kin = self.entities.kin_subject(self.sentences[sentence], position, gender) if gender else None
        if kin is not None:
            return kin
        narrated = pronoun in ("i", "me") and self.narrated(position)
        for past in reversed(self.history):
            if past.position < position and fits(past.speaker) and sentence - past.sentence <= PRONOUN_WINDOW:
                if pronoun in ("i", "me") and past.speaker.name.lower().startswith(("my ", "our ")):
                    break  # "my father said ... I laughed": the writer, not their father nor anyone before
                if narrated and (self._paragraphs_between(past.position, position) > 1
                                 or past.speaker.name in self._named_in_sentence(sentence)):
                    # A columnist's "I": paragraphs after anyone spoke, or beside the
                    # speaker named in the third person ("When Mr. Guajardo came to talk
                    # to me, I didn't expect him to ...").
                    break
                best = (past.position, past.speaker, "pronoun", sentence - past.sentence)
                break
        # "I" is whoever is talking, a speaker; a person merely named before it is someone
        # talked about ("Like President Obama, I believe ..." in an op-ed is its writer).
        section = self.section_start(position)
        named_before = [] if pronoun in ("i", "me") else [
            e for e in self.entities.antecedents if section <= e.start_char and e.end_char <= position]
        if pronoun in GROUP_PRONOUNS:
            # A place is "it", not "they" or "we": "They checked the Chicago Tribune" are
            # people, never Chicago ("Chicago police ... they" are the police, below).
            named_before = [e for e in named_before if e.label_ != "GPE" or modifies_a_noun(e.root)]
        for ent in reversed(named_before):
            distance = sentence - self.sentence_of(ent.root)
            if distance > PRONOUN_WINDOW or (best is not None and ent.start_char <= best[0]):
                break
            if ent.root.dep_ in ("nsubj", "nsubjpass") and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                found = self.entities.named(ent)
                if fits(found):
                    best = (ent.start_char, found, "pronoun-entity", distance)
                    break
        if best is None:
            # Nothing as subject: the latest named entity of the right kind.
            for ent in reversed(named_before):
                if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                    continue
                distance = sentence - self.sentence_of(ent.root)
                if distance > PRONOUN_WINDOW:
                    break
                # "West Virginia University researchers ... They said": the researchers.
                found = self.people_of(ent) if modifies_a_noun(ent.root) else self.entities.named(ent)
                if found is not None and fits(found):
                    best = (ent.start_char, found, "pronoun-entity", distance)
                    break
        if best is None:
            return ResolvedSpeaker(pronoun, "person" if pronoun in PERSON_PRONOUNS else "unknown", "unresolved")
        _, found, how, distance = best
        return ResolvedSpeaker(found.name, found.type, how, distance, found.root_lemma)
