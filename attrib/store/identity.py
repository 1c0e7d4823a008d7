"""Speakers across the corpus: one row per person or organisation, with its aliases.

Each article names its speakers in its own way (attrib/resolve/names.py gives each
its fullest form in that article: `attributions.speaker_in_article`). Storing an
article links each of those names to the corpus's speakers, conservatively, since a
wrong merge is worse than a missed one:
- a human's correction of that name comes first (attrib/store/corrections.py);
- the same name, any case ("WALLACE", "Wallace");
- a person's full name: the same first name and surname, middle names agreeing where
  both have them ("Donald J. Trump", "Donald Trump"), never across a suffix ("Jr.");
- a person's surname alone: the one person with that surname that the article's cues
  allow (its mentions' titles and gender: "Mr. Obama", "President Obama", "she"),
  else the surname's usual bearer: the person most articles that wrote the surname
  in full meant, when they are at least USUAL_BEARER_SHARE of them;
- an organisation's acronym and its expansion ("FBI", "Federal Bureau of
  Investigation"), or a name of three words or more that another article used for one
  organisation ("Tax Policy Center"); a person never links to an organisation ("the White House" stays
  apart from its occupant).
Otherwise the name is a new speaker. A name that is no speaker at all (a pronoun, a
determiner) and a mention that names two people ("Donald Trump and Hillary Clinton")
leave the attribution's speaker unknown (its mention is kept). A speaker the article
only describes ("sources", "Democrats", "the poll": `is_description`) is never linked
across articles: the "sources" of two stories are different people, and nothing in
the words says otherwise, so such a row belongs to its article (`speakers.described_in`).

Aliases are the name forms the articles' mentions used for a speaker ("Trump", "Mr.
Trump"), counted by attribution: `attributions.mention_alias`, gathered per speaker by
the `speaker_aliases` view, and kept in `speakers.aliases` (a JSON object, alias ->
count, most used first) for search and browsing.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Optional

from sqlite_utils import Database

from attrib.lexicons import load_lexicon, load_name_lexicon
from attrib.model import Attribution, Speaker
from attrib.resolve.descriptions import one_group_names
from attrib.resolve.names import NameParts, clean_name, is_speaker_name, name_word, names_two, person_name
from attrib.store.speaker_evidence import NAME_JOINERS, Evidence, evidence_of, ruled_out, speaker_evidence

# A surname alone goes to the person most articles meant by it only when they are at
# least this share of the articles that wrote that surname in full, and at least
# USUAL_BEARER_ARTICLES of them: "Trump" is Donald Trump; "Bush" may be either.
USUAL_BEARER_SHARE = 0.8
USUAL_BEARER_ARTICLES = 3
# An organisation's name links to the one organisation that had it as an alias when it
# has at least this many words.
MIN_ALIAS_WORDS = 3
# An attribution the engine thinks more likely wrong than right (its calibrated
# confidence below this) is not counted for its speaker until a person confirms it
# (`attrib review confirm`): a speaker's row, and every query and report built on it,
# holds what the engine is more sure of. Its speaker's name stays on the attribution
# (`speaker_in_article`, `speaker_unsure`).
CREDIT_CONFIDENCE = 0.5


def acronym(name: str) -> Optional[str]:
    """The initials of a name of several capitalised words ("Federal Bureau of
    Investigation" -> "FBI"), or the name itself when it is one ("F.B.I." -> "FBI")."""
    words = name.split()
    if len(words) == 1:
        bare = name.replace(".", "")
        return bare if 2 <= len(bare) <= 6 and bare.isupper() and bare.isalpha() else None
    initials = [w[0] for w in words if w not in NAME_JOINERS]
    if len(initials) < 2 or not all(c.isupper() for c in initials):
        return None
    return "".join(initials)


def surname_of(name: str, type: str) -> Optional[str]:
    """A person's surname, as linking looks it up; an untyped capitalised word may be
    one ("Trump" the tagger missed)."""
    if type == "unknown" and len(name.split()) == 1 and name[:1].isupper():
        return name_word(name)
    if type != "person":
        return None
    parts = NameParts.of(name)
    return parts.surname if parts else None


# -- linking an article's speakers -----------------------------------------------


def link_speakers(db: Database, attributions: list[Attribution], article_id: str) -> list[Optional[int]]:
    """The speaker row of each attribution of article `article_id` (None: unknown, or
    not credited), linking the article's names to the corpus's and creating rows for new
    speakers. One name in one article is one person: its mentions together are the
    evidence."""
    mentions: dict[tuple[str, str], list[Optional[str]]] = {}
    for a in attributions:
        if is_credited(a):
            mentions.setdefault((a.speaker.name, a.speaker.type), []).append(_mention_text(a.speaker))
    linked: dict[tuple[str, str], Optional[int]] = {}
    # A surname alone, or a common noun, naming someone the article names in full
    # links where that full name links.
    same = _same_in_article(list(mentions))
    # "Several experts", "all the experts", "analysts": one group of unnamed people.
    described: dict[str, int] = {}
    for (name, type), said in mentions.items():
        proper = proper_name(name, type)
        if is_description(proper, type):
            described[proper] = described.get(proper, 0) + len(said)
    groups = one_group_names(described, load_lexicon())
    for key in sorted(mentions, key=lambda k: k in same):
        name, type = key
        if key in same:
            linked[key] = linked.get(same[key])
            continue
        proper = proper_name(name, type)
        linked[key] = link_name(db, groups.get(proper, proper), type, article_id, evidence_of(mentions[key], proper))
    return [linked[(a.speaker.name, a.speaker.type)] if is_credited(a) else None for a in attributions]


def link_name(db: Database, proper: str, type: str, article_id: str, evidence: Evidence = Evidence()) -> Optional[int]:
    """The row of the speaker article `article_id` calls `proper` (its `proper_name`),
    after a human's corrections; None for no speaker."""
    from attrib.store.corrections import corrected_name

    corrected = corrected_name(db, proper)
    if corrected is None or not is_speaker_name(proper, type) or is_joint_name(proper, type):
        return None
    if corrected.name != proper:
        return speaker_row(db, corrected.name, corrected.type or type, article_id)
    if is_description(proper, type):
        return description_row(db, proper, type, article_id)
    return link(db, proper, type, evidence)


def is_credited(a: Attribution) -> bool:
    """Whether an attribution counts for its speaker's row as stored: its speaker gets a
    row (`speaks`) and the engine is sure enough of it (CREDIT_CONFIDENCE)."""
    return speaks(a) and a.confidence >= CREDIT_CONFIDENCE


def is_description(name: str, type: str) -> bool:
    """Whether a speaker's name only describes who spoke (unnamed people: "sources",
    "Democrats", "advisers to Mr. Obama"; a document with no title: "Polls", "exhaustive
    study"; an untyped phrase or a person's description headed by a word in lower case:
    "human rights groups", "Member of House panel", "GOP nominee"; a plural of unnamed
    people, "Doctors") rather than naming one speaker the corpus may meet again."""
    if type in ("anonymous", "document"):
        return True
    words = name.split()
    if type not in ("unknown", "person"):
        return False
    # "Doctors" opening a headline: a plural of unnamed people, capitalised.
    plural = len(words) == 1 and words[0].lower().endswith("s") and words[0].lower()[:-1] in load_lexicon().unnamed_groups
    return plural or words[-1][:1].islower()


def speaks(a: Attribution) -> bool:
    """Whether an attribution's speaker gets a row: someone whose words or mind it
    reports (a statement, thought, knowledge or intention; not an action or a frame
    with no report, "Kissito (pronounced kiss-E-tow)"), not a mention naming two people,
    and not one the engine could not type for an act that is no statement ("the
    Council's starkest recent failure shows ..."). The mention stays with the attribution."""
    speaker = a.speaker
    if speaker is None or a.act == "other" or names_two(_mention_text(speaker) or "", speaker.name):
        return False
    return a.act == "statement" or speaker.type != "unknown"


def _same_in_article(names: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Names in one article that stand for another of its names: a surname the tagger
    did not type a person ("Strada" beside "Terry Strada"), whatever its type, when
    one full name in the article has it; a lower-case noun that ends one organisation's
    name ("the fund" beside "International Monetary Fund")."""
    lexicon = load_name_lexicon()
    people = {}
    for name, type in names:
        parts = NameParts.of(person_name(name))
        if parts and parts.first and (type == "person" or parts.first in lexicon.first_names):
            people.setdefault(parts.surname, set()).add((name, type))
    organisations = {}
    for name, type in names:
        words = name.split()
        if type not in ("person", "anonymous") and len(words) > 1 and words[-1][:1].isupper():
            organisations.setdefault(words[-1].lower(), set()).add((name, type))
    same = {}
    for name, type in names:
        words = name.split()
        if len(words) != 1 or type == "anonymous":
            continue
        found = people.get(name_word(name), set()) if name[:1].isupper() else organisations.get(name, set())
        if len(found) == 1 and next(iter(found)) != (name, type):
            same[(name, type)] = next(iter(found))
    return same


def _mention_text(speaker: Speaker) -> Optional[str]:
    return speaker.mention.text if speaker.mention else None


def link(db: Database, name: str, type: str, evidence: Evidence = Evidence()) -> Optional[int]:
    """The corpus's row for a speaker an article names `name` (its `proper_name`),
    created when none fits."""
    found = None
    parts = NameParts.of(name) if type == "person" else None
    if parts is not None and not parts.first:
        found = _surname_bearer(db, parts.surname, evidence)
    elif type == "unknown" and len(name.split()) == 1 and name[:1].isupper():
        # An untyped word that is a person's surname in the corpus ("Trump" the
        # tagger missed) goes to that person on the same terms as a surname.
        found = _surname_bearer(db, name_word(name), evidence)
    if found is None:
        found = same_name(db, name, type)
    if found is None and parts is not None and parts.first:
        found = _same_full_name(db, parts)
    if found is None and type not in ("person", "anonymous"):
        found = _same_acronym(db, name) or _alias_of_one(db, name) or _same_but_country(db, name)
    if found is None:
        # A name is one row (a unique index): a same-named row of another kind is it.
        found = db.execute("SELECT id FROM speakers WHERE name = ? AND described_in IS NULL", [name]).fetchone()
        if found is None:
            return create_speaker(db, name, type)
        found = found[0]
    _improve(db, found, name, type)
    return found


POSSESSIVE_INSIDE = re.compile(r"^(\w+)['\u2019]s (campaign|team|office|administration|spokesman|spokeswoman)$")
# "Hillary Clinton campaign", "Hillary Clinton's campaign": a person's campaign, as the
# resolver names it (attrib/resolve/coref.py), stored by the owner's surname like the
# articles that write "the Clinton campaign".
PERSONS_CAMPAIGN = re.compile(r"^((?:[A-Z][\w.'\u2019-]* ){1,3})([A-Z][\w'\u2019-]*?)(?:['\u2019]s)? campaign$")


def proper_name(name: str, type: str) -> str:
    """A speaker's name as stored: a person's without epithets or titles; "Clinton's
    campaign" as "Clinton campaign", and so "Hillary Clinton campaign" (a campaign
    is its owner's by surname, the form the articles write); a country by one name
    ("America" as "United States")."""
    if type == "person":
        return clean_name(person_name(name))
    # "America", "the U.S.": the country by one name.
    country = load_name_lexicon().country_names.get(clean_name(name).lower().rstrip("."))
    if country is not None and type in ("government", "organization", "unknown"):
        return country
    words = clean_name(name).split()
    # "Experts Say Mexico ...": a headline's verb before a one-word name is no part of it.
    if len(words) == 2 and name_word(words[0]) in load_name_lexicon().headline_verbs and words[1][:1].isupper():
        words = words[1:]
    name = POSSESSIVE_INSIDE.sub(r"\1 \2", " ".join(words))
    campaign = PERSONS_CAMPAIGN.match(name)
    if campaign and name_word(campaign.group(1).split()[0]) in load_name_lexicon().first_names:
        return f"{campaign.group(2)} campaign"
    return name


def is_joint_name(name: str, type: str) -> bool:
    """A name that names two speakers: "Trump and Clinton", "China and Russia",
    "Clinton campaign and DNC", "both presidential candidates"; not "Department of
    Health and Human Services" or "Procter & Gamble", which are one."""
    if name.split()[:1] and name.split()[0].lower() in ("both", "two"):
        return True  # "both presidential candidates", "two Republican presidents"
    if type == "person":
        return names_two(name, "")
    parts = re.split(r"\s+and\s+", name)
    return len(parts) > 1 and all(len(p.split()) <= 2 for p in parts) and names_two(name, "")


def speaker_row(db: Database, name: str, type: str, article_id: str) -> int:
    """The row named exactly `name` (any case) for a speaker of article `article_id`:
    the corpus's, else, for a description, the article's; created when there is none."""
    found = same_name(db, name)
    if found is not None:
        return found
    if is_description(name, type):
        return description_row(db, name, type, article_id)
    return create_speaker(db, name, type)


def description_row(db: Database, name: str, type: str, article_id: str) -> int:
    """The row of a speaker article `article_id` describes as `name` (any case),
    created when there is none: never another article's."""
    found = db.execute(
        "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE AND described_in = ? ORDER BY name = ? DESC, id",
        [name, article_id, name],
    ).fetchone()
    return found[0] if found is not None else create_speaker(db, name, type, article_id)


def create_speaker(db: Database, name: str, type: str, article_id: Optional[str] = None) -> int:
    return db.execute(
        "INSERT INTO speakers (name, type, aliases, surname, acronym, described_in) VALUES (?, ?, '{}', ?, ?, ?)",
        [name, type, surname_of(name, type), acronym(name) if type != "person" else None, article_id],
    ).lastrowid


def same_name(db: Database, name: str, type: Optional[str] = None) -> Optional[int]:
    """The corpus-wide row with this name, any case (not an article's description);
    with `type`, only a row whose type fits it: a one-word person's name is no
    organisation's or place's ("Jordan")."""
    for speaker_id, stored_type in db.execute(
        """SELECT id, type FROM speakers WHERE name = ? COLLATE NOCASE AND described_in IS NULL
           ORDER BY name = ? DESC, id""",
        [name, name],
    ):
        if type is None or len(name.split()) > 1 or "unknown" in (type, stored_type) or (type == "person") == (stored_type == "person"):
            return speaker_id
    return None


def _same_full_name(db: Database, parts: NameParts) -> Optional[int]:
    same = [
        speaker_id
        for speaker_id, name in db.execute("SELECT id, name FROM speakers WHERE surname = ? AND type = 'person'", [parts.surname])
        if (other := NameParts.of(name)) is not None and other.same_person(parts)
    ]
    return same[0] if len(same) == 1 else None


def _same_acronym(db: Database, name: str) -> Optional[int]:
    short = acronym(name)
    if short is None:
        return None
    # An acronym links to an expansion, never one expansion to another with the same initials.
    other_form = "name LIKE '% %'" if len(name.split()) == 1 else "name NOT LIKE '% %'"
    rows = db.execute(
        f"SELECT id FROM speakers WHERE acronym = ? AND type != 'person' AND described_in IS NULL AND {other_form}", [short]
    )
    found = [r[0] for r in rows]
    return found[0] if len(found) == 1 else None


def _same_but_country(db: Database, name: str) -> Optional[int]:
    """ "Supreme Court" and "U.S. Supreme Court": an institution named with and without
    its country before it (news names its own country's institutions bare). Only names
    of two words or more after the country, and only one row that fits."""
    countries = load_name_lexicon().country_names
    words = name.split()

    def is_country(word: str) -> bool:
        return word.lower().rstrip(".").removesuffix("'s").removesuffix("\u2019s").rstrip(".") in countries

    if len(words) >= 3 and is_country(words[0]):
        return same_name(db, " ".join(words[1:]))
    if len(words) < 2:
        return None
    rows = db.execute(
        "SELECT id, name FROM speakers WHERE name LIKE ? AND type != 'person' AND described_in IS NULL", ["% " + name]
    ).fetchall()
    fits = [row_id for row_id, other in rows if len(other.split()) == len(words) + 1 and is_country(other.split()[0])]
    return fits[0] if len(fits) == 1 else None


def _alias_of_one(db: Database, name: str) -> Optional[int]:
    """The one organisation another article called `name`, a name of at least
    MIN_ALIAS_WORDS words ("Tax Policy Center" for the "Urban-Brookings Tax Policy
    Center"); a shorter one ("the Post", "Times") may be any of several."""
    if len(name.split()) < MIN_ALIAS_WORDS:
        return None
    # The LIKE spares parsing the aliases of rows that can't hold the name.
    found = db.execute(
        """SELECT DISTINCT speakers.id FROM speakers, json_each(speakers.aliases) AS alias
           WHERE speakers.type != 'person' AND speakers.described_in IS NULL
             AND speakers.aliases LIKE '%' || ? || '%' AND alias.key = ? COLLATE NOCASE""",
        [name, name],
    ).fetchall()
    return found[0][0] if len(found) == 1 else None


def _surname_bearer(db: Database, surname: str, evidence: Evidence, exclude: Optional[int] = None) -> Optional[int]:
    """The one person with this surname and a first name whom the evidence allows, or
    the surname's usual bearer among them; None when that is not clear."""
    candidates = [
        speaker_id
        for speaker_id, name in db.execute("SELECT id, name FROM speakers WHERE surname = ? AND type = 'person'", [surname])
        if speaker_id != exclude and (parts := NameParts.of(name)) is not None and parts.first
    ]
    if not candidates:
        return None
    known = {speaker_id: speaker_evidence(db, speaker_id) for speaker_id in candidates}
    allowed = [s for s in candidates if not ruled_out(known[s], evidence)]
    titled = [s for s in allowed if evidence.roles & known[s].roles]
    allowed = titled or allowed
    if len(allowed) <= 1:
        return allowed[0] if allowed else None
    articles = dict(
        db.execute(
            f"""SELECT speaker_id, count(DISTINCT article_id) FROM attributions
                WHERE speaker_id IN ({", ".join("?" * len(allowed))}) AND speaker_in_article LIKE '% %'
                GROUP BY speaker_id""",
            allowed,
        ).fetchall()
    )
    best = max(allowed, key=lambda s: articles.get(s, 0))
    total = sum(articles.values())
    if articles.get(best, 0) >= max(USUAL_BEARER_ARTICLES, USUAL_BEARER_SHARE * total):
        return best
    return None


def _improve(db: Database, speaker_id: int, name: str, type: str) -> None:
    """A row first seen untyped takes the type a later article gives it; an acronym's
    row takes the name's expansion when an article spells it out."""
    stored_name, stored_type, acronym_of = db.execute(
        "SELECT name, type, acronym FROM speakers WHERE id = ?", [speaker_id]
    ).fetchone()
    if stored_type == "unknown" and type != "unknown":
        db.execute("UPDATE speakers SET type = ?, surname = ? WHERE id = ?", [type, surname_of(stored_name, type), speaker_id])
    from attrib.store.corrections import is_named_by_hand

    if (
        stored_type != "person"
        and len(stored_name.split()) == 1
        and len(name.split()) > 1
        and acronym(name) == acronym_of
        and not is_named_by_hand(db, stored_name)
        and same_name(db, name) is None
    ):
        db.execute("UPDATE speakers SET name = ? WHERE id = ?", [name, speaker_id])


# -- after a batch -----------------------------------------------------------------


def tidy(db: Database, speaker_ids: Iterable[int]) -> None:
    """After attributions changed: a surname-only row whose person is now clear joins
    that person's row; rows left without attributions go; aliases are counted again."""
    from attrib.store.corrections import is_named_by_hand

    ids = set(speaker_ids)
    surnames = set()
    if ids:
        placeholders = ", ".join("?" * len(ids))
        surnames = {row[0] for row in db.execute(f"SELECT DISTINCT surname FROM speakers WHERE id IN ({placeholders})", list(ids))}
        surnames.discard(None)
    for surname in surnames:
        for speaker_id, name in db.execute(
            "SELECT id, name FROM speakers WHERE surname = ? AND type IN ('person', 'unknown')", [surname]
        ).fetchall():
            parts = NameParts.of(name)
            if parts is None or parts.first or is_named_by_hand(db, name):
                continue
            evidence = speaker_evidence(db, speaker_id)
            if evidence.mixed:
                continue
            bearer = _surname_bearer(db, surname, evidence, exclude=speaker_id)
            if bearer is not None:
                move_attributions(db, speaker_id, bearer)
                ids.add(bearer)
    drop_unused(db, ids)
    refresh_aliases(db, ids)


def move_attributions(db: Database, from_id: int, to_id: int) -> None:
    db.execute("UPDATE attributions SET speaker_id = ? WHERE speaker_id = ?", [to_id, from_id])
    db.execute("DELETE FROM speakers WHERE id = ?", [from_id])


def drop_unused(db: Database, speaker_ids: Iterable[int]) -> None:
    for speaker_id in speaker_ids:
        db.execute(
            "DELETE FROM speakers WHERE id = ? AND NOT EXISTS (SELECT 1 FROM attributions WHERE speaker_id = ?)",
            [speaker_id, speaker_id],
        )


def refresh_aliases(db: Database, speaker_ids: Iterable[int]) -> None:
    """`speakers.aliases` from the `speaker_aliases` view, most used first."""
    for speaker_id in set(speaker_ids):
        aliases = dict(
            db.execute(
                "SELECT alias, count FROM speaker_aliases WHERE speaker_id = ? ORDER BY count DESC, alias", [speaker_id]
            ).fetchall()
        )
        db.execute(
            "UPDATE speakers SET aliases = ? WHERE id = ? AND aliases IS NOT ?",
            [json.dumps(aliases, ensure_ascii=False), speaker_id, json.dumps(aliases, ensure_ascii=False)],
        )
