"""The fiscal note: what a budget office or a legislative fiscal analyst forwards about a stored run, gathered from
the store as tables (money in cents), and the difference of two runs cell by cell. simulator/note_files.py writes
it as one printable HTML page, Markdown or a workbook.

Its tables, in order: the cost by fiscal year with the full-implementation column (salary, the employer's
benefits, the total, % of payroll, general fund and other funds, the annualized cost at each year's end, FTE and
headcount); the cost bridge (simulator/bridge.py); who is affected at placement; the cost of 1 % and of one step
(simulator/unit_costs.py); then every parameter the run used, with where it came from.

**Full implementation** is the annualized cost (the rates in force at a fiscal year's end, for a whole year:
continuing) at the end of the first fiscal year at whose end nothing placed is still owed; where a limit on a
raise still owes something at the projection's end, the last year's, and the note says how much is owed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl

from simulator import bridge
from simulator import results as R
from simulator.money import dollars_text, pct

MONEY, PCT, COUNT, FTE = "money", "pct", "count", "fte"
GENERAL_FUND = "general"  # a fund whose name is this (any case, spaces, '_' or '-' and a trailing "fund" aside)


@dataclass
class Table:
    """One table of the note: a title, its column headings (after the row label), rows of (label, kind, values)
    with money in cents, percentages as Decimal per cent, counts and FTE as numbers; None where nothing applies."""
    title: str
    columns: list[str]
    rows: list[tuple[str, str, list]]
    note: str = ""


def kinds(row: tuple) -> list[str]:
    """Each cell's kind in a row (a row gives one kind for all its cells, or one per cell)."""
    kind = row[1]
    return kind if isinstance(kind, list) else [kind] * len(row[2])


@dataclass
class Note:
    title: str
    facts: list[tuple[str, str]]  # (label, value) about the run(s)
    lead: str  # the cost in one sentence
    tables: list[Table]
    parameters: pl.DataFrame  # parameter, value, origin
    warnings: list[str] = field(default_factory=list)


class NoNoteMeasures(KeyError):
    """A run stored without the bridge and the cost of 1 % (stored by an earlier layout cannot be: refused there)."""


def _fund_name(text: str) -> str:
    """A fund's name as compared: lower case, spaces for '_' and '-', a trailing "fund" dropped, "gf" as
    "general"."""
    name = re.sub(r"[\s_-]+", " ", text.strip().lower()).removesuffix(" fund").strip()
    return GENERAL_FUND if name == "gf" else name


def is_general(fund: str | None, general: str = GENERAL_FUND) -> bool:
    """Whether a fund's name names the general fund (the name given, "general" by default), compared as
    ``_fund_name`` puts them: "general", "General Fund", "general_fund" and "GF" are one."""
    return fund is not None and _fund_name(fund) == _fund_name(general)


def full_implementation(con, run_id: int) -> tuple[int, int]:
    """(the full-implementation fiscal year, what is still owed at its end, cents) of a stored run."""
    totals = R._query(con, "SELECT replica, fiscal_year, branch, owed_cents FROM run_totals WHERE run_id = ? "
                           "ORDER BY replica, fiscal_year", [run_id])
    replica = int(totals["replica"].min())
    k, owed = bridge.full_implementation(totals, replica)
    years = sorted(set(totals["fiscal_year"].to_list()))
    return years[k], owed


def _fund_rows(con, run_id: int, years: list[int], full_year: int, general: str) -> list[tuple[str, str, list]]:
    """General fund and other funds (and positions with no fund), salary and benefits together."""
    def split(annual: bool) -> dict:
        frame = R.cost_by(con, run_id, "fund", annual=annual)
        frame = frame.with_columns(pl.col("fund").fill_null("(none)"))
        kind = {f: "general" if is_general(f, general) else ("none" if f == "(none)" else "other")
                for f in frame["fund"].unique().to_list()}  # a handful of funds
        frame = frame.with_columns(pl.col("fund").replace_strict(kind, return_dtype=pl.String).alias("kind"))
        return {(r["fiscal_year"], r["kind"]): r["total"] for r in frame.group_by("fiscal_year", "kind").agg(
            pl.col("total_cost_cents").sum().alias("total")).iter_rows(named=True)}

    cash, annual = split(False), split(True)
    rows = []
    for kind, label in (("general", "General fund"), ("other", "Other funds"), ("none", "Fund not given")):
        values = [cash.get((y, kind), 0) for y in years] + [annual.get((full_year, kind), 0)]
        if any(values) or kind != "none":
            rows.append((f"  {label}", MONEY, values))
    return rows


def _overtime_rows(con, run_id: int, years: list[int], full_year: int) -> list[tuple[str, str, list]]:
    """The salary's overtime (the reform's less the baseline's, A-PROJ-OVERTIME), on the path the cost cube
    holds (the first replica); no row when neither branch pays any."""
    t = R._query(con, "SELECT fiscal_year, branch, overtime_cents, annual_overtime_cents FROM run_totals "
                      "WHERE run_id = ? AND replica = (SELECT min(replica) FROM run_totals WHERE run_id = ?)",
                 [run_id, run_id])
    if not t.height or not (t["overtime_cents"].abs().sum() or t["annual_overtime_cents"].abs().sum()):
        return []
    sign = pl.when(pl.col("branch") == "reform").then(1).otherwise(-1)
    d = {r["fiscal_year"]: r for r in t.group_by("fiscal_year").agg(
        (sign * pl.col("overtime_cents")).sum().alias("cash"),
        (sign * pl.col("annual_overtime_cents")).sum().alias("annual")).iter_rows(named=True)}
    return [("  of which overtime", MONEY, [d[y]["cash"] for y in years] + [d[full_year]["annual"]])]


def cost_table(con, run_id: int, general: str) -> tuple[Table, dict]:
    """The cost by fiscal year, cash, with the full-implementation column (annualized)."""
    cash = R.cost_by_year(con, run_id)
    annual = R.cost_by(con, run_id, "schedule", annual=True).group_by("fiscal_year").agg(
        pl.col("baseline_payroll_cents", "cost_cents", "benefits_cost_cents", "total_cost_cents").sum()
    ).sort("fiscal_year")
    years = cash["fiscal_year"].to_list()
    full_year, owed = full_implementation(con, run_id)
    fa = annual.filter(pl.col("fiscal_year") == full_year).row(0, named=True)
    c = cash.to_dicts()
    rows = [
        ("Salary", MONEY, [r["cost_cents"] for r in c] + [fa["cost_cents"]]),
        *_overtime_rows(con, run_id, years, full_year),
        ("Salary-driven benefits", MONEY, [r["benefits_cost_cents"] for r in c] + [fa["benefits_cost_cents"]]),
        ("Total", MONEY, [r["total_cost_cents"] for r in c] + [fa["total_cost_cents"]]),
        ("% of baseline payroll (salary)", PCT, [pct(r["cost_cents"], r["baseline_payroll_cents"]) for r in c]
         + [pct(fa["cost_cents"], fa["baseline_payroll_cents"])]),
        ("Baseline payroll (salary)", MONEY, [r["baseline_payroll_cents"] for r in c]
         + [fa["baseline_payroll_cents"]]),
        *_fund_rows(con, run_id, years, full_year, general),
        ("Annualized at the year's end (total)", MONEY,
         annual["total_cost_cents"].to_list() + [fa["total_cost_cents"]]),
        ("FTE at the year's end", FTE, [r["fte"] for r in c] + [None]),
        ("Headcount at the year's end", COUNT, [r["headcount"] for r in c] + [None]),
    ]
    note = ("Cash paid within each fiscal year. Full implementation: the annualized cost (the rates in force for a "
            f"whole year; its % of the baseline's annualized payroll) at the end of fiscal year {full_year}")
    note += (f", when {dollars_text(owed)} placed is still owed (a limit on raises)." if owed else
             ", the first year's end with every placed raise paid: the structure in full; the years after also "
             "carry steps, raises and turnover.")
    return Table("Cost of the reform by fiscal year", [*(f"FY {y}" for y in years), "Full implementation"],
                 rows, note), {"years": years, "full_year": full_year, "owed": owed, "cash": cash, "full": fa}


def bridge_table(con, run_id: int, years: list[int], full_year: int) -> Table:
    """The bridge: each part's cost (salary and benefits) by fiscal year, and annualized at full implementation."""
    b = R._query(con, "SELECT * FROM run_bridge WHERE run_id = ? ORDER BY fiscal_year", [run_id])
    if not b.height:
        raise NoNoteMeasures(run_id)
    rows = []
    for part in bridge.PARTS:
        p = b.filter(pl.col("part") == part)
        by_year = {r["fiscal_year"]: r for r in p.iter_rows(named=True)}
        values = [by_year[y]["cash_cents"] + by_year[y]["benefits_cents"] for y in years]
        f = by_year[full_year]
        rows.append((bridge.LABELS[part], MONEY, values + [f["annual_cents"] + f["annual_benefits_cents"]]))
    total = [sum(r[2][i] for r in rows) for i in range(len(years) + 1)]
    rows.append(("Total", MONEY, total))
    return Table("What the cost is made of (salary and benefits)", [*(f"FY {y}" for y in years),
                                                                     "Full implementation"], rows,
                 "Attributed in this order, the same in both branches: placement, then movement, then general "
                 "increases, then turnover; the parts add up to the total to the cent.")


def people_table(con, run_id: int) -> Table:
    c = R.placement_counts(con, run_id)
    fte = R._query(con, "SELECT coalesce(sum(fte), 0)::DOUBLE AS fte FROM placements WHERE run_id = ? "
                        "AND rule <> 'EXCLUDED'", [run_id])["fte"][0]
    rows = [("Positions placed on the new schedules", COUNT, [c["employees"] - c["excluded"]]),
            ("FTE placed", FTE, [fte]), ("Gain pay", COUNT, [c["gain"]]), ("Same pay", COUNT, [c["unchanged"]]),
            ("Lose pay", COUNT, [c["lose"]]), ("Red-circled (above the new maximum)", COUNT, [c["red_circled"]]),
            ("Staying on the old plan (excluded)", COUNT, [c["excluded"]])]
    return Table("Who is affected at placement", ["Positions"], rows)


def unit_table(con, run_id: int) -> Table:
    """The cost of 1 % and of one step (salary and benefits), per schedule and for all."""
    u = R._query(con, "SELECT * FROM unit_costs WHERE run_id = ? ORDER BY rowid", [run_id])
    rows = []
    names = list(dict.fromkeys(u["schedule"].to_list()))
    for name in names:
        def of(measure, u=u, name=name):
            r = u.filter((pl.col("measure") == measure) & (pl.col("schedule") == name))
            if not r.height:
                return [None, None, None]
            r = r.row(0, named=True)
            return [r["positions"], r["first_year_cents"] + r["first_year_benefits_cents"],
                    r["full_cents"] + r["full_benefits_cents"]]
        one_pct, one_step = of("one_pct"), of("one_step")
        label = "All schedules" if name == "all schedules" else f"Schedule {name}"
        rows.append((label, [COUNT, MONEY, MONEY, COUNT, MONEY, MONEY],
                     [one_pct[0], one_pct[1], one_pct[2], one_step[0], one_step[1], one_step[2]]))
    return Table("Cost of 1 % and of one step (salary and benefits)",
                 ["Positions", "1 %: first year", "1 %: full implementation", "Positions moved a step",
                  "One step: first year", "One step: full implementation"], rows,
                 "Each costed again, not a share of the total: 1 %: the schedule's rates 1 % higher, everyone placed "
                 "again under its rules (not a 1 % raise to everyone's pay); one step: everyone below the top one "
                 "step higher, their review clock that step's. All schedules are costed at once: placements and merit "
                 "budgets interact, so that row need not be the sum of the others.")


def note(con, run_id: int, general: str = GENERAL_FUND) -> Note:
    """The fiscal note of one stored run."""
    info = R.run_info(con, run_id)
    cost, years = cost_table(con, run_id, general)
    tables = [cost, bridge_table(con, run_id, years["years"], years["full_year"]), people_table(con, run_id),
              unit_table(con, run_id)]
    s = R.summary(con, run_id)
    first = years["cash"].row(0, named=True)
    fa = years["full"]
    lead = (f"The reform costs {dollars_text(first['total_cost_cents'])} in fiscal year {first['fiscal_year']} "
            f"(salary {dollars_text(first['cost_cents'])}, benefits {dollars_text(first['benefits_cost_cents'])}) and "
            f"{dollars_text(fa['total_cost_cents'])} a year at full implementation; "
            f"{s['counts']['gain']:,} of {s['counts']['employees']:,} positions gain pay.")
    facts = [("Scenario", f"{info['scenario_title'] or info['scenario_name']} ({info['scenario_name']})"),
             ("Roster", f"{info['roster_name']}, {info['employees']:,} employees"
              + (" (SYNTHETIC: no row is a real person)" if info["roster_synthetic"] else "")),
             ("Effective", f"{info['effective_date']}; {info['years']} fiscal years; run {run_id}, regrade "
                           f"{info['regrade_version']}, results {info['results_hash']}"),
             ("Method", "the bridge, full implementation, the cost of 1 % and of a step and the general fund as "
                        "data/ASSUMPTIONS.md defines them (A-NOTE-BRIDGE, A-NOTE-FULL, A-NOTE-UNIT, A-NOTE-FUND)")]
    warnings = [_monte_carlo(con, run_id, info)] if info["replicas"] else []
    funds = {r[0].strip(): r[2] for r in cost.rows if r[0].startswith("  ")}
    if not any(funds.get("General fund", [])) and any(funds.get("Other funds", [])):
        warnings.append(f"no fund of the roster is the general fund (named '{general}'): give --general-fund NAME "
                        "if the roster calls it otherwise")
    return Note(f"Fiscal note: {info['scenario_title'] or info['scenario_name']}", facts, lead, tables,
                R.parameters(con, run_id), warnings)


def _monte_carlo(con, run_id: int, info: dict) -> str:
    """What a Monte Carlo run's note says first: the mean of its replicas and their spread, then that the tables
    follow one of them."""
    bands = R.replica_bands(con, run_id)
    first = bands.filter(pl.col("fiscal_year") > 0).row(0, named=True) if bands.height else None
    lead = (f"Monte Carlo run of {info['replicas']:,} replicas: the salary cost in fiscal year {first['fiscal_year']} "
            f"is {dollars_text(first['cost_mean_cents'])} on their mean ({dollars_text(first['cost_p05_cents'])} to "
            f"{dollars_text(first['cost_p95_cents'])}, 5th to 95th percentile). " if first else "Monte Carlo run: ")
    return lead + ("The tables follow replica 1, one draw; the cost of 1 % and of a step, the expected-value path.")


TOTALS = ("Total", "All schedules")  # a table's closing row


def _minus(a, b, kind):
    if a is None or b is None:
        return None
    if kind == PCT:
        return Decimal(a) - Decimal(b)
    return a - b


def difference(one: Note, two: Note, id_one: int, id_two: int) -> Note:
    """Run 2 - run 1 in every cell (percentages in points). The runs must have the same fiscal years."""
    tables = []
    for t1, t2 in zip(one.tables, two.tables):
        if t1.columns != t2.columns:
            raise ValueError(f"runs {id_one} and {id_two} do not have the same fiscal years ({', '.join(t1.columns)} "
                             f"against {', '.join(t2.columns)}): a note compares runs over the same years")
        rows2 = {row[0]: row[2] for row in t2.rows}
        rows = []
        for row in t1.rows:  # a row only one run has (a fund, a schedule) counts as 0 in the other
            other = rows2.get(row[0], [0 if k != PCT else None for k in kinds(row)])
            rows.append((row[0], row[1], [_minus(b, a, k) for a, b, k in zip(row[2], other, kinds(row))]))
        extra = [(row[0], row[1], [_minus(b, 0, k) for b, k in zip(row[2], kinds(row))]) for row in t2.rows
                 if row[0] not in {r[0] for r in t1.rows}]
        closing = 1 if rows and rows[-1][0] in TOTALS else 0  # a row only run 2 has goes before the closing total
        rows = rows[: len(rows) - closing] + extra + rows[len(rows) - closing:]
        note = t1.note if t1.note == t2.note else f"Run {id_one}: {t1.note} Run {id_two}: {t2.note}"
        tables.append(Table(f"{t1.title}: run {id_two} less run {id_one}", t1.columns, rows, note))
    lead = f"Every figure is run {id_two} ({two.title[len('Fiscal note: '):]}) less run {id_one} " \
           f"({one.title[len('Fiscal note: '):]}); percentages in points."
    facts = ([(f"Run {i}: {k}", v) for i, n in ((id_one, one), (id_two, two)) for k, v in n.facts if k != "Method"]
             + [(k, v) for k, v in one.facts if k == "Method"])
    warnings = [f"Run {id_one}: {w}" for w in one.warnings] + [f"Run {id_two}: {w}" for w in two.warnings]
    return Note(f"Fiscal note: run {id_two} against run {id_one}", facts, lead, tables, two.parameters,
                list(dict.fromkeys(warnings)))
