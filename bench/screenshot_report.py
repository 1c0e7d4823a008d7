"""Render the HTML sourcing reports in a real browser and screenshot them.

Builds two reports with the `attrib` command, as a user would: the seed article
(`attrib report fixtures/us-venezuela-relations.txt --format html`) and a corpus, the
PolNeAR dev articles or `--input FILE` (`attrib ingest` into a temporary database,
then `attrib report --db ... --format html`), and screenshots both with headless
Chromium (Debian's `chromium` package: `apt-get install -y chromium`), as a desktop
window 1200 pixels wide and as a phone 400 pixels wide. Look at the PNGs: the charts
should be drawn, the text readable, nothing cut or overlapping.

    python bench/screenshot_report.py                 # PNGs in a temporary folder
    python bench/screenshot_report.py --out shots/    # ... or here
    python bench/screenshot_report.py --input corpus.jsonl   # another corpus
    python bench/screenshot_report.py --seed-only     # skip the corpus (about 45 s)

Nothing is fetched: the browser runs with networking features off and the reports are
self-contained files.
"""

from __future__ import annotations

import argparse
import html as html_text
import json
import re
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
NARROW = 400
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


# A page holding the report in a frame `width` pixels wide (Chromium's own window is
# at least 500 wide when it dumps a page), and a script measuring, once the frame has
# loaded: how wide the report's page is, the smallest text of its charts as drawn (an
# SVG's text is scaled with the SVG), and where the line chart's axis labels are. The
# report itself has no script: only this test page does.
MEASURE_PAGE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" style="width:%dpx;height:8000px;border:0" srcdoc="%s"></iframe>
<pre id="measured"></pre>
<script>
document.getElementById("page").addEventListener("load", () => {
  const doc = document.getElementById("page").contentDocument;
  const sizes = [];
  for (const el of doc.querySelectorAll(".bars .label, .bars .note, .donut-legend li, svg text")) {
    if (!el.getBoundingClientRect().width) continue;  // hidden at this width
    let size = parseFloat(doc.defaultView.getComputedStyle(el).fontSize);
    const svg = el.closest("svg");
    if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    sizes.push(size);
  }
  const labels = [...doc.querySelectorAll("svg text.axis")].map(el => el.getBoundingClientRect());
  document.getElementById("measured").textContent = JSON.stringify({
    page_width: doc.documentElement.scrollWidth,
    smallest_text: Math.min(...sizes),
    axis_labels: labels.map(r => [r.left, r.right]),
  });
});
</script></body></html>"""


def measure(html: Path, width: int, *, chromium: str = CHROMIUM) -> dict:
    """The report at `html` laid out `width` pixels wide, measured in Chromium:
    {"page_width", "smallest_text" (pixels), "axis_labels" ([left, right] each)}."""
    with tempfile.TemporaryDirectory(prefix="attrib-chromium-") as folder:
        page = Path(folder) / "measure.html"
        page.write_text(MEASURE_PAGE % (width, html_text.escape(html.read_text(encoding="utf-8"))), encoding="utf-8")
        command = [
            chromium, *CHROMIUM_FLAGS, f"--user-data-dir={folder}/profile", "--window-size=1300,900",
            "--virtual-time-budget=5000", "--dump-dom", page.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="measured">(.+?)</pre>', result.stdout, re.S)
    if found is None:
        raise RuntimeError(f"chromium measured nothing ({result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(html_text.unescape(found.group(1)))


def seed_report(out: Path) -> Path:
    html = out / "seed-report.html"
    run("report", str(SEED), "--format", "html", "-o", str(html))
    return html


def corpus_report(out: Path, source: Path, workers: int) -> Path:
    html = out / "corpus-report.html"
    with tempfile.TemporaryDirectory(prefix="attrib-report-db-") as folder:
        db = Path(folder) / "corpus.db"
        started = time.perf_counter()
        run("ingest", str(source), "--db", str(db), "--workers", str(workers))
        print(f"ingested {source} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        run("report", "--db", str(db), "--format", "html", "-o", str(html))
    return html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="Folder for the HTML and PNG files (default: a new temporary one).")
    parser.add_argument("--seed-only", action="store_true", help="Only the seed article's report.")
    parser.add_argument("--input", type=Path, help="The corpus to report on (default: PolNeAR dev, when it is there).")
    parser.add_argument("--workers", type=int, default=2, help="Processes for the corpus ingest.")
    parser.add_argument("--height", type=int, default=HEIGHT, help="Window height: taller shows more of a long page.")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    out = args.out or Path(tempfile.mkdtemp(prefix="attrib-screenshots-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = [seed_report(out)]
    source = args.input or POLNEAR_DEV
    if args.input and not args.input.exists():
        raise SystemExit(f"{args.input}: no such file")
    if args.seed_only:
        pass
    elif source.exists():
        pages.append(corpus_report(out, source, args.workers))
    else:
        print(f"{POLNEAR_DEV} is not here (see the README), so only the seed report: give --input "
              "for a corpus", file=sys.stderr)
    for html in pages:
        for width in (WIDTH, NARROW):
            png = screenshot(html, html.with_name(f"{html.stem}-{width}.png"), width=width, height=args.height)
            sizes = measure(html, width)
            print(f"{png}  ({png.stat().st_size // 1024} KB, from {html.name}, {width} px wide; page "
                  f"{sizes['page_width']} px wide, smallest chart text {sizes['smallest_text']:.1f} px)")


if __name__ == "__main__":
    main()
