"""The report and the explorer, in a real browser (headless Chromium from Debian, driven by Playwright);
and the figures' numbers against the store's own aggregates."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboards import figures as F
from simulator import store, synthetic

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "tests" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FIGS = ["cost_by_year", "pct_of_payroll", "cost_by_agency", "cost_heatmap", "raises", "winners_by_old_grade",
        "compression", "step_distribution", "headcount_flows"]


def regrade(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=600,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash")
    roster = folder / "synthetic-1975.parquet"
    synthetic.roster("1975", 2500, 4).write_parquet(roster)
    path = folder / "r.duckdb"
    for name, replicas in (("hay-1975-same-step", "3"), ("hay-1975-promotion", "0")):
        run = regrade("run", "--roster", str(roster), "--scenario", f"scenarios/{name}.toml", "--years", "3",
                      "--replicas", replicas, "--db", str(path))
        assert run.returncode == 0, run.stderr
    return path


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _page(browser, errors):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def test_figure_numbers_equal_the_store_aggregates(db):
    con = store.connect(db, read_only=True)
    try:
        fig, frame = F.cost_by_year(con, 1)
        view = store.query(con, "SELECT fiscal_year, difference_cents, pct_of_baseline FROM cost_by_year "
                                "WHERE run_id = 1 ORDER BY fiscal_year")
        bars = [t for t in fig.data if t.type == "bar"][0]
        assert [round(v * 100) for v in bars.y] == view["difference_cents"].to_list()
        pct_fig, _ = F.pct_of_payroll(con, [1, 2])
        assert list(pct_fig.data[0].y) == view["pct_of_baseline"].to_list()
        by_agency, _ = F.cost_by_agency(con, 1, 1977)
        agency_view = store.query(con, "SELECT agency, difference_cents FROM cost_by_agency WHERE run_id = 1 "
                                       "AND fiscal_year = 1977")
        assert dict(zip(by_agency.data[0].x, (round(v * 100) for v in by_agency.data[0].y))) == dict(
            agency_view.iter_rows())
        wl, _ = F.winners_by_old_grade(con, 1)
        total_winners = store.query(con, "SELECT sum(winners)::BIGINT AS w FROM winners_losers WHERE run_id = 1")
        assert sum(wl.data[0].y) == total_winners["w"][0]
        raises_fig, raises_frame = F.raises(con, 1)
        placed = store.query(con, "SELECT count(*) AS n FROM placements WHERE run_id = 1 AND rule <> 'EXCLUDED'")
        assert sum(raises_fig.data[0].y) == placed["n"][0] == raises_frame["employees"].sum()
        # Monte Carlo bands when there are replicas
        assert any(getattr(t, "fill", None) == "tonexty" for t in fig.data)
    finally:
        con.close()


def test_report_loads_offline_with_every_figure_drawn(db, browser, tmp_path):
    out = tmp_path / "report.html"
    run = regrade("report", "--run", "1", "--compare", "2", "--out", str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    text = out.read_text()
    import re

    # plotly.js inlined: no script or stylesheet is fetched from anywhere (and the browser below has no network)
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text)
    assert len(text) > 3_000_000
    assert "SYNTHETIC roster" in text and "hay-1975-same-step" in text and "seed 0" in text
    assert "A-HAY-SCHED-I" in text and text.count("Download the data (CSV)") == len(FIGS) + 2
    errors = []
    page = _page(browser, errors)
    page.route("http*://**", lambda route: route.abort())  # no network at all
    page.goto(out.as_uri())
    for key in FIGS:
        page.wait_for_selector(f"#fig-{key} svg.main-svg", timeout=30_000)
    assert page.locator("section#largest_changes table tr").count() > 10
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    assert errors == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_explorer_serves_on_localhost_and_the_pickers_change_the_numbers(db, browser):
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--db", str(db), "--port", str(port)],
                              cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "the explorer did not start"
                time.sleep(0.3)
        errors = []
        page = _page(browser, errors)
        page.goto(url)
        for key in FIGS:
            page.wait_for_selector(f"#fig-{key} svg.main-svg", timeout=60_000)
        page.wait_for_function("document.querySelector('#total').innerText.includes('$')", timeout=60_000)
        before = page.inner_text("#total")
        page.click("#agency")
        page.keyboard.type("Transportation")
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelector('#total').innerText !== {before!r}", timeout=60_000)
        after = page.inner_text("#total")
        assert before != after and "$" in after
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "explorer.png"), full_page=True)
        assert errors == []
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_explorer_binds_only_to_localhost():
    import inspect

    from dashboards import app

    assert 'host="127.0.0.1"' in inspect.getsource(app.serve)
