"""Resolve a speaker mention to a canonical name across the article.

Rules, tried in order, each with the reason recorded (`how`) so that confidence can
weigh it:
- relative pronouns ("who said") take the noun they modify;
- personal pronouns take the latest compatible speaker or named subject
  (attrib/resolve/pronouns.py: "it" -> the statement -> US State Department); a
  dateline's place and an adjective made of a name ("Orwellian") are no antecedents;
- a document or statement takes its owner ("the statement by the US State
  Department", "a report in Axios");
- unnamed sources are anonymous and keep whom they came through ("Axios sources");
- a named entity in the mention (or in its appositive) gives the name, grown to the
  article's full form (Burgum -> Doug Burgum: attrib/resolve/entities.py);
- a person's campaign ("her campaign", "Clinton's team") is "<owner> campaign";
  someone who speaks for another ("his attorney") is the person the article names in
  that role, else named by it ("Bryan Pagliano's attorney"); people named together
  speak together (attrib/resolve/relations.py);
- a definite description takes a possessive owner in its sentence ("In a statement on
  Rodriguez's webpage, the head of ...") or an earlier name with the same title
  ("the president" -> President William Ruto: attrib/resolve/roles.py), else the
  latest speaker of its kind not titled otherwise; an indefinite or plural one ("a
  federal judge", "both candidates"), or the writer's or someone's relative ("my
  mother", "his wife"), is someone new.
"""

from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Doc, Span, Token

from attrib.extract.quotes import Quote
from attrib.lexicons import Lexicon
from attrib.resolve.descriptions import (
    CAMPAIGN_NOUNS, PERSON_PRONOUNS, THING_PRONOUNS, GROUP_PRONOUNS, RELATIVE_PRONOUNS, POINTING_WORDS, QUANTIFIERS, KIN_NOUNS, POSSESSIVE_PRONOUNS, SPOKESPERSON_ROLES, PRONOUN_WINDOW, description_of, is_a_crowd, is_bare_definite, is_indefinite, name_words, same_role, transcript_case,
)
from attrib.resolve.entities import ArticleEntities, ResolvedSpeaker
from attrib.resolve.pronouns import Pronouns, SpeakerHistory
from attrib.resolve.relations import Relations
from attrib.resolve.roles import other_role, parties_of, ranks_of, titled_person
from attrib.resolve.names import clean_name, entity_type, is_government_name


# Pieces an outlet publishes: "the article" is the outlet's, never a person it quotes.
PUBLISHED_PIECES = {"article", "column", "editorial", "op-ed", "story", "piece"}
# "the letter" points back to a "sent a letter" at most this many sentences before.
SENDER_WINDOW = 3
# "The GOP nominee" with no speaker before it is the one person named at most this many
# sentences before it.
NAMED_WINDOW = 2


class Resolver:
    def __init__(self, doc: Doc, lexicon: Lexicon, quotes: Sequence[Quote] = ()):
        self.doc = doc
        self.lexicon = lexicon
        self.entities = ArticleEntities(doc, lexicon, quotes)
        self.history: list[SpeakerHistory] = []
        self.pronouns = Pronouns(doc, lexicon, self.entities, self.history, quotes)
        self.relations = Relations(doc, self.entities, self.pronouns)
        self.sentences = self.pronouns.sentences

    # -- bookkeeping -------------------------------------------------------------
    def remember(self, sentence: int, speaker: ResolvedSpeaker, position: int) -> None:
        if speaker.how != "unresolved":
            self.history.append(SpeakerHistory(sentence, speaker, position))

    def _sentence_of(self, token: Token) -> int:
        return self.pronouns.sentence_of(token)

    # -- the rules ---------------------------------------------------------------
    def resolve(self, start: int, end: int, via: Optional[ResolvedSpeaker] = None) -> ResolvedSpeaker:
        doc = self.doc
        span = doc[start:end]
        root = span.root
        lower = root.lower_
        lemma = root.lemma_.lower()
        sentence = self._sentence_of(root)
        # A live blog's new entry ("4:45 p.m.") starts a new story: who spoke in the
        # entries before is no antecedent.
        section = self.pronouns.section_start(root.idx)
        self.history[:] = [past for past in self.history if past.position >= section]

        if lower in RELATIVE_PRONOUNS and root.head.head != root.head:
            noun = root.head.head  # who -> said (relcl) -> the noun it modifies
            # "nervous Democrats on Capitol Hill, who have argued": the parser hangs the
            # clause on where the people are; "who" is the people.
            if lower in ("who", "whom") and noun.dep_ == "pobj" and noun.ent_type_ != "PERSON" and self._people_noun(noun.head.head):
                noun = noun.head.head
            if noun.pos_ in ("NOUN", "PROPN"):
                found = self.resolve(noun.left_edge.i, noun.i + 1, via)
                return ResolvedSpeaker(found.name, found.type, "relative", found.distance, found.root_lemma)

        if lower in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS and len(span) == 1:
            return self.pronouns.resolve(lower, sentence, root.idx)
        if lower in POINTING_WORDS and len(span) == 1:
            # "who" with no noun to take, "you", "this": nobody the article names.
            return ResolvedSpeaker(root.text, "unknown", "unresolved", 0, lower)
        if lower in ("others", "some", "many", "most") and len(span) == 1:
            return ResolvedSpeaker(lower, "anonymous", "anonymous", 0, lower)

        # "one of the sources": the quantified noun is the head that matters.
        if lower in QUANTIFIERS:
            for child in root.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        root, lemma = pobj, pobj.lemma_.lower()

        if not self.entities.names_a_person(root) and (
            lemma in self.lexicon.anonymous_heads or (lemma in self.lexicon.unnamed_groups and is_a_crowd(root))
            or (root.ent_type_ == "NORP" and root.tag_ in ("NNS", "NNPS"))
        ):
            return self._someones_person(root, sentence) or self._anonymous(span, root, sentence, via)
        if lemma in SPOKESPERSON_ROLES and self.entities.name_after_comma(span, root) is None:
            spoken_for = self.relations.spoken_for(root, sentence)
            if spoken_for is not None:
                return spoken_for

        if lemma in CAMPAIGN_NOUNS:
            campaign = self.relations.campaign_of(root, sentence)
            if campaign is not None:
                return campaign

        if lemma in self.lexicon.document_nouns:
            owner = self.entities.owner_of(root) or self.entities.compound_owner(root)
            if owner is not None:
                found = self.entities.named(owner)
                return ResolvedSpeaker(found.name, found.type, "owner", root_lemma=lemma)
            # "According to her account": the account is the words of the person "her" is.
            pronoun = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
            found = self.pronouns.gendered_owner(pronoun, sentence) if pronoun is not None else None
            if found is not None:
                return ResolvedSpeaker(found.name, found.type, "owner", found.distance, lemma)

        if lemma in KIN_NOUNS:
            relative = self.entities.relative_of(root)
            if relative is not None:
                return relative

        people_words = self.lexicon.person_roles | self.lexicon.unnamed_groups | self.lexicon.anonymous_heads
        if (root.pos_ == "PROPN" and root.is_title and root.lower_ in people_words
                and root.i not in self.entities.of_token and self.entities.in_headline(root)):
            # "Former White House Doctor Says": a headline's capitals on a person's role,
            # not the White House; who it is, the blind lede rule finds (descriptions.py).
            return ResolvedSpeaker(self._headline_words(span, root), "person", "description-new", 0, root.lower_)
        listed = self.entities.person_listed_after(span, root)
        if listed is not None:
            return self.entities.named(listed)
        ent = self.entities.of_token.get(root.i)
        if (ent is None or ent.label_ in ("GPE", "NORP")) and (root.pos_ != "PROPN" or root.ent_type_ in ("GPE", "NORP")):
            # "Whole Foods co-founder and CEO John Mackey", "Tulsa police Chief Chuck
            # Jordan": titles (and a place) the parser made the head of, before the name
            # that ends the mention (not "the wife of X").
            ent = self.entities.name_after_titles(span, root) or ent
        if ent is None and (lemma in self.lexicon.person_roles or root.pos_ == "PROPN"):
            # "The leader of Ennahda, Rachid Ghannouchi": a name set off by a comma is who
            # the description is, wherever the parser hung it.
            ent = self.entities.name_after_comma(span, root)
        if ent is None and root.pos_ != "PROPN":  # a name is who it is: "Hicks, a Navy veteran"
            for child in root.children:
                if child.dep_ == "appos":
                    ent = self.entities.head_entity(list(child.subtree), child)
                    if ent is not None:
                        break
        if ent is None and root.pos_ == "PROPN":
            # The name's own words, not an entity in what follows it ("Hicks, a Navy veteran").
            ent = self.entities.head_entity([t for t in span if t.i <= root.i], root)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            if lemma in KIN_NOUNS and ent.label_ == "PERSON":
                return self.relations.family_member(root, self.entities.named(ent), sentence)
            together = self.relations.people_together(root) if ent.label_ == "PERSON" else None
            return together or self.entities.named(ent)

        if root.pos_ == "PROPN" and root.is_title and lemma in self.lexicon.document_nouns and root.i not in self.entities.of_token:
            # "New Poll Shows Bump", "Video showed": a headline's capitals, or a sentence's,
            # on a description, not a name.
            return ResolvedSpeaker(self._headline_words(span, root), "document", "description-new", 0, lemma)

        # "Pence: Flowers Won't Be at Debate": a headline's capitals hide a name the
        # article gives in full elsewhere from the tagger.
        known_surname = root.is_title and len(span) == 1 and root.lower_ in self.entities.names.by_last_word
        if root.pos_ == "PROPN" or known_surname:
            name = clean_name(name_words(root))
            expanded = self.entities.expansion(name)
            if expanded is not None:
                return ResolvedSpeaker(expanded, "organization", "name", root_lemma=lemma)
            name = transcript_case(name)
            kind = self.entities.type_of_name(name)
            if kind == "person":
                name = self.entities.names.full_name(name, span)
            return ResolvedSpeaker(name, kind, "name", root_lemma=lemma)

        return self._description(span, root, lemma, sentence)

    def _headline_words(self, span: Span, root: Token) -> str:
        """A description in title case as written in a sentence: "Former White House
        Doctor" -> "former White House doctor" (names keep their capitals)."""
        words = [t for t in self.doc[root.left_edge.i : root.i + 1] if t.i in range(span.start, span.end)]
        return " ".join(t.text if t.i in self.entities.of_token or not t.is_title else t.lower_ for t in words if t.dep_ != "det")

    def _people_noun(self, token: Token) -> bool:
        """A noun for people: "Democrats", "officials", "residents" (not a place or a thing)."""
        lemma = token.lemma_.lower()
        return token.pos_ in ("NOUN", "PROPN") and (token.ent_type_ == "NORP" or lemma in self.lexicon.unnamed_groups
                                                   or lemma in self.lexicon.person_roles or lemma in self.lexicon.anonymous_heads)

    def _someones_person(self, root: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """ "David Axelrod called on Dean to apologize. '...,' Obama's former campaign
        strategist said": one named person's strategist, adviser or aide, definite by
        the possessor, is the person who spoke in the sentence just before, when that is
        not the possessor (else an unnamed source)."""
        owner = self._possessor(root)
        if owner is None or root.tag_ != "NN":
            return None
        for past in reversed(self.history):
            if past.position < root.idx and sentence - past.sentence <= 1 and past.speaker.type == "person":
                if not self._may_hold_role(past.speaker.name, root, owner):
                    return None
                s = past.speaker
                return ResolvedSpeaker(s.name, s.type, "description", sentence - past.sentence, s.root_lemma)
        return None

    def _only_person_named_just_before(self, root: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """The one person named in a description's sentence before it and the
        NAMED_WINDOW sentences before that, if only one was (in a quotation too:
        '"... Donald Trump's audio ...". The GOP nominee complained')."""
        section = self.pronouns.section_start(root.idx)
        people = {}
        for ent in self.entities.mentioned:
            if ent.label_ == "PERSON" and section <= ent.start_char and ent.end_char <= root.idx \
                    and sentence - self._sentence_of(ent.root) <= NAMED_WINDOW:
                people[self.entities.named(ent).name] = sentence - self._sentence_of(ent.root)
        if len(people) != 1:
            return None
        name, distance = people.popitem()
        return ResolvedSpeaker(name, "person", "description", distance)

    def _organization_named_just_before(self, root: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """The last organisation (not an outlet) named in the NAMED_WINDOW sentences before
        a description, or in its own sentence before it."""
        for ent in reversed(self.entities.antecedents):
            if ent.end_char > root.idx or ent.label_ != "ORG":
                continue
            if sentence - self._sentence_of(ent.root) > NAMED_WINDOW:
                return None
            found = self.entities.named(ent)
            if found.type in ("organization", "government"):
                return ResolvedSpeaker(found.name, found.type, "description", sentence - self._sentence_of(ent.root), root.lemma_.lower())
        return None

    def _possessor(self, root: Token) -> Optional[str]:
        """The name that owns a noun ("Obama's" of "Obama's former campaign strategist",
        whom "his" stands for in "his doctor")."""
        owner = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in POSSESSIVE_PRONOUNS:
            found = self.pronouns.owner(owner, self._sentence_of(owner))
            return found.name if found.how != "unresolved" else None
        if owner is None or owner.pos_ != "PROPN":
            return None
        ent = self.entities.of_token.get(owner.i)
        return self.entities.named(ent).name if ent is not None else owner.text

    def _may_hold_role(self, name: str, root: Token, possessor: Optional[str]) -> bool:
        """Whether the person `name` may be the one a role noun describes: not titled with
        another role or rank, and not its possessor ("Trump's campaign manager" is not
        Donald Trump, nor "his doctor" whom "his" is), nor named in its own clause ("The
        judge agreed with Ivana Trump")."""
        is_possessor = possessor is not None and name.split()[-1] in possessor.split()
        return not is_possessor and name not in self.pronouns.named_in_own_clause(root.idx) \
            and not other_role(self.entities, name, root.lemma_.lower(), root)

    def _anonymous(self, span: Span, root: Token, sentence: int, via: Optional[ResolvedSpeaker]) -> ResolvedSpeaker:
        lemma = root.lemma_.lower()
        if via is None:
            # "the sources" again later: the same unnamed sources as before ...
            # ... but "Con Edison officials" are not "the officials" of the transport department.
            # ... and "Democrats successfully argued", with no "the", are Democrats anew.
            bare = all(c.dep_ in ("det", "punct") or (c.dep_ == "relcl" and root.doc[c.left_edge.i - 1].is_punct)
                       for c in root.children)
            if bare and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in root.children):
                for past in reversed(self.history):
                    if past.speaker.type == "anonymous" and past.speaker.root_lemma == lemma:
                        return ResolvedSpeaker(past.speaker.name, "anonymous", "anonymous", sentence - past.sentence, lemma)
            employer = self._employer(root, sentence)
            if employer is not None:
                return ResolvedSpeaker(f"{employer} {root.text}", "anonymous", "anonymous", 0, lemma)
            return ResolvedSpeaker(description_of(root) or root.text, "anonymous", "anonymous", 0, lemma)
        noun = root.text.lower() if root.tag_ == "NNS" else root.lemma_.lower() + "s"
        return ResolvedSpeaker(f"{via.name} {noun}", "anonymous", "anonymous", 0, lemma)

    def _employer(self, root: Token, sentence: int) -> Optional[str]:
        """ "agency officials", "company executives": the organisation a common noun before
        the head stands for, named in the sentences just before (else None)."""
        compound = next((c for c in root.children if c.dep_ == "compound" and c.i == root.i - 1), None)
        if compound is None or compound.ent_type_ or compound.lemma_.lower() not in self.lexicon.organization_nouns:
            return None
        for ent in reversed([e for e in self.entities.antecedents if e.end_char <= root.idx and e.label_ in ("ORG", "GPE")]):
            if sentence - self._sentence_of(ent.root) > PRONOUN_WINDOW:
                return None
            found = self.entities.named(ent)
            if found.type in ("organization", "government"):
                return found.name
        return None

    def _description(self, span: Span, root: Token, lemma: str, sentence: int) -> ResolvedSpeaker:
        text = description_of(root) or clean_name(span.text)
        if lemma in self.lexicon.media_nouns:
            if root.tag_ == "NNS" or is_indefinite(root):
                # "far fewer publications", "a local newspaper": not the outlet named last.
                return ResolvedSpeaker(text, "anonymous", "description-new", 0, lemma)
            if lemma == "agency":
                # "the agency said": the office named just before ("Officials at Homeland
                # Security Investigations ... the agency"), else a news agency or the budget
                # office that spoke last.
                return self._organization_named_just_before(root, sentence) or self._latest(
                    sentence, {"media", "government", "organization"}, "description", fallback=(text, "media"), root=root)
            return self._latest(sentence, {"media"}, "description", fallback=(text, "media"), root=root)
        if lemma in self.lexicon.person_roles or root.lemma_.lower() in self.lexicon.person_roles:
            owned_by = next((c.lower_ for c in root.children if c.dep_ == "poss"), None)
            if owned_by in ("my", "our") or (lemma in KIN_NOUNS and owned_by is not None):
                # "my mother said", "his wife said": the writer's, or someone's relative the
                # article has not named, never the person who spoke last.
                return ResolvedSpeaker(text, "person", "description-new", 0, lemma)
            if (is_indefinite(root) or root.tag_ == "NNS") and root.dep_ != "appos":
                # "a federal judge found ...": someone new, not the person named last (but
                # "McClellan, a corporate attorney who ..." is McClellan); "both presidential
                # candidates" are no one person.
                return ResolvedSpeaker(text, "anonymous" if root.tag_ == "NNS" else "person", "description-new", 0, lemma)
            owner = self._possessive_person_in_sentence(root)
            if owner is not None:
                found = self.entities.named(owner)
                return ResolvedSpeaker(found.name, "person", "description", 0, lemma)
            # An epithet ("The GOP nominee", "the former secretary of state") may come
            # before the name it is titled with.
            titled = titled_person(self.entities, lemma, root, anywhere=bool(ranks_of(root) or parties_of(root)))
            if titled is not None:
                return titled
            possessor = self._possessor(root)
            for past in reversed(self.history):
                if past.position < root.idx and past.speaker.type == "person" and sentence - past.sentence <= PRONOUN_WINDOW:
                    # "the president" is no one titled otherwise ("Vice President Biden", "Judge
                    # Nervo"), nor someone unnamed described by another role ("The GOP
                    # nominee", "Tom Kessler's lawyer").
                    other_description = past.speaker.how in ("description-new", "spokesperson") and \
                        same_role(past.speaker.root_lemma or "") != same_role(lemma)
                    if not other_description and self._may_hold_role(past.speaker.name, root, possessor):
                        s = past.speaker
                        return ResolvedSpeaker(s.name, s.type, "description", sentence - past.sentence, s.root_lemma)
            # "... Donald Trump's audio ... The GOP nominee complained": no one spoke, but
            # one person was just named.
            named = self._only_person_named_just_before(root, sentence)
            if named is not None and self._may_hold_role(named.name, root, possessor):
                return ResolvedSpeaker(named.name, "person", "description", named.distance, lemma)
            return ResolvedSpeaker(text, "person", "description-new", 0, lemma)
        if lemma in self.lexicon.document_nouns:
            if not is_bare_definite(root):
                # "Zimbabwean intelligence reports", "a new study": the document itself speaks.
                return ResolvedSpeaker(text, "document", "description-new", 0, lemma)
            # "according to the poll": the poll that spoke before ("Bloomberg poll"), not its
            # publisher; "the report" after "an exhaustive study" is the study.
            kind = self.lexicon.document_synonyms.get(lemma, lemma)
            for past in reversed(self.history):
                if past.position < root.idx and past.speaker.type == "document" and sentence - past.sentence <= PRONOUN_WINDOW \
                        and self.lexicon.document_synonyms.get(past.speaker.root_lemma, past.speaker.root_lemma) == kind:
                    return ResolvedSpeaker(past.speaker.name, "document", "description", sentence - past.sentence, lemma)
            # "sent a letter to the NAACP board ... the letter reads": whoever sent it.
            sender = self._sender_of(root, sentence)
            if sender is not None:
                return sender
            if lemma in PUBLISHED_PIECES:
                # "The article closes with ...": the outlet's piece, not a person it quotes.
                return self._latest(sentence, {"media"}, "description", fallback=(text, "document"), root=root)
            # "the statement", "the report": the one an earlier speaker put out.
            return self._latest(sentence, {"organization", "government", "media", "person"}, "description",
                                fallback=(text, "document"), root=root)
        if lemma in self.lexicon.organization_nouns and is_bare_definite(root):
            # "the company", "the group": the organisation the article is about.
            return self._latest_organization(sentence, root) or ResolvedSpeaker(text, "organization", "description-new", 0, lemma)
        # By the head and its compounds: "the conservation department", not "the
        # Council's starkest recent failure" (a failure says nothing).
        if is_government_name(" ".join(t.text for t in root.lefts if t.dep_ == "compound") + " " + root.text, self.lexicon):
            return self._latest_entity_with_word(lemma, root.idx, sentence) or ResolvedSpeaker(text, "government", "description", 0, lemma)
        return ResolvedSpeaker(text or span.text, "unknown", "unresolved", 0, lemma)

    def _sender_of(self, document: Token, sentence: int) -> Optional[ResolvedSpeaker]:
        """Who put out the document "the letter" points back to: the subject of the latest
        "sent a letter", "issued a statement" in the sentences just before (not whom it
        went to)."""
        first = self.sentences[max(0, sentence - SENDER_WINDOW)].start
        for token in reversed(self.doc[first : document.i]):
            if token.lemma_.lower() == document.lemma_.lower() and token.dep_ == "dobj" \
                    and token.head.lemma_.lower() in self.lexicon.publishing_verbs | {"write"}:
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    return None
                found = self.resolve(subject.left_edge.i, subject.right_edge.i + 1)
                return found if found.how != "unresolved" else None
        return None

    def _latest(self, sentence: int, kinds: set[str], how: str, fallback: tuple[str, str], root: Token) -> ResolvedSpeaker:
        for past in reversed(self.history):
            if past.position < root.idx and past.speaker.type in kinds and sentence - past.sentence <= PRONOUN_WINDOW:
                s = past.speaker
                return ResolvedSpeaker(s.name, s.type, how, sentence - past.sentence, s.root_lemma)
        if "media" in kinds:
            for ent in reversed([e for e in self.entities.antecedents if e.end_char <= root.idx]):
                if entity_type(ent, self.lexicon) == "media":
                    return ResolvedSpeaker(clean_name(ent.text), "media", how, sentence - self._sentence_of(ent.root))
        # A new referent ("the senator" with no name yet): later pronouns may point to it.
        return ResolvedSpeaker(fallback[0], fallback[1], "description-new", 0, root.lemma_.lower())

    def _latest_organization(self, sentence: int, root: Token) -> Optional[ResolvedSpeaker]:
        """The organisation "the company" points back to: the one the article names most
        often before it (the company a story is about: the only one, or one named at least
        twice and more often than any other), else the latest organisation that spoke within the pronoun window."""
        counts: dict[str, int] = {}
        for ent in self.entities.antecedents:
            # By the entity's label: the small model's ORG is what matters here, though
            # `named` may take a two-word one for a person ("Whole Foods").
            if ent.end_char > root.idx or ent.label_ != "ORG" or entity_type(ent, self.lexicon) in ("media", "government"):
                continue
            name = self.entities.organizations.full_name(clean_name(ent.text))
            counts[name] = counts.get(name, 0) + 1
        # The organisation a story is about: the only one, or one named more than once and
        # more often than any other (one named once among others named once is only the
        # first of them).
        ranked = sorted(counts.values(), reverse=True)
        if len(ranked) == 1 or (ranked and ranked[0] >= 2 and ranked[0] > ranked[1]):
            best = max(counts, key=lambda name: counts[name])
            return ResolvedSpeaker(best, "organization", "description", 0, root.lemma_.lower())
        for past in reversed(self.history):
            if past.position < root.idx and past.speaker.type == "organization" and sentence - past.sentence <= PRONOUN_WINDOW:
                s = past.speaker
                return ResolvedSpeaker(s.name, s.type, "description", sentence - past.sentence, s.root_lemma)
        return None

    def _possessive_person_in_sentence(self, root: Token) -> Optional[Span]:
        for token in root.sent:
            if token.dep_ == "poss" and token.i < root.i:
                ent = self.entities.of_token.get(token.i)
                is_person = ent is not None and (ent.label_ == "PERSON" or clean_name(ent.text).split()[-1].lower() in self.entities.names.by_last_word)
                if is_person and token.head.lemma_.lower() in self.lexicon.document_nouns:
                    return ent
        return None

    def _latest_entity_with_word(self, word: str, position: int, sentence: int) -> Optional[ResolvedSpeaker]:
        for ent in reversed([e for e in self.entities.antecedents if e.end_char <= position and e.label_ in ("ORG", "GPE")]):
            if word in ent.text.lower():
                found = self.entities.named(ent)
                return ResolvedSpeaker(found.name, found.type, "description", sentence - self._sentence_of(ent.root), word)
        return None
