"""Run the stages over one parsed Doc: extract, resolve, source, score.

`attribute(doc)` is the whole analysis of an article once spaCy has parsed it; the
spaCy component and `attrib.analyze` both call it.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from attrib import confidence
from attrib.extract.quotes import find_quotes
from attrib.extract.reported import Candidate, find_candidates
from attrib.lexicons import Lexicon, load_lexicon
from attrib.model import Attribution, Spans, Speaker, Via
from attrib.resolve.coref import ResolvedSpeaker, Resolver
from attrib.sourcing import channel_of, kind_of, tier_of

# A cue word never seen on train (too rare to have statistics) counts as this precise.
DEFAULT_CUE_PROBABILITY = 0.5
# What outlets do: an organisation that "reported" something is acting as media.
REPORTING_WORDS = {"report", "publish"}


def _char_span(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    last = doc[tokens[1] - 1]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def cue_word(doc: Doc, cand: Candidate) -> str:
    """The word cue statistics are kept by: the verb's lemma, or the phrase's head."""
    if cand.pattern == "according-to":
        return doc[cand.cue_token].lower_
    if cand.pattern == "headline-colon":
        return ":"
    return doc[cand.cue_token].lemma_.lower()


def _overlap(a: Candidate, b: Candidate) -> float:
    chars_a = {i for s, e in a.content for i in range(s, e)}
    chars_b = {i for s, e in b.content for i in range(s, e)}
    return 2 * len(chars_a & chars_b) / (len(chars_a) + len(chars_b)) if chars_a and chars_b else 0.0


def _relays(candidates: list[Candidate], resolved: list[Optional[ResolvedSpeaker]]) -> dict[int, int]:
    """Inner -> outer: "X, according to one of the sources, the publication reported."

    An outlet reporting the same words that another source is credited with in the same
    sentence relays that source: the outlet becomes the inner attribution's `via`
    instead of a second attribution.
    """
    relays = {}
    for o, outer in enumerate(candidates):
        speaker = resolved[o]
        if speaker is None or speaker.type != "media" or not outer.cue:
            continue
        for i, inner in enumerate(candidates):
            if i == o or not inner.cue or inner.sentence != outer.sentence or resolved[i] is None:
                continue
            if inner.cue[0][0] < outer.cue[0][0] and _overlap(inner, outer) >= 0.5:
                relays[i] = o
    return relays


def attribute(doc: Doc, doc_id: str = "", lexicon: Optional[Lexicon] = None) -> list[Attribution]:
    lexicon = lexicon or load_lexicon()
    text = doc.text
    quotes = find_quotes(text)
    candidates = [
        c for c in find_candidates(doc, lexicon)
        if lexicon.cue_probability.get(cue_word(doc, c), DEFAULT_CUE_PROBABILITY) >= lexicon.cue_min_precision
    ]
    candidates.sort(key=lambda c: (c.cue[0][0] if c.cue else c.start))
    resolver = Resolver(doc, lexicon, quotes)

    # Resolve in reading order so pronouns see the speakers before them.
    resolved: list[Optional[ResolvedSpeaker]] = []
    vias: list[Optional[ResolvedSpeaker]] = []
    for cand in candidates:
        via = resolver.resolve(*cand.relay) if cand.relay else None
        if via is not None:
            resolver.remember(cand.sentence, via, _char_span(doc, cand.relay)[0])
        speaker = resolver.resolve(*cand.source, via=via) if cand.source else None
        if speaker is not None:
            resolver.remember(cand.sentence, speaker, _char_span(doc, cand.source)[0])
        resolved.append(speaker)
        vias.append(via)

    relays = _relays(candidates, resolved)
    attributions = []
    for i, cand in enumerate(candidates):
        if i in relays.values():
            continue
        speaker = resolved[i]
        via_speaker = vias[i]
        if i in relays:
            via_speaker = resolved[relays[i]]
            if speaker is not None and speaker.type == "anonymous" and via_speaker is not None:
                noun = speaker.name.split()[-1]
                speaker = ResolvedSpeaker(f"{via_speaker.name} {noun}", "anonymous", speaker.how, speaker.distance, speaker.root_lemma)
        # An organisation that reports, or that relays others' words, is an outlet.
        if speaker is not None and speaker.type == "organization" and cue_word(doc, cand) in REPORTING_WORDS:
            speaker = ResolvedSpeaker(speaker.name, "media", speaker.how, speaker.distance, speaker.root_lemma)
        if via_speaker is not None and via_speaker.type == "organization":
            via_speaker = ResolvedSpeaker(via_speaker.name, "media", via_speaker.how)
        via = Via(via_speaker.name, via_speaker.type) if via_speaker is not None else None
        kind = kind_of(cand.content, quotes, text)
        content = Spans.from_offsets(text, cand.content)
        mention = Spans.from_offsets(text, [_char_span(doc, cand.source)]) if cand.source else None
        speaker_record = Speaker(speaker.name, speaker.type, mention) if speaker is not None else None
        word = cue_word(doc, cand)
        content_tokens = len(doc.char_span(cand.start, cand.end, alignment_mode="expand") or [])
        vector = confidence.features(
            pattern=cand.pattern,
            how=speaker.how if speaker else "none",
            distance=speaker.distance if speaker else 0,
            cue_probability=lexicon.cue_probability.get(word, DEFAULT_CUE_PROBABILITY),
            content_tokens=content_tokens,
            kind=kind,
            speaker_type=speaker.type if speaker else "unknown",
            source_after_cue=bool(cand.source and cand.cue and cand.source[0] > cand.cue_token),
        )
        attributions.append(
            Attribution(
                doc=doc_id,
                kind=kind,
                content=content,
                cue=Spans.from_offsets(text, cand.cue) if cand.cue else None,
                speaker=speaker_record,
                via=via,
                channel=channel_of(doc, cand.cue_token, cand.source, lexicon),
                tier=tier_of(speaker, via),
                confidence=confidence.probability(vector),
                sentence=cand.sentence,
                features=vector,
                cue_word=word,
            )
        )
    return attributions
