"""Where does the content start and end? A learned second opinion on the parse rules.

The rules (the pattern modules, `contents.py`) cut a reported clause or quotation out of the
text, and they are right about both edges for three contents in four. The rest are
judgements the rules make one way for every sentence while annotators go either way,
depending on the words at the edge: whether a trailing ", saying ..." or "in a
statement" belongs to what was said, whether "to" opens "vowed to fight", whether the
content runs on to the full stop.

So each edge is re-chosen by a logistic model. Every word of the sentence that the
content could start at (or end at) without crossing its cue or speaker is scored from
the words around it, its place in the parse and how far it is from where the rules
put the edge. The rules' own choice carries a feature of its own ("offset=+0"), so the
model moves an edge only where the words say annotators usually put it elsewhere. The
weights are data in `attrib/models/edge_model.json`, fitted on PolNeAR train by `python -m
attrib.learn edge-model`.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Optional

import numpy as np
from spacy.tokens import Doc, Token

from attrib.extract.doc_text import text_of
from attrib.extract.grammar import QUOTE_MARKS
from attrib.extract.candidate import Candidate
from attrib.extract.role_tagger import CONTENT, CONTENT_END, CONTENT_START, band, bands
from attrib import models

# The patterns whose edges the model re-chooses: all but a headline's colon and a dash
# signature, which sign a quotation from outside its sentence. A quotation beside its
# cue is included: annotators leave part of one out now and then, and re-choosing its
# edges helped on train and on dev (content exact +10 and +4).
EDGE_MODEL_PATTERNS = {
    "verb-clause", "verb-object", "according-to", "noun-cue", "stance", "verb-parenthetical",
    "verb-quote-after", "verb-quote-before", "colon-quote",
}
# Another edge must outscore the rules' edge by this much (log-odds) to replace it.
# The model's own "offset=+0" weight already speaks for the rules' edge, and a margin
# on top of it only holds back right moves: with five-fold cross-validation on train
# (by article), margin 0 puts 26 more starts and 34 more ends where gold has them than
# 0.5 (of 14,916 contents), and on dev it gives 7 more exact contents. (0.5 was chosen
# on dev in the fourth round, with an edge model that had no tagger evidence.)
MIN_MARGIN = 0.0
# Offsets beyond this many words are one feature each way.
MAX_OFFSET = 8


def _word(token: Optional[Token]) -> str:
    """A function word or punctuation mark as itself, anything else as its part of speech."""
    if token is None:
        return "NONE"
    return token.lower_ if token.is_stop or token.is_punct else token.pos_


def _is_edge_word(token: Token) -> bool:
    """A word the content can start or end at: not punctuation, not white space (the
    scorer trims those from content edges anyway)."""
    return not (token.is_punct or token.is_space)


def _offset(position: int, current: int) -> str:
    offset = position - current
    if abs(offset) > MAX_OFFSET:
        return "far+" if offset > 0 else "far-"
    return f"{offset:+d}"


class DocWords:
    """What the edge features read of each word of a Doc, looked up once, and the role
    tagger's view of it (None: decide without it). Every candidate's choices range over
    whole sentences, and a spaCy Token is costly to make again for each of them; the
    evidence that depends on a word alone is scored once per word too (`word_score`)."""

    def __init__(self, doc: Doc, roles: Optional[np.ndarray] = None):
        tokens = list(doc)
        self.word = [_word(t) for t in tokens]
        self.dep = [t.dep_ for t in tokens]
        self.entity = [t.ent_type_ or "NONE" for t in tokens]
        self.head = [t.head.i for t in tokens]
        self.left_edge = [t.left_edge.i for t in tokens]
        self.right_edge = [t.right_edge.i for t in tokens]
        self.is_edge_word = [_is_edge_word(t) for t in tokens]
        # The first and last edge word of each word's sentence.
        self.sentence_edges: list[tuple[int, int]] = []
        for sentence in doc.sents:
            words = [i for i in range(sentence.start, sentence.end) if self.is_edge_word[i]]
            self.sentence_edges += [(words[0], words[-1]) if words else (i, i) for i in range(sentence.start, sentence.end)]
        self._word_scores: dict[tuple[str, int], float] = {}
        # The tagger's view as the bands the features name, every word's at once, by role.
        self.role_bands: Optional[dict[int, list[str]]] = None
        if roles is not None:
            self.role_bands = {role: bands(roles[:, role]) for role in (CONTENT, CONTENT_START, CONTENT_END)}

    def widest_from_left(self, i: int) -> int:
        """The largest phrase that starts at this word (its highest ancestor starting there)."""
        head, left = self.head, self.left_edge
        while head[i] != i and left[head[i]] == left[i]:
            i = head[i]
        return i

    def widest_to_right(self, i: int) -> int:
        """The largest phrase that ends at this word."""
        head, right = self.head, self.right_edge
        while head[i] != i and right[head[i]] == right[i]:
            i = head[i]
        return i

    def relation_to_cue(self, i: int, cue: int) -> str:
        """Where a phrase hangs relative to the cue word: the cue itself, on it, under it, or elsewhere."""
        if i == cue:
            return "cue"
        head = self.head
        if head[i] == cue:
            return "cue-child"
        while head[i] != i:
            i = head[i]
            if i == cue:
                return "under-cue"
        return "other"

    def start_word_features(self, position: int) -> list[str]:
        """Evidence that a content starts at this word, from the word alone."""
        before = position - 1
        return [
            f"word={self.word[position]}",
            f"dep={self.dep[position]}",
            f"before={self.word[before] if before >= 0 else 'NONE'}",
            f"before_dep={self.dep[before] if before >= 0 else 'NONE'}",
            f"phrase={self.dep[self.widest_from_left(position)]}",
        ] + self._role_features(position, CONTENT_START, before)

    def end_word_features(self, position: int) -> list[str]:
        """Evidence that a content ends with this word, from the word alone."""
        size = len(self.word)
        after = self.word[position + 1] if position + 1 < size else "NONE"
        after2 = self.word[position + 2] if position + 2 < size else "NONE"
        return [
            f"word={self.word[position]}",
            f"dep={self.dep[position]}",
            f"after={after}",
            f"after2={after2}",
            f"after_dep={self.dep[position + 1] if position + 1 < size else 'NONE'}",
            f"phrase={self.dep[self.widest_to_right(position)]}",
            f"after={after}|after2={after2}",
        ] + self._role_features(position, CONTENT_END, position + 1)

    def _role_features(self, position: int, edge_role: int, outside: int) -> list[str]:
        """The role tagger's view: P(a content starts / ends at this word), P(this word
        is in a content) and P(the word just outside it is)."""
        if self.role_bands is None:
            return []
        content = self.role_bands[CONTENT]
        return [
            f"role_edge={self.role_bands[edge_role][position]}",
            f"role_in={content[position]}",
            f"role_out={content[outside] if 0 <= outside < len(content) else band(0.0)}",
        ]

    def word_score(self, side: str, position: int, weights: dict[str, float]) -> float:
        """The weights of the word's own evidence for `side` ("start", "end"), summed once
        (a DocWords serves one article's analysis, under one model's weights)."""
        key = (side, position)
        if key not in self._word_scores:
            features = self.start_word_features(position) if side == "start" else self.end_word_features(position)
            self._word_scores[key] = sum(weights.get(name, 0.0) for name in features)
        return self._word_scores[key]


def _crosses_cue(position: int, current: int, other_cues: list[int]) -> bool:
    """Moving the edge from `current` to `position` takes in or gives up another cue
    (`other_cues` sorted)."""
    low, high = sorted((position, current))
    k = bisect_left(other_cues, low)
    return k < len(other_cues) and other_cues[k] <= high


class EdgeChoices:
    """The words one candidate's content could start and end at, where it does now, and
    the evidence for each choice: the word's own (`DocWords`), then how the choice
    stands to this candidate (its cue, its pattern, its current edges)."""

    def __init__(self, doc: Doc, cand: Candidate, cue_tokens: frozenset[int], words: Optional[DocWords] = None):
        self.words = words = words or DocWords(doc)
        self.cue = cand.cue_token
        self.pattern = cand.pattern
        self.other_cues = sorted(cue_tokens - {cand.cue_token})
        first = doc.char_span(*cand.content[0], alignment_mode="expand")
        last = doc.char_span(*cand.content[-1], alignment_mode="expand")
        first_words = [t.i for t in first or () if words.is_edge_word[t.i]]
        last_words = [t.i for t in last or () if words.is_edge_word[t.i]]
        self.current_start = first_words[0] if first_words else None
        self.current_end = last_words[-1] if last_words else None
        self.starts: list[int] = []
        self.ends: list[int] = []
        if self.current_start is None or self.current_end is None or self.current_start > self.current_end:
            return
        # The content may not swallow its own cue or speaker: those words bound the choices.
        blocked = {t.i for s, e in cand.cue for t in doc.char_span(s, e, alignment_mode="expand") or ()}
        blocked.add(cand.cue_token)
        if cand.source is not None:
            blocked.update(range(*cand.source))
        start_sentence = doc[self.current_start].sent
        end_sentence = doc[self.current_end].sent
        low = max((i for i in blocked if i < self.current_start), default=start_sentence.start - 1) + 1
        high = min((i for i in blocked if i > self.current_end), default=end_sentence.end)
        edge_word = words.is_edge_word
        self.starts = [i for i in range(max(low, start_sentence.start), self.current_end + 1) if edge_word[i]]
        self.ends = [i for i in range(self.current_start, min(high, end_sentence.end)) if edge_word[i]]

    def start_features(self, position: int) -> list[str]:
        """Evidence that the content starts at word `position`."""
        return self.words.start_word_features(position) + self.start_choice_features(position)

    def start_choice_features(self, position: int) -> list[str]:
        """Evidence that the content starts at word `position`, from how it stands to this candidate."""
        words, current = self.words, self.current_start
        word = words.word[position]
        before = words.word[position - 1] if position > 0 else "NONE"
        phrase = words.widest_from_left(position)
        opens_phrase = words.left_edge[phrase] == position
        relation = words.relation_to_cue(phrase, self.cue)
        offset = _offset(position, current)
        return [
            f"offset={offset}",
            f"phrase_to_cue={relation}",
            f"after_cue={position > self.cue}",
            f"pattern={self.pattern}|offset={offset}",
            f"word={word}|offset={offset}",
            f"before={before}|offset={offset}",
            f"phrase={words.dep[phrase]}|{relation}|opens={opens_phrase}",
            f"sentence_start={position == words.sentence_edges[position][0]}|offset={offset}",
            f"crosses_cue={_crosses_cue(position, current, self.other_cues)}|later={position > current}",
        ]

    def end_features(self, position: int) -> list[str]:
        """Evidence that the content ends with word `position`."""
        return self.words.end_word_features(position) + self.end_choice_features(position)

    def end_choice_features(self, position: int) -> list[str]:
        """Evidence that the content ends with word `position`, from how it stands to this candidate."""
        words, current = self.words, self.current_end
        size = len(words.word)
        after = words.word[position + 1] if position + 1 < size else "NONE"
        after2_dep = words.dep[position + 2] if position + 2 < size else "NONE"
        phrase = words.widest_to_right(position)
        relation = words.relation_to_cue(phrase, self.cue)
        sentence_end = position == words.sentence_edges[position][1]
        offset = _offset(position, current)
        return [
            f"offset={offset}",
            f"phrase_to_cue={relation}",
            f"pattern={self.pattern}|offset={offset}",
            f"after={after}|offset={offset}",
            f"phrase={words.dep[phrase]}|{relation}",
            f"after2_dep={after2_dep}|offset={offset}",
            f"sentence_end={sentence_end}|offset={offset}",
            f"sentence_end={sentence_end}|pattern={self.pattern}",
            f"entity={words.entity[position]}|offset={offset}",
            f"phrase_word={words.word[phrase]}|{relation}",
            f"crosses_cue={_crosses_cue(position, current, self.other_cues)}|later={position > current}",
        ]

    def score(self, side: str, position: int, weights: dict[str, float]) -> float:
        """The model's score for the content's `side` ("start", "end") at this word: the
        sum of the weights of `start_features` / `end_features`, in their order."""
        choice_features = self.start_choice_features(position) if side == "start" else self.end_choice_features(position)
        total = self.words.word_score(side, position, weights)
        for name in choice_features:
            total += weights.get(name, 0.0)
        return total


def _model() -> dict:
    return models.model("edge_model") or {}  # not fitted: the rules' edges stand


def _best(choices: EdgeChoices, side: str, weights: dict[str, float]) -> tuple[int, float]:
    """The choice with the highest score (the current edge unless another beats it by
    more than MIN_MARGIN: a tie keeps the rules' edge), and by how much it beats the
    runner-up."""
    positions, current = (choices.starts, choices.current_start) if side == "start" else (choices.ends, choices.current_end)
    scores = {position: choices.score(side, position, weights) for position in positions}
    best = max(scores, key=lambda p: (scores[p] - (MIN_MARGIN if p != current else 0.0), p == current))
    runner_up = max((v for p, v in scores.items() if p != best), default=scores[best])
    return best, scores[best] - runner_up


def _is_quoted_words(doc: Doc, span: tuple[int, int]) -> bool:
    text = text_of(doc)
    start, end = span
    return start > 0 and end < len(text) and text[start - 1] in QUOTE_MARKS and text[end] in QUOTE_MARKS


def choose_edges(doc: Doc, cand: Candidate, cue_tokens: frozenset[int], words: Optional[DocWords] = None) -> None:
    """Move the content's first start and last end where the model says annotators put
    them. `words`: the Doc's DocWords (with the role tagger's view, if any), made once
    for all its candidates."""
    model = _model()
    if not model or cand.pattern not in EDGE_MODEL_PATTERNS or cand.edges_fixed:
        return
    if cand.pattern == "verb-object" and len(cand.content) == 1 and _is_quoted_words(doc, cand.content[0]):
        return  # "called her a “disgrace”": the quotation's marks are the edges
    choices = EdgeChoices(doc, cand, cue_tokens, words)
    if not choices.starts or not choices.ends:
        return
    start, start_margin = _best(choices, "start", model["start"]["weights"])
    end, end_margin = _best(choices, "end", model["end"]["weights"])
    cand.edge_margin = min(start_margin, end_margin)
    if start > end:  # the two choices cross: keep the rules' edges
        return
    content = list(cand.content)
    if start != choices.current_start:
        content[0] = (doc[start].idx, content[0][1])
    if end != choices.current_end:
        content[-1] = (content[-1][0], doc[end].idx + len(doc[end].text))
    if all(s < e for s, e in content):
        cand.content = content
        cand.edges_moved = (start != choices.current_start) + (end != choices.current_end)

