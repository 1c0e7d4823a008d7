"""Open the quote database and write analysed articles into it.

The database is SQLite in WAL mode, so queries read while an ingest writes, with a
busy timeout, so two ingests on one file take turns instead of failing: SQLite
retries a locked write until the timeout, and `write_transaction` takes the write
lock at BEGIN, since a read turned into a write is where SQLite gives up at once.
Writes are whole articles: an article and all its attributions go in one transaction
(many articles share a transaction when written as a batch), so a crash leaves each
article either fully stored or absent. An article is known by the hash of its text: storing
it again is a no-op, which makes re-running an ingest, or two overlapping ones, safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Optional

from sqlite_utils import Database

from attrib.errors import InputError, StoreError
from attrib.model import Article, Attribution, Spans
from attrib.store import corrections, identity
from attrib.store.schema import MIGRATIONS, migrate
from attrib.store.speaker_evidence import mention_alias

ENV_VAR = "ATTRIB_DB"
DEFAULT_PATH = "attrib.db"
# Long enough to wait out another process's batch commit (its parsing is done outside
# the transaction, so a commit holds the lock for milliseconds), short enough to notice
# a stuck one.
BUSY_TIMEOUT_SECONDS = 30.0
# How long to wait before trying again where SQLite refuses to wait itself (`_set_up`).
LOCKED_RETRY_SECONDS = 0.05


def database_path(path: Optional[str | Path] = None) -> Path:
    """The database to use: the one given, else $ATTRIB_DB, else ./attrib.db."""
    return Path(path or os.environ.get(ENV_VAR) or DEFAULT_PATH)


def open_database(path: str | Path, *, create: bool = True) -> Database:
    """Open (or create) a quote database to write to, in WAL mode, with its schema up
    to date: for `ingest` and the commands that change what is stored. A file that is
    not an attrib database, or is one from a newer attrib, is refused before anything
    is changed in it."""
    path = Path(path)
    if not create and not path.is_file():
        raise StoreError(f"{path}: no database here (run `attrib ingest` first, or give --db)")
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
        check_schema(conn, path, reading=False)
        db = Database(conn)
        db.execute("PRAGMA foreign_keys = ON")
        _set_up(db)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open the database ({error})") from None
    return db


def open_for_reading(path: str | Path) -> Database:
    """Open a quote database read-only, for queries and reports: nothing is created,
    migrated or switched to WAL, and SQLite itself refuses any write. A file that is
    not an attrib database, or not of this attrib's schema, is refused (StoreError)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no database here (run `attrib ingest` first, or give --db)")
    try:
        conn = connect_read_only(path)
        check_schema(conn, path, reading=True)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open the database ({error})") from None
    return Database(conn)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (`mode=ro`). Where that can't read (a WAL database on a
    read-only filesystem or in a folder this user can't write: SQLite can't make the
    WAL's shared-memory file), the file is opened `immutable`: read as it is, with no
    locks. Nothing can write it then anyway; what a WAL file beside it holds that was
    not checkpointed is not seen."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        if "unable to open" not in str(error) and "readonly" not in str(error):
            raise
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def check_schema(conn: sqlite3.Connection, path: Path, *, reading: bool) -> None:
    """Refuse a file that is not an attrib database (it has tables, but not attrib's
    record of migrations) or that a newer attrib has migrated further than this one
    knows. An empty file or a new one is a database to create when writing, and
    has nothing to read. Reading needs the schema this attrib writes: an older
    database is upgraded by the next `attrib ingest` into it."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    if not tables:
        if reading:
            raise StoreError(f"{path}: not an attrib database (it is empty; run `attrib ingest` first)")
        return
    if "_migrations" not in tables:
        raise StoreError(f"{path}: not an attrib database (another program's SQLite file?); refused, nothing changed")
    applied = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    known = [m.__name__ for m in MIGRATIONS]
    newer = sorted(applied - set(known))
    if newer:
        raise StoreError(
            f"{path}: made by a newer attrib (schema {newer[-1]}; this attrib knows up to {known[-1]}); upgrade attrib"
        )
    if reading and set(known) - applied:
        raise StoreError(
            f"{path}: made by an older attrib (schema {max(applied, default='none')}); "
            "any `attrib ingest` into it upgrades it"
        )


def _set_up(db: Database) -> None:
    """WAL mode and the schema, retried while another process holds the file.

    SQLite answers "database is locked" at once, without waiting out the busy timeout,
    where waiting could deadlock: switching a new file to WAL, or a reader turning
    writer, while another process opens the same new file. Two ingests started
    together on a new database met it (rarely): the loser retries until the timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            db.enable_wal()
            migrate(db)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            if db.conn.in_transaction:
                db.conn.rollback()
            time.sleep(LOCKED_RETRY_SECONDS)


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_article(db: Database, text_hash: str) -> bool:
    return db.execute("SELECT 1 FROM articles WHERE content_hash = ?", [text_hash]).fetchone() is not None


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock at the start.

    A deferred BEGIN would read first and upgrade to writing later, and in WAL mode
    that upgrade fails at once if another process committed in between; IMMEDIATE
    waits for the lock (up to the busy timeout) instead. Whatever goes wrong, nothing
    of the transaction is kept; a lock held past the timeout, a full disk or an I/O
    error become a StoreError.
    """
    try:
        db.execute("BEGIN IMMEDIATE")
        yield db
        db.commit()
    except sqlite3.OperationalError as error:
        db.rollback()
        raise StoreError(f"cannot write to the database ({error})") from None
    except BaseException:
        db.rollback()
        raise


def store_articles(
    db: Database, analysed: Iterable[tuple[Article, list[Attribution]]]
) -> list[bool | InputError]:
    """Write a batch of analysed articles in one transaction: for each, True when it
    was added, False when it was already stored (the same text was ingested before),
    or an InputError when it could not be written.

    Each article is written under a savepoint of its own, so one that fails (a value
    SQLite refuses, say) is undone whole and the rest of the batch is still committed.
    A failure of the database itself (locked, full, read-only) is no article's: it
    undoes the batch and raises StoreError (`write_transaction`)."""
    results: list[bool | InputError] = []
    with write_transaction(db):
        added: list[str] = []
        for article, attributions in analysed:
            db.execute("SAVEPOINT article")
            try:
                new = write_article(db, article, attributions)
            except sqlite3.OperationalError:
                raise
            except Exception as error:  # noqa: BLE001 - this article's failure alone
                db.execute("ROLLBACK TO article")
                db.execute("RELEASE article")
                results.append(
                    InputError(
                        article.source_path or article.id,
                        f"cannot store article {article.id!r} ({type(error).__name__}: {error})",
                        article.source_line,
                    )
                )
            else:
                db.execute("RELEASE article")
                results.append(new)
                if new:
                    added.append(article.id)
        _tidy_speakers(db, added)
    return results


def replace_attributions(db: Database, analysed: Iterable[tuple[Article, list[Attribution]]]) -> int:
    """Store a new analysis of articles already stored (`Article.id` is the stored
    id), in one transaction: their old attributions go, the human's corrections are
    applied to the new ones. Returns how many articles were stored."""
    with write_transaction(db):
        article_ids: list[str] = []
        before: set[int] = set()
        for article, attributions in analysed:
            before.update(
                row[0]
                for row in db.execute(
                    "SELECT DISTINCT speaker_id FROM attributions WHERE article_id = ? AND speaker_id IS NOT NULL",
                    [article.id],
                )
            )
            db.execute("DELETE FROM attributions WHERE article_id = ?", [article.id])
            _insert_attributions(db, article.id, attributions)
            article_ids.append(article.id)
        _tidy_speakers(db, article_ids, also=before)
        return len(article_ids)


def _tidy_speakers(db: Database, article_ids: list[str], also: Iterable[int] = ()) -> None:
    """Once a batch's attributions are written: the speakers they touched tidied
    (surname rows joined to their person, aliases counted again)."""
    touched = set(also)
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        touched.update(
            row[0]
            for row in db.execute(
                f"""SELECT DISTINCT speaker_id FROM attributions
                    WHERE speaker_id IS NOT NULL AND article_id IN ({', '.join('?' * len(chunk))})""",
                chunk,
            )
        )
    identity.tidy(db, touched)


def stored_count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def stored_articles(db: Database) -> Iterator[Article]:
    """Every stored article, as read (for analysing it again), in the order stored;
    each read when it is wanted, since they are written again meanwhile."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY rowid").fetchall():
        row = db.execute(
            "SELECT text, title, published, publisher, url, source_path, author FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is not None:
            text, title, published, publisher, url, source_path, author = row
            yield Article(id=article_id, text=text, title=title, published=published, publisher=publisher, url=url,
                          source_path=source_path, author=author)


def write_article(db: Database, article: Article, attributions: list[Attribution]) -> bool:
    """Insert one article and its attributions; call inside `write_transaction`.

    The duplicate check is made here, under the write lock, as well as before parsing:
    another process may have stored the same text in the meantime.
    """
    text_hash = content_hash(article.text)
    if has_article(db, text_hash):
        return False
    article_id = _free_article_id(db, article.id, text_hash)
    db.execute(
        """INSERT INTO articles (id, title, published, publisher, author, url, source_path,
                                 content_hash, text, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            article_id, article.title, article.published, article.publisher, article.author, article.url,
            article.source_path, text_hash, article.text, now(),
        ],
    )
    _insert_attributions(db, article_id, attributions)
    return True


def _insert_attributions(db: Database, article_id: str, attributions: list[Attribution]) -> None:
    """The article's attributions, their speakers linked to the corpus's, and a
    human's reviews of them applied again."""
    speaker_ids = identity.link_speakers(db, attributions, article_id)
    for a, speaker_id in zip(attributions, speaker_ids):
        speaker = a.speaker
        mention = speaker.mention.text if speaker and speaker.mention else None
        db.execute(
            """INSERT INTO attributions (article_id, speaker_id, kind, content, content_spans, cue, cue_spans,
                                         speaker_mention, mention_spans, via, via_type, channel, tier,
                                         confidence, sentence, act, key, speaker_in_article, mention_alias,
                                         speaker_type, speaker_unsure)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                article_id,
                speaker_id,
                a.kind,
                a.content.text,
                _spans_json(a.content),
                a.cue.text if a.cue else None,
                _spans_json(a.cue),
                mention,
                _spans_json(speaker.mention if speaker else None),
                a.via.name if a.via else None,
                a.via.type if a.via else None,
                a.channel,
                a.tier,
                round(float(a.confidence), 4),
                a.sentence,
                a.act,
                a.id,
                speaker.name if speaker else None,
                mention_alias(mention, speaker.name) if speaker else None,
                speaker.type if speaker else None,
                int(identity.speaks(a) and not identity.is_credited(a)),
            ],
        )
    corrections.apply_reviews(db, article_id)


def _spans_json(spans: Optional[Spans]) -> Optional[str]:
    return json.dumps([list(s) for s in spans.spans]) if spans else None


def _free_article_id(db: Database, wanted: str, text_hash: str) -> str:
    """The reader's id, unless another article already has it (two folders holding a
    `story.txt`, say): then the id gets the start of the text's hash."""
    taken = db.execute("SELECT 1 FROM articles WHERE id = ?", [wanted]).fetchone()
    return f"{wanted}-{text_hash[:8]}" if taken else wanted


def record_failure(db: Database, error: InputError) -> None:
    """Keep an input that could not be read (one row per file and line, the latest error)."""
    with write_transaction(db):
        db.execute("DELETE FROM failures WHERE path = ? AND line IS ?", [error.path, error.line])
        db.execute(
            "INSERT INTO failures (path, line, error, at) VALUES (?, ?, ?, ?)",
            [error.path, error.line, error.message, now()],
        )


def forget_failures(db: Database, paths: Iterable[str], before: str) -> None:
    """Drop failures recorded before `before` for paths read again since: those inputs
    now read cleanly (a failure that recurred was recorded again, with a later time)."""
    paths = sorted(set(paths))
    with write_transaction(db):
        for path in paths:
            db.execute("DELETE FROM failures WHERE path = ? AND at < ?", [path, before])


def failed_paths(db: Database) -> list[str]:
    """The inputs with failures on record, for a run that retries them."""
    return [row[0] for row in db.execute("SELECT DISTINCT path FROM failures ORDER BY path")]
