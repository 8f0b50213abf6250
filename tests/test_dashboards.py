"""The report and the explorer, in a real browser (headless Chromium from Debian, driven by Playwright); and the
figures' numbers against the store's own aggregates. Screenshots go into tmp_path, never into the repo."""

import csv
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboards import figures as F
from simulator import results as R
from simulator import store, synthetic

ROOT = Path(__file__).resolve().parents[1]
WI = "(document.querySelector('#wi-headline') || {innerText: ''}).innerText"  # null-safe: before Dash renders it
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
KEYS = [f.key for f in F.FIGURES]
WHOLE_RUN = {"cost_bridge", "unit_costs"}  # figures of the whole run: the agency and schedule pickers do not apply


def regrade(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True, text=True, timeout=600,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dash")
    roster = folder / "synthetic-1975.parquet"
    synthetic.roster("1975", 2500, 4).write_parquet(roster)
    path = folder / "r.duckdb"
    for name, replicas, years in (("hay-1975-same-step", "3", "3"), ("hay-1975-promotion", "0", "3"),
                                  ("hay-1975-promotion", "0", "2")):
        run = regrade("run", "--roster", str(roster), "--scenario", f"scenarios/{name}.toml", "--years", years,
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


def _page(browser, errors, **kw):
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, **kw)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def test_figure_numbers_equal_the_store_aggregates(db):
    con = store.connect(db, read_only=True)
    try:
        f = R.Filters()
        fig, frame = F.BY_KEY["cost_by_year"].build(con, 1, f, None)
        view = store.query(con, "SELECT fiscal_year, difference_cents, baseline_cents FROM cost_by_year "
                                "WHERE run_id = 1 ORDER BY fiscal_year")
        bars = [t for t in fig.data if t.type == "bar"][0]
        assert [round(v * 100) for v in bars.y] == view["difference_cents"].to_list()
        assert frame["cost_cents"].to_list() == view["difference_cents"].to_list()
        pct_fig, _ = F.BY_KEY["pct_of_payroll"].build(con, 1, f, [2])
        expected = [round(100 * d / b, 2) for d, b in zip(view["difference_cents"], view["baseline_cents"])]
        assert [round(v, 2) for v in pct_fig.data[0].y] == expected and len(pct_fig.data) == 2
        by_agency, _ = F.BY_KEY["cost_by_agency"].build(con, 1, R.Filters(year=1977), None)
        agency_view = store.query(con, "SELECT agency, difference_cents FROM cost_by_agency WHERE run_id = 1 "
                                       "AND fiscal_year = 1977")
        assert dict(zip(by_agency.data[0].y, (round(v * 100) for v in by_agency.data[0].x))) == dict(
            agency_view.iter_rows())
        wl, _ = F.BY_KEY["winners_by_old_grade"].build(con, 1, f, None)
        total_winners = store.query(con, "SELECT sum(winners)::BIGINT AS w FROM winners_losers WHERE run_id = 1")
        assert sum(wl.data[0].y) == total_winners["w"][0]
        raises_fig, raises_frame = F.BY_KEY["raises"].build(con, 1, f, None)
        placed = store.query(con, "SELECT count(*) AS n FROM placements WHERE run_id = 1 AND rule <> 'EXCLUDED'")
        assert sum(raises_fig.data[0].y) == placed["n"][0] == raises_frame["employees"].sum()
        # Monte Carlo: the mean with 5th-95th percentile error bars, drawn over the bars
        marks = [t for t in fig.data if t.type == "scatter" and t.error_y and t.error_y.array is not None]
        assert marks and list(fig.data).index(marks[0]) > list(fig.data).index(bars)
        # no second axis drawn over the bars: the payrolls are in their own panel
        assert all(getattr(t, "yaxis", "y") in ("y", "y2") for t in fig.data)
        assert {t.yaxis for t in fig.data if t.name in ("baseline payroll", "reform payroll")} == {"y2"}
        assert fig.layout.yaxis2.overlaying is None
        # a diverging scale centred at zero for the heatmap
        heat, _ = F.BY_KEY["cost_heatmap"].build(con, 1, f, None)
        assert heat.data[0].zmid == 0
    finally:
        con.close()


def test_every_figure_obeys_every_filter_it_names(db):
    """With an agency and a schedule chosen, every figure's data is that agency's and schedule's: it differs from
    the unfiltered data, and its totals are the filtered totals of the store."""
    con = store.connect(db, read_only=True)
    try:
        everyone, chosen = R.Filters(), R.Filters("Mental Health and Corrections", "I")
        for spec in F.FIGURES:
            _, all_data = spec.build(con, 1, everyone, [2])
            _, some = spec.build(con, 1, chosen, [2])
            if spec.key in ("cost_bridge", "unit_costs"):  # computed for the whole run when it was stored
                assert "agency" not in spec.uses and all_data.equals(some) and all_data.height, spec.key
                assert "Agency and Schedule pickers do not apply" in spec.subtitle(chosen), spec.subtitle(chosen)
                continue
            assert {"agency", "schedule"} <= set(spec.uses), spec.key
            assert not all_data.equals(some), spec.key
            assert F.download(all_data) != F.download(some), spec.key
        cost = R.cost_by_year(con, 1, chosen)
        direct = store.query(con, """SELECT fiscal_year, sum(reform_cents - baseline_cents)::BIGINT AS c
            FROM cost_cube WHERE run_id = 1 AND agency = 'Mental Health and Corrections' AND target_schedule = 'I'
            GROUP BY 1 ORDER BY 1""")
        assert cost["cost_cents"].to_list() == direct["c"].to_list()
        assert "picker does not apply" in F.BY_KEY["raises"].subtitle(R.Filters(year=1978))
        assert "agency Mental Health and Corrections" in F.BY_KEY["cost_heatmap"].subtitle(chosen)
    finally:
        con.close()


def test_headcount_flows_reconcile_year_by_year(db):
    """Positions filled at each year's end = at its start + replacements hired - retirements - separations."""
    con = store.connect(db, read_only=True)
    try:
        for f in (R.Filters(), R.Filters("Transportation")):
            flows = R.headcount_flows(con, 2, f)
            assert flows.height == 3 and flows["hires"].sum() > 0 and flows["hires"][0] > 0
            for r in flows.iter_rows(named=True):
                assert r["headcount_at_end"] == (r["headcount_at_start"] + r["hires"] - r["retirements"]
                                                 - r["separations"]), r
        totals = store.query(con, "SELECT fiscal_year, headcount, retirements, separations, hires FROM run_totals "
                                  "WHERE run_id = 2 AND branch = 'reform' ORDER BY fiscal_year")
        start = store.query(con, "SELECT employees FROM runs WHERE run_id = 2")["employees"][0]
        for r in totals.iter_rows(named=True):
            assert r["headcount"] == start + r["hires"] - r["retirements"] - r["separations"]
            start = r["headcount"]
    finally:
        con.close()


@pytest.mark.slow  # a browser session, ~6 s with Chromium's start: CI's second step
def test_report_loads_offline_with_the_headline_first(db, browser, tmp_path):
    out = tmp_path / "report.html"
    run = regrade("report", "--run", "1", "--compare", "2", "--out", str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    text = out.read_text()
    # plotly.js inlined: no script or stylesheet is fetched from anywhere (and the browser below has no network)
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text)
    assert "SYNTHETIC roster" in text and "hay-1975-same-step" in text and "seed 0" in text
    assert "A-HAY-SCHED-I" in text and text.count("(CSV, dollars)") >= len(KEYS) + 3
    assert "SYN75-" not in text  # no employee ids unless asked for
    assert "another measure from the headline" in text and "the change in annual pay at placement" in text  # 11.1 %
    errors = []
    page = _page(browser, errors)
    page.route("http*://**", lambda route: route.abort())  # no network at all
    page.goto(out.as_uri())
    for key in KEYS:
        page.wait_for_selector(f"#fig-{key} svg.main-svg", timeout=30_000)
    headline = page.locator("#headline")
    box = headline.bounding_box()
    assert box["y"] + box["height"] < 1000, "the headline is on the first screen"
    words = headline.inner_text()
    assert "Cost of the reform" in words and "% of baseline payroll" in words and "gain pay" in words
    assert "lose pay" in words and "Monte Carlo" in words and "5th to 95th" in words
    # the payrolls' table: header, 3 years, total (the benefits' and the staff's table beside it has as many)
    assert page.locator("section#summary table").first.locator("tr").count() == 3 + 2
    assert page.locator("section#largest_changes table tr").count() > 10
    assert page.evaluate("document.body.scrollHeight") < 12_000
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert errors == []
    # every download is in dollars with two decimals
    for link in re.findall(r'href="data:text/csv;base64,([^"]+)"', text):
        import base64

        body = base64.b64decode(link).decode()
        header = body.splitlines()[0]
        assert "_cents" not in header, header


# The layout rule of the report and the explorer: no plot wider than its box, no table wider than its box.
FITS = """() => {
    const over = [];
    document.querySelectorAll('.js-plotly-plot').forEach(d => {
        const box = d.closest('section') || d.parentElement.parentElement;
        const svg = d.querySelector('svg.main-svg');
        if (svg && svg.getBoundingClientRect().width > box.getBoundingClientRect().width + 1)
            over.push(`${d.id || box.id}: plot ${svg.getBoundingClientRect().width} in ` +
                      `${box.getBoundingClientRect().width}`);
    });
    document.querySelectorAll('table').forEach(t => {
        const box = t.closest('.tablewrap') || t.parentElement;
        if (t.scrollWidth > box.clientWidth + 1)
            over.push(`${(t.closest('section') || {}).id}: table ${t.scrollWidth} in ${box.clientWidth}`);
    });
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
        over.push(`page ${document.documentElement.scrollWidth} in ${window.innerWidth}`);
    return over;
}"""


@pytest.mark.slow  # a browser session at three widths and in print, ~10 s: CI's second step
def test_report_fits_its_boxes_at_every_width_and_in_print(db, browser, tmp_path):
    """At 1024, 1280 and 1920 px and printed (the report asks for landscape paper: print media at 979 px, Letter
    landscape less its margins; A4 is wider): every plot within its box and every table within its box. The
    first chart once drew 1240 px wide in
    a 608-px column (drawn before the grid had its second column), and the largest changes' table was 1322 px."""
    out = tmp_path / "report.html"
    assert regrade("report", "--run", "1", "--compare", "2", "--out", str(out), "--db", str(db)).returncode == 0
    for width in (1024, 1280, 1920):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(out.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate(FITS) == [], width
        page.screenshot(path=str(tmp_path / f"report-{width}.png"))
        if width == 1280:
            page.emulate_media(media="print")
            page.set_viewport_size({"width": 979, "height": 700})
            page.wait_for_timeout(300)
            assert page.evaluate(FITS) == [], "print"
            page.pdf(path=str(tmp_path / "report.pdf"), format="Letter", prefer_css_page_size=True)
        page.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _figure_data(page) -> dict:
    return json.loads(page.evaluate("""() => JSON.stringify(Object.fromEntries(
        Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => [el.closest('[id^=fig-]').id, el.data]))
    )"""))


def _choose(page, picker: str, text: str) -> None:
    """Open a picker and click its option ``text`` (Dash's dropdown lists its options with role=option)."""
    page.click(f"#{picker}")
    if text.startswith("run "):  # a run's choice goes on with its years, people and time: matched by its start
        page.get_by_role("option", name=re.compile("^" + re.escape(text))).click()
    else:
        page.get_by_role("option", name=text, exact=True).click()
    page.keyboard.press("Escape")


def _serve(db, *args) -> tuple[subprocess.Popen, str]:
    """``regrade serve`` on a free port, started and answering: (the process, its url)."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--db", str(db), "--port", str(port),
                               *args], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return server, url
        except OSError:
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "the explorer did not start"
            time.sleep(0.3)


def _download(page, key: str) -> str:
    with page.expect_download() as d:
        page.click(f"#dl-btn-{key}")
    return Path(d.value.path()).read_text()


@pytest.mark.slow  # a browser session, ~10 s: CI's second step
def test_explorer_pickers_change_every_figure_and_download(db, browser, tmp_path):
    server, url = _serve(db)
    try:
        errors = []
        page = _page(browser, errors, accept_downloads=True)
        page.goto(url)
        _choose(page, "run", "run 1: hay-1975-same-step (SYNTHETIC)")
        for key in KEYS:
            page.wait_for_selector(f"#fig-{key} svg.main-svg", timeout=60_000)
        # run 1 has Monte Carlo replicas (run 2, shown first, has none): wait until run 1 is on screen
        page.wait_for_function("document.querySelector('#headline').innerText.includes('Monte Carlo')",
                               timeout=60_000)
        page.wait_for_timeout(500)
        assert "All agencies" in page.inner_text("#agency") and "All schedules" in page.inner_text("#schedule")
        before_head = page.inner_text("#headline")
        before = _figure_data(page)
        before_csv = {key: _download(page, key) for key in KEYS}
        t = time.perf_counter()
        _choose(page, "agency", "Mental Health and Corrections")
        page.wait_for_function(f"document.querySelector('#headline').innerText !== {before_head!r}", timeout=60_000)
        picker_seconds = time.perf_counter() - t
        mid_head = page.inner_text("#headline")
        _choose(page, "schedule", "Ia")
        page.wait_for_function(f"document.querySelector('#headline').innerText !== {mid_head!r}", timeout=60_000)
        page.wait_for_timeout(500)
        after = _figure_data(page)
        for key in KEYS:
            csv_text = _download(page, key)
            assert "_cents" not in csv_text.splitlines()[0], key
            if key in WHOLE_RUN:  # the bridge and the cost of 1 %: the whole run's, whatever the pickers say
                assert after[f"fig-{key}"] == before[f"fig-{key}"] and csv_text == before_csv[key], key
                assert "pickers do not apply" in page.inner_text(f"#sub-{key}"), key
                continue
            assert after[f"fig-{key}"] != before[f"fig-{key}"], key
            assert csv_text != before_csv[key], key
        rows = list(csv.DictReader(io.StringIO(_download(page, "cost_by_year"))))
        assert all(re.fullmatch(r"-?\d+\.\d\d", r["cost_dollars"]) for r in rows)
        assert "Mental Health and Corrections" in page.inner_text("#headline")
        page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
        print(f"explorer: a picker change to a new headline on screen took {picker_seconds:.2f} s")
        assert errors == []
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_explorer_says_when_no_one_matches_and_warns_when_runs_differ(db):
    """An agency with nobody on the chosen schedule: "No employees match" in the headline and in every figure,
    with no axes (they once ran from fiscal year -1 to 6 over "0 of 0 employees"). Runs of different numbers of
    years compared: compare's warning. The schedule picker offers only the agency's schedules."""
    from dashboards.app import stored_run_view

    con = store.connect(db, read_only=True)
    try:
        on_ia = set(store.query(con, "SELECT DISTINCT agency FROM placements WHERE run_id = 1 AND "
                                     "target_schedule = 'Ia'")["agency"])
        nobody = sorted(set(R.options(con, 1)["agency"]) - on_ia)[0]
        assert "Ia" not in R.options(con, 1, nobody)["schedule"]
        assert set(R.options(con, 1, nobody)["schedule"]) < set(R.options(con, 1)["schedule"])
        out = stored_run_view(con, 1, R.Filters(nobody, "Ia"), [])
        assert f"No employees match agency {nobody}, schedule Ia in run 1" in out[0].children
        figures = out[3: 3 + 2 * len(KEYS): 2]
        assert len(figures) == len(KEYS)
        for fig in figures:
            assert not fig.data and fig.layout.xaxis.visible is False
            assert "No employees match" in fig.layout.annotations[0].text
        assert out[-1] == ""
        both = stored_run_view(con, 1, R.Filters(), [3])
        assert "Warning: the runs differ in number of fiscal years (run 1: 3; run 3: 2)" in both[-1]
        assert stored_run_view(con, 1, R.Filters(), [2])[-1] == ""  # the same roster, years and date
    finally:
        con.close()


@pytest.mark.slow  # a browser session and a server, ~20 s: CI's second step
def test_explorer_keeps_to_one_scenario_narrows_its_pickers_and_sees_new_runs(db, browser, tmp_path):
    """With --roster and --scenario the stored section starts at the newest stored run of that scenario (run 1 for
    hay-1975-same-step, not the newest run, 3, of another), under its own heading; an agency narrows the
    schedule picker to its schedules; a run stored while the page is open can be picked within the refresh, and
    compared with the warning that its years differ."""
    import shutil as sh

    from dashboards.app import REFRESH_SECONDS

    copy = tmp_path / "r.duckdb"
    sh.copy(db, copy)
    roster = db.parent / "synthetic-1975.parquet"
    server, url = _serve(copy, "--roster", str(roster), "--scenario",
                         str(ROOT / "scenarios" / "hay-1975-same-step.toml"))
    try:
        errors = []
        page = _page(browser, errors)
        page.goto(url)
        page.wait_for_function("document.querySelector('#meta') && document.querySelector('#meta').innerText"
                               ".startsWith('Run 1:')", timeout=60_000)
        assert "Stored runs" in page.inner_text("body") and "not the what-if above" in page.inner_text("body")
        for key in KEYS:
            page.wait_for_selector(f"#fig-{key} svg.main-svg", timeout=60_000)
        for width in (1024, 1280, 1920):  # the layout rule at each width: nothing wider than its box
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(800)
            assert page.evaluate(FITS) == [], width
            page.screenshot(path=str(tmp_path / f"explorer-{width}.png"), full_page=True)
        con = store.connect(copy, read_only=True)
        agency = sorted(R.options(con, 1)["agency"])[0]
        kept = R.options(con, 1, agency)["schedule"]
        con.close()
        _choose(page, "agency", agency)
        page.wait_for_function(f"document.querySelector('#headline').innerText.includes({agency!r})", timeout=60_000)
        page.click("#schedule")
        page.get_by_role("option", name="All schedules", exact=True).wait_for(timeout=30_000)
        offered = [o.inner_text() for o in page.get_by_role("option").all()]
        page.keyboard.press("Escape")
        assert offered == ["All schedules", *kept], offered
        stored = regrade("run", "--roster", str(roster), "--scenario", "scenarios/hay-1975-same-step.toml",
                         "--years", "1", "--db", str(copy))
        assert stored.returncode == 0, stored.stderr
        page.wait_for_timeout((REFRESH_SECONDS + 2) * 1000)
        page.click("#compare")  # the run shown is not offered to compare with itself; the new run is
        page.get_by_role("option", name=re.compile("^run 4: ")).wait_for(timeout=30_000)
        offered = [o.inner_text() for o in page.get_by_role("option").all()]
        page.keyboard.press("Escape")
        assert not any(o.startswith("run 1:") for o in offered) and any(" yr · " in o for o in offered), offered
        _choose(page, "compare", "run 4: hay-1975-same-step (SYNTHETIC)")
        page.wait_for_function("document.querySelector('#compare-warning').innerText.includes('differ in number of "
                               "fiscal years')", timeout=60_000)
        assert errors == []
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_explorer_binds_only_to_localhost():
    import inspect

    from dashboards import app

    assert 'host="127.0.0.1"' in inspect.getsource(app.serve)


def test_explorer_refuses_a_request_for_another_host(db):
    """DNS rebinding: a page on another site that resolves its name to 127.0.0.1 sends its own Host header."""
    from dashboards.app import make_app

    client = make_app(db).server.test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8050"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8050"}).status_code == 200
    for host in ("evil.example:8050", "127.0.0.1.evil.example", "10.0.0.5:8050", "localhost.evil.example"):
        assert client.get("/", headers={"Host": host}).status_code == 403, host
        assert client.get("/_dash-layout", headers={"Host": host}).status_code == 403, host


@pytest.mark.slow  # a browser session and a server, ~18 s on a fresh clone: CI's second step (the what-if's
# costing is in the default suite: tests/test_what_if.py)
def test_the_what_if_panel_recosts_as_the_user_types(db, browser):
    """regrade serve --roster --scenario: the what-if headline at 0 % and after -3 % on Schedule I equals what
    the long way gives for the same variant (simulator.recost.Recoster, long=True), to the cent."""
    from dashboards.what_if import what_if_variant
    from simulator import solve
    from simulator.money import dollars_text
    from simulator.recost import Recoster
    from simulator.roster import load_roster
    from simulator.scenario import load_scenario

    roster_path = db.parent / "synthetic-1975.parquet"
    scenario_path = ROOT / "scenarios" / "hay-1975-same-step.toml"
    roster, _ = load_roster(roster_path)
    scenario = load_scenario(scenario_path)
    recoster = Recoster(roster, scenario, 5)  # the long way: placement and projection of each variant afresh
    expected = {p: recoster.measures(solve.parameter("schedules.I.pct", scenario).apply(scenario, p) if p
                                     else scenario, long=True) for p in (0, -3)}
    server, url = _serve(db, "--roster", str(roster_path), "--scenario", str(scenario_path))
    try:
        errors = []
        page = _page(browser, errors)
        page.goto(url)
        first = dollars_text(expected[0]["first_year_cost_cents"])
        page.wait_for_function(f"{WI}.includes({first!r})",
                               timeout=60_000)
        page.fill("#wi-I", "-3")
        t = time.perf_counter()
        page.press("#wi-I", "Enter")
        lower = dollars_text(expected[-3]["first_year_cost_cents"])
        page.wait_for_function(f"{WI}.includes({lower!r})",
                               timeout=60_000)
        print(f"what-if: a change to a new headline on screen took {time.perf_counter() - t:.3f} s")
        text = page.inner_text("#wi-headline")
        assert f"{expected[-3]['winners']:,} employees gain pay and {expected[-3]['losers']:,} lose pay" in text
        # every value typed is costed as exactly the number it shows, or refused in words (no figure); -2.15 once
        # cost 0 % silently (the browser found it off a 0.1 step)
        at = recoster.measures(solve.parameter("schedules.I.pct", scenario).apply(scenario, -2.15), long=True)
        for box, typed, said in (("#wi-I", "-2.15", dollars_text(at["first_year_cost_cents"])),
                                 ("#wi-I", "2.155", "has more than two decimals"),
                                 ("#wi-I", "-100", "-100 % is outside -90 to 1,000 %"),
                                 ("#wi-I", "1e6", "'1e6' is not a number"),
                                 ("#wi-I", "abc", "'abc' is not a number"),
                                 ("#wi-I", "-3", lower),
                                 ("#wi-gi", "-100", "General increase: -100 % is outside -50 to 100 %"),
                                 ("#wi-gi", "0", lower),
                                 ("#wi-gi", "-100", "General increase: -100 % is outside -50 to 100 %"),
                                 ("#wi-gi", "0", lower)):
            page.fill(box, typed)
            page.press(box, "Enter")
            page.wait_for_function(f"{WI}.includes({said!r})", timeout=60_000)
            if said in (lower, dollars_text(at["first_year_cost_cents"])):
                assert "Costed: Schedule I " in page.inner_text("#wi-headline")
            else:
                assert "First-year cost" not in page.inner_text("#wi-headline"), typed
        # the box is wide enough for what is typed: nothing cut (the minus sign once was)
        assert page.eval_on_selector("#wi-I", "e => e.scrollWidth <= e.clientWidth")
        # typed at full speed after an error, the box keeps the keys in their order (a box that sent its value as
        # it was typed once put the cursor back mid-word: -2.15 became -.152 or -2.51, and that was costed)
        for _ in range(8):
            page.fill("#wi-I", "abc")
            page.press("#wi-I", "Enter")
            page.wait_for_function(f"{WI}.includes('Not costed')", timeout=60_000)
            page.click("#wi-I")
            page.keyboard.press("Control+A")
            page.type("#wi-I", "-2.15", delay=0)
            page.press("#wi-I", "Enter")
            page.wait_for_function(f"{WI}.includes({dollars_text(at['first_year_cost_cents'])!r})", timeout=60_000)
            assert page.input_value("#wi-I") == "-2.15"
        page.fill("#wi-I", "-3")
        page.press("#wi-I", "Enter")
        page.wait_for_function(f"{WI}.includes({lower!r})", timeout=60_000)
        # a phase-in cap, then another placement rule for Schedule I: each the long way's cents
        for step, variant in (("cap", what_if_variant(scenario, 5, {"I": -3}, cap_pct=4)),
                              ("rule", what_if_variant(scenario, 5, {"I": -3}, cap_pct=4,
                                                       rules={"I": "hay_promotion"}))):
            want = dollars_text(recoster.measures(variant, long=True)["first_year_cost_cents"])
            if step == "cap":
                page.fill("#wi-cap", "4")
                page.press("#wi-cap", "Enter")
            else:
                page.click("#wi-rule-I")  # Dash's dropdown: open it, pick the option
                page.get_by_role("option", name="hay_promotion", exact=True).click()
            page.wait_for_function(f"{WI}.includes({want!r})", timeout=60_000)
        assert errors == []
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_what_if_panel_needs_both_a_roster_and_a_scenario(db):
    out = regrade("serve", "--db", str(db), "--roster", str(db.parent / "synthetic-1975.parquet"))
    assert out.returncode == 2 and "needs both --roster and --scenario" in out.stderr


@pytest.mark.slow  # a demo and a browser, ~40 s: CI's second step
def test_the_readme_picture_is_made_from_a_fresh_demo(browser, tmp_path):
    """docs/report.png is made by docs/screenshot.py from a demo run afresh, so that it cannot show old numbers."""
    out = tmp_path / "report.png"
    made = subprocess.run([sys.executable, "docs/screenshot.py", "--out", str(out)], cwd=ROOT, capture_output=True,
                          text=True, timeout=900, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert made.returncode == 0, made.stderr[-2000:]
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 50_000
    assert "docs/screenshot.py" in (ROOT / "README.md").read_text()


@pytest.mark.slow  # a browser printing four PDFs, ~8 s: CI's second step
def test_the_fiscal_note_prints_on_one_page(db, browser, tmp_path):
    """The note, of one run and of two compared, printed to PDF from Chromium on Letter and on A4: one page each."""
    for name, args in (("one", ["2"]), ("two", ["1", "--compare", "2"]), ("mc", ["1"])):
        html = tmp_path / f"{name}.html"
        done = regrade("note", *args, "--out", str(html), "--db", str(db))
        assert done.returncode == 0, done.stderr
        page = browser.new_page(viewport={"width": 726, "height": 1000})  # A4's width inside 9 mm margins, in px
        page.goto(html.as_uri())
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollWidth") <= 726, name  # nothing cut off at the side
        for paper in ("Letter", "A4"):
            pdf = page.pdf(format=paper)
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            assert pages == 1, (name, paper, pages)
        page.close()
