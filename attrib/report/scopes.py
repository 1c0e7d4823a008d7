"""One function per report scope, each returning a `Report`.

`articles_report` analyses articles directly (no database): one article gives an
article report, several a collection report; claims come from the same parse.
`attributions_report` reports on an article whose attributions were found before
(`attrib analyze --json`, gold annotations).
The database scopes read stored attributions: `article_report` parses the stored
text again, only to find unattributed claims; `publisher_report`, `speaker_report`
and `corpus_report` skip claims, since they would mean parsing every article again.
`limit` caps each list a report holds (None: all of them; the counts cover all).
Articles are parsed as `attrib.analyze_articles` parses them (long texts in pieces,
each article within the time budget), and claims are found in the same pieces; an
article that fails raises AnalysisError, or is handed to `on_error` and left out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator, Optional

from sqlite_utils import Database

from attrib.errors import AnalysisError, AttribError
from attrib.model import DEFAULT_ACTS, Article, Attribution
from attrib.report.claims import CharSpan, Claim, attribution_spans, unattributed_claims
from attrib.report.data import CHECK_BELOW, Report, ReportAttribution, Tally
from attrib.store import report_queries
from attrib.store.speaker_search import closest_names
from attrib.store.queries import ArticleTexts, check_text
from attrib.store.report_queries import Scope

META_FIELDS = ("title", "publisher", "published", "url", "author")


class ReportError(AttribError):
    """A report's subject is not there: no such article, publisher or speaker, or no input."""


def articles_report(
    articles: Iterable[Article],
    nlp,
    *,
    title: Optional[str] = None,
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    limit: Optional[int] = None,
    on_error: Optional[Callable[[AnalysisError], None]] = None,
) -> Report:
    """Analyse articles with `nlp` (a pipeline with the attrib component) and report
    on them: an article report for one, a collection report for several. Only the
    attributions of `acts` count, and only they source a sentence: a sentence whose
    one attribution is an action ("controlling how the proceeds are distributed") is
    still an unattributed claim."""
    tally = Tally(check_below, limit)
    count = 0
    first: Optional[Article] = None
    for article, shown, claims in _analysed(articles, nlp, acts, on_error):
        count += 1
        first = first or article
        for a in shown:
            tally.add(ReportAttribution.from_attribution(a, article))
        tally.add_claims(claims)
    if first is None:
        raise ReportError("no article to report on")
    if count == 1:
        return tally.report(
            "article", title or first.title or first.id, 1, claims_checked=True, meta=_meta(first), text=first.text
        )
    return tally.report("articles", title or f"{count} articles", count, claims_checked=True)


def each_article_report(
    articles: Iterable[Article],
    nlp,
    *,
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    limit: Optional[int] = None,
    on_error: Optional[Callable[[AnalysisError], None]] = None,
) -> Iterator[Report]:
    """An article report for each article, analysed with `nlp`, as they come."""
    for article, shown, claims in _analysed(articles, nlp, acts, on_error):
        tally = Tally(check_below, limit)
        for a in shown:
            tally.add(ReportAttribution.from_attribution(a, article))
        tally.add_claims(claims)
        yield tally.report(
            "article", article.title or article.id, 1, claims_checked=True, meta=_meta(article), text=article.text
        )


def attributions_report(
    article: Article,
    attributions: Iterable[Attribution],
    nlp=None,
    *,
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    limit: Optional[int] = None,
) -> Report:
    """A report on one article from attributions found before (those of `acts`). With
    `nlp`, the text is parsed for unattributed claims; without, claims are not looked for."""
    tally = Tally(check_below, limit)
    shown = [a for a in attributions if a.act in acts]
    for a in shown:
        tally.add(ReportAttribution.from_attribution(a, article))
    if nlp is not None:
        tally.add_claims(_claims(nlp, article, attribution_spans(shown)))
    title = article.title or article.id
    return tally.report("article", title, 1, claims_checked=nlp is not None, meta=_meta(article), text=article.text)


def article_report(
    db: Database,
    article_id: str,
    nlp,
    *,
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
    limit: Optional[int] = None,
) -> Report:
    """A stored article's report; with `nlp` None, claims are not looked for (no parse)."""
    check_text(article_id)
    article = report_queries.article(db, article_id)
    if article is None:
        raise ReportError(f"no article with id {article_id!r} in the database")
    tally = Tally(check_below, limit)
    covered: list[CharSpan] = []
    for row in report_queries.attributions(db, Scope(article=article_id, confirmed=confirmed), acts):
        a = ReportAttribution.from_row(row, article["text"])
        tally.add(a)
        covered.extend(a.spans)
    if nlp is not None:
        tally.add_claims(_claims(nlp, Article(id=article_id, text=article["text"]), covered))
    meta = {name: article[name] for name in META_FIELDS} | {"id": article_id}
    return tally.report(
        "article", article["title"] or article_id, 1, claims_checked=nlp is not None, meta=meta, text=article["text"]
    )


def publisher_report(
    db: Database,
    publisher: str,
    *,
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
    limit: Optional[int] = None,
) -> Report:
    check_text(publisher)
    name = report_queries.publisher_name(db, publisher)
    if name is None:
        raise ReportError(f"no articles from publisher {publisher!r} in the database")
    scope = Scope(publisher=publisher, confirmed=confirmed)
    return _stored_report(db, scope, "publisher", name, check_below, acts, limit)


def speaker_report(
    db: Database,
    speaker: str,
    *,
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
    limit: Optional[int] = None,
) -> Report:
    check_text(speaker)
    names = report_queries.speaker_names(db, speaker)
    if not names:
        close = closest_names(db, speaker)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise ReportError(f"no speaker matching {speaker!r} in the database{hint}")
    title = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more matching {speaker!r}"
    return _stored_report(db, Scope(speaker=speaker, confirmed=confirmed), "speaker", title, check_below, acts, limit)


def corpus_report(
    db: Database,
    *,
    title: str = "the corpus",
    check_below: float = CHECK_BELOW,
    acts: frozenset[str] = DEFAULT_ACTS,
    confirmed: bool = False,
    limit: Optional[int] = None,
) -> Report:
    return _stored_report(db, Scope(confirmed=confirmed), "corpus", title, check_below, acts, limit)


def _analysed(
    articles: Iterable[Article], nlp, acts: frozenset[str], on_error: Optional[Callable[[AnalysisError], None]]
) -> Iterator[tuple[Article, list[Attribution], list[Claim]]]:
    """(article, its attributions of `acts`, its unattributed claims) for each article
    the analysis gets through (`attrib.run.pieces.analysed`); claims are found in each piece
    parsed, with the attributions of `acts` in it."""
    from attrib.run.pieces import analysed

    claims: dict[int, list[Claim]] = {}  # by id(article), until the article is through

    def find_claims(article: Article, offset: int, doc) -> None:
        shown = [a for a in doc._.attributions if a.act in acts]
        found = unattributed_claims(doc, attribution_spans(shown), article.id)
        claims.setdefault(id(article), []).extend(_moved(claim, offset, article.text) for claim in found)

    for article, attributions, failure in analysed(articles, nlp, batch_size=4, on_piece=find_claims):
        found = claims.pop(id(article), [])
        if failure is not None:
            error = AnalysisError(article.source_path or article.id, article.id, failure, article.source_line)
            if on_error is None:
                raise error
            on_error(error)
            continue
        yield article, [a for a in attributions if a.act in acts], found


def _claims(nlp, article: Article, covered: list[CharSpan]) -> list[Claim]:
    """The article's unattributed claims, its attributions known (`covered`): the text
    parsed for sentences and entities only, in pieces as an analysis would be."""
    from attrib.run.pieces import analysed

    claims: list[Claim] = []

    def find_claims(_: Article, offset: int, doc) -> None:
        inside = [(s - offset, e - offset) for s, e in covered if s < offset + len(doc.text) and e > offset]
        claims.extend(_moved(claim, offset, article.text) for claim in unattributed_claims(doc, inside, article.id))

    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name == "attrib"]):
        for _, _, failure in analysed([article], nlp, batch_size=1, on_piece=find_claims):
            if failure is not None:
                raise ReportError(f"article {article.id!r}: could not look for unattributed claims ({failure})")
    return claims


def _moved(claim: Claim, offset: int, text: str) -> Claim:
    """A claim found in a piece of `text` that starts at `offset`, in the whole text
    (its words from the text as read, not the parsed copy)."""
    spans = [(s + offset, e + offset) for s, e in claim.spans]
    return replace(claim, spans=spans, text=" ".join(text[s:e] for s, e in spans))


def _meta(article: Article) -> dict[str, Optional[str]]:
    return {name: getattr(article, name) for name in META_FIELDS} | {"id": article.id}


def _stored_report(
    db: Database, scope: Scope, kind: str, title: str, check_below: float, acts: frozenset[str],
    limit: Optional[int],
) -> Report:
    tally = Tally(check_below, limit)
    texts = ArticleTexts(db)
    for row in report_queries.attributions(db, scope, acts):
        tally.add(ReportAttribution.from_row(row, texts[row["article"]]))
    return tally.report(kind, title, report_queries.count_articles(db, scope), claims_checked=False)
