"""What the construction tests share (tests/test_*.py by construction family): finding
the attribution that carries a piece of content, checking it whole, and hand-made
parses for the constructions the small parser gets wrong.

Every sentence in those tests is made up for the test (names, places and outlets are
fictional). Each test finds the attribution carrying a given piece of content and
checks its cue, speaker (mention and canonical name), speaker type, kind and tier.
"""

from __future__ import annotations

from attrib.engine import attribute

from conftest import describe

QUOTE_AND_PUNCT = " \t\n.,;:!?\"'“”‘’«»"


def carrying(attributions, needle: str):
    return [a for a in attributions if needle in a.content.text]


def the_attribution(attributions, needle: str, text: str):
    """The single attribution whose content contains `needle`."""
    found = carrying(attributions, needle)
    assert len(found) == 1, (
        f"expected exactly one attribution with content containing {needle!r} in\n  {text!r}\n"
        f"got {len(found)}; all attributions:\n{describe(attributions)}"
    )
    return found[0]


def check(
    a,
    text: str,
    *,
    cue: str | None = None,
    name: str | None = None,
    mention: str | None = None,
    type: str | None = None,
    kind: str | None = None,
    tier: int | None = None,
    contains: tuple[str, ...] = (),
):
    """Assert several properties of one attribution at once, reporting all mismatches."""
    problems = []
    if cue is not None and (a.cue is None or cue not in a.cue.text):
        problems.append(f"cue: expected to contain {cue!r}, got {a.cue.text if a.cue else None!r}")
    if name is not None or mention is not None or type is not None:
        if a.speaker is None:
            problems.append(f"speaker: expected {name!r}, got None")
        else:
            if name is not None and a.speaker.name != name:
                problems.append(f"speaker name: expected {name!r}, got {a.speaker.name!r}")
            got_mention = a.speaker.mention.text if a.speaker.mention else None
            if mention is not None and (got_mention is None or mention not in got_mention):
                problems.append(f"speaker mention: expected to contain {mention!r}, got {got_mention!r}")
            if type is not None and a.speaker.type != type:
                problems.append(f"speaker type: expected {type!r}, got {a.speaker.type!r}")
    if kind is not None and a.kind != kind:
        problems.append(f"kind: expected {kind!r}, got {a.kind!r}")
    if tier is not None and a.tier != tier:
        problems.append(f"tier: expected {tier}, got {a.tier}")
    for piece in contains:
        if piece not in a.content.text:
            problems.append(f"content: expected to contain {piece!r}, got {a.content.text!r}")
    assert not problems, f"in {text!r}:\n  " + "\n  ".join(problems) + f"\nattribution:\n{describe([a])}"


def hand_parsed(words, spaces, heads, deps, pos, tags, lemmas):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1))


def speakers_by_cue(doc) -> dict:
    """{cue word: speaker mention text or None} for the candidates found in a hand-parsed doc."""
    from attrib.extract.finder import find_candidates
    from attrib.lexicons import load_lexicon

    return {doc[c.cue_token].text: doc[c.source[0]:c.source[1]].text if c.source else None
            for c in find_candidates(doc, load_lexicon())}


def assert_speaker_among_all_candidates(nlp, text: str, content: str, mention: str) -> None:
    """The candidate carrying `content` names `mention`, found among every candidate,
    before those unlikely to be statements are dropped."""
    a = the_attribution(attribute(nlp(text), keep_all=True), content, text)
    assert a.speaker is not None and a.speaker.mention.text == mention, describe([a])
