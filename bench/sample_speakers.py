"""Draw speaker rows at random from a quote database, for checking by hand.

    python bench/sample_speakers.py --db attrib.db            # 100 rows, seed 24
    python bench/sample_speakers.py --db attrib.db --size 50 --seed 7 --examples 3

The draw is reproducible: the rows are ordered by name and sampled with Python's
`random.Random(seed)`, so the same database and seed give the same sample. Each row
is printed with its type, attribution count, aliases and a few of its mentions and
contents, which is what a person needs to judge it: does the row hold more than one
real speaker, is it the same speaker as another row, is it a speaker at all
(docs/accuracy.md, "Speaker rows checked by hand").
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys


def sample(path: str, size: int, seed: int) -> list[tuple[int, str, str, int, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        """SELECT speakers.id, speakers.name, speakers.type, count(attributions.id), speakers.aliases
           FROM speakers LEFT JOIN attributions ON attributions.speaker_id = speakers.id
           GROUP BY speakers.id ORDER BY speakers.name, speakers.id"""
    ).fetchall()
    return sorted(random.Random(seed).sample(rows, min(size, len(rows))), key=lambda r: r[1].lower())


def examples(path: str, speaker_id: int, count: int) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return conn.execute(
        """SELECT speaker_mention, substr(content, 1, 70), article_id FROM attributions
           WHERE speaker_id = ? ORDER BY id LIMIT ?""",
        [speaker_id, count],
    ).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="The quote database.")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--examples", type=int, default=3, help="Mentions and contents shown per row.")
    args = parser.parse_args()
    total = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True).execute("SELECT count(*) FROM speakers").fetchone()[0]
    print(f"{min(args.size, total)} of {total} speaker rows, seed {args.seed}")
    for number, (speaker_id, name, type, count, aliases) in enumerate(sample(args.db, args.size, args.seed), start=1):
        alias_text = ", ".join(f"{a} {n}" for a, n in json.loads(aliases or "{}").items())
        print(f"{number:3}. {name} [{type}] {count} attribution(s)" + (f"; aliases: {alias_text}" if alias_text else ""))
        for mention, content, article in examples(args.db, speaker_id, args.examples):
            print(f"       {mention!r}: {content!r} ({article})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
