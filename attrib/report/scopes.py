"""One function per report scope, each returning a `Report`.

`articles_report` analyses articles directly (no database): one article gives an
article report, several a collection report; claims come from the same parse.
`attributions_report` reports on an article whose attributions were found before
(`attrib analyze --json`, gold annotations).
The database scopes read stored attributions: `article_report` parses the stored
text again, only to find unattributed claims; `publisher_report`, `speaker_report`
and `corpus_report` skip claims, since they would mean parsing every article again.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional

from sqlite_utils import Database

from attrib.errors import AttribError
from attrib.model import DEFAULT_ACTS, Article, Attribution
from attrib.report.claims import CharSpan, attribution_spans, unattributed_claims
from attrib.report.data import CHECK_BELOW, Report, ReportAttribution, Tally
from attrib.store import report_queries
from attrib.store.report_queries import Scope
from attrib.store.identity import closest_names

META_FIELDS = ("title", "publisher", "published", "url", "author")


class ReportError(AttribError):
    """A report's subject is not there: no such article, publisher or speaker, or no input."""


def articles_report(
    articles: Iterable[Article], nlp, *, title: Optional[str] = None, check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
) -> Report:
    """Analyse articles with `nlp` (a pipeline with the attrib component) and report
    on them: an article report for one, a collection report for several. Only the
    attributions of `acts` count, and only they source a sentence: a sentence whose
    one attribution is an action ("controlling how the proceeds are distributed") is
    still an unattributed claim."""
    tally = Tally(check_below)
    count = 0
    first: Optional[Article] = None
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        count += 1
        first = first or article
        shown = [a for a in doc._.attributions if a.act in acts]
        for a in shown:
            tally.add(ReportAttribution.from_attribution(a, article))
        tally.add_claims(unattributed_claims(doc, attribution_spans(shown), article.id))
    if first is None:
        raise ReportError("no article to report on")
    if count == 1:
        return tally.report("article", title or first.title or first.id, 1, claims_checked=True, meta=_meta(first))
    return tally.report("articles", title or f"{count} articles", count, claims_checked=True)


def attributions_report(
    article: Article, attributions: Iterable[Attribution], nlp=None, *, check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
) -> Report:
    """A report on one article from attributions found before (those of `acts`). With
    `nlp`, the text is parsed for unattributed claims; without, claims are not looked for."""
    tally = Tally(check_below)
    shown = [a for a in attributions if a.act in acts]
    for a in shown:
        tally.add(ReportAttribution.from_attribution(a, article))
    if nlp is not None:
        tally.add_claims(unattributed_claims(_parse(nlp, article.text), attribution_spans(shown), article.id))
    title = article.title or article.id
    return tally.report("article", title, 1, claims_checked=nlp is not None, meta=_meta(article))


def article_report(
    db: Database, article_id: str, nlp, *, check_below: float = CHECK_BELOW, acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
) -> Report:
    article = report_queries.article(db, article_id)
    if article is None:
        raise ReportError(f"no article with id {article_id!r} in the database")
    tally = Tally(check_below)
    covered: list[CharSpan] = []
    for row in report_queries.attributions(db, Scope(article=article_id, confirmed=confirmed), acts):
        tally.add(ReportAttribution.from_row(row))
        for column in ("content_spans", "cue_spans", "mention_spans"):
            covered.extend(tuple(span) for span in json.loads(row[column] or "[]"))
    tally.add_claims(unattributed_claims(_parse(nlp, article["text"]), covered, article_id))
    meta = {name: article[name] for name in META_FIELDS} | {"id": article_id}
    return tally.report("article", article["title"] or article_id, 1, claims_checked=True, meta=meta)


def publisher_report(
    db: Database, publisher: str, *, check_below: float = CHECK_BELOW, acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
) -> Report:
    name = report_queries.publisher_name(db, publisher)
    if name is None:
        raise ReportError(f"no articles from publisher {publisher!r} in the database")
    return _stored_report(db, Scope(publisher=publisher, confirmed=confirmed), "publisher", name, check_below, acts)


def speaker_report(
    db: Database, speaker: str, *, check_below: float = CHECK_BELOW, acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
) -> Report:
    names = report_queries.speaker_names(db, speaker)
    if not names:
        close = closest_names(db, speaker)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ReportError(f"no speaker matching {speaker!r} in the database{hint}")
    title = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more matching {speaker!r}"
    return _stored_report(db, Scope(speaker=speaker, confirmed=confirmed), "speaker", title, check_below, acts)


def corpus_report(
    db: Database, *, title: str = "the corpus", check_below: float = CHECK_BELOW, acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
) -> Report:
    return _stored_report(db, Scope(confirmed=confirmed), "corpus", title, check_below, acts)


def _parse(nlp, text: str):
    """The text parsed for sentences and entities only: its attributions are known."""
    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name == "attrib"]):
        return nlp(text)


def _meta(article: Article) -> dict[str, Optional[str]]:
    return {name: getattr(article, name) for name in META_FIELDS} | {"id": article.id}


def _stored_report(db: Database, scope: Scope, kind: str, title: str, check_below: float, acts: frozenset[str]) -> Report:
    tally = Tally(check_below)
    for row in report_queries.attributions(db, scope, acts):
        tally.add(ReportAttribution.from_row(row))
    return tally.report(kind, title, report_queries.count_articles(db, scope), claims_checked=False)
