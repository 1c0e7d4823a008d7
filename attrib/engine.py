"""Run the stages over one parsed Doc: extract, resolve, source, score.

`attribute(doc)` is the whole analysis of an article once spaCy has parsed it; the
spaCy component and `attrib.analyze` both call it. The role tagger's view of the Doc
(`attrib.extract.role_tagger`) is worked out first, as evidence for every stage after it.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections import Counter
from typing import Optional

import numpy as np
from spacy.tokens import Doc

from attrib import confidence
from attrib.extract import edge_model, tagger_candidates
from attrib.extract.acts import act_of
from attrib.extract.candidate import Candidate
from attrib.extract.cues import verb_lemma
from attrib.extract.doc_text import text_of
from attrib.extract.finder import find_candidates
from attrib.extract.keep import kept
from attrib.extract.mention_edges import mention_without_aside
from attrib.extract.quotes import find_quotes, with_whole_marks
from attrib.extract.role_tagger import role_probabilities
from attrib.lexicons import Lexicon, load_lexicon
from attrib.model import Attribution, Spans, Speaker, Via
from attrib.resolve.continuation import quote_paragraph_statements
from attrib.resolve.coref import ResolvedSpeaker, Resolver
from attrib.resolve.descriptions import LedeSpeaker, blind_lede, fullest_descriptions
from attrib.sourcing import channel_of, kind_of, tier_of

# A cue word never seen on train (too rare to have statistics) counts as this precise.
DEFAULT_CUE_PROBABILITY = 0.5
# What outlets do: an organisation that "reported" something is acting as media.
REPORTING_WORDS = {"report", "publish"}


def _words_in(doc: Doc, spans) -> list[int]:
    """The indices of the words (not white space) that the character spans cover."""
    words = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        words.extend(t.i for t in span or () if not t.is_space)
    return words


def _char_span(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    last = doc[tokens[1] - 1]
    return doc[tokens[0]].idx, last.idx + len(last.text)


def cue_word(doc: Doc, cand: Candidate, lexicon: Lexicon) -> str:
    """The word cue statistics are kept by: the verb's lemma, or the phrase's head."""
    if cand.pattern == "according-to":
        return doc[cand.cue_token].lower_
    if cand.pattern == "headline-colon":
        return ":"
    if cand.pattern == tagger_candidates.PATTERN:
        return tagger_candidates.TAGGED_CUE_WORD
    if cand.pattern == "noun-cue":
        return f"{doc[cand.cue_token].lemma_.lower()} (noun)"
    if cand.pattern == "stance":
        return f"be {doc[cand.cue_token].lemma_.lower()}"
    verb = doc[cand.cue_token]
    lemma = verb_lemma(verb, lexicon.cue_verbs)
    # "met ... to discuss oil" is a purpose, not a report: infinitives keep statistics of their own.
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return f"to {lemma}"
    return lemma


def _relaying_outlet(cand: Candidate, resolver: Resolver, doc: Doc) -> Optional[ResolvedSpeaker]:
    """The outlet through which the speaker's words come: "a report in Axios, which cited
    sources", or an outlet reporting the same words later in the sentence ("...,
    according to one of the sources, the publication reported")."""
    if cand.relay:
        outlet = resolver.resolve(*cand.relay)
        resolver.remember(cand.sentence, outlet, _char_span(doc, cand.relay)[0])
        return outlet
    if cand.echo is not None and cand.echo.source is not None:
        echo = resolver.resolve(*cand.echo.source)
        if echo.type == "media":
            return echo
    return None


def candidates_of(doc: Doc, lexicon: Lexicon, roles: Optional[np.ndarray] = None) -> list[Candidate]:
    """The candidates whose cue word is precise enough, in reading order, with the
    content edges the rules gave them; with the role tagger's view, the statements it
    alone finds too (`attrib.extract.tagger_candidates`)."""
    def precise(c: Candidate) -> bool:
        return lexicon.cue_probability.get(cue_word(doc, c, lexicon), DEFAULT_CUE_PROBABILITY) >= lexicon.cue_min_precision

    candidates = [c for c in find_candidates(doc, lexicon, roles) if precise(c)]
    # Then the statements only the role tagger sees, where the rules found nothing.
    if roles is not None:
        candidates += [c for c in tagger_candidates.tagged_candidates(doc, roles, candidates, lexicon) if precise(c)]
    candidates.sort(key=lambda c: (c.cue[0][0] if c.cue else c.start))
    return candidates


def attribute(
    doc: Doc,
    doc_id: str = "",
    lexicon: Optional[Lexicon] = None,
    use_edge_model: bool = True,
    roles: Optional[np.ndarray] = None,
    tag_roles: bool = True,
    keep_all: bool = False,
) -> list[Attribution]:
    """The article's attributions. `use_edge_model=False` keeps the rules' content edges
    (training measures cue words with it, so that they do not depend on the edge model).

    `roles` is the role tagger's view of the Doc (`attrib.extract.role_tagger`); by default the
    tagger is run here, unless `tag_roles` is False (a pipeline whose token vectors it
    can't read). Training passes the cross-fitted view of each train article.

    Candidates unlikely to be statements at all are dropped (`keep.kept`, attrib/extract/keep.py) unless
    `keep_all` (training measures and fits on every candidate)."""
    lexicon = lexicon or load_lexicon()
    if roles is None and tag_roles:
        roles = role_probabilities(doc)
    text = text_of(doc)
    quotes = find_quotes(text)
    candidates = candidates_of(doc, lexicon, roles)
    cue_tokens = frozenset(c.cue_token for c in candidates)
    if use_edge_model and candidates:
        words = edge_model.DocWords(doc, roles)
        for cand in candidates:
            edge_model.choose_edges(doc, cand, cue_tokens, words)
    resolver = Resolver(doc, lexicon, quotes)

    per_sentence = Counter(c.sentence for c in candidates)
    attributions = []
    # Resolve in reading order so pronouns see the speakers before them.
    for cand in candidates:
        word = cue_word(doc, cand, lexicon)
        via_speaker = _relaying_outlet(cand, resolver, doc)
        speaker = resolver.resolve(*cand.source, via=via_speaker) if cand.source else None
        if speaker is not None:
            resolver.remember(cand.sentence, speaker, _char_span(doc, cand.source)[0])
        # An organisation that reports, or that relays others' words, is an outlet.
        if speaker is not None and speaker.type == "organization" and word in REPORTING_WORDS:
            speaker = ResolvedSpeaker(speaker.name, "media", speaker.how, speaker.distance, speaker.root_lemma)
        if via_speaker is not None and via_speaker.type == "organization":
            via_speaker = ResolvedSpeaker(via_speaker.name, "media", via_speaker.how)
        via = Via(via_speaker.name, via_speaker.type) if via_speaker is not None else None
        kind = kind_of(cand.content, quotes, text)
        mention_tokens = mention_without_aside(doc, cand.source, cue_tokens) if cand.source else None
        speaker_head = doc[mention_tokens[0] : mention_tokens[1]].root if mention_tokens else None
        act = act_of(doc, cand, word, lexicon, quoted=kind != "indirect", speaker_head=speaker_head,
                     speaker_type=speaker.type if speaker is not None else None,
                     speaker_resolved=speaker is not None and speaker.how != "unresolved")
        if act is None:
            continue  # an action, or a cue with no content: not an attribution
        content = Spans.from_offsets(text, with_whole_marks(text, cand.content, quotes))
        mention = Spans.from_offsets(text, [_char_span(doc, mention_tokens)]) if mention_tokens else None
        speaker_record = Speaker(speaker.name, speaker.type, mention) if speaker is not None else None
        content_span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        cue_verb = doc[cand.cue_token]
        cue_sentence = cue_verb.sent  # found by a walk over the words: once
        content_tokens = len(content_span or [])
        vector = confidence.features(
            pattern=cand.pattern,
            how=speaker.how if speaker else "none",
            distance=speaker.distance if speaker else 0,
            cue_probability=lexicon.cue_probability.get(word, DEFAULT_CUE_PROBABILITY),
            content_tokens=content_tokens,
            kind=kind,
            speaker_type=speaker.type if speaker else "unknown",
            source_after_cue=bool(cand.source and cand.cue and cand.source[0] > cand.cue_token),
            mention_tokens=cand.source[1] - cand.source[0] if cand.source else 0,
            content_spans=len(cand.content),
            content_before_cue=bool(cand.cue and cand.start < cand.cue[0][0]),
            sentence=cand.sentence,
            cue_score=cand.cue_score,
            sentence_tokens=len(cue_sentence),
            sentence_attributions=per_sentence[cand.sentence],
            cue_tag=cue_verb.tag_,
            edges_moved=cand.edges_moved,
            edge_margin=cand.edge_margin,
            mention=doc[mention_tokens[0] : mention_tokens[1]] if mention_tokens else None,
            content=content_span,
            cue_verb=cue_verb,
        )
        vector.update(confidence.role_features(
            roles, _words_in(doc, cand.content), _words_in(doc, cand.cue),
            list(range(*mention_tokens)) if mention_tokens else [],
            (cue_sentence.start, cue_sentence.end),
        ))
        attributions.append(
            Attribution(
                doc=doc_id,
                kind=kind,
                content=content,
                cue=Spans.from_offsets(text, cand.cue) if cand.cue else None,
                speaker=speaker_record,
                via=via,
                channel=channel_of(doc, cand.cue_token, cand.source, lexicon),
                tier=tier_of(speaker, via, plural=speaker_head is not None and speaker_head.tag_ == "NNS"),
                confidence=0.0,  # set below, once every speaker is known
                act=act,
                sentence=cand.sentence,
                features=vector,
                cue_word=word,
            )
        )
    per_speaker = Counter(a.speaker.name for a in attributions if a.speaker is not None)
    for attribution in attributions:
        confidence.add_speaker_attributions(attribution.features, per_speaker[attribution.speaker.name] if attribution.speaker else 0)
    with_roles = roles is not None
    if not keep_all:
        keep = kept([a.features for a in attributions], with_roles)
        attributions = [a for a, keep_it in zip(attributions, keep) if keep_it]
    for attribution, probability in zip(attributions, confidence.probabilities([a.features for a in attributions], with_roles)):
        attribution.confidence = probability
    starts = [s.start_char for s in doc.sents]
    attributions += quote_paragraph_statements(text, quotes, attributions, lambda offset: bisect_right(starts, offset) - 1)
    # Named as fully as the article allows: "the study" is the "exhaustive study" (after
    # confidence, which was fitted on the names as each mention gave them); and "A former
    # party chairman says ..." then "said Dan Ruiz, who led the party" is Dan Ruiz.
    spoken = [a for a in attributions if a.speaker is not None]
    _rename(spoken, fullest_descriptions(sorted({(a.speaker.name, a.speaker.type) for a in spoken})))
    _rename(spoken, blind_lede(text, [
        LedeSpeaker(a.speaker.name, a.speaker.type, a.features.get("speaker=description-new") == 1.0,
                    a.speaker.mention.start, a.speaker.mention.text)
        for a in spoken if a.speaker.mention is not None]), type="person")
    attributions.sort(key=lambda a: (a.cue.start if a.cue else a.content.start))
    return attributions


def _rename(attributions: list[Attribution], names: dict[str, str], type: Optional[str] = None) -> None:
    """Give each attribution's speaker the name `names` maps its name to, if any (and
    `type`, the type of who they are now named as, when given)."""
    for attribution in attributions:
        if attribution.speaker.name in names:
            speaker = attribution.speaker
            attribution.speaker = dataclasses.replace(speaker, name=names[speaker.name], type=type or speaker.type)
