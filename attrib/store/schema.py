"""The quote database's schema, built and upgraded by forward-only migrations.

Each migration is a small function appended to MIGRATIONS and recorded by name in
`_migrations` once applied. `migrate()` runs on every open for writing and applies the ones not
yet recorded, so an old database is upgraded in place. A migration that has shipped
is never edited: a change is a new migration at the end of the list.

The shape serves Datasette as much as attrib: the foreign keys point at tables whose
label column is `name` or `title`, so links read as names; the FTS tables let it
offer a search box; `attributions_view` joins everything for browsing.
"""

from __future__ import annotations

import json
import textwrap
from datetime import datetime, timezone
from typing import Callable

from sqlite_utils import Database

Migration = Callable[[Database], None]
MIGRATIONS: list[Migration] = []


def migration(function: Migration) -> Migration:
    MIGRATIONS.append(function)
    return function


@migration
def m001_tables(db: Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "title": str,
            "published": str,
            "publisher": str,
            "author": str,
            "url": str,
            "source_path": str,
            "content_hash": str,
            "text": str,
            "ingested_at": str,
        },
        pk="id",
        not_null={"content_hash", "text"},
    )
    db["speakers"].create(
        {"id": int, "name": str, "type": str, "aliases": str},
        pk="id",
        not_null={"name"},
        defaults={"aliases": "[]"},
    )
    db["attributions"].create(
        {
            "id": int,
            "article_id": str,
            "speaker_id": int,
            "kind": str,
            "content": str,
            "content_spans": str,
            "cue": str,
            "cue_spans": str,
            "speaker_mention": str,
            "mention_spans": str,
            "via": str,
            "via_type": str,
            "channel": str,
            "tier": int,
            "confidence": float,
            "sentence": int,
        },
        pk="id",
        not_null={"article_id", "kind", "content", "tier", "confidence"},
        foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
    )
    # Inputs that could not be read, kept until a later run reads the same path cleanly.
    db["failures"].create({"path": str, "line": int, "error": str, "at": str}, not_null={"path", "error", "at"})


@migration
def m002_full_text_search(db: Database) -> None:
    # Triggers keep the indexes in step with every write, whoever makes it.
    db["attributions"].enable_fts(["content"], create_triggers=True)
    db["speakers"].enable_fts(["name", "aliases"], create_triggers=True)


@migration
def m003_indexes(db: Database) -> None:
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["publisher"])
    db["articles"].create_index(["published"])
    db["speakers"].create_index(["name"], unique=True)
    for column in ("article_id", "speaker_id", "tier", "kind", "confidence"):
        db["attributions"].create_index([column])
    db["failures"].create_index(["path"])


@migration
def m004_browsing_view(db: Database) -> None:
    db.create_view(
        "attributions_view",
        textwrap.dedent(
            """\
        SELECT
            attributions.id,
            attributions.article_id,
            articles.title,
            articles.published,
            articles.publisher,
            speakers.name AS speaker,
            speakers.type AS speaker_type,
            attributions.kind,
            attributions.tier,
            attributions.confidence,
            attributions.content,
            attributions.cue,
            attributions.speaker_mention,
            attributions.via,
            attributions.channel
        FROM attributions
        JOIN articles ON articles.id = attributions.article_id
        LEFT JOIN speakers ON speakers.id = attributions.speaker_id"""
        ),
    )


@migration
def m005_act(db: Database) -> None:
    # What each attribution reports (statement, thought, knowledge, intention, other).
    # Rows stored before this column existed were analysed without it: NULL, shown
    # only when every act is asked for, until the article is ingested again.
    db["attributions"].add_column("act", str)
    db["attributions"].create_index(["act"])
    db.execute("DROP VIEW IF EXISTS attributions_view")
    db.create_view(
        "attributions_view",
        textwrap.dedent(
            """\
        SELECT
            attributions.id,
            attributions.article_id,
            articles.title,
            articles.published,
            articles.publisher,
            speakers.name AS speaker,
            speakers.type AS speaker_type,
            attributions.kind,
            attributions.act,
            attributions.tier,
            attributions.confidence,
            attributions.content,
            attributions.cue,
            attributions.speaker_mention,
            attributions.via,
            attributions.channel
        FROM attributions
        JOIN articles ON articles.id = attributions.article_id
        LEFT JOIN speakers ON speakers.id = attributions.speaker_id"""
        ),
    )


@migration
def m006_speaker_identity(db: Database) -> None:
    # One speaker, one row: what each article named its speaker (`speaker_in_article`)
    # and the mention's name form (`mention_alias`, counted per speaker by the
    # `speaker_aliases` view); the attribution's stable key (`Attribution.id`) and a
    # human's review; a speaker's surname and acronym, which linking looks up. The
    # corrections a human makes: `speaker_corrections` (merge, rename, ignore) and
    # `reviews`. `speakers.aliases` becomes a JSON object, alias -> count.
    from attrib.model import attribution_key
    from attrib.store.identity import acronym, refresh_aliases, surname_of
    from attrib.store.speaker_evidence import mention_alias

    for column in ("key", "speaker_in_article", "mention_alias", "review"):
        db["attributions"].add_column(column, str)
    for column in ("surname", "acronym"):
        db["speakers"].add_column(column, str)
    db["speaker_corrections"].create(
        {"id": int, "action": str, "name": str, "target": str, "type": str, "at": str},
        pk="id",
        not_null={"action", "name", "at"},
    )
    db["reviews"].create(
        {
            "id": int, "article_hash": str, "attribution_key": str, "content": str, "verdict": str,
            "speaker": str, "tier": int, "act": str, "original": str, "at": str,
        },
        pk="id",
        not_null={"article_hash", "attribution_key", "verdict", "at"},
    )
    db["reviews"].create_index(["article_hash", "attribution_key"], unique=True)
    db["speaker_corrections"].create_index(["name"])
    for column in ("key", "mention_alias", "review"):
        db["attributions"].create_index([column])
    db["speakers"].create_index(["surname"])
    db["speakers"].create_index(["acronym"])
    # Rows stored before: the canonical name was the article's name.
    rows = db.execute(
        """SELECT attributions.id, content_spans, cue_spans, content, speaker_mention, speakers.name
           FROM attributions LEFT JOIN speakers ON speakers.id = attributions.speaker_id"""
    ).fetchall()
    for row_id, content_spans, cue_spans, content, mention, name in rows:
        key = attribution_key(json.loads(content_spans or "[]"), json.loads(cue_spans) if cue_spans else None, content)
        db.execute(
            "UPDATE attributions SET key = ?, speaker_in_article = ?, mention_alias = ? WHERE id = ?",
            [key, name, mention_alias(mention, name) if name else None, row_id],
        )
    for speaker_id, name, type in db.execute("SELECT id, name, type FROM speakers").fetchall():
        db.execute(
            "UPDATE speakers SET surname = ?, acronym = ? WHERE id = ?",
            [surname_of(name, type), acronym(name) if type != "person" else None, speaker_id],
        )
    db.create_view(
        "speaker_aliases",
        textwrap.dedent(
            """\
        SELECT attributions.speaker_id, attributions.mention_alias AS alias, count(*) AS count
        FROM attributions JOIN speakers ON speakers.id = attributions.speaker_id
        WHERE attributions.mention_alias IS NOT NULL AND attributions.mention_alias != speakers.name
        GROUP BY attributions.speaker_id, attributions.mention_alias"""
        ),
    )
    refresh_aliases(db, [row[0] for row in db.execute("SELECT id FROM speakers")])
    db.execute("DROP VIEW IF EXISTS attributions_view")
    db.create_view(
        "attributions_view",
        textwrap.dedent(
            """\
        SELECT
            attributions.id,
            attributions.article_id,
            articles.title,
            articles.published,
            articles.publisher,
            speakers.name AS speaker,
            speakers.type AS speaker_type,
            attributions.kind,
            attributions.act,
            attributions.tier,
            attributions.confidence,
            attributions.review,
            attributions.content,
            attributions.cue,
            attributions.speaker_mention,
            attributions.speaker_in_article,
            attributions.via,
            attributions.channel
        FROM attributions
        JOIN articles ON articles.id = attributions.article_id
        LEFT JOIN speakers ON speakers.id = attributions.speaker_id"""
        ),
    )


@migration
def m007_descriptions_per_article(db: Database) -> None:
    # A speaker the article only describes ("sources", "Democrats", "the poll") is that
    # article's: its row holds the article (`described_in`), and a name is unique per
    # article for such rows and across the corpus for the rest (attrib/store/identity.py,
    # `is_description`). Rows stored before stay corpus-wide until their articles are
    # analysed again (`attrib ingest --reanalyse`).
    db["speakers"].add_column("described_in", str)
    db.execute("DROP INDEX IF EXISTS idx_speakers_name")
    db.execute("CREATE UNIQUE INDEX idx_speakers_name_article ON speakers (name, coalesce(described_in, ''))")
    db["speakers"].create_index(["described_in"])


@migration
def m008_surname_particles(db: Database) -> None:
    # A surname now keeps its particle ("de Blasio", so "De Blasio" alone finds "Bill de
    # Blasio"): the looked-up surnames of people stored before, again.
    from attrib.store.identity import surname_of

    for speaker_id, name, type in db.execute("SELECT id, name, type FROM speakers").fetchall():
        db.execute("UPDATE speakers SET surname = ? WHERE id = ?", [surname_of(name, type), speaker_id])


@migration
def m009_unsure_speakers(db: Database) -> None:
    # The engine's type for each attribution's speaker, and whether the attribution was
    # held back from its speaker's row until a person confirms it (its confidence below
    # attrib/store/identity.py's CREDIT_CONFIDENCE). Rows stored before hold NULL: they
    # were credited, until their articles are analysed again.
    db["attributions"].add_column("speaker_type", str)
    db["attributions"].add_column("speaker_unsure", int)
    db.execute("DROP VIEW IF EXISTS attributions_view")
    db.create_view(
        "attributions_view",
        textwrap.dedent(
            """\
        SELECT
            attributions.id,
            attributions.article_id,
            articles.title,
            articles.published,
            articles.publisher,
            speakers.name AS speaker,
            speakers.type AS speaker_type,
            attributions.kind,
            attributions.act,
            attributions.tier,
            attributions.confidence,
            attributions.review,
            attributions.content,
            attributions.cue,
            attributions.speaker_mention,
            attributions.speaker_in_article,
            attributions.speaker_unsure,
            attributions.via,
            attributions.channel
        FROM attributions
        JOIN articles ON articles.id = attributions.article_id
        LEFT JOIN speakers ON speakers.id = attributions.speaker_id"""
        ),
    )


def applied_migrations(db: Database) -> set[str]:
    if not db["_migrations"].exists():
        return set()
    return {row[0] for row in db.execute("SELECT name FROM _migrations")}


def pending_migrations(db: Database) -> list[Migration]:
    applied = applied_migrations(db)
    return [m for m in MIGRATIONS if m.__name__ not in applied]


def migrate(db: Database) -> None:
    """Apply the migrations not yet recorded, all in one write transaction.

    The pending list is read again once the write lock is held, so two processes
    opening a new database at the same moment don't both create the tables.
    """
    if not pending_migrations(db):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
        for function in pending_migrations(db):
            function(db)
            db.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                [function.__name__, datetime.now(timezone.utc).isoformat()],
            )
    except BaseException:
        db.rollback()
        raise
    db.commit()
