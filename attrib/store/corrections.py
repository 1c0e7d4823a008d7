"""A human's corrections, kept in the database and applied to what is stored now and
to everything stored later (new articles, and old ones analysed again).

Speakers: `merge` (one speaker's attributions go to another), `rename` (a speaker's
canonical name, and its type if given), `ignore` (not a speaker: its attributions are
kept with the speaker unknown). Each is a rule in `speaker_corrections` on the name,
latest first, which linking follows before anything else (attrib/store/identity.py).

Attributions: a review confirms or rejects one attribution, and may correct its
speaker, tier and act (a correction confirms it). Confirming an attribution the engine
held back from its speaker's row (`identity.CREDIT_CONFIDENCE`) counts it for that
speaker. A review is kept by the article's text hash and the attribution's stable key
(`Attribution.id`, from where its content and cue are), so it finds the attribution
again after a re-analysis, or in another database; the content's text is kept as well,
for a later version whose spans moved.

`export_corrections` writes both as JSON Lines, which `import_corrections` applies
again, to this database or another.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Optional

from sqlite_utils import Database

from attrib.errors import CorrectionError
from attrib.model import ACTS, SPEAKER_TYPES
from attrib.store import identity, speaker_search

ACTIONS = ("merge", "rename", "ignore")
VERDICTS = ("confirmed", "rejected")
# The shape of an exported correction; a later version reads this one and its own.
FORMAT_VERSION = 1
# Rules chain (A merged into B, B renamed C): a chain longer than this is a cycle.
MAX_CHAIN = 50


def now() -> str:
    return datetime.now(timezone.utc).isoformat()


@dataclass(frozen=True)
class CorrectedName:
    name: str
    type: Optional[str] = None  # the type a rename gave, if any


def corrected_name(db: Database, name: str) -> Optional[CorrectedName]:
    """Where the rules send a name: itself when no rule names it, another name after
    merges and renames, None when it is ignored."""
    current, type = name, None
    for _ in range(MAX_CHAIN):
        row = db.execute(
            "SELECT action, target, type FROM speaker_corrections WHERE name = ? COLLATE NOCASE ORDER BY id DESC LIMIT 1",
            [current],
        ).fetchone()
        if row is None:
            break
        action, target, new_type = row
        if action == "ignore":
            return None
        if target == current:
            break
        current, type = target, new_type or type
    return CorrectedName(current, type)


def is_named_by_hand(db: Database, name: str) -> bool:
    """True for a name a human chose (a rename's or a merge's target): automatic
    linking never merges it away or renames it."""
    return db.execute("SELECT 1 FROM speaker_corrections WHERE target = ? COLLATE NOCASE", [name]).fetchone() is not None


@dataclass(frozen=True)
class StoredSpeaker:
    id: int
    name: str
    type: str
    described_in: Optional[str]  # the article, for its description of who spoke ("sources"); None: the corpus's


def _speakers(db: Database, name: str) -> list[StoredSpeaker]:
    """The stored rows named `name` (any case): one speaker, or the speakers several
    articles describe so ("sources", one row an article); else a CorrectionError that
    suggests the closest names."""
    ids = speaker_search.speakers_named(db, name)
    if not ids:
        close = speaker_search.closest_names(db, name)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise CorrectionError(f"no speaker named {name!r}{hint}")
    return [
        StoredSpeaker(*db.execute("SELECT id, name, type, described_in FROM speakers WHERE id = ?", [speaker_id]).fetchone())
        for speaker_id in ids
    ]


def _record(db: Database, action: str, name: str, target: Optional[str] = None, type: Optional[str] = None) -> None:
    db.execute(
        "INSERT INTO speaker_corrections (action, name, target, type, at) VALUES (?, ?, ?, ?, ?)",
        [action, name, target, type, now()],
    )


def _attribution_count(db: Database, speaker_ids: list[int]) -> int:
    placeholders = ", ".join("?" * len(speaker_ids))
    return db.execute(f"SELECT count(*) FROM attributions WHERE speaker_id IN ({placeholders})", speaker_ids).fetchone()[0]


def merge_speakers(db: Database, source: str, target: str, *, record: bool = True) -> int:
    """Move every attribution of `source` to `target` and drop `source`; later
    articles' `source` goes to `target` too. Where both are descriptions ("fellow
    physicians", "doctors"), each article's goes to that article's; an article that
    has no `target` calls its `source` so. Returns the attributions moved."""
    sources, targets = _speakers(db, source), _speakers(db, target)
    target_ids = {t.id for t in targets}
    sources = [s for s in sources if s.id not in target_ids]
    if not sources:
        raise CorrectionError(f"{source!r} and {target!r} are one speaker already")
    moved = _attribution_count(db, [s.id for s in sources])
    touched = set()
    for row in sources:
        into = next((t for t in targets if t.described_in is None), None) or next(
            (t for t in targets if t.described_in == row.described_in), None)
        if into is None:
            _set_name(db, row, targets[0].name, row.type)
            touched.add(row.id)
        else:
            identity.move_attributions(db, row.id, into.id)
            touched.add(into.id)
    identity.refresh_aliases(db, touched)
    if record:
        _record(db, "merge", sources[0].name, targets[0].name)
    return moved


def rename_speaker(db: Database, name: str, new_name: str, type: Optional[str] = None, *, record: bool = True) -> None:
    """Give a speaker another canonical name (and type); later articles' old name
    goes to it too. The rows of a description ("sources") are renamed in every
    article; named as one speaker ("Jane Doe", a person), they become one row."""
    new_name = " ".join(new_name.split())
    if not new_name:
        raise CorrectionError("a speaker's new name can't be empty")
    if type is not None and type not in SPEAKER_TYPES:
        raise CorrectionError(f"{type!r} is not a speaker type ({', '.join(SPEAKER_TYPES)})")
    rows = _speakers(db, name)
    own = {row.id for row in rows}
    articles = {row.described_in for row in rows}
    for other in speaker_search.speakers_named(db, new_name):
        other_article = db.execute("SELECT described_in FROM speakers WHERE id = ?", [other]).fetchone()[0]
        if other not in own and (other_article is None or other_article in articles):
            raise CorrectionError(
                f"{new_name!r} is another speaker: to make them one, run "
                f"`attrib speakers merge {rows[0].name!r} {new_name!r}`"
            )
    new_type = type or rows[0].type
    if len(rows) > 1 and not identity.is_description(new_name, new_type):
        # Several articles' "the witness" named as one person: one row for them all.
        for row in rows[1:]:
            identity.move_attributions(db, row.id, rows[0].id)
        rows = rows[:1]
    for row in rows:
        _set_name(db, row, new_name, type or row.type)
    identity.refresh_aliases(db, [row.id for row in rows])
    if record:
        _record(db, "rename", rows[0].name, new_name, type if type != rows[0].type else None)


def _set_name(db: Database, row: StoredSpeaker, name: str, type: str) -> None:
    """A row's new name and type; a description named as a speaker of its own becomes the corpus's."""
    described_in = row.described_in if identity.is_description(name, type) else None
    db.execute(
        "UPDATE speakers SET name = ?, type = ?, surname = ?, acronym = ?, described_in = ? WHERE id = ?",
        [name, type, identity.surname_of(name, type), identity.acronym(name) if type != "person" else None,
         described_in, row.id],
    )


def ignore_speaker(db: Database, name: str, *, record: bool = True) -> int:
    """Not a speaker: its attributions stay, with the speaker unknown, and later
    articles' `name` is no speaker either. Returns the attributions left unknown."""
    rows = _speakers(db, name)
    count = 0
    for row in rows:
        count += db.execute("UPDATE attributions SET speaker_id = NULL WHERE speaker_id = ?", [row.id]).rowcount
        db.execute("DELETE FROM speakers WHERE id = ?", [row.id])
    if record:
        _record(db, "ignore", rows[0].name)
    return count


# -- reviews ---------------------------------------------------------------------------


@dataclass
class Review:
    verdict: str  # confirmed or rejected
    speaker: Optional[str] = None  # corrections, None where the engine's value stands
    tier: Optional[int] = None
    act: Optional[str] = None

    def check(self) -> None:
        if self.verdict not in VERDICTS:
            raise CorrectionError(f"{self.verdict!r} is not a verdict ({', '.join(VERDICTS)})")
        if self.tier is not None and self.tier not in (1, 2, 3, 4):
            raise CorrectionError(f"tier {self.tier!r} is not 1, 2, 3 or 4")
        if self.act is not None and self.act not in ACTS:
            raise CorrectionError(f"{self.act!r} is not an act ({', '.join(ACTS)})")
        if self.speaker is not None and not " ".join(self.speaker.split()):
            raise CorrectionError("a corrected speaker's name can't be empty")
        if self.verdict == "rejected" and (self.speaker or self.tier or self.act):
            raise CorrectionError("a rejected attribution takes no corrections")


def review_attribution(db: Database, attribution_id: int, review: Review) -> dict[str, Any]:
    """Confirm, reject or correct one stored attribution (by its row id); the review
    is kept for re-analysis. Returns the attribution as it now stands."""
    review.check()
    row = db.execute(
        """SELECT attributions.key, articles.content_hash, attributions.content, speakers.name,
                  attributions.tier, attributions.act
           FROM attributions JOIN articles ON articles.id = attributions.article_id
           LEFT JOIN speakers ON speakers.id = attributions.speaker_id
           WHERE attributions.id = ?""",
        [attribution_id],
    ).fetchone()
    if row is None:
        raise CorrectionError(f"no attribution with id {attribution_id}")
    key, article_hash, content, speaker, tier, act = row
    original = json.dumps({"speaker": speaker, "tier": tier, "act": act}, ensure_ascii=False)
    db.execute(
        """INSERT INTO reviews (article_hash, attribution_key, content, verdict, speaker, tier, act, original, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (article_hash, attribution_key) DO UPDATE SET
               verdict = excluded.verdict, speaker = excluded.speaker, tier = excluded.tier,
               act = excluded.act, at = excluded.at""",
        [article_hash, key, content, review.verdict, review.speaker, review.tier, review.act, original, now()],
    )
    _apply(db, attribution_id, review)
    return attribution_row(db, attribution_id)


def _apply(db: Database, attribution_id: int, review: Review) -> None:
    before, article_id, unsure = db.execute(
        "SELECT speaker_id, article_id, speaker_unsure FROM attributions WHERE id = ?", [attribution_id]
    ).fetchone()
    speaker_id = before
    if review.speaker:
        name = " ".join(review.speaker.split())
        corrected = corrected_name(db, name)
        name = corrected.name if corrected else name
        speaker_id = identity.speaker_row(db, name, (corrected and corrected.type) or "unknown", article_id)
    elif review.verdict == "confirmed" and unsure:
        speaker_id = _engine_speaker(db, attribution_id)
    db.execute(
        "UPDATE attributions SET review = ?, speaker_id = ?, tier = coalesce(?, tier), act = coalesce(?, act) WHERE id = ?",
        [review.verdict, speaker_id, review.tier, review.act, attribution_id],
    )
    if speaker_id != before:
        identity.drop_unused(db, [before] if before is not None else [])
        identity.refresh_aliases(db, [i for i in (before, speaker_id) if i is not None])


def _engine_speaker(db: Database, attribution_id: int) -> Optional[int]:
    """The row of the speaker the engine named for an attribution it held back
    (`identity.CREDIT_CONFIDENCE`), now a person confirmed it: the row the article's
    other attributions of that name went to, else the name linked as ingesting would."""
    article_id, name, type = db.execute(
        "SELECT article_id, speaker_in_article, speaker_type FROM attributions WHERE id = ?", [attribution_id]
    ).fetchone()
    if name is None:
        return None
    same = db.execute(
        """SELECT speaker_id FROM attributions
           WHERE article_id = ? AND speaker_in_article = ? AND speaker_id IS NOT NULL
           LIMIT 1""",
        [article_id, name],
    ).fetchone()
    if same is not None:
        return same[0]
    type = type or "unknown"
    return identity.link_name(db, identity.proper_name(name, type), type, article_id)


def apply_reviews(db: Database, article_id: str) -> None:
    """Apply the reviews of an article just stored (or analysed again) to its
    attributions: found by key, else by the same content text."""
    reviewed = db.execute(
        """SELECT reviews.attribution_key, reviews.content, reviews.verdict, reviews.speaker, reviews.tier, reviews.act
           FROM reviews JOIN articles ON articles.content_hash = reviews.article_hash
           WHERE articles.id = ?""",
        [article_id],
    ).fetchall()
    for key, content, verdict, speaker, tier, act in reviewed:
        row = db.execute(
            """SELECT id FROM attributions WHERE article_id = ? AND (key = ? OR content = ?)
               ORDER BY key = ? DESC, id LIMIT 1""",
            [article_id, key, content, key],
        ).fetchone()
        if row is not None:
            _apply(db, row[0], Review(verdict, speaker, tier, act))


def attribution_row(db: Database, attribution_id: int) -> dict[str, Any]:
    cursor = db.execute(
        """SELECT attributions.id, speakers.name AS speaker, attributions.tier, attributions.act,
                  attributions.review, attributions.content, attributions.article_id AS article
           FROM attributions LEFT JOIN speakers ON speakers.id = attributions.speaker_id
           WHERE attributions.id = ?""",
        [attribution_id],
    )
    return dict(zip([c[0] for c in cursor.description], cursor.fetchone()))


# -- export and import ---------------------------------------------------------------


def export_corrections(db: Database) -> Iterator[dict[str, Any]]:
    """Every correction, as the JSON objects `import_corrections` takes: speaker rules
    in the order made, then reviews."""
    for action, name, target, type, at in db.execute(
        "SELECT action, name, target, type, at FROM speaker_corrections ORDER BY id"
    ):
        yield {"version": FORMAT_VERSION, "correction": "speaker", "action": action, "name": name, "target": target,
               "type": type, "at": at}
    for row in db.execute(
        """SELECT reviews.article_hash, articles.id, reviews.attribution_key, reviews.content, reviews.verdict,
                  reviews.speaker, reviews.tier, reviews.act, reviews.original, reviews.at
           FROM reviews LEFT JOIN articles ON articles.content_hash = reviews.article_hash
           ORDER BY reviews.id"""
    ):
        article_hash, article_id, key, content, verdict, speaker, tier, act, original, at = row
        yield {"version": FORMAT_VERSION, "correction": "review", "article_hash": article_hash, "article": article_id,
               "attribution": key, "content": content, "verdict": verdict, "speaker": speaker, "tier": tier,
               "act": act, "original": json.loads(original) if original else None, "at": at}


@dataclass
class ImportCounts:
    speakers: int = 0  # speaker rules recorded (and applied where the speaker is stored)
    reviews: int = 0  # reviews recorded (and applied where the article is stored)
    failed: list[str] = field(default_factory=list)  # one message per bad record

    def __str__(self) -> str:
        return f"imported {self.speakers} speaker correction(s), {self.reviews} review(s), failed {len(self.failed)}"


def import_corrections(db: Database, records: Iterable[tuple[int, Any]]) -> ImportCounts:
    """Record and apply exported corrections, (line number, decoded JSON) each; a bad
    record costs only itself (its message names the line). Call inside a transaction."""
    counts = ImportCounts()
    for line, record in records:
        try:
            kind = _import_one(db, record)
        except CorrectionError as error:
            counts.failed.append(f"line {line}: {error}")
            continue
        if kind == "speaker":
            counts.speakers += 1
        else:
            counts.reviews += 1
    return counts


def _import_one(db: Database, record: Any) -> str:
    if not isinstance(record, dict) or record.get("correction") not in ("speaker", "review"):
        raise CorrectionError('not a correction (an object with "correction": "speaker" or "review")')
    if not isinstance(record.get("version"), int) or record["version"] > FORMAT_VERSION:
        raise CorrectionError(f"written by a later attrib (format {record.get('version')!r}; this one reads {FORMAT_VERSION})")
    if record["correction"] == "speaker":
        _import_speaker_rule(db, record)
        return "speaker"
    _import_review(db, record)
    return "review"


def _text(record: dict, key: str, required: bool = True) -> Optional[str]:
    value = record.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError(f"{key!r} must be a non-empty string")
    return value


def _import_speaker_rule(db: Database, record: dict) -> None:
    action, name = record.get("action"), _text(record, "name")
    if action not in ACTIONS:
        raise CorrectionError(f"{action!r} is not a speaker correction ({', '.join(ACTIONS)})")
    target = _text(record, "target", required=action != "ignore")
    type = _text(record, "type", required=False)
    if type is not None and type not in SPEAKER_TYPES:
        raise CorrectionError(f"{type!r} is not a speaker type")
    stored = speaker_search.speaker_id_named(db, name) is not None
    # Applied where the speaker is stored; recorded either way, for articles to come.
    if stored and action == "merge" and speaker_search.speaker_id_named(db, target) is not None:
        merge_speakers(db, name, target, record=False)
    elif stored and action == "merge":
        rename_speaker(db, name, target, record=False)
    elif stored and action == "rename" and speaker_search.speaker_id_named(db, target) in (None, speaker_search.speaker_id_named(db, name)):
        rename_speaker(db, name, target, type, record=False)
    elif stored and action == "rename":
        merge_speakers(db, name, target, record=False)
    elif stored and action == "ignore":
        ignore_speaker(db, name, record=False)
    _record(db, action, name, target, type)


def _import_review(db: Database, record: dict) -> None:
    article_hash, key, content = _text(record, "article_hash"), _text(record, "attribution"), _text(record, "content")
    tier = record.get("tier")
    review = Review(record.get("verdict"), _text(record, "speaker", required=False), tier, record.get("act"))
    if tier is not None and not isinstance(tier, int):
        raise CorrectionError("'tier' must be a number from 1 to 4")
    review.check()
    original = record.get("original")
    db.execute(
        """INSERT INTO reviews (article_hash, attribution_key, content, verdict, speaker, tier, act, original, at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (article_hash, attribution_key) DO UPDATE SET
               verdict = excluded.verdict, speaker = excluded.speaker, tier = excluded.tier,
               act = excluded.act, content = excluded.content, at = excluded.at""",
        [article_hash, key, content, review.verdict, review.speaker, review.tier, review.act,
         json.dumps(original, ensure_ascii=False) if original is not None else None, record.get("at") or now()],
    )
    for (article_id,) in db.execute("SELECT id FROM articles WHERE content_hash = ?", [article_hash]).fetchall():
        apply_reviews(db, article_id)


def list_corrections(db: Database) -> list[dict[str, Any]]:
    """Every correction in one table: speaker rules, then reviews, oldest first."""
    rows = [
        {"correction": "speaker", "action": action, "name": name, "target": target or "", "at": at}
        for action, name, target, at in db.execute("SELECT action, name, target, at FROM speaker_corrections ORDER BY id")
    ]
    for verdict, speaker, tier, act, content, at in db.execute(
        "SELECT verdict, speaker, tier, act, content, at FROM reviews ORDER BY id"
    ):
        changes = ", ".join(f"{k} {v}" for k, v in (("speaker", speaker), ("tier", tier), ("act", act)) if v is not None)
        rows.append({"correction": "review", "action": verdict, "name": content, "target": changes, "at": at})
    return rows
