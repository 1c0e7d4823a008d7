"""Time `who-said` on a quote database of a million attributions.

    python bench/whosaid.py                      # 1,000,000 attributions in a temp folder
    python bench/whosaid.py --attributions 100000 --keep /tmp/bench.db

Builds a database with attrib's own schema (migrations, FTS triggers and all) from
synthetic data: tens of thousands of articles, a few thousand speakers, and
attribution contents drawn from a Zipf-distributed vocabulary, so that common words
are very common and most are rare, as in news text. Rows go in with executemany
batches, not through spaCy. Then `attrib.store.queries.who_said` is timed on phrases
taken from stored contents, single words common and rare, phrases that match nothing,
and common words in an order that never occurs (the slow case: FTS has to read both
words' whole posting lists). Prints the median and p95 in milliseconds; the target
is a median under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from attrib.store.db import open_database, write_transaction
from attrib.store.queries import who_said

COMMON_WORDS = """the of to and a in that is for on said it with as was he be by at from his
have has not are an this but had they which will were their been would who also its
more we there after one about than said all new up when out could can other two
government president officials minister state people told year last should over
into percent week country police election campaign party vote report security
military court law city public health economic trade talks deal support plan
statement spokesman spokeswoman according sources leaders former national federal
administration foreign policy war peace agreement talks energy oil market prices
company million billion workers crisis attack forces region border water schools""".split()
SYLLABLES = ["ba", "ko", "ri", "tan", "mel", "dor", "vi", "sha", "lu", "ne", "pra", "gos", "ter", "al", "qui", "zem", "ro", "fi"]
FIRST_NAMES = """James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William
Barbara Richard Susan Joseph Jessica Thomas Sarah Carlos Maria Ahmed Fatima Wei Mei
Olga Ivan Priya Raj Kwame Amara Lucia Pedro Hans Greta Yuki Kenji Nadia Omar Elena
Tomas Ingrid Sven Aisha Diego Sofia Chen Lin""".split()
LAST_NAMES = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez
Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez
Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King
Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell
Mitchell Carter Roberts Petrova Okafor Tanaka Schmidt Rossi Kowalski Haddad""".split()
ORGANIZATIONS = ["Ministry", "Department", "Council", "Agency", "Commission", "Bureau", "Office", "Institute"]
PUBLISHERS = ["Reuters", "AP", "BBC", "Al Jazeera", "The Hill", "Politico", "Axios", "CNN", "Fox News", "NPR",
              "The Guardian", "New York Times", "Washington Post", "Bloomberg", "Breitbart", "Daily Kos"]
KINDS = ["direct", "indirect", "mixed"]
TYPES = ["person", "organization", "government", "media", "anonymous"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = list(dict.fromkeys(COMMON_WORDS))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def speaker_rows(count: int, rng: random.Random) -> list[tuple]:
    names: dict[str, str] = {}
    while len(names) < count:
        if rng.random() < 0.8:
            names[f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"] = "person"
        else:
            names[f"{rng.choice(LAST_NAMES)} {rng.choice(ORGANIZATIONS)}"] = rng.choice(TYPES[1:])
    return [(i, name, kind, f'["{name.split()[-1]}"]') for i, (name, kind) in enumerate(names.items(), start=1)]


def build(path: Path, attributions: int, articles: int, speakers: int, seed: int) -> None:
    rng = random.Random(seed)
    words = vocabulary(20_000, rng)
    weights = [1 / rank**1.07 for rank in range(1, len(words) + 1)]
    cumulative = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    db = open_database(path)
    db.execute("PRAGMA synchronous = OFF")  # a benchmark fixture, rebuilt at will

    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO speakers (id, name, type, aliases) VALUES (?, ?, ?, ?)", speaker_rows(speakers, rng)
        )
        db.conn.executemany(
            """INSERT INTO articles (id, title, published, publisher, content_hash, text, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    f"article-{i}",
                    " ".join(rng.choices(words[:2000], k=8)).capitalize(),
                    f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    rng.choice(PUBLISHERS),
                    f"{i:064x}",
                    "(synthetic)",
                    "2025-01-01T00:00:00+00:00",
                )
                for i in range(articles)
            ],
        )
    # A few speakers are quoted a lot, most rarely; attributions arrive article by
    # article, as an ingest writes them.
    speaker_weights = [1 / rank for rank in range(1, speakers + 1)]
    batch_size = 20_000
    for start in range(0, attributions, batch_size):
        n = min(batch_size, attributions - start)
        lengths = [rng.randint(6, 40) for _ in range(n)]
        drawn = iter(rng.choices(words, cum_weights=cumulative, k=sum(lengths)))
        speaker_ids = rng.choices(range(1, speakers + 1), weights=speaker_weights, k=n)
        rows = []
        for j, length in enumerate(lengths):
            content = " ".join(next(drawn) for _ in range(length))
            rows.append(
                (
                    f"article-{(start + j) * articles // attributions}",
                    speaker_ids[j],
                    rng.choice(KINDS),
                    content[0].upper() + content[1:],
                    f"[[0, {len(content)}]]",
                    rng.choices((1, 2, 3, 4), weights=(60, 20, 15, 5))[0],
                    round(rng.random(), 4),
                )
            )
        with write_transaction(db):
            db.conn.executemany(
                """INSERT INTO attributions (article_id, speaker_id, kind, content, content_spans, tier, confidence)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                rows,
            )
    db.execute("PRAGMA optimize")
    db.conn.close()


def phrases(db, rng: random.Random, count: int) -> dict[str, list[str]]:
    """Phrases by kind, drawn from the stored contents where they should match."""
    total = db.execute("SELECT max(id) FROM attributions").fetchone()[0]
    from_contents = []
    while len(from_contents) < count:
        content = db.execute("SELECT content FROM attributions WHERE id = ?", [rng.randint(1, total)]).fetchone()[0]
        words = content.split()
        size = rng.randint(2, 4)
        if len(words) > size:
            start = rng.randint(0, len(words) - size)
            from_contents.append(" ".join(words[start : start + size]))
    return {
        "phrase from a stored quote": from_contents,
        "single common word": ["government", "president", "election", "police", "said"],
        "single rare word": [row[0].split()[-1] for row in db.execute("SELECT content FROM attributions ORDER BY random() LIMIT 5")],
        "matches nothing": ["zebra quantum harmonica", "unmatched phrase here", "xylophone"],
        "common words, never adjacent": ["the of", "said the of", "to the a in"],
        "hostile input": ['"', "AND", "NEAR(", "*", "'; DROP TABLE x; --"],
    }


def time_queries(path: Path, rounds: int, count: int, seed: int) -> None:
    db = open_database(path, create=False)
    rng = random.Random(seed + 1)
    timings: list[float] = []
    for kind, group in phrases(db, rng, count).items():
        group_timings = []
        for phrase in group:
            who_said(db, phrase)  # first touch reads pages from disk; time the warm query
            for _ in range(rounds):
                started = time.perf_counter()
                who_said(db, phrase)
                group_timings.append((time.perf_counter() - started) * 1000)
        timings += group_timings
        print(f"  {kind:<30} median {statistics.median(group_timings):7.2f} ms   max {max(group_timings):7.2f} ms")
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"who-said over {len(timings)} timed queries: median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attributions", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=40_000)
    parser.add_argument("--speakers", type=int, default=3_000)
    parser.add_argument("--phrases", type=int, default=40, help="phrases drawn from stored quotes")
    parser.add_argument("--rounds", type=int, default=5, help="timed runs of each phrase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build the database here and keep it (reused if it exists)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.db"
        if not path.exists():
            started = time.perf_counter()
            build(path, args.attributions, args.articles, args.speakers, args.seed)
            size = sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 1e6
            print(f"built {args.attributions:,} attributions in {time.perf_counter() - started:.0f} s ({size:.0f} MB)")
        time_queries(path, args.rounds, args.phrases, args.seed)


if __name__ == "__main__":
    main()
