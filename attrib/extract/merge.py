"""The merge of overlapping candidates: one attribution per statement, none inside
another, and each kept candidate's echo (another cue over the same words, later in the
sentence) set on the candidates it returns."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from attrib.extract.candidate import Candidate
from attrib.extract.role_tagger import CUE
from attrib.extract.mention_edges import without_relative_clause

# Which pattern to believe when two find the same words: a clause the parser hung on
# the verb beats a quotation beside it, which beats an object or a parenthetical.
PATTERN_PRIORITY = {
    p: i for i, p in enumerate([
        "according-to", "verb-clause", "verb-quote-after", "colon-quote", "verb-quote-before",
        "headline-colon", "dash-signature", "verb-object", "stance", "noun-cue", "verb-parenthetical",
    ])
}
# Two cues for one statement (over the same words, or one inside the other's content):
# the role tagger, which reads the whole sentence, overrules the pattern order when it
# is surer of the other cue word by more than this. Chosen on train (the tagger
# cross-fitted): end-to-end +30, exact sources +9 and cues +12 at 0.1, against +35 / +7
# / +8 with no margin and +20 / +6 / +8 at 0.3; on dev +5 / +4 / +3.
CUE_PREFERENCE_MARGIN = 0.1


def _char_set(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def merged(candidates: list[Candidate], doc: Doc, roles: Optional[np.ndarray] = None) -> list[Candidate]:
    """Keep one attribution per statement, and none inside another.

    A cue inside another attribution's speaker mention, cue, "according to" phrase or
    content is part of that attribution, not a statement of its own: "a report in
    Axios, which cited sources" holds the cue "cited"; in "X said Y believes Z" the
    statement is X's. (PolNeAR nests them rarely.) A verb clause inside another's
    speaker mention is the exception (see below). A parenthetical's
    clause is the parser's guess at the words around it, so it does not swallow cues.
    Two candidates over the same words keep the one found by the more reliable pattern,
    except that a parenthetical cue the cue model trusts more than the verb it hangs on
    wins ("Back home, Ode said, she decided to run"), and that the role tagger (`roles`,
    if given) may prefer the other cue word, also over a cue inside the first one's
    content when the two contents are one statement ("He had to defend not paying a
    builder who said he was cheated": "said", not "to defend").
    """
    def tagger_prefers(c: Candidate, other: Candidate) -> bool:
        return roles is not None and roles[c.cue_token, CUE] > roles[other.cue_token, CUE] + CUE_PREFERENCE_MARGIN

    content_chars = [_char_set(c.content) for c in candidates]
    covering: list[tuple[int, tuple[int, int]]] = []
    speakers: list[tuple[int, tuple[int, int]]] = []
    contents: set[tuple[int, tuple[int, int]]] = set()
    for n, c in enumerate(candidates):
        if c.source is not None:
            s, e = without_relative_clause(doc, c.source)
            speakers.append((n, (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))))
        # "quoted as saying": "saying" is part of the "quoted" cue, not a second one.
        covering.extend((n, span) for span in c.cue if span[1] - span[0] > 8)
        if c.phrase_span is not None:
            covering.append((n, c.phrase_span))
        if c.pattern != "verb-parenthetical":
            covering.extend((n, span) for span in c.content)
            contents.update((n, span) for span in c.content)

    def swallows(owner: int, span: tuple[int, int], n: int) -> bool:
        """Whether `owner`'s span makes candidate n's cue part of owner's attribution. Not
        when the two are one statement (their contents overlap as much as two matches
        of one gold) and the tagger is surer of n's cue: then the choice is made below,
        as for two cues over the same words ("... a builder who said he was cheated"
        over "forced to defend not paying a builder who said ...")."""
        if owner == n or span in candidates[n].cue:
            return False
        return not ((owner, span) in contents and tagger_prefers(candidates[n], candidates[owner])
                    and _dice(content_chars[n], content_chars[owner]) >= 0.5)

    outer = []
    for n, c in enumerate(candidates):
        cue_start = c.cue[0][0] if c.cue else None
        # (Two cues over the same words, "went on to explain" found from either verb, do
        # not swallow each other; the one statement is kept below.) A verb with its own
        # subject and that-clause inside another's speaker mention is a statement of its
        # own: the mention overran it ("Lee, a senator, said X and added that Y"). On
        # train gold keeps such a verb-clause 15 times and has no attribution on it 14 times.
        around = covering if c.pattern == "verb-clause" else covering + speakers
        if cue_start is None or not any(s <= cue_start < e and swallows(owner, (s, e), n) for owner, (s, e) in around):
            outer.append(n)
    kept: list[Candidate] = []
    kept_chars: dict[int, set[int]] = {}  # id of a kept candidate -> its content's characters
    echoes: dict[int, Candidate] = {}  # id of a kept candidate -> its echo
    for n in sorted(outer, key=lambda n: PATTERN_PRIORITY.get(candidates[n].pattern, len(PATTERN_PRIORITY))):
        c, chars = candidates[n], content_chars[n]
        same = next((k for k in kept if _dice(chars, kept_chars[id(k)]) >= 0.5), None)
        if same is None:
            kept.append(c)
            kept_chars[id(c)] = chars
        elif ((same.pattern in ("verb-clause", "verb-object") and c.pattern == "verb-parenthetical"
                and (c.cue_score or 0.0) > (same.cue_score or 0.0)) or tagger_prefers(c, same)):
            # "Back home, Ms. Ode said, she decided to run": the parser makes "decided"
            # govern the clause and "said" an aside; the surer cue is the statement's
            # (on train gold takes the parenthetical 27 times in 29 where it scores higher).
            # So over an object: "The museum, Ode said, celebrated her heroes". Or the
            # role tagger is surer of this cue word than of the kept one's.
            kept[kept.index(same)] = c
            kept_chars[id(c)] = chars
        elif same.sentence == c.sentence and c.cue and same.cue and c.cue[0][0] > same.cue[0][0]:
            echoes[id(same)] = c
    # The later cue over a kept candidate's words, the same sentence's: its echo.
    kept = [replace(k, echo=echoes[id(k)]) if id(k) in echoes else k for k in kept]
    return sorted(kept, key=lambda c: (c.cue[0][0] if c.cue else c.start))


def _dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
