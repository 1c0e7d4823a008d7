"""Finding speakers by what a user types: `--speaker` matches (`matching_speakers`), the
closest names for a near miss (`closest_names`), a speaker by its exact name."""

from __future__ import annotations

import difflib
import json
from typing import Optional

from sqlite_utils import Database


# Close names offered for a near miss ("Burgam"), and how close they must be.
SUGGESTIONS = 3
SUGGESTION_CUTOFF = 0.75


def like_words(text: str) -> tuple[str, str]:
    """LIKE patterns for `text` at the start of a name or of a word in it."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%", f"% {escaped}%"


def matching_speakers(db: Database, text: str) -> list[int]:
    """The speakers `text` names, most quoted first: the canonical name, any case;
    else canonical names with a word starting so ("Burgum", "hillary clin"); else the
    speakers with that alias; else those with an alias with a word starting so. An
    alias never brings in a speaker when a canonical name matched."""
    text = " ".join(text.split())
    if not text:
        return []
    starts, inside = like_words(text)
    alias_exact = '%"' + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('"', '\\\\"') + '":%'
    alias_word = ['%"' + starts, "%" + inside[1:]]
    for where, params in (
        ("name = ? COLLATE NOCASE", [text]),
        ("name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'", [starts, inside]),
        ("aliases LIKE ? ESCAPE '\\'", [alias_exact]),
        ("aliases LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\'", alias_word),
    ):
        found = [
            row[0]
            for row in db.execute(
                f"""SELECT speakers.id FROM speakers WHERE {where}
                    ORDER BY (SELECT count(*) FROM attributions WHERE speaker_id = speakers.id) DESC, name""",
                params,
            )
        ]
        if found:
            return found
    return []


def closest_names(db: Database, text: str) -> list[str]:
    """The canonical names closest to `text` ("Burgam" -> "Doug Burgum"), best first:
    compared whole and word by word, to names and aliases."""
    wanted = text.lower().strip()
    scores: dict[str, float] = {}
    for name, aliases in db.execute("SELECT name, aliases FROM speakers"):
        forms = [name, *json.loads(aliases or "{}")]
        best = 0.0
        for form in forms:
            form = form.lower()
            for candidate in [form, *form.split()]:
                matcher = difflib.SequenceMatcher(None, wanted, candidate)
                if matcher.real_quick_ratio() >= SUGGESTION_CUTOFF and matcher.quick_ratio() >= SUGGESTION_CUTOFF:
                    best = max(best, matcher.ratio())
        if best >= SUGGESTION_CUTOFF:
            scores[name] = best
    return sorted(scores, key=lambda n: (-scores[n], n))[:SUGGESTIONS]


def speaker_id_named(db: Database, name: str) -> Optional[int]:
    """A speaker whose canonical name is `name`, any case (the corpus's before an
    article's description of that name), or None."""
    found = speakers_named(db, name)
    return found[0] if found else None


def speakers_named(db: Database, name: str) -> list[int]:
    """Every row whose canonical name is `name`, any case: the corpus's speaker, and
    each article's description of that name ("sources"), the exact case first."""
    name = " ".join(name.split())
    return [
        row[0]
        for row in db.execute(
            """SELECT id FROM speakers WHERE name = ? COLLATE NOCASE
               ORDER BY described_in IS NOT NULL, name = ? DESC, id""",
            [name, name],
        )
    ]
