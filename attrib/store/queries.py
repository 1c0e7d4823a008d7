"""Questions asked of the quote database: who said a phrase, quotes by filter,
speakers with their sourcing, and read-only SQL.

User text never becomes SQL or FTS syntax: filters are bound parameters, LIKE
patterns escape their wildcards, and a phrase is searched as one quoted FTS5 string,
so `AND`, `NEAR(`, `*` or a stray `"` are words to find, not operators; text that
can't be encoded (command-line bytes that are not UTF-8) or holds a NUL is refused
with a QueryTextError. Results come in the order stored (ingest order, reading order
within an article): that order is the FTS index's own, so a search stops at its
LIMIT instead of ranking every match.

Each query returns `Results`: a list of rows that also knows how many there were
before the limit (so a caller can say "50 of 239"; counted only when the limit cut).
Rows carry their context: who-said a snippet of the content around the match, quotes
the sentence the statement is in (attrib/context.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlite_utils import Database

from attrib.context import sentence_around
from attrib.errors import QueryTextError, ReadOnlyQueryError, StoreError
from attrib.model import ACTS, DEFAULT_ACTS
from attrib.store import speaker_search

Row = dict[str, Any]

WORD = re.compile(r"\w")
# Longer query text is refused: SQLite's LIKE takes patterns of at most 50,000 bytes,
# and no name, phrase or publisher is anywhere near this long.
MAX_QUERY_TEXT = 1000
# How a who-said snippet marks the phrase found, and how many words it holds.
MATCH_MARK = "**"
SNIPPET_WORDS = 16
# Where an attribution's content, cue and speaker mention are in its article's text.
SPAN_COLUMNS = ("content_spans", "cue_spans", "mention_spans")


class Results(list):
    """Rows (a list like any other), and `total`: how many there were before the limit."""

    def __init__(self, rows: list[Row], total: int):
        super().__init__(rows)
        self.total = total


def _results(db: Database, rows: list[Row], limit: int, count_sql: str, params: dict[str, Any]) -> Results:
    """`rows`, fetched with LIMIT limit + 1: one row too many means the limit cut, and
    only then are they all counted."""
    if not limit or len(rows) <= limit:
        return Results(rows, len(rows))
    return Results(rows[:limit], db.execute(count_sql, params).fetchone()[0])


def check_text(text: str, max_length: Optional[int] = MAX_QUERY_TEXT) -> None:
    """Refuse text SQLite can't take as it is: Python turns command-line bytes that are
    not UTF-8 into lone surrogates, which can't be encoded, and SQLite reads a string
    only up to a NUL (so a speaker filter holding one would match every name)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise QueryTextError(f"{_shorten(text)} is not valid text (bytes that are not UTF-8)") from None
    if "\x00" in text:
        raise QueryTextError(f"{_shorten(text)} is not valid text (a NUL character)")
    if max_length is not None and len(text) > max_length:
        raise QueryTextError(f"{_shorten(text)} is too long to search for ({len(text):,} characters; at most {max_length:,})")


def fts_phrase(text: str) -> Optional[str]:
    """`text` as one FTS5 phrase (a double-quoted string, inner quotes doubled), or
    None when it holds no word to search for."""
    check_text(text)
    if not WORD.search(text):
        return None
    return '"' + text.replace('"', '""') + '"'


# An attribution held back from its speaker's row until a person reviews it
# (attrib/store/identity.py, CREDIT_CONFIDENCE): it keeps the name the engine gave.
HELD_BACK = "attributions.speaker_unsure AND attributions.review IS NULL"
# The speaker a listing shows: the row's name, else a held-back attribution's name
# with a question mark ("Axios sources?").
SPEAKER_SHOWN = f"coalesce(speakers.name, CASE WHEN {HELD_BACK} THEN attributions.speaker_in_article || '?' END)"


def who_said(
    db: Database, phrase: str, limit: int = 50, confirmed: bool = False, acts: frozenset[str] = DEFAULT_ACTS
) -> Results:
    """The attributions of `acts` whose content holds `phrase`, with speaker and article
    (at most `limit`, 0 for all), each with a snippet of its content around the match,
    the match between MATCH_MARKs; never one a human rejected, and with `confirmed`
    only those a human confirmed."""
    match = fts_phrase(phrase)
    if match is None:
        return Results([], 0)
    condition, act_params = act_condition(acts)
    # The FTS subquery walks the index in rowid order and stops at the limit; joining
    # first, or ordering by rank or date, would visit every match of a common phrase.
    hits = f"""attributions_fts WHERE attributions_fts MATCH :match
               AND rowid {"IN" if confirmed else "NOT IN"} (SELECT id FROM attributions WHERE review = :review)"""
    if condition:
        hits += f" AND rowid IN (SELECT id FROM attributions WHERE {condition})"
    params = {
        "match": match,
        "limit": limit + 1 if limit else -1,  # SQLite reads a negative LIMIT as none
        "review": "confirmed" if confirmed else "rejected",
        **act_params,
    }
    rows = _rows(
        db.execute(
            f"""SELECT {SPEAKER_SHOWN} AS speaker, attributions.tier, attributions.confidence,
                       hits.snippet, attributions.content, articles.id AS article, articles.published
                FROM (SELECT rowid, snippet(attributions_fts, 0, '{MATCH_MARK}', '{MATCH_MARK}', '\u2026',
                                            {SNIPPET_WORDS}) AS snippet
                      FROM {hits}
                      ORDER BY rowid LIMIT :limit) AS hits
                JOIN attributions ON attributions.id = hits.rowid
                JOIN articles ON articles.id = attributions.article_id
                LEFT JOIN speakers ON speakers.id = attributions.speaker_id
                ORDER BY attributions.id""",
            params,
        )
    )
    count = f"SELECT count(*) FROM {hits}"
    return _results(db, rows, limit, count, params)


@dataclass
class QuoteFilters:
    speaker: Optional[str] = None  # a name or alias, any case (`speaker_search.matching_speakers`)
    tiers: list[int] = field(default_factory=list)
    kind: Optional[str] = None
    article: Optional[str] = None  # an article id
    publisher: Optional[str] = None  # any case
    since: Optional[date] = None  # published on or after
    until: Optional[date] = None  # published on or before
    min_confidence: float = 0.0
    limit: int = 100  # 0 for no limit
    confirmed: bool = False  # only attributions a human confirmed (`attrib review`)
    acts: frozenset[str] = DEFAULT_ACTS  # what the attributions report (statements by default)

    def where(self, db: Database) -> tuple[str, dict[str, Any]]:
        """A WHERE clause over `attributions` joined to `articles`, and its parameters
        (`db` finds the speakers a name stands for). One `if` per filter."""
        for text in (self.speaker, self.kind, self.article, self.publisher):
            if text:
                check_text(text)
        clauses: list[str] = [review_clause(self.confirmed)]
        condition, params = act_condition(self.acts)
        if condition:
            clauses.append(condition)
        if self.speaker:
            clause, speaker_params = speaker_clause(db, self.speaker)
            clauses.append(clause)
            params.update(speaker_params)
        if self.tiers:
            names = [f"tier{i}" for i in range(len(self.tiers))]
            clauses.append(f"attributions.tier IN ({', '.join(':' + n for n in names)})")
            params.update(zip(names, self.tiers))
        if self.kind:
            clauses.append("attributions.kind = :kind")
            params["kind"] = self.kind
        if self.article:
            clauses.append("attributions.article_id = :article")
            params["article"] = self.article
        if self.publisher:
            clauses.append("articles.publisher = :publisher COLLATE NOCASE")
            params["publisher"] = self.publisher
        if self.since:
            clauses.append("articles.published >= :since")
            params["since"] = self.since.isoformat()
        if self.until:
            # `published` may carry a time after the date: compare with the next day.
            clauses.append("articles.published < date(:until, '+1 day')")
            params["until"] = self.until.isoformat()
        if self.min_confidence:
            clauses.append("attributions.confidence >= :min_confidence")
            params["min_confidence"] = self.min_confidence
        return "WHERE " + " AND ".join(clauses), params


def review_clause(confirmed: bool) -> str:
    """The attributions a query shows: never those a human rejected; with
    `confirmed`, only those a human confirmed (or corrected)."""
    return "attributions.review = 'confirmed'" if confirmed else "attributions.review IS NOT 'rejected'"


def speaker_clause(db: Database, text: str) -> tuple[str, dict[str, Any]]:
    """A WHERE term for the speakers `text` names (see `speaker_search.matching_speakers`)."""
    ids = speaker_search.matching_speakers(db, text)
    return "attributions.speaker_id IN (SELECT value FROM json_each(:speaker_ids))", {"speaker_ids": json.dumps(ids)}


def act_condition(acts: frozenset[str]) -> tuple[str, dict[str, Any]]:
    """A condition on `attributions.act` keeping `acts` (every act: none), and its
    parameters. Rows stored before acts were decided have none: only every act shows them."""
    if set(acts) >= set(ACTS):
        return "", {}
    names = sorted(acts)
    keys = [f"act{i}" for i in range(len(names))]
    return f"attributions.act IN ({', '.join(':' + k for k in keys)})", dict(zip(keys, names))


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def quotes(db: Database, filters: QuoteFilters) -> Results:
    """The attributions the filters select, each with the sentence it is in."""
    where, params = filters.where(db)
    sql = f"""SELECT attributions.id, {SPEAKER_SHOWN} AS speaker, attributions.kind, attributions.act,
                     attributions.tier, attributions.confidence, attributions.content, attributions.via,
                     articles.id AS article, articles.published,
                     attributions.content_spans, attributions.cue_spans, attributions.mention_spans
              FROM attributions
              JOIN articles ON articles.id = attributions.article_id
              LEFT JOIN speakers ON speakers.id = attributions.speaker_id
              {where}
              ORDER BY attributions.id"""
    count = f"SELECT count(*) FROM attributions JOIN articles ON articles.id = attributions.article_id {where}"
    if filters.limit:
        sql += " LIMIT :limit"
        params["limit"] = filters.limit + 1
    rows = _rows(db.execute(sql, params))
    texts = ArticleTexts(db)
    for row in rows:
        spans = [span for column in SPAN_COLUMNS for span in json.loads(row.pop(column) or "[]")]
        row["sentence"] = sentence_around(texts[row["article"]], spans)
    return _results(db, rows, filters.limit, count, params)


class ArticleTexts:
    """Article texts by id, the last one kept: rows in the order stored come article
    by article, so each text is read once."""

    def __init__(self, db: Database):
        self.db = db
        self.id: Optional[str] = None
        self.text = ""

    def __getitem__(self, article_id: str) -> str:
        if article_id != self.id:
            row = self.db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
            self.id, self.text = article_id, row[0] if row else ""
        return self.text


# A line of `speakers`: a speaker's row, or every article's row describing one name so.
SPEAKER_LINE = "CASE WHEN speakers.described_in IS NULL THEN speakers.id ELSE speakers.type || ':' || lower(speakers.name) END"


def speakers(db: Database, limit: int = 0, confirmed: bool = False, acts: frozenset[str] = DEFAULT_ACTS) -> Results:
    """Each speaker with the number of its attributions of `acts` in each sourcing tier,
    and its aliases with how many attributions used each ("Trump 111, Mr. Trump 9").
    The articles' descriptions of one name ("sources", a row an article) are one line."""
    condition, params = act_condition(acts)
    shown = f"{review_clause(confirmed)} AND {condition}" if condition else review_clause(confirmed)
    sql = f"""SELECT speakers.name AS speaker, speakers.type,
                    sum(attributions.tier = 1) AS on_record,
                    sum(attributions.tier = 2) AS second_hand,
                    sum(attributions.tier = 3) AS anonymous,
                    sum(attributions.tier = 4) AS unsourced,
                    count(*) AS total,
                    speakers.aliases
             FROM attributions JOIN speakers ON speakers.id = attributions.speaker_id
             WHERE {shown}
             GROUP BY {SPEAKER_LINE}
             ORDER BY total DESC, speakers.name"""
    if limit:
        sql += " LIMIT :limit"
        params["limit"] = limit + 1
    rows = _rows(db.execute(sql, params))
    for row in rows:
        row["aliases"] = ", ".join(f"{alias} {count}" for alias, count in json.loads(row["aliases"] or "{}").items())
    count = f"""SELECT count(DISTINCT {SPEAKER_LINE})
                FROM attributions JOIN speakers ON speakers.id = attributions.speaker_id WHERE {shown}"""
    return _results(db, rows, limit, count, params)


# The read-only file refuses writes by itself; these would still work on it: ATTACH
# (an attached file is writable, and could be any file) and anything written to the
# temporary database (`CREATE TEMP TABLE`, and `CREATE TABLE temp.t`, which SQLite
# reports as a plain CREATE TABLE in the database "temp").
REFUSED_ACTIONS = {
    sqlite3.SQLITE_ATTACH,
    sqlite3.SQLITE_DETACH,
    sqlite3.SQLITE_CREATE_TEMP_TABLE,
    sqlite3.SQLITE_CREATE_TEMP_INDEX,
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER,
    sqlite3.SQLITE_CREATE_TEMP_VIEW,
}
WRITE_ACTIONS = {
    sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_CREATE_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_CREATE_VTABLE, sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_DROP_TABLE,
    sqlite3.SQLITE_DROP_TRIGGER, sqlite3.SQLITE_DROP_VIEW, sqlite3.SQLITE_DROP_VTABLE, sqlite3.SQLITE_DROP_TEMP_INDEX,
    sqlite3.SQLITE_DROP_TEMP_TABLE, sqlite3.SQLITE_DROP_TEMP_TRIGGER, sqlite3.SQLITE_DROP_TEMP_VIEW,
    sqlite3.SQLITE_ALTER_TABLE, sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE,
}
# SQLite runs a statement without returning to Python, so Ctrl-C would wait for a
# runaway query (a recursive CTE with no end, say) to finish; a call into Python every
# this many steps lets the interrupt land, which aborts the statement.
INTERRUPT_CHECK_STEPS = 100_000


def _authorizer(action: int, *args: Any) -> int:
    if action in REFUSED_ACTIONS or (action in WRITE_ACTIONS and args[2] == "temp"):
        return sqlite3.SQLITE_DENY
    # Pragmas that would write the file's log, which SQLite answers on a read-only
    # connection with a puzzling "disk I/O error"; other pragmas set the connection only.
    if action == sqlite3.SQLITE_PRAGMA:
        pragma, value = args[0].lower(), args[1]
        if pragma == "wal_checkpoint" or (pragma == "journal_mode" and value is not None):
            return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def sql(path: str | Path, query: str, params: Optional[dict[str, Any]] = None) -> Iterator[Row]:
    """Run one read-only SQL statement; rows stream as they are read.

    The file is opened read-only (`open_for_reading`: `mode=ro`, or `immutable` on a
    read-only filesystem), so SQLite itself refuses any write to it, and an
    authorizer refuses what a read-only file still allows (ATTACH, TEMP).
    """
    from attrib.store.db import open_for_reading

    check_text(query, max_length=None)
    conn = open_for_reading(path).conn
    conn.set_authorizer(_authorizer)
    conn.set_progress_handler(lambda: 0, INTERRUPT_CHECK_STEPS)
    try:
        cursor = conn.execute(query, params or {})
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _sql_error(query, error) from None
    return _stream(conn, cursor, query)


def _sql_error(query: str, error: sqlite3.DatabaseError) -> StoreError:
    message = str(error)
    if any(refusal in message for refusal in ("not authorized", "authorization denied", "readonly")):
        return ReadOnlyQueryError(f"{_shorten(query)} is refused: the database is opened read-only")
    return StoreError(f"SQL error: {message}")


def _stream(conn: sqlite3.Connection, cursor: sqlite3.Cursor, query: str) -> Iterator[Row]:
    # A statement can fail on any row (an overflow, an interrupt), not only the first.
    try:
        columns = [c[0] for c in cursor.description or ()]
        for row in cursor:
            yield dict(zip(columns, row))
    except sqlite3.DatabaseError as error:
        raise _sql_error(query, error) from None
    finally:
        conn.close()


def _rows(cursor: sqlite3.Cursor) -> list[Row]:
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row)) for row in cursor]


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "\u2026")
