"""The README's pictures, made from the demo so that they cannot go stale: ``regrade demo`` into a temporary folder,
then the top of its report (the headline, the summary table, the first figures) as headless Chromium shows it at
1280 x 1000, and the fiscal note of its Hay run (regrade-demo/note-hay-1975.html) as a page.

    .venv/bin/python docs/screenshot.py [--out docs/report.png] [--note-out docs/note.png]

Needs the test extra (Playwright) and Debian's chromium."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python docs/screenshot.py")
    ap.add_argument("--out", default=str(ROOT / "docs" / "report.png"))
    ap.add_argument("--note-out", default=str(ROOT / "docs" / "note.png"))
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is missing (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        demo = subprocess.run([sys.executable, "-m", "simulator", "demo", "--db", f"{tmp}/demo.duckdb", "--out-dir",
                               f"{tmp}/demo"], cwd=ROOT, capture_output=True, text=True)
        if demo.returncode != 0:
            print(demo.stderr, file=sys.stderr)
            return 1
        report = Path(tmp) / "demo" / "report.html"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(report.as_uri())
            page.wait_for_load_state("load")
            page.wait_for_selector("#fig-cost_by_year svg.main-svg")
            page.wait_for_timeout(500)
            page.screenshot(path=args.out)
            page = browser.new_page(viewport={"width": 820, "height": 1060})
            page.goto((Path(tmp) / "demo" / "note-hay-1975.html").as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=args.note_out, full_page=True)
            browser.close()
    print(f"Wrote {args.out} and {args.note_out} from a fresh demo's report and note.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
