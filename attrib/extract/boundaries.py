"""Where does the content start and end? A learned second opinion on the parse rules.

The rules in `reported.py` cut a reported clause or quotation out of the text, and
they are right about both edges for three contents in four. The rest are judgements
the rules make one way for every sentence while annotators go either way, depending
on the words at the edge: whether a trailing ", saying ..." or "in a statement"
belongs to what was said, whether "to" opens "vowed to fight", whether the content
runs on to the full stop.

So each edge is re-chosen by a logistic model. Every word of the sentence that the
content could start at (or end at) without crossing its cue or speaker is scored from
the words around it, its place in the parse and how far it is from where the rules
put the edge. The rules' own choice carries a feature of its own ("offset=+0"), and
another word must beat it by MIN_MARGIN, so the model moves an edge only where the
words say annotators usually put it elsewhere. The weights are data in `data/boundary_model.json`,
fitted on PolNeAR train by `python -m attrib.train boundaries`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from attrib.extract.reported import Candidate
from attrib.lexicons import read_data_file

# The patterns whose edges the model re-chooses: all but a headline's colon and a dash
# signature, which sign a quotation from outside its sentence. A quotation beside its
# cue is included: annotators leave part of one out now and then, and re-choosing its
# edges helped on train and on dev (content exact +10 and +4).
REFINED_PATTERNS = {
    "verb-clause", "verb-object", "according-to", "noun-cue", "stance", "verb-parenthetical",
    "verb-quote-after", "verb-quote-before", "colon-quote",
}
# Another edge must outscore the rules' edge by this much (log-odds) to replace it.
# Chosen on dev: with 0 the model moves more edges, for 6 more exact contents and more
# right attributions made wrong.
MIN_MARGIN = 0.5
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


def _widest_from_left(token: Token) -> Token:
    """The largest phrase that starts at this word (its highest ancestor starting there)."""
    while token.head != token and token.head.left_edge.i == token.left_edge.i:
        token = token.head
    return token


def _widest_to_right(token: Token) -> Token:
    """The largest phrase that ends at this word."""
    while token.head != token and token.head.right_edge.i == token.right_edge.i:
        token = token.head
    return token


def _relation_to_cue(token: Token, cue: Token) -> str:
    """Where a phrase hangs relative to the cue word: the cue itself, on it, under it, or elsewhere."""
    if token == cue:
        return "cue"
    if token.head == cue:
        return "cue-child"
    if cue in token.ancestors:
        return "under-cue"
    return "other"


def _crosses_cue(position: int, current: int, other_cues: frozenset[int]) -> bool:
    """Moving the edge from `current` to `position` takes in or gives up another cue."""
    low, high = sorted((position, current))
    return any(low <= i <= high for i in other_cues)


class EdgeChoices:
    """The words one candidate's content could start and end at, where it does now, and
    the evidence for each choice."""

    def __init__(self, doc: Doc, cand: Candidate, cue_tokens: frozenset[int]):
        self.doc = doc
        self.cue = doc[cand.cue_token]
        self.pattern = cand.pattern
        self.other_cues = cue_tokens - {cand.cue_token}
        first = doc.char_span(*cand.content[0], alignment_mode="expand")
        last = doc.char_span(*cand.content[-1], alignment_mode="expand")
        first_words = [t.i for t in first or () if _is_edge_word(t)]
        last_words = [t.i for t in last or () if _is_edge_word(t)]
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
        self.starts = [i for i in range(max(low, start_sentence.start), self.current_end + 1) if _is_edge_word(doc[i])]
        self.ends = [i for i in range(self.current_start, min(high, end_sentence.end)) if _is_edge_word(doc[i])]
        # The first and last word of each sentence the choices lie in, worked out once
        # rather than for every choice.
        self.sentence_edges: dict[int, tuple[int, int]] = {}
        for sentence in doc[start_sentence.start : end_sentence.end].sents:
            words = [t.i for t in sentence if _is_edge_word(t)]
            for t in sentence:
                self.sentence_edges[t.i] = (words[0], words[-1]) if words else (t.i, t.i)

    def start_features(self, position: int) -> list[str]:
        """Evidence that the content starts at word `position`."""
        doc, current = self.doc, self.current_start
        token = doc[position]
        before = doc[position - 1] if position > 0 else None
        phrase = _widest_from_left(token)
        opens_phrase = phrase.left_edge.i == position
        relation = _relation_to_cue(phrase, self.cue)
        offset = _offset(position, current)
        return [
            f"offset={offset}",
            f"word={_word(token)}",
            f"dep={token.dep_}",
            f"before={_word(before)}",
            f"before_dep={before.dep_ if before is not None else 'NONE'}",
            f"phrase={phrase.dep_}",
            f"phrase_to_cue={relation}",
            f"after_cue={position > self.cue.i}",
            f"pattern={self.pattern}|offset={offset}",
            f"word={_word(token)}|offset={offset}",
            f"before={_word(before)}|offset={offset}",
            f"phrase={phrase.dep_}|{relation}|opens={opens_phrase}",
            f"sentence_start={position == self.sentence_edges[position][0]}|offset={offset}",
            f"crosses_cue={_crosses_cue(position, current, self.other_cues)}|later={position > current}",
        ]

    def end_features(self, position: int) -> list[str]:
        """Evidence that the content ends with word `position`."""
        doc, current = self.doc, self.current_end
        token = doc[position]
        after = doc[position + 1] if position + 1 < len(doc) else None
        after2 = doc[position + 2] if position + 2 < len(doc) else None
        phrase = _widest_to_right(token)
        relation = _relation_to_cue(phrase, self.cue)
        sentence_end = position == self.sentence_edges[position][1]
        offset = _offset(position, current)
        return [
            f"offset={offset}",
            f"word={_word(token)}",
            f"dep={token.dep_}",
            f"after={_word(after)}",
            f"after2={_word(after2)}",
            f"after_dep={after.dep_ if after is not None else 'NONE'}",
            f"phrase={phrase.dep_}",
            f"phrase_to_cue={relation}",
            f"pattern={self.pattern}|offset={offset}",
            f"after={_word(after)}|offset={offset}",
            f"after={_word(after)}|after2={_word(after2)}",
            f"phrase={phrase.dep_}|{relation}",
            f"after2_dep={after2.dep_ if after2 is not None else 'NONE'}|offset={offset}",
            f"sentence_end={sentence_end}|offset={offset}",
            f"sentence_end={sentence_end}|pattern={self.pattern}",
            f"entity={token.ent_type_ or 'NONE'}|offset={offset}",
            f"phrase_word={_word(phrase)}|{relation}",
            f"crosses_cue={_crosses_cue(position, current, self.other_cues)}|later={position > current}",
        ]


@lru_cache(maxsize=1)
def _model() -> dict:
    try:
        return read_data_file("boundary_model.json")
    except FileNotFoundError:  # not trained: the rules' edges stand
        return {}


def _best(side: dict, choices: list[int], current: int, features: Callable[[int], list[str]]) -> tuple[int, float]:
    """The choice with the highest score (the current edge unless another beats it by
    MIN_MARGIN), and by how much it beats the runner-up."""
    weights = side["weights"]
    scores = {position: sum(weights.get(name, 0.0) for name in features(position)) for position in choices}
    best = max(scores, key=lambda p: scores[p] - (MIN_MARGIN if p != current else 0.0))
    runner_up = max((v for p, v in scores.items() if p != best), default=scores[best])
    return best, scores[best] - runner_up


def refine(doc: Doc, cand: Candidate, cue_tokens: frozenset[int]) -> None:
    """Move the content's first start and last end where the model says annotators put them."""
    model = _model()
    if not model or cand.pattern not in REFINED_PATTERNS:
        return
    choices = EdgeChoices(doc, cand, cue_tokens)
    if not choices.starts or not choices.ends:
        return
    start, start_margin = _best(model["start"], choices.starts, choices.current_start, choices.start_features)
    end, end_margin = _best(model["end"], choices.ends, choices.current_end, choices.end_features)
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

