"""What an article's mentions say about its speaker: the name forms it is known by
(`mention_alias`: "Burgum", "Mr. Obama") and the evidence a surname alone is linked on
(`Evidence`: the gender and role titles its mentions give, attrib/store/identity.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlite_utils import Database

from attrib.lexicons import load_name_lexicon
from attrib.resolve.names import cues_of_words, name_gender, name_word, names_two

# Lower-case words that may sit inside a name ("Secretary of State", "Bashar al-Assad").
NAME_JOINERS = {"of", "the", "and", "for", "on", "de", "del", "la", "le", "van", "von", "al", "bin", "da", "di", "du"}
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['\u2019]s?$")
NAME_WORD = re.compile(r"[^\W\d_][\w.'\u2019-]*")


def mention_alias(mention: Optional[str], name: str) -> Optional[str]:
    """The mention as a name form for the speaker ("Burgum", "Interior Secretary Doug
    Burgum", "Mr. Obama"), or None. It must look like a name (capitalised words),
    share a word with `name`, and name one speaker: pronouns, descriptions ("the
    official"), mentions that run on ("Trump, speaking to a veterans group") and
    joint mentions would make `--speaker` match wrongly."""
    if not mention:
        return None
    alias = POSSESSIVE.sub("", LEADING_ARTICLE.sub("", " ".join(mention.split()))).strip(" ,;:")
    words = alias.split()
    if not words or not all(w[0].isupper() or w[0].isdigit() or w in NAME_JOINERS for w in words):
        return None
    if names_two(alias, name):
        return None
    name_words = {w for w in NAME_WORD.findall(name) if w[0].isupper() and len(w) > 2}
    mention_words = {w.rstrip(".") for w in NAME_WORD.findall(alias)}
    return alias if name_words & mention_words else None


@dataclass(frozen=True)
class Evidence:
    """What an article's mentions of a speaker say about them: gender and role titles;
    `mixed` when its titles disagree on the gender ("Mr. Obama", "Mrs. Obama": two
    people under one name)."""

    gender: Optional[str] = None
    roles: frozenset[str] = frozenset()
    mixed: bool = False


def evidence_of(mentions: Iterable[Optional[str]], name: str) -> Evidence:
    """What a person's mentions say of them: a first name's gender, else what titles
    say ("Mr.", "first lady"), else the pronouns that refer to them when two in three
    agree; roles from titles. Titles count only in mentions that name them ("Mr.
    Obama", not "No leader")."""
    lexicon = load_name_lexicon()
    titled, pronouns, roles = Counter(), Counter(), set()
    for mention in mentions:
        if not mention:
            continue
        words = mention.split()
        if len(words) == 1 and name_word(words[0]) in lexicon.gendered_pronouns:
            pronouns[lexicon.gendered_pronouns[name_word(words[0])]] += 1
            continue
        alias = mention_alias(mention, name)
        if alias is None:
            continue
        cues = cues_of_words(alias.split())
        if cues.gender:
            titled[cues.gender] += 1
        roles |= cues.roles
    gender = name_gender(name)
    if gender is None and titled:
        gender = _agreed(titled, 1.0)
    if gender is None and pronouns:
        gender = _agreed(pronouns, 2 / 3)
    return Evidence(gender, frozenset(roles), mixed=len(titled) > 1)


def _agreed(votes: Counter, share: float) -> Optional[str]:
    gender, count = votes.most_common(1)[0]
    return gender if count >= share * sum(votes.values()) else None


def speaker_evidence(db: Database, speaker_id: int) -> Evidence:
    name = db.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]
    mentions = [
        mention
        for mention, count in db.execute(
            "SELECT speaker_mention, count(*) FROM attributions WHERE speaker_id = ? GROUP BY speaker_mention",
            [speaker_id],
        )
        for _ in range(count)
    ]
    return evidence_of(mentions, name)


def ruled_out(known: Evidence, evidence: Evidence) -> bool:
    if evidence.gender and known.gender and evidence.gender != known.gender:
        return True
    return bool(evidence.roles and known.roles and not evidence.roles & known.roles)
