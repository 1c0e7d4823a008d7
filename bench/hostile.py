"""Hostile inputs against the per-article budget: time and peak memory of each.

    python bench/hostile.py                 # every input; about 5 minutes on 2 cores
    python bench/hostile.py quotes parens   # some of them, by name

Each input of issue 27 is generated here (nothing large is kept in the repository)
and put in a folder beside the seed article (fixtures/us-venezuela-relations.txt);
`attrib ingest FOLDER` runs on it in a process of its own, so its wall time and peak
memory (the process's maximum resident set, from wait4) are its own. A row says how
many stderr lines name the input, how many articles were stored, whether the seed's
attributions were all stored (as many as the seed gives alone), the exit status, and whether the run kept to the
budget: the time budget per article (60 s unless $ATTRIB_TIME_BUDGET says otherwise)
plus START_SECONDS for starting Python and loading the pipeline, and the memory
budget, 1.5 GB. The texts too long to parse at once are also given to
`attrib report PATH`, which parses them in the same pieces. The table, in Markdown,
is the one in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "us-venezuela-relations.txt"
MEMORY_BUDGET_MB = 1536
# Starting Python, importing attrib and loading en_core_web_sm, and the seed itself.
START_SECONDS = 15
GOOD = '"We will reopen the bridge by June," the mayor said on Tuesday. Officials said the repairs would cost more.'
PROSE = [
    'The council met on Tuesday to discuss the budget for the coming year.',
    '"We cannot keep the libraries open on Sundays," the mayor said.',
    'Officials said the plan would cost about $4 million over three years.',
    'According to a report by the auditor, the city overspent on roads.',
    'She told reporters that the decision had not been easy.',
    'The opposition leader called the proposal "a betrayal of the voters."',
]


def lines_of_words(size: int) -> str:
    rng = random.Random(27)
    words = ["the", "mayor", "council", "said", "plant", "would", "close", "rain", "budget", "city", "road"]
    text = " ".join(rng.choice(words) for _ in range(size // 5 + 1))
    return text[:size]


def prose(size: int) -> str:
    paragraphs, length, n = [], 0, 0
    while length < size:
        paragraph = " ".join(PROSE[(n + i) % len(PROSE)] for i in range(4))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
        n += 1
    return "\n\n".join(paragraphs)[:size]


def jsonl_line(record: dict) -> str:
    return json.dumps(record) + "\n"


def write_surrogate(folder: Path) -> str:
    lines = [jsonl_line({"id": f"good-{n}", "text": f"{GOOD} Item {n}."}) for n in range(5)]
    lines.append('{"id": "bad", "title": "Half \\ud800 a character", "text": "He said \\ud800 it would rain."}\n')
    lines += [jsonl_line({"id": f"good-{n}", "text": f"{GOOD} Item {n}."}) for n in range(5, 10)]
    (folder / "surrogate.jsonl").write_text("".join(lines))
    return "surrogate.jsonl"


def write_deep_array(folder: Path) -> str:
    (folder / "deep.json").write_text("[" * 100_000)
    return "deep.json"


def write_deep_object(folder: Path) -> str:
    (folder / "deep.jsonl").write_text('{"a":' * 100_000 + "\n")
    return "deep.jsonl"


def write_quotes(folder: Path) -> str:
    (folder / "quotes.txt").write_text('"' * 100_000)
    return "quotes.txt"


def write_parens(folder: Path) -> str:
    (folder / "parens.txt").write_text("(" * 20_000 + ' "We will win," he said. ' + ")" * 20_000)
    return "parens.txt"


def write_words_2mb(folder: Path) -> str:
    (folder / "words-2mb.jsonl").write_text(jsonl_line({"id": "words", "text": lines_of_words(2_000_000)}))
    return "words-2mb.jsonl"


def write_words_50mb(folder: Path) -> str:
    (folder / "words-50mb.jsonl").write_text(jsonl_line({"id": "words", "text": lines_of_words(50_000_000)}))
    return "words-50mb.jsonl"


def write_long_300k(folder: Path) -> str:
    (folder / "long-300k.txt").write_text(prose(300_000))
    return "long-300k.txt"


def write_long_1200k(folder: Path) -> str:
    (folder / "long-1200k.txt").write_text(prose(1_200_000))
    return "long-1200k.txt"


def write_fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def write_symlinks(folder: Path) -> str:
    inner = folder / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "story.txt").write_text(GOOD)
    os.symlink("..", inner / "up")
    os.symlink("../..", inner / "top")
    return "story.txt"


def write_escapes(folder: Path) -> str:
    record = {
        "id": "escapes",
        "title": "\x1b]0;owned\x07Council \x1b[2J news \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
        "text": f"\x1b[31m{GOOD}\x1b[0m \x1b]0;title\x07",
    }
    (folder / "escapes.jsonl").write_text(jsonl_line(record))
    return "escapes.jsonl"


def write_nul_bidi(folder: Path) -> str:
    # JSON escapes: a NUL byte in a .txt file makes it a binary file, refused as such.
    (folder / "nul-bidi.jsonl").write_text(jsonl_line({"id": "nul", "text": f"{GOOD}\x00 The \u202eevil\u202c mayor said so."}))
    return "nul-bidi.jsonl"


def write_lying_charset(folder: Path) -> str:
    page = (
        '<html><head><meta charset="utf-8"><title>Mayor</title></head><body><article><p>'
        "\u00abWe will reopen the bridge by June,\u00bb the mayor of \u041a\u0438\u0435\u0432 said on Tuesday. "
        "The council agreed after a long debate about the costs of the project and its schedule.</p></article></body></html>"
    )
    (folder / "lying.html").write_bytes(page.encode("cp1251"))
    return "lying.html"


# name: (writer, also run `attrib report` on the input, read through a quoted glob)
INPUTS: dict[str, tuple[Callable[[Path], str], bool, bool]] = {
    "surrogate": (write_surrogate, False, False),
    "deep-array": (write_deep_array, False, False),
    "deep-object": (write_deep_object, False, False),
    "quotes": (write_quotes, True, False),
    "parens": (write_parens, True, False),
    "words-2mb": (write_words_2mb, False, False),
    "words-50mb": (write_words_50mb, False, False),
    "long-300k": (write_long_300k, True, False),
    "long-1200k": (write_long_1200k, True, False),
    "fifo": (write_fifo, False, False),
    "symlinks": (write_symlinks, False, True),
    "escapes": (write_escapes, False, False),
    "nul-bidi": (write_nul_bidi, False, False),
    "lying-charset": (write_lying_charset, False, False),
}


def run(command: list[str]) -> tuple[float, int, int, str]:
    """Wall seconds, peak resident MB, exit status and stderr of `command`."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss // 1024, process.returncode, stderr


def seed_attributions(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM attributions WHERE article_id = 'seed'").fetchone()[0]


def articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"inputs to run (default: all): {', '.join(INPUTS)}")
    args = parser.parse_args()
    names = args.names or list(INPUTS)
    attrib = [sys.executable, "-c", "from attrib.cli import main; main()"]
    budget = float(os.environ.get("ATTRIB_TIME_BUDGET") or 60)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        alone = root / "alone"
        alone.mkdir()
        (alone / "seed.txt").write_bytes(SEED.read_bytes())
        run([*attrib, "ingest", str(alone), "--db", str(root / "alone.db")])
        expected = seed_attributions(root / "alone.db")
        print(f"time budget {budget:g} s per article (+{START_SECONDS} s to start), memory budget {MEMORY_BUDGET_MB} MB; "
              f"the seed alone gives {expected} attributions\n")
        print("| input | command | lines naming it | articles stored | seed's attributions | exit | seconds | peak MB | within budget |")
        print("|---|---|---:|---:|---|---:|---:|---:|---|")
        for name in names:
            write, also_report, by_glob = INPUTS[name]
            folder = root / name
            folder.mkdir()
            (folder / "seed.txt").write_bytes(SEED.read_bytes())
            file = write(folder)
            db = root / f"{name}.db"
            target = f"{folder}/**/*.txt" if by_glob else str(folder)
            runs = [("ingest", [*attrib, "ingest", target, "--db", str(db)])]
            if also_report:
                runs.append(("report", [*attrib, "report", str(folder / file), "--format", "json"]))
            for label, command in runs:
                seconds, peak, status, stderr = run(command)
                naming = sum(1 for line in stderr.splitlines() if file in line)
                stored = f"{articles(db)} | {seed_attributions(db)}/{expected}" if label == "ingest" else "- | -"
                within = seconds <= budget + START_SECONDS and peak <= MEMORY_BUDGET_MB
                print(f"| {name} | {label} | {naming} | {stored} | {status} | {seconds:.1f} | {peak} | "
                      f"{'yes' if within else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
