"""What an attribution reports: a statement, a thought, knowledge, an intention or other.

The statement annotation guide (GUIDE.md, section 1) counts as a statement only
content a source communicated: said, wrote, posted, reported, according to, a study's
findings, quoted words. PolNeAR, which the engine learned from, also marks beliefs,
knowledge, plans and eventualities; each candidate is therefore given the act of its
cue word (`lexicon.json` "acts"), read in its frame:
- a quotation, an "according to" phrase, a headline or signature line states;
- a cue that reports no content ("declined to comment", "asked for comment") is
  not an attribution at all;
- an action ("signed the bill", "imposed sanctions") or a verb of knowing with a thing
  for its object ("found a tool", "knows a thing or two") reports nothing anyone
  said or thought: other (PolNeAR's broad sense counts many of them, so they are kept
  for `--act all`, never shown as statements);
- a document that "found" or "showed" that P states P; a person who found P knows it;
- a statement verb with only a thing for its object and no words given ("condemned
  the attack", "announced a strategy") describes an act of speech without its
  content (unless the sentence says where it was said: "in a statement"), as does one
  negated or in the future ("did not say", "will announce"): other, like any cue word
  the lexicon does not know.
`None` means the candidate is not an attribution.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from attrib.extract import tagger_candidates
from attrib.extract.doc_text import text_of
from attrib.extract.candidate import Candidate
from attrib.lexicons import Lexicon

STATEMENT, THOUGHT, KNOWLEDGE, INTENTION, OTHER = "statement", "thought", "knowledge", "intention", "other"
# Patterns that give a speaker's words whatever the cue: the words are quoted, or the
# frame exists only to attribute them.
SAYING_PATTERNS = {"according-to", "headline-colon", "dash-signature", "colon-quote", "verb-quote-after", "verb-quote-before"}
# Cue words that say a finding is published: "the study found that ...", "polls show ...".
FINDING_WORDS = {"find", "show", "conclude", "suggest", "indicate", "reveal", "estimate", "demonstrate", "determine"}
# What a request for comment, or its refusal, holds instead of content.
NO_CONTENT = re.compile(
    r"^(?:to\s+)?(?:(?:immediately\s+)?(?:comment|respond|elaborate|discuss|answer|say\s+more|be\s+interviewed)\b"
    r"|(?:\w+\s+){0,3}for\s+(?:a\s+)?(?:comment|response|an?\s+interview)\b)",
    re.IGNORECASE,
)
# "I", "we": a speaker only once resolved to whoever is talking; "I think" is then said.
FIRST_PERSON = {"i", "we"}
# "one of the sources", "a number of analysts": the group after "of" is who speaks.
COUNT_WORDS = {"one", "some", "many", "most", "several", "few", "all", "none", "both", "each", "number", "handful",
               "majority", "group", "couple", "dozens", "hundreds", "lot"}
# Entities that never speak: "the 1970s said", "ARKit lets", "Forgotten Grunt: The Undead Soldier".
NOT_SPEAKER_ENTITIES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
# Heads the resolver may leave as they are that still name no speaker.
NOT_SPEAKER_WORDS = {"this", "that", "these", "those", "it", "which", "what", "you"}
# A sentence opened by these imagines what follows ("Say Mexico demanded ..."); the
# writer's wish for words is no words said ("I hope America says ...").
SUPPOSING_WORDS = {"say", "suppose", "imagine"}
WISHING_VERBS = {"hope", "wish", "pray"}
# Nouns for words someone said that the acts lexicon does not list as cues.
SPEECH_NOUNS = {"interjection", "quip", "tweet", "boast", "retort", "jab", "insult", "slogan", "line", "words"}
# Verbs whose subject received words someone else said.
RECEIVING_VERBS = {"hear", "overhear"}
# A conditional on speech by someone indefinite: "a reader would now ask".
HYPOTHETICAL_AUXILIARIES = {"would", "could", "might"}
INDEFINITE_PEOPLE = {"someone", "somebody", "anyone", "anybody", "one", "everyone", "everybody"}
# Verbs whose infinitive was not done: "declined to say", "refused to name", "failed to mention".
WITHHOLDING_VERBS = {"decline", "refuse", "fail", "avoid", "hesitate", "neglect", "stop", "cease"}
# A modal or negation on the cue: the words were not (or not yet) communicated.
UNREALISED_AUXILIARIES = {"will", "would", "could", "might", "may", "should", "can", "'ll", "wo", "ca", "must", "shall"}


# Verbs that do away with words: the subject of "stripped out a call for ..." said none of it.
REMOVAL_VERBS = {"strip", "remove", "delete", "scrap", "abandon", "ignore"}
# Verbs of liking: with an infinitive they say what someone enjoys, not what they think.
PREFERENCE_VERBS = {"like", "love", "hate", "dislike", "prefer"}
# "Everything Trump says", "anything she said": a cue in a clause about such a word
# reports no content of its own.
FREE_RELATIVE_HEADS = {"everything", "anything", "something", "nothing", "all", "whatever"}


def act_of(
    doc: Doc, cand: Candidate, word: str, lexicon: Lexicon, *, quoted: bool, speaker_head: Optional[Token],
    speaker_type: Optional[str] = None, speaker_resolved: bool = True,
) -> Optional[str]:
    """The act `cand` reports, read from its cue word `word` (`engine.cue_word`) in its
    frame; None when it is not an attribution. `quoted`: the content holds a quotation.
    `speaker_head`: the head word of the speaker mention, if any; `speaker_type` and
    `speaker_resolved`: the resolver's type for it and whether it found whom it stands for."""
    act = _act_in_frame(doc, cand, word, lexicon, quoted, speaker_head)
    if (act in (THOUGHT, KNOWLEDGE, INTENTION) and speaker_head is not None and speaker_head.lower_ in FIRST_PERSON
            and speaker_resolved and cand.pattern in ("verb-clause", "verb-parenthetical") and _words(doc, cand) >= 3):
        # "I think ...", "we believe ...": a person's first-person words are what they said.
        return STATEMENT
    # A headline's or transcript's "Name:" is a name by the pattern's own test.
    typed = cand.pattern in ("headline-colon", "dash-signature") or (
        speaker_type not in (None, "unknown") and speaker_head is not None and speaker_head.ent_type_ not in NOT_SPEAKER_ENTITIES
    )
    if act == STATEMENT and speaker_head is not None and not typed and not can_speak(speaker_head, lexicon, speaker_type, speaker_resolved):
        # (A speaker the resolver typed is someone: "Snopes fact checker and staff writer
        # David Emery" is a person whatever the parser made the head.)
        if (speaker_head.pos_ in ("PROPN", "NUM", "X") or not speaker_head.is_alpha) and any(
                can_speak(t, lexicon) for t in speaker_head.children if t.dep_ in ("compound", "nmod", "appos")):
            # "data analysis firm 1010data": the firm speaks, whatever the parser made of its
            # name (but "a news conference" is no newsroom).
            return act
        # "The assault threatened to ...", "That points to ...", "you would choose ...".
        return OTHER
    if act == STATEMENT and speaker_head is None and cand.pattern == tagger_candidates.PATTERN and word not in lexicon.acts:
        return OTHER  # the tagger's guess, with neither a speaker nor a word of saying
    return act


def can_speak(head: Token, lexicon: Lexicon, speaker_type: Optional[str] = None, resolved: bool = True) -> bool:
    """Whether the speaker mention's head word can stand for someone who communicates:
    a person, an organisation, a group, an outlet or a document; not a date, a product,
    a work's title, an event, a thing, a measure ("his body mass index"), nor a word
    pointing at nobody the article names (a pronoun counts by what the resolver made of
    it: `speaker_type`, `resolved`)."""
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is not None and (head.pos_ in ("NUM", "PRON") or head.lower_ in COUNT_WORDS) and head.i < group.i:
        return can_speak(group, lexicon, speaker_type, resolved)  # "one of the sources", "some of the critics"
    if head.ent_type_ in NOT_SPEAKER_ENTITIES:
        return False
    if head.pos_ == "PRON" or head.lower_ in FIRST_PERSON or head.lower_ in NOT_SPEAKER_WORDS:
        # "which threatened to ..." resolved to "the assault" names a thing, not a speaker.
        return resolved and speaker_type not in (None, "unknown")
    if head.pos_ == "PROPN" or head.ent_type_:
        return True
    lemma = head.lemma_.lower()
    if lemma in lexicon.measurement_nouns:
        return False  # "according to his body mass index": a quantity says nothing
    return any(
        lemma in words for words in (
            lexicon.anonymous_heads, lexicon.unnamed_groups, lexicon.person_roles, lexicon.organization_nouns,
            lexicon.organization_words, lexicon.media_nouns, lexicon.document_nouns, lexicon.finding_nouns,
            lexicon.government_words,
        )
    )


def _words(doc: Doc, cand: Candidate) -> int:
    return sum(1 for s, e in cand.content for t in doc.char_span(s, e, alignment_mode="expand") or () if not t.is_punct)


def _act_in_frame(doc: Doc, cand: Candidate, word: str, lexicon: Lexicon, quoted: bool, speaker_head: Optional[Token]) -> Optional[str]:
    content = " ".join(text_of(doc)[s:e] for s, e in cand.content).strip()
    if NO_CONTENT.match(content):
        return None
    verb = doc[cand.cue_token]
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in ("let", "allow") and not any(
            c.dep_ == "nsubj" and c.lower_ in ("me", "us") for c in verb.children):
        return OTHER  # "guidelines that allow companies to tell ''...''": nobody tells (but "let me say")
    if _supposed(verb, cand):
        return OTHER  # "Say Mexico demanded that ...", "I hope America says, '...'": imagined, not said
    if (quoted and lexicon.acts.get(word) != STATEMENT and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and content.lower().lstrip("\"'\u201c\u2018").startswith("to ")):
        # A verb of no speech with no subject of its own, and an infinitive quoted from a
        # text: "it's prohibited when voting 'to fill a vacancy on the National ticket'"
        # is what a vote is for, nobody's words.
        return OTHER
    if word in RECEIVING_VERBS:
        return OTHER  # "Many Americans have heard by now that ...": others' words, received
    if _anyone_would_say(verb, speaker_head):
        return OTHER  # "a reader would now ask: '...'": speech imagined for anyone
    if cand.pattern in SAYING_PATTERNS:
        return STATEMENT
    if cand.pattern == tagger_candidates.PATTERN:
        word = _tagged_cue_word(doc, cand, lexicon) or word
    if word.startswith("to "):
        # "met to discuss oil": a purpose, not a report.
        return OTHER
    if verb.head.lower_ == "without" and verb.lemma_ == "say" and verb.head.head.lemma_ == "go":
        return None  # "It goes without saying that ...": the writer's own words, no one's report
    if word in REMOVAL_VERBS or (verb.dep_ == "dobj" and verb.head.lemma_.lower() in REMOVAL_VERBS):
        return OTHER  # "stripping out a call for ...": someone's words removed, not said
    if (cand.pattern == "verb-object" and _anothers_document(verb, lexicon)) or (
            cand.pattern in ("verb-object", "verb-clause") and _anothers_words(verb, speaker_head, lexicon)):
        # "He released a letter from his doctor that says ...", "responded to Mr. Trump's
        # interjection that ...": someone else's words, passed on or answered
        return OTHER
    if not quoted and verb.lemma_ == "call" and any(c.dep_ == "oprd" for c in verb.children) \
            and not any(c.dep_ == "dobj" for c in verb.children):
        return None  # "His group, called the Legacy Fund, ...": a name given, nothing said
    if not quoted and (verb.dep_ == "relcl" and verb.head.lower_ in FREE_RELATIVE_HEADS or (
            speaker_head is not None and any(c.lower_ in FREE_RELATIVE_HEADS for c in speaker_head.lefts))):
        return None  # "Everything Trump says is a lie" (however parsed): what is said is not given, only judged
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle is not None and f"{word} {particle}" in lexicon.actions and not quoted:
        return OTHER  # "were called in to assist": summoned, not told
    act = lexicon.acts.get(word)
    if act is None and word in lexicon.actions and not quoted:
        return OTHER  # a deed ("signed the bill", "imposed sanctions"), not a report
    if word in FINDING_WORDS:
        if speaker_head is not None and (
            speaker_head.lemma_.lower() in lexicon.finding_nouns or speaker_head.ent_type_ == "ORG"
            or speaker_head.lemma_.lower() in lexicon.organization_words
        ):
            return STATEMENT  # "the study found 31 incidents", "a federal judge found that ..."
        if cand.pattern != "verb-object":
            return KNOWLEDGE if word == "find" else (act or OTHER)
    if act == KNOWLEDGE and cand.pattern == "verb-object" and not quoted:
        return OTHER  # "found a tool", "knows a thing or two": a thing, not a content
    if act is None:
        return STATEMENT if quoted else OTHER
    if act == STATEMENT and cand.pattern in ("verb-object", tagger_candidates.PATTERN) and not quoted and _passive_without_agent(verb):
        return OTHER  # "has been hailed as a model", "has been mentioned as": a description, nobody's words
    if act == STATEMENT and cand.pattern in ("verb-clause", "verb-object", "verb-parenthetical", tagger_candidates.PATTERN) \
            and _unrealised(verb):
        return OTHER  # "did not say", "could call on their help"
    if (act == THOUGHT and any(c.dep_ == "aux" and c.lower_ in UNREALISED_AUXILIARIES for c in verb.children)
            and not (speaker_head is not None and speaker_head.lower_ in FIRST_PERSON)):
        return OTHER  # "what most people would consider a tax cut": a belief supposed, not held
    if act == THOUGHT and not quoted and (cand.pattern == "verb-object" or (
            word in PREFERENCE_VERBS and content.lower().startswith("to "))):
        return OTHER  # "the affection many feel for him", "Her daughter likes to sing": no content held true
    if not quoted and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return OTHER  # "If the I.R.S. has questions ...": supposed, not reported
    if speaker_head is not None and speaker_head.dep_ == "poss" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in speaker_head.children):
        return OTHER  # "an individual's decision to release": anyone's, no one's in particular
    if (act == STATEMENT and verb.dep_ == "pcomp" and verb.head.lower_ == "by" and not quoted
            and not content.lower().startswith("that ")):
        return OTHER  # "punished him by asking prosecutors to charge him": a means, not words ("by saying that" says)
    if word == "ask" and verb.tag_ == "VBN" and (verb.dep_ == "advcl" or _passive_without_agent(verb)):
        return OTHER  # "Asked to describe the device, the mayor said ...": a question put, by nobody named
    if (act == STATEMENT and cand.pattern == "verb-object" and not quoted and not _object_with_claim(verb)
            and not _is_question(doc, cand) and not _said_in(verb, lexicon)):
        return OTHER
    return act


def _object_with_claim(verb: Token) -> bool:
    """ "accused him of lying", "called the plan a disaster", "described it as stable",
    "urged voters to stay home", "called for an inquiry": after the object (or for a
    topic), words that say what was claimed; "condemned the attack" has none."""
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp", "ccomp"):
            return True
        if child.dep_ == "prep" and child.lower_ in ("of", "as", "for", "against") and child.i > verb.i:
            return True
    return False


def _said_in(verb: Token, lexicon: Lexicon) -> bool:
    """ "In a statement on her webpage, the head ... expressed full willingness to ...",
    "told reporters in an interview": the verb says where its words were given, so its
    object is what was communicated."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "on")]
    for prep in preps:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in lexicon.word_channels:
            return True
    return False


def _is_question(doc: Doc, cand: Candidate) -> bool:
    """ "asked if there were ...", "wondered why ...": a question put is its content."""
    first = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return first is not None and len(first) > 0 and first[0].lower_ in ("if", "whether", "why", "how", "what", "when", "who")


def _supposed(verb: Token, cand: Candidate) -> bool:
    """ "Say Mexico demanded that ...", "Suppose the company said ...", "I hope in 2017
    America says, '...'": a report imagined or wished for, by the writer's words outside
    the content (not "'Say it again,' he said")."""
    def outside_content(token: Token) -> bool:
        return not any(start <= token.idx < end for start, end in cand.content)

    first = verb.sent[0]
    # The parser may tag the opening word a name ("Say Mexico"): its place tells.
    if (first.i != verb.i and first.lower_ in SUPPOSING_WORDS and outside_content(first)
            and (verb.i in (first.head.i, first.head.head.i) or verb.head.i == first.i)):
        return True
    wishers = ([verb.head] if verb.dep_ in ("ccomp", "parataxis") else []) + [
        c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    return any(
        w.lemma_.lower() in WISHING_VERBS and outside_content(w)
        and any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in w.children)
        for w in wishers
    )


def _anyone_would_say(verb: Token, speaker_head: Optional[Token]) -> bool:
    """ "a reader would now ask: '...'", "anyone might say ...": words a conditional puts
    in the mouth of someone indefinite, which nobody said (not "He would often say ...")."""
    if speaker_head is None or not any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUXILIARIES for c in verb.children):
        return False
    return speaker_head.lower_ in INDEFINITE_PEOPLE or any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "any") for c in speaker_head.children)


def _anothers_words(verb: Token, speaker_head: Optional[Token], lexicon: Lexicon) -> bool:
    """ "responded to Mr. Trump's debate interjection that ...", "mocked Clinton's claim
    that ...": the object is words a named other said, with what they said (not
    "repeated his claim", nor "expressed the Government's willingness to ...")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for prep in verb.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"]
    for noun in objects:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        said = lexicon.acts.get(f"{noun.lemma_.lower()} (noun)") == STATEMENT or noun.lemma_.lower() in SPEECH_NOUNS
        # What they said follows the noun, whether the parser hangs it on the noun or the verb.
        what = any(c.dep_ in ("acl", "ccomp") for c in noun.children) or any(
            c.dep_ == "ccomp" and c.left_edge.i == noun.i + 1 for c in verb.children)
        if owner is not None and owner.pos_ == "PROPN" and said and what \
                and (speaker_head is None or owner.text not in {t.text for t in speaker_head.subtree}):
            return True
    return False


def _anothers_document(verb: Token, lexicon: Lexicon) -> bool:
    """ "released a letter from his doctor", "published a report by the inspector
    general": the object is a document someone else wrote."""
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.document_nouns):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("from", "by")):
            author = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if author is None:
                continue
            lemma = author.lemma_.lower()
            # A named author, a role, or someone's person ("his doctor"; not "his office").
            if author.ent_type_ in ("PERSON", "ORG") or lemma in lexicon.person_roles or (
                    any(c.dep_ == "poss" for c in author.children) and lemma not in lexicon.organization_nouns):
                return True
    return False


def _passive_without_agent(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)


def _unrealised(verb: Token) -> bool:
    """ "did not say", "will announce", "would argue": nothing was communicated (yet);
    nor in "declined to declare", "stopped short of calling", "Asked to describe the
    device": a refusal, a question put to the speaker."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in UNREALISED_AUXILIARIES) for c in verb.children):
        return True
    governor = verb.head
    if verb.dep_ == "pcomp" and governor.lower_ in ("by", "of") and governor.head.lemma_.lower() in WITHHOLDING_VERBS | {"stop"}:
        return True
    return verb.dep_ == "xcomp" and (
        governor.lemma_.lower() in WITHHOLDING_VERBS or (governor.lemma_.lower() == "ask" and governor.tag_ == "VBN")
    )


def _tagged_cue_word(doc: Doc, cand: Candidate, lexicon: Lexicon) -> Optional[str]:
    """The role tagger's statements have no rule cue word: the first word of their cue
    that the acts lexicon knows stands for it."""
    for start, end in cand.cue:
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            lemma = token.lemma_.lower()
            key = f"{lemma} (noun)" if token.pos_ == "NOUN" else lemma
            if key in lexicon.acts or lemma in lexicon.actions:
                return key if key in lexicon.acts else lemma
    return None
