"""The questions `attrib report` asks of the quote database: one article, the
attributions of a scope (an article, a publisher, a speaker, or everything), and how
many articles a scope covers.

Attributions stream from the cursor in the order stored, so a report over a large
corpus counts them without holding them all. Filters are bound parameters; a speaker
matches by part of its canonical name or of an alias, any case, as `attrib quotes
--speaker` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from sqlite_utils import Database

from attrib.model import DEFAULT_ACTS
from attrib.store import speaker_search
from attrib.store.queries import HELD_BACK, act_condition, review_clause, speaker_clause

Row = dict[str, Any]


@dataclass
class Scope:
    """At most one of these is set; none means the whole corpus."""

    article: Optional[str] = None  # an article id
    publisher: Optional[str] = None  # any case
    speaker: Optional[str] = None  # a name or alias, any case (`speaker_search.matching_speakers`)
    confirmed: bool = False  # only attributions a human confirmed

    def where(self, db: Database) -> tuple[str, dict[str, Any]]:
        """A WHERE clause over `attributions` joined to `articles`, and its parameters;
        attributions a human rejected are never in a scope."""
        review = review_clause(self.confirmed)
        if self.article is not None:
            return f"WHERE attributions.article_id = :article AND {review}", {"article": self.article}
        if self.publisher is not None:
            return f"WHERE articles.publisher = :publisher COLLATE NOCASE AND {review}", {"publisher": self.publisher}
        if self.speaker is not None:
            clause, params = speaker_clause(db, self.speaker)
            return f"WHERE {clause} AND {review}", params
        return f"WHERE {review}", {}


def article(db: Database, article_id: str) -> Optional[Row]:
    """One article with its text, or None."""
    cursor = db.execute(
        "SELECT id, title, published, publisher, url, author, text FROM articles WHERE id = ?", [article_id]
    )
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row)) if row else None


def attributions(db: Database, scope: Scope, acts: frozenset[str] = DEFAULT_ACTS) -> Iterator[Row]:
    """The scope's attributions of the chosen acts, with speaker, article, publisher and
    date, in the order stored."""
    where, params = scope.where(db)
    condition, act_params = act_condition(acts)
    if condition:
        where = f"{where} AND {condition}"
        params = {**params, **act_params}
    # A held-back attribution shows the speaker the engine gave, as the report of the
    # article's file would; a speaker's scope holds only what counts for it.
    cursor = db.execute(
        f"""SELECT attributions.article_id AS article,
                   coalesce(speakers.name, CASE WHEN {HELD_BACK} THEN attributions.speaker_in_article END) AS speaker,
                   coalesce(speakers.type, CASE WHEN {HELD_BACK} THEN attributions.speaker_type END) AS speaker_type,
                   attributions.kind, attributions.act, attributions.tier, attributions.confidence,
                   attributions.content, attributions.content_spans, attributions.cue, attributions.cue_spans,
                   attributions.speaker_mention, attributions.mention_spans, attributions.via, attributions.channel,
                   articles.publisher, articles.published
            FROM attributions
            JOIN articles ON articles.id = attributions.article_id
            LEFT JOIN speakers ON speakers.id = attributions.speaker_id
            {where}
            ORDER BY attributions.id""",
        params,
    )
    columns = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(columns, row))


def count_articles(db: Database, scope: Scope) -> int:
    """Articles in the scope: for a publisher or the corpus, those without any
    attribution count too; for a speaker, the articles quoting them."""
    if scope.article is not None:
        sql, params = "SELECT count(*) FROM articles WHERE id = :article", {"article": scope.article}
    elif scope.publisher is not None:
        sql, params = "SELECT count(*) FROM articles WHERE publisher = :publisher COLLATE NOCASE", {
            "publisher": scope.publisher
        }
    elif scope.speaker is not None:
        where, params = scope.where(db)
        sql = f"SELECT count(DISTINCT attributions.article_id) FROM attributions {where}"
    else:
        sql, params = "SELECT count(*) FROM articles", {}
    return db.execute(sql, params).fetchone()[0]


def publisher_name(db: Database, publisher: str) -> Optional[str]:
    """The publisher as stored (its own case), or None when no article has it."""
    row = db.execute(
        "SELECT publisher FROM articles WHERE publisher = ? COLLATE NOCASE LIMIT 1", [publisher]
    ).fetchone()
    return row[0] if row else None


def speaker_names(db: Database, speaker: str) -> list[str]:
    """The canonical names a speaker search matches, most quoted first (several
    articles' "sources" are one name here)."""
    ids = json.dumps(speaker_search.matching_speakers(db, speaker))
    names = db.execute(
        "SELECT speakers.name FROM json_each(?) AS found JOIN speakers ON speakers.id = found.value ORDER BY found.key",
        [ids],
    )
    return list(dict.fromkeys(row[0] for row in names))
