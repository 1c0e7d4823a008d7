"""Faster stand-ins, with the same output, for two rule components of en_core_web_sm.

In en_core_web_sm 3.8 the attribute ruler (tag -> part of speech and morphology, plus a
few word-specific exceptions) and the rule lemmatizer are pure Python run word by word,
and on news text they take about a third of the pipeline's time: the ruler's Matcher
tries 179 patterns at every word, and the lemmatizer makes a Token and sets a string
for every word. Both decide each word from a handful of its own attributes, so a stand-in
decides each distinct combination of those attributes once (remembered across articles)
and writes the whole article's columns at once with `Doc.from_array`.

The stand-ins compute exactly what the components they replace compute (the tests
compare every word's tag, part of speech, morphology, lemma and dependency label on the
seed article and on PolNeAR dev). A component they can't reproduce (another class, or a
pattern using a matcher feature not handled here) is left in place: another pipeline
runs as it was built, only without the speed-up.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Callable, Optional

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

# What the attribute ruler can set, in the order of the columns it writes.
RULER_OUTPUTS = (POS, TAG, MORPH, LEMMA, DEP)
# Token attributes a single-word pattern may test here: string-valued ones (compared as
# string ids, as the Matcher does) and lexical flags (compared as 0 or 1).
STRING_ATTRIBUTES = {"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX"}
FLAG_ATTRIBUTES = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM"}
# Each stand-in remembers what it worked out for so many distinct words at most, then
# starts over: a corpus's vocabulary keeps growing, and memory must not.
MAX_REMEMBERED = 200_000


def use_stand_ins(nlp: Language) -> None:
    """Put the stand-ins in place of the pipeline's "attribute_ruler" and "lemmatizer",
    under the same names, where they reproduce them; leave the rest as it is."""
    for name, factory, can_stand_in in (
        ("attribute_ruler", "attrib_attribute_ruler", AttributeRulerStandIn.can_stand_in),
        ("lemmatizer", "attrib_lemmatizer", LemmatizerStandIn.can_stand_in),
    ):
        if name in nlp.pipe_names and can_stand_in(nlp.get_pipe(name)):
            # The stand-in is made while the component it wraps is still in the pipeline.
            nlp.add_pipe(factory, name=f"{name}_stand_in", before=name, config={"replaces": name})
            nlp.remove_pipe(name)
            nlp.rename_pipe(f"{name}_stand_in", name)


class _Condition:
    """One condition of a pattern word on one attribute, as spaCy's Matcher tests it, on
    the attribute's value as an int (a string id, or a flag's 0 / 1): `test(value,
    strings)`, with the Doc's StringStore for the text of a string id. `accepted` lists
    the values it accepts when that is a short list (equality, IN), for the index."""

    def __init__(self, attribute: str, value):
        self.attribute = attribute
        self.accepted: Optional[frozenset[int]] = None
        self.test: Callable[[int, StringStore], bool]
        if attribute in FLAG_ATTRIBUTES and isinstance(value, bool):
            self.accepted = frozenset([int(value)])
        elif attribute in STRING_ATTRIBUTES and isinstance(value, str):
            self.accepted = frozenset([get_string_id(value)])
        elif attribute in STRING_ATTRIBUTES and _operator(value) == "IN":
            self.accepted = frozenset(map(get_string_id, value["IN"]))
        elif attribute in STRING_ATTRIBUTES and _operator(value) == "NOT_IN":
            self.test = functools.partial(_not_in, frozenset(map(get_string_id, value["NOT_IN"])))
        elif attribute in STRING_ATTRIBUTES and _operator(value) == "REGEX":
            self.test = functools.partial(_searched, re.compile(value["REGEX"]))
        else:
            raise ValueError(f"pattern condition not handled: {attribute}={value!r}")
        if self.accepted is not None:
            self.test = functools.partial(_in, self.accepted)


# (Tests are partials of functions, not lambdas: a pipeline's components are pickled
# when spaCy starts its worker processes by spawning, as on Windows.)
def _in(accepted: frozenset[int], value: int, strings: StringStore) -> bool:
    return value in accepted


def _not_in(unwanted: frozenset[int], value: int, strings: StringStore) -> bool:
    return value not in unwanted


def _searched(pattern: re.Pattern, value: int, strings: StringStore) -> bool:
    return bool(pattern.search(strings[value]))


def _operator(value) -> Optional[str]:
    """ "IN", "NOT_IN" or "REGEX" for a condition like {"IN": ["a", "b"]} on strings."""
    if not (isinstance(value, dict) and len(value) == 1):
        return None
    (operator, operand), = value.items()
    if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(isinstance(x, str) for x in operand):
        return operator
    if operator == "REGEX" and isinstance(operand, str):
        return operator
    return None


def _word_conditions(word: dict) -> Optional[list[_Condition]]:
    """The conditions of one pattern word, or None when they can't be tested here (an
    operator such as "OP", an extension, an attribute not listed above)."""
    try:
        return [_Condition(attribute, value) for attribute, value in word.items()]
    except ValueError:
        return None


class AttributeRulerStandIn:
    """spaCy's AttributeRuler, for rulers whose patterns are fixed sequences of words
    tested on the attributes above. Whether a word passes a pattern word's conditions
    depends on its values of the tested attributes alone, so that is worked out once per
    distinct combination of values; a pattern of several words (8 of the 179 in
    en_core_web_sm: "gon na", "let 's", "there is") matches where each of its words
    passes at its place. As in the ruler, every pattern is matched before any applies,
    and rules apply in the order they were added, a later one overriding an earlier."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler  # kept, to be saved and loaded as the pipeline is (`to_disk`)
        self._read_rules(ruler)

    def _read_rules(self, ruler: AttributeRuler) -> None:
        # By rule number (the order rules were added in): the attributes it sets, as
        # attribute id -> value id.
        self.rule_attrs: list[dict[int, int]] = ruler.attrs
        # Every pattern word, as a list of conditions, numbered in order; the rules of
        # one-word patterns by their word's number; several-word patterns as their rule
        # number, their words' numbers and the index of the word they set.
        pattern_words: list[list[_Condition]] = []
        self.single_rules_of_word: dict[int, list[int]] = {}
        self.multiple: list[tuple[int, list[int], int]] = []
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                words = []
                for word in pattern:
                    conditions = _word_conditions(word)
                    if conditions is None:
                        raise ValueError(f"attribute ruler pattern not handled: {pattern!r}")
                    words.append(len(pattern_words))
                    pattern_words.append(conditions)
                if len(words) == 1:
                    self.single_rules_of_word.setdefault(words[0], []).append(number)
                else:
                    self.multiple.append((number, words, ruler.indices[number]))
        tested = sorted({c.attribute for conditions in pattern_words for c in conditions})
        self.tested_ids = [IDS[a] for a in tested]
        column = {a: k for k, a in enumerate(tested)}
        # The index: for words whose conditions all list their accepted values, the
        # combinations of values that pass them, by the columns they test.
        self.index: dict[tuple[int, ...], dict[tuple[int, ...], list[int]]] = {}
        self.tested_directly: list[tuple[int, list[tuple[int, Callable[[int, StringStore], bool]]]]] = []
        for number, conditions in enumerate(pattern_words):
            if all(c.accepted is not None for c in conditions):
                columns = tuple(column[c.attribute] for c in conditions)
                by_values = self.index.setdefault(columns, {})
                for values in itertools.product(*(sorted(c.accepted) for c in conditions)):
                    by_values.setdefault(values, []).append(number)
            else:
                self.tested_directly.append((number, [(column[c.attribute], c.test) for c in conditions]))
        # Bits for the words of several-word patterns, in the mask `_outcome` gives.
        self.bit = {word: k for k, word in enumerate(sorted({w for _, words, _ in self.multiple for w in words}))}
        # Combination of tested values -> what the one-word rules set (see `_outcome`).
        self.outcomes: dict[tuple[int, ...], tuple[tuple[int, ...], list[tuple[int, int]], int]] = {}

    def to_disk(self, path, exclude=()) -> None:
        self.ruler.to_disk(path, exclude=exclude)

    def from_disk(self, path, exclude=()) -> "AttributeRulerStandIn":
        self.ruler.from_disk(path, exclude=exclude)
        self._read_rules(self.ruler)
        return self

    def to_bytes(self, exclude=()) -> bytes:
        return self.ruler.to_bytes(exclude=exclude)

    def from_bytes(self, data: bytes, exclude=()) -> "AttributeRulerStandIn":
        self.ruler.from_bytes(data, exclude=exclude)
        self._read_rules(self.ruler)
        return self

    @staticmethod
    def can_stand_in(component) -> bool:
        if type(component) is not AttributeRuler:
            return False
        if any(set(attrs) - set(RULER_OUTPUTS) for attrs in component.attrs):
            return False  # sets something not written here (an extension, NORM ...)
        patterns = [(entry["index"], pattern) for entry in component.patterns for pattern in entry["patterns"]]
        return (
            all(_word_conditions(word) is not None for _, pattern in patterns for word in pattern)
            # An index outside the match is the ruler's error to raise.
            and all(-len(pattern) <= index < len(pattern) for index, pattern in patterns)
            # The words of several-word patterns each get a bit of an int64 mask.
            and sum(len(pattern) for _, pattern in patterns if len(pattern) > 1) <= 62
        )

    def _passing(self, values: tuple[int, ...], strings: StringStore) -> list[int]:
        """The pattern words that a word with these tested values passes."""
        passing = []
        for columns, by_values in self.index.items():
            passing.extend(by_values.get(tuple(values[k] for k in columns), ()))
        for number, tests in self.tested_directly:
            if all(test(values[k], strings) for k, test in tests):
                passing.append(number)
        return passing

    def _outcome(self, values: tuple[int, ...], strings: StringStore) -> tuple[tuple[int, ...], list[tuple[int, int]], int]:
        """For a word with these tested values: the one-word rules it matches (in
        order), the (output column, value) they leave set, and the mask of the
        several-word patterns' words it passes."""
        outcome = self.outcomes.get(values)
        if outcome is None:
            if len(self.outcomes) >= MAX_REMEMBERED:
                self.outcomes.clear()
            passing = self._passing(values, strings)
            rules = tuple(sorted(r for word in passing for r in self.single_rules_of_word.get(word, ())))
            mask = sum(1 << self.bit[word] for word in passing if word in self.bit)
            outcome = rules, self._applied(rules), mask
            self.outcomes[values] = outcome
        return outcome

    def _applied(self, rules) -> list[tuple[int, int]]:
        """(output column, value) left by applying the rules in order."""
        setting: dict[int, int] = {}
        for number in rules:
            for attribute, value in self.rule_attrs[number].items():
                setting[RULER_OUTPUTS.index(attribute)] = value
        return sorted(setting.items())

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        tested = doc.to_array(self.tested_ids).reshape(len(doc), -1).tolist() if self.tested_ids else [[]] * len(doc)
        outcomes = [self._outcome(tuple(values), doc.vocab.strings) for values in tested]
        # Several-word patterns: where each word passes at its place.
        extra_rules: dict[int, list[int]] = {}
        if self.multiple:
            masks = np.array([mask for _, _, mask in outcomes], dtype=np.int64)
            for number, words, index in self.multiple:
                length = len(words)
                if length > len(doc):
                    continue
                starts = np.ones(len(doc) - length + 1, dtype=bool)
                for offset, word in enumerate(words):
                    starts &= (masks[offset : len(doc) - length + 1 + offset] >> self.bit[word]) & 1 == 1
                for start in np.flatnonzero(starts).tolist():
                    extra_rules.setdefault(start + (index if index >= 0 else length + index), []).append(number)
        columns = doc.to_array(list(RULER_OUTPUTS))
        for i, (rules, applied, _) in enumerate(outcomes):
            if i in extra_rules:
                applied = self._applied(sorted(rules + tuple(extra_rules[i])))
            for k, value in applied:
                columns[i, k] = value
        doc.from_array(list(RULER_OUTPUTS), columns)
        return doc


class LemmatizerStandIn:
    """spaCy's rule Lemmatizer. Its lemma for a word depends on the word's text, part
    of speech and morphology alone (the key of its own cache), so each distinct key is
    lemmatized once, by the lemmatizer itself, and the lemmas written at once."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self._index_as_sets()

    def _index_as_sets(self) -> None:
        self.lemma_of: dict[tuple[int, int, int], int] = {}
        lemmatizer = self.lemmatizer
        self.index_as_read = None  # the lemma index as the lemmatizer's files hold it
        # The rules test whether a form is a known word of its part of speech with `in`
        # on the lemma index, a list of up to 57,528 words in en_core_web_sm: most of
        # the lemmatizer's time. A set answers the same, at once. (The wrapped
        # lemmatizer is the stand-in's alone: it has left the pipeline.)
        lookups = lemmatizer.lookups
        if lookups.has_table("lemma_index"):
            index = self.index_as_read = lookups.get_table("lemma_index")
            as_sets = Table(name=index.name)
            for key, forms in index.items():
                as_sets[key] = frozenset(forms) if isinstance(forms, list) else forms
            lookups.set_table("lemma_index", as_sets)

    def to_disk(self, path, exclude=()) -> None:
        # Saved as the lemmatizer was read: its index as lists (a set does not serialise).
        lookups = self.lemmatizer.lookups
        if self.index_as_read is not None:
            as_sets = lookups.get_table("lemma_index")
            lookups.set_table("lemma_index", self.index_as_read)
            try:
                self.lemmatizer.to_disk(path, exclude=exclude)
            finally:
                lookups.set_table("lemma_index", as_sets)
        else:
            self.lemmatizer.to_disk(path, exclude=exclude)

    def from_disk(self, path, exclude=()) -> "LemmatizerStandIn":
        self.lemmatizer.from_disk(path, exclude=exclude)
        self._index_as_sets()
        return self

    @staticmethod
    def can_stand_in(component) -> bool:
        # Subclasses that only add tables or a base-form test (EnglishLemmatizer) keep the
        # key; a lookup or other mode, or a rule_lemmatize of their own, might not.
        return (isinstance(component, Lemmatizer) and component.mode == "rule"
                and type(component).rule_lemmatize is Lemmatizer.rule_lemmatize)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        # The check the lemmatizer's own __call__ makes first: its tables are there.
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables()
        keys = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = keys[:, 3].copy()
        to_lemmatize = np.arange(len(doc)) if self.lemmatizer.overwrite else np.flatnonzero(lemmas == 0)
        for i, key in zip(to_lemmatize.tolist(), keys[to_lemmatize, :3].tolist()):
            key = tuple(key)
            lemma = self.lemma_of.get(key)
            if lemma is None:
                if len(self.lemma_of) >= MAX_REMEMBERED:
                    self.lemma_of.clear()
                lemma = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self.lemma_of[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)
        return doc


# Each factory wraps the component it `replaces` while that is still in the pipeline
# (`use_stand_ins`); in a pipeline loaded from disk (`spacy.load` of a saved one) it makes
# a new, empty one, which `from_disk` fills from the files the stand-in saved.


@Language.factory(
    "attrib_attribute_ruler", assigns=["token.pos", "token.tag", "token.morph", "token.lemma", "token.dep"],
    default_config={"replaces": "attribute_ruler"},
)
def make_attribute_ruler_stand_in(nlp: Language, name: str, replaces: str) -> AttributeRulerStandIn:
    if replaces in nlp.pipe_names:
        return AttributeRulerStandIn(nlp.get_pipe(replaces))
    return AttributeRulerStandIn(AttributeRuler(nlp.vocab, name))


@Language.factory("attrib_lemmatizer", assigns=["token.lemma"], default_config={"replaces": "lemmatizer"})
def make_lemmatizer_stand_in(nlp: Language, name: str, replaces: str) -> LemmatizerStandIn:
    if replaces in nlp.pipe_names:
        return LemmatizerStandIn(nlp.get_pipe(replaces))
    # Only a rule lemmatizer is stood in for (`can_stand_in`).
    return LemmatizerStandIn(nlp.create_pipe("lemmatizer", name=name, config={"mode": "rule"}))
