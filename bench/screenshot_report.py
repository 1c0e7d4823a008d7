"""Render the HTML sourcing reports in a real browser and screenshot them.

Builds two reports with the `attrib` command, as a user would: the seed article
(`attrib report fixtures/us-venezuela-relations.txt --format html`) and the PolNeAR
dev corpus (`attrib ingest` into a temporary database, then `attrib report --db ...
--format html`), and screenshots both with headless Chromium (Debian's `chromium`
package: `apt-get install -y chromium`). Look at the PNGs: the charts should be
drawn, the text readable, nothing cut or overlapping.

    python bench/screenshot_report.py                 # PNGs in a temporary folder
    python bench/screenshot_report.py --out shots/    # ... or here
    python bench/screenshot_report.py --seed-only     # skip the corpus (about 45 s)

Nothing is fetched: the browser runs with networking features off and the reports are
self-contained files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "fixtures" / "us-venezuela-relations.txt"
POLNEAR_DEV = ROOT.parent / "shared" / "polnear" / "dev.articles.jsonl"
CHROMIUM = "/usr/bin/chromium"
WIDTH = 1200
HEIGHT = 2000
# Chromium's own background traffic (updates, sync, field trials, QUIC probes) is
# switched off: the screenshot must show that the page needs no network.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def attrib_command() -> list[str]:
    """The `attrib` script of the running Python's environment, else the one on PATH."""
    beside = Path(sys.executable).parent / "attrib"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("attrib")
    if found is None:
        raise SystemExit("attrib is not installed in this environment (pip install -e .)")
    return [found]


def run(*args: str) -> None:
    command = [*attrib_command(), *args]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")


def screenshot(html: Path, png: Path, *, width: int = WIDTH, height: int = HEIGHT, chromium: str = CHROMIUM) -> Path:
    """Screenshot a local HTML file with headless Chromium; the PNG's path."""
    with tempfile.TemporaryDirectory(prefix="attrib-chromium-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            html.resolve().as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return png


def seed_report(out: Path) -> Path:
    html = out / "seed-report.html"
    run("report", str(SEED), "--format", "html", "-o", str(html))
    return html


def corpus_report(out: Path, workers: int) -> Path:
    if not POLNEAR_DEV.exists():
        raise SystemExit(f"{POLNEAR_DEV} is missing: the corpus report needs the PolNeAR dev articles")
    html = out / "polnear-dev-report.html"
    with tempfile.TemporaryDirectory(prefix="attrib-report-db-") as folder:
        db = Path(folder) / "dev.db"
        started = time.perf_counter()
        run("ingest", str(POLNEAR_DEV), "--db", str(db), "--workers", str(workers))
        print(f"ingested PolNeAR dev in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        run("report", "--db", str(db), "--format", "html", "-o", str(html))
    return html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="Folder for the HTML and PNG files (default: a new temporary one).")
    parser.add_argument("--seed-only", action="store_true", help="Only the seed article's report.")
    parser.add_argument("--workers", type=int, default=2, help="Processes for the corpus ingest.")
    parser.add_argument("--height", type=int, default=HEIGHT, help="Window height: taller shows more of a long page.")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    out = args.out or Path(tempfile.mkdtemp(prefix="attrib-screenshots-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = [seed_report(out)]
    if not args.seed_only:
        pages.append(corpus_report(out, args.workers))
    for html in pages:
        png = screenshot(html, html.with_suffix(".png"), height=args.height)
        print(f"{png}  ({png.stat().st_size // 1024} KB, from {html.name})")


if __name__ == "__main__":
    main()
