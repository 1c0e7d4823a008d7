"""The word lists attrib reasons with, loaded once from `attrib/data/`.

Lexicons are data, not literals in code: `lexicon.json` is written by hand;
`attrib/models/cue_stats.json` is learned from PolNeAR train by `python -m attrib.learn
cues`: more cue verbs (those that head gold cues often enough) and each cue word's precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from attrib import models
from attrib.model import ACTS


def read_data_file(name: str):
    with resources.files("attrib").joinpath("data", name).open(encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Lexicon:
    cue_verbs: frozenset[str]
    cue_nouns: frozenset[str]
    # Words after "be" that make it a cue: "is critical of", "was eager to".
    stance_words: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]
    media_outlets: frozenset[str]
    media_nouns: frozenset[str]
    government_words: tuple[str, ...]
    anonymous_heads: frozenset[str]
    # People who are unnamed sources when plural or counted: "researchers", "one academic".
    unnamed_groups: frozenset[str]
    # "analyst" -> "expert": words one article uses for one group of unnamed people.
    group_synonyms: dict[str, str]
    # "report" -> "study": words one article uses for one document.
    document_synonyms: dict[str, str]
    # "the company", "the group": a definite one points back to an organisation.
    organization_nouns: frozenset[str]
    document_nouns: frozenset[str]
    # "his body mass index", "the jobless rate": a quantity, never a speaker.
    measurement_nouns: frozenset[str]
    # Verbs that put out a document of one's own: "issued a statement saying ...".
    publishing_verbs: frozenset[str]
    person_roles: frozenset[str]
    media_name_words: frozenset[str]
    organization_words: frozenset[str]
    channels: dict[str, str]
    social_platforms: frozenset[str]
    # cue word -> precision of the attributions found with it on PolNeAR train.
    cue_probability: dict[str, float]
    # Cue words less precise than this are dropped.
    cue_min_precision: float
    # cue word -> the act it reports ("say" -> statement, "believe" -> thought; see
    # attrib/extract/acts.py); cue words for deeds, not reports; speakers whose
    # findings are statements ("the study found").
    acts: dict[str, str]
    actions: frozenset[str]
    finding_nouns: frozenset[str]
    word_channels: frozenset[str]

    def is_media_name(self, name: str) -> bool:
        """A known outlet, or a name built like one ("The Carrow Valley Gazette")."""
        bare = _bare_name(name)
        if bare in self.media_outlets:
            return True
        words = bare.split()
        return len(words) >= 2 and (words[-1] in self.media_name_words or words[0] in self.media_name_words) and name[:1].isupper()

    def looks_like_organization(self, name: str) -> bool:
        return any(word in self.organization_words for word in _bare_name(name).replace(".", "").split())



def _bare_name(name: str) -> str:
    """Outlet names compare without case or a leading article: 'The Hill' == 'the hill'."""
    return name.lower().removeprefix("the ").strip()


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = read_data_file("lexicon.json")
    cue_stats = models.model("cue_stats") or {}
    cue_verbs = set(data["cue_verbs"]) | set(cue_stats.get("learned_verbs", []))
    cue_verbs.discard("according")  # handled as the phrase "according to"
    return Lexicon(
        cue_verbs=frozenset(cue_verbs),
        cue_nouns=frozenset(cue_stats.get("learned_nouns", [])),
        stance_words=frozenset(cue_stats.get("learned_stances", [])),
        cue_phrases=tuple(tuple(p) for p in data["cue_phrases"]),
        media_outlets=frozenset(_bare_name(m) for m in data["media_outlets"]),
        media_nouns=frozenset(data["media_nouns"]),
        government_words=tuple(data["government_words"]),
        anonymous_heads=frozenset(data["anonymous_heads"]),
        unnamed_groups=frozenset(data["unnamed_groups"]),
        group_synonyms={k: v for k, v in data["group_synonyms"].items() if not k.startswith("_")},
        document_synonyms={k: v for k, v in data["document_synonyms"].items() if not k.startswith("_")},
        organization_nouns=frozenset(data["organization_nouns"]),
        document_nouns=frozenset(data["document_nouns"]),
        measurement_nouns=frozenset(data["measurement_nouns"]),
        publishing_verbs=frozenset(data["publishing_verbs"]),
        person_roles=frozenset(data["person_roles"]),
        media_name_words=frozenset(data["media_name_words"]),
        organization_words=frozenset(data["organization_words"]),
        channels=dict(data["channels"]),
        social_platforms=frozenset(data["social_platforms"]),
        cue_probability={k: float(v) for k, v in cue_stats.get("verbs", {}).items()},
        cue_min_precision=float(cue_stats.get("min_precision", 0.0)),
        acts={word: act for act in ACTS if act != "other" for word in data["acts"][act]},
        actions=frozenset(data["acts"]["actions"]),
        finding_nouns=frozenset(data["acts"]["finding_nouns"]),
        word_channels=frozenset(data["acts"]["word_channels"]),
    )


@dataclass(frozen=True)
class NameLexicon:
    """Words about people's names (`names.json`): what is never part of a name, what
    titles and gender a name is written with."""

    epithets: frozenset[str]
    descriptors: frozenset[str]
    headline_verbs: frozenset[str]
    # word -> "male" / "female" (None: a title with no gender, such as "Dr.")
    honorifics: dict[str, Optional[str]]
    # word (or its abbreviation) -> the role it names: "sen" -> "senator"
    role_titles: dict[str, str]
    nonpartisan_roles: frozenset[str]  # roles and professions no party's candidate is introduced with: "judge", "economist"
    gendered_words: dict[str, str]
    gendered_pronouns: dict[str, str]
    first_names: dict[str, str]  # first name -> gender
    name_suffixes: frozenset[str]
    not_names: frozenset[str]
    nicknames: dict[str, str]  # short first name -> the full one: "len" -> "leonard"
    country_names: dict[str, str]  # another name of a country -> its name: "america" -> "United States"


@lru_cache(maxsize=1)
def load_name_lexicon() -> NameLexicon:
    data = read_data_file("names.json")
    first_names = {name: gender for gender in ("female", "male") for name in data["first_names"][gender]}
    return NameLexicon(
        epithets=frozenset(data["epithets"]),
        descriptors=frozenset(data["descriptors"]),
        headline_verbs=frozenset(data["headline_verbs"]),
        honorifics=dict(data["honorifics"]),
        role_titles=dict(data["role_titles"]),
        nonpartisan_roles=frozenset(data["nonpartisan_roles"]),
        gendered_words=dict(data["gendered_words"]),
        gendered_pronouns=dict(data["gendered_pronouns"]),
        first_names=first_names,
        name_suffixes=frozenset(data["name_suffixes"]),
        not_names=frozenset(data["not_names"]),
        nicknames=dict(data["nicknames"]),
        country_names=dict(data["country_names"]),
    )
