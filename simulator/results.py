"""What a person reads about a stored run: the cost by year and by group, the headline, winners and losers, the
Monte Carlo bands, every figure's data. Each function runs one SQL query on the store (parameters bound, never
formatted into the SQL) and returns a polars frame with money in int64 cents; ``simulator.money.for_people``
turns it into dollars at the boundary (exports, downloads, printed tables).

Every function takes the same ``Filters`` (agency, schedule, fiscal year; ``None`` is all) and honours every
filter it can. The few that cannot say so in ``Filters.ignored``: the Monte Carlo replicas keep statewide
totals only, so their bands are never filtered.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from simulator import funds
from simulator.money import dollars_text, pct, pct_expr, pct_text

# what the words mean: cash paid within each fiscal year (prorated by day), reform less baseline
COST_NOTE = ("Cost is the reform's payroll less the baseline's (the old plan carried forward), cash paid within each "
             "fiscal year; % of payroll is that cost as a share of the baseline's payroll.")


@dataclass(frozen=True)
class Filters:
    agency: str | None = None
    schedule: str | None = None  # a target schedule, or "excluded"
    year: int | None = None

    def sql(self, prefix: str = "", year: bool = True) -> tuple[str, list]:
        """An AND-clause and its bound parameters, for tables with agency / target_schedule / fiscal_year."""
        sql, params = "", []
        if self.agency:
            sql += f" AND {prefix}agency = ?"
            params.append(self.agency)
        if self.schedule:
            sql += f" AND coalesce({prefix}target_schedule, 'excluded') = ?"
            params.append(self.schedule)
        if year and self.year:
            sql += f" AND {prefix}fiscal_year = ?"
            params.append(self.year)
        return sql, params

    @property
    def any(self) -> bool:
        return bool(self.agency or self.schedule)

    def label(self) -> str:
        """'all agencies, all schedules' or 'agency Transportation, schedule I'."""
        return ", ".join([f"agency {self.agency}" if self.agency else "all agencies",
                          f"schedule {self.schedule}" if self.schedule else "all schedules"])


ALL = Filters()

HEADINGS = {  # column -> heading in words, for the tables people read
    "employee_id": "Employee", "agency": "Agency", "class_code": "Class", "old_grade": "Old grade",
    "old_step": "Old step", "new_grade": "New grade", "new_step": "New step", "old_annual_dollars": "Old annual pay",
    "new_annual_dollars": "New annual pay", "increase_dollars": "Change a year", "increase_pct": "Change (%)",
    "rule": "Rule", "explanation": "Why", "exception": "Exception", "fiscal_year": "Fiscal year",
    "baseline_payroll_dollars": "Baseline payroll", "reform_payroll_dollars": "Reform payroll",
    "cost_dollars": "Salary cost", "pct_of_payroll": "% of payroll", "benefits_cost_dollars": "Benefits cost",
    "total_cost_dollars": "Total cost (salary and benefits)", "fte": "FTE at year end",
    "item": "Item", "label": "Benefit", "fte_at_end": "FTE at year end",
    "baseline_benefits_dollars": "Baseline benefits",
    "reform_benefits_dollars": "Reform benefits",
    "parameter": "Parameter", "value": "Value", "origin": "From",
    "headcount": "Headcount at year end", "cost_p05_dollars": "Cost, 5th percentile",
    "cost_p95_dollars": "Cost, 95th percentile", "cost_mean_dollars": "Cost, mean of replicas",
    "affected_payroll_dollars": "Affected payroll (those moved)",
    "pct_of_affected_payroll": "% of affected payroll",
    "class_title": "Class title", "incumbents": "Incumbents", "schedule": "Schedule", "positions": "Positions",
    "old_minimum_dollars": "Old range minimum, a year", "old_maximum_dollars": "Old range maximum, a year",
    "new_minimum_dollars": "New range minimum, a year", "new_maximum_dollars": "New range maximum, a year",
    "average_old_pay_dollars": "Average old pay", "average_raise_dollars": "Average raise, a year",
    "average_raise_pct": "Average raise (%)", "cost_at_placement_dollars": "Cost at placement, a year (x FTE)",
    "red_circled": "Red-circled", "part": "Part", "measure": "Rates",
    "annualized_cost_dollars": "Salary cost, annualized",
    "annualized_benefits_cost_dollars": "Benefits cost, annualized",
    "annualized_total_cost_dollars": "Total cost, annualized",
    "first_year_cost_dollars": "First year: salary", "first_year_benefits_cost_dollars": "First year: benefits",
    "first_year_total_cost_dollars": "First year: total",
    "full_implementation_cost_dollars": "Full implementation: salary",
    "full_implementation_benefits_cost_dollars": "Full implementation: benefits",
    "full_implementation_total_cost_dollars": "Full implementation: total", "target_schedule": "New schedule",
    "fund": "Fund", "grade": "Grade",
    "bargaining_unit": "Bargaining unit",
}


def _query(con, sql: str, params: list) -> pl.DataFrame:
    return con.sql(sql, params=params or None).pl()


def run_info(con, run_id: int) -> dict:
    return _query(con, "SELECT * FROM runs WHERE run_id = ?", [run_id]).row(0, named=True)


def fiscal_years(con, run_id: int) -> list[int]:
    return _query(con, "SELECT DISTINCT fiscal_year FROM cost_cube WHERE run_id = ? ORDER BY 1",
                  [run_id])["fiscal_year"].to_list()


def cost_by_year(con, run_id: int, f: Filters = ALL) -> pl.DataFrame:
    """Per fiscal year: the baseline's and the reform's payroll (cash), the salary cost and its % of payroll, the
    cost in the employer's benefits (the scenario's [benefits]) and the total, and the reform's headcount and FTE
    at the year's end with its flows."""
    where, params = f.sql(year=False)
    frame = _query(con, f"""
        SELECT fiscal_year, sum(baseline_cents)::BIGINT AS baseline_payroll_cents,
               sum(reform_cents)::BIGINT AS reform_payroll_cents,
               sum(reform_cents - baseline_cents)::BIGINT AS cost_cents,
               sum(reform_benefits_cents - baseline_benefits_cents)::BIGINT AS benefits_cost_cents,
               coalesce(sum(baseline_cents) FILTER (WHERE target_schedule IS NOT NULL), 0)::BIGINT
                   AS affected_payroll_cents,
               sum(reform_headcount)::BIGINT AS headcount, sum(reform_fte_milli)::BIGINT / 1000 AS fte,
               sum(reform_retirements)::BIGINT AS retirements,
               sum(reform_separations)::BIGINT AS separations, sum(reform_hires)::BIGINT AS hires
        FROM cost_cube WHERE run_id = ? {where} GROUP BY fiscal_year ORDER BY fiscal_year""", [run_id, *params])
    return frame.with_columns(pct_expr("cost_cents", "baseline_payroll_cents").alias("pct_of_payroll"),
                              (pl.col("cost_cents") + pl.col("benefits_cost_cents")).alias("total_cost_cents")).select(
        "fiscal_year", "baseline_payroll_cents", "reform_payroll_cents", "cost_cents", "pct_of_payroll",
        "benefits_cost_cents", "total_cost_cents", "headcount", "fte", "retirements", "separations", "hires",
        "affected_payroll_cents")


def benefits_by_item(con, run_id: int) -> pl.DataFrame:
    """Per fiscal year and benefit item (the scenario's [benefits]): what each branch pays on the cash of the
    year, and the difference (the reform's cost in that item), for the path the cost cube holds (the first)."""
    return _query(con, """
        SELECT fiscal_year, item, any_value(label) AS label,
               sum(benefits_cents) FILTER (WHERE branch = 'baseline')::BIGINT AS baseline_benefits_cents,
               sum(benefits_cents) FILTER (WHERE branch = 'reform')::BIGINT AS reform_benefits_cents,
               (sum(benefits_cents) FILTER (WHERE branch = 'reform')
                - sum(benefits_cents) FILTER (WHERE branch = 'baseline'))::BIGINT AS benefits_cost_cents
        FROM benefit_totals WHERE run_id = ?
            AND replica = (SELECT min(replica) FROM benefit_totals WHERE run_id = ?)
        GROUP BY fiscal_year, item ORDER BY fiscal_year, item""", [run_id, run_id])


def default_assumptions(params: pl.DataFrame) -> list[str]:
    """The assumption ids of the regrade defaults a run used (its ``parameters`` marked "default (A-...)")."""
    origins = params.filter(pl.col("origin").str.starts_with("default ("))["origin"]
    return sorted(set(origins.str.extract(r"\((A-[A-Z0-9-]+)\)").drop_nulls().to_list()))


def parameters(con, run_id: int) -> pl.DataFrame:
    """Every parameter the run used, its value and where it came from (simulator/parameters.py)."""
    return _query(con, "SELECT parameter, value, origin FROM run_parameters WHERE run_id = ? ORDER BY rowid",
                  [run_id])


GROUPINGS = {  # --by: the cube column, and its heading
    "agency": ("agency", "agency"),
    "grade": ("coalesce(new_grade, old_grade)", "new_grade"),
    "old_grade": ("old_grade", "old_grade"),
    "schedule": ("coalesce(target_schedule, 'excluded')", "schedule"),
    "fund": ("coalesce(fund, '(none)')", "fund"),
    "bargaining_unit": ("coalesce(bargaining_unit, '(none)')", "bargaining_unit"),
}


def cost_by(con, run_id: int, by: str, f: Filters = ALL, annual: bool = False) -> pl.DataFrame:
    """Per fiscal year and group (``by``, a key of GROUPINGS): payroll of both branches, the salary cost, % of
    payroll, the benefits cost and the total, positions and FTE at the year's end. By fund, a position paid from
    several funds is split by its shares (simulator/funds.py): the funds add up to the total to the cent; its
    count goes to the fund with the largest share. ``annual``: annualized at each year's end, not cash."""
    expr, name = GROUPINGS[by]
    where, params = f.sql()
    base, reform = ("baseline_annual_cost_cents", "reform_annual_cost_cents") if annual else ("baseline_cents",
                                                                                              "reform_cents")
    b_ben, r_ben = (("baseline_annual_benefits_cents", "reform_annual_benefits_cents") if annual
                    else ("baseline_benefits_cents", "reform_benefits_cents"))
    frame = _query(con, f"""
        SELECT fiscal_year, {"fund" if by == "fund" else expr} AS "{name}",
               sum({base})::BIGINT AS baseline_payroll_cents,
               sum({reform})::BIGINT AS reform_payroll_cents,
               sum({reform} - {base})::BIGINT AS cost_cents,
               sum({r_ben} - {b_ben})::BIGINT AS benefits_cost_cents,
               sum(positions)::BIGINT AS positions, sum(reform_fte_milli)::BIGINT AS fte_milli
        FROM cost_cube WHERE run_id = ? {where} GROUP BY ALL""", [run_id, *params])
    if by == "fund":
        money = ["baseline_payroll_cents", "reform_payroll_cents", "cost_cents", "benefits_cost_cents", "fte_milli"]
        frame = funds.split(frame, name, money, ["positions"], ["fiscal_year"]).with_columns(
            pl.col("fte_milli").cast(pl.Int64))
    return frame.with_columns(pct_expr("cost_cents", "baseline_payroll_cents").alias("pct_of_payroll"),
                              (pl.col("cost_cents") + pl.col("benefits_cost_cents")).alias("total_cost_cents"),
                              (pl.col("fte_milli") / 1000).alias("fte")).select(
        "fiscal_year", name, "baseline_payroll_cents", "reform_payroll_cents", "cost_cents", "pct_of_payroll",
        "benefits_cost_cents", "total_cost_cents", "positions", "fte").sort(
        "fiscal_year", pl.col(name).cast(pl.Int64, strict=False), name, nulls_last=True)


def by_class(con, run_id: int) -> pl.DataFrame:
    """One row a class: its title, incumbents, old and new grades (and schedule) with their ranges a year (the
    lowest minimum and the highest maximum of the class's grades), the average raise at placement (and as a % of
    the average old pay), the annual cost at placement (each raise x FTE, at day one) and how many are red-circled."""
    frame = _query(con, """
        SELECT p.class_code, any_value(p.class_title) AS class_title, count(*)::BIGINT AS incumbents,
               string_agg(DISTINCT p.old_grade, ', ' ORDER BY p.old_grade) AS old_grade,
               min(o.minimum_cents)::BIGINT AS old_minimum_cents, max(o.maximum_cents)::BIGINT AS old_maximum_cents,
               string_agg(DISTINCT p.target_schedule, ', ' ORDER BY p.target_schedule) AS schedule,
               string_agg(DISTINCT p.new_grade, ', ' ORDER BY p.new_grade) AS new_grade,
               min(n.minimum_cents)::BIGINT AS new_minimum_cents, max(n.maximum_cents)::BIGINT AS new_maximum_cents,
               round(avg(p.old_annual_cents))::BIGINT AS average_old_pay_cents,
               round(avg(p.increase_cents))::BIGINT AS average_raise_cents,
               sum(round(p.increase_cents * p.fte))::BIGINT AS cost_at_placement_cents,
               count(*) FILTER (WHERE p.red_circle)::BIGINT AS red_circled
        FROM placements p
        LEFT JOIN pay_ranges o ON o.run_id = p.run_id AND o.plan = 'old' AND o.grade = p.old_grade
        LEFT JOIN pay_ranges n ON n.run_id = p.run_id AND n.plan = 'new' AND n.schedule = p.target_schedule
                                 AND n.grade = p.new_grade
        WHERE p.run_id = ? GROUP BY p.class_code ORDER BY p.class_code""", [run_id])
    return frame.with_columns(pct_expr("average_raise_cents", "average_old_pay_cents").alias("average_raise_pct"))


def cost_bridge(con, run_id: int) -> pl.DataFrame:
    """The cost bridge (simulator/bridge.py) by fiscal year and part, each year closed by its "Total" row (the
    run's cost): salary, benefits and both, cash and annualized at the year's end."""
    return _query(con, """WITH b AS (SELECT rowid AS k, fiscal_year, label AS part, cash_cents AS cost_cents,
               benefits_cents AS benefits_cost_cents, (cash_cents + benefits_cents)::BIGINT AS total_cost_cents,
               annual_cents AS annualized_cost_cents, annual_benefits_cents AS annualized_benefits_cost_cents,
               (annual_cents + annual_benefits_cents)::BIGINT AS annualized_total_cost_cents
            FROM run_bridge WHERE run_id = ?)
        SELECT * EXCLUDE (k) FROM (
            SELECT * FROM b
            UNION ALL
            SELECT max(k) + 0.5, fiscal_year, 'Total', sum(cost_cents)::BIGINT, sum(benefits_cost_cents)::BIGINT,
                   sum(total_cost_cents)::BIGINT, sum(annualized_cost_cents)::BIGINT,
                   sum(annualized_benefits_cost_cents)::BIGINT, sum(annualized_total_cost_cents)::BIGINT
            FROM b GROUP BY fiscal_year)
        ORDER BY fiscal_year, k""", [run_id])


def unit_costs(con, run_id: int) -> pl.DataFrame:
    """The cost of 1 % and of one step (simulator/unit_costs.py), per schedule and for all: salary and benefits,
    in the first fiscal year and at full implementation."""
    return _query(con, """SELECT CASE measure WHEN 'one_pct' THEN '1 % higher' ELSE 'one step higher' END AS measure,
               schedule, positions, first_year_cents AS first_year_cost_cents,
               first_year_benefits_cents AS first_year_benefits_cost_cents,
               (first_year_cents + first_year_benefits_cents)::BIGINT AS first_year_total_cost_cents,
               full_cents AS full_implementation_cost_cents,
               full_benefits_cents AS full_implementation_benefits_cost_cents,
               (full_cents + full_benefits_cents)::BIGINT AS full_implementation_total_cost_cents
        FROM unit_costs WHERE run_id = ? ORDER BY rowid""", [run_id])


def replica_bands(con, run_id: int) -> pl.DataFrame:
    """Monte Carlo runs: per fiscal year (and 0 for the total over the years) the mean cost over the replicas
    and its 5th and 95th percentiles (statewide: replicas keep totals only). Empty for the expected value."""
    return _query(con, """
        WITH d AS (SELECT replica, fiscal_year,
                          sum(cash_cents) FILTER (WHERE branch = 'reform')
                          - sum(cash_cents) FILTER (WHERE branch = 'baseline') AS cost,
                          sum(cash_cents) FILTER (WHERE branch = 'baseline') AS base
                   FROM run_totals WHERE run_id = ? AND replica > 0 GROUP BY replica, fiscal_year),
             t AS (SELECT replica, 0 AS fiscal_year, sum(cost) AS cost, sum(base) AS base FROM d GROUP BY replica)
        SELECT fiscal_year, count(*)::BIGINT AS replicas, round(avg(cost))::BIGINT AS cost_mean_cents,
               quantile_disc(cost, 0.05)::BIGINT AS cost_p05_cents, quantile_disc(cost, 0.95)::BIGINT AS cost_p95_cents,
               round(avg(base))::BIGINT AS baseline_payroll_mean_cents
        FROM (SELECT * FROM d UNION ALL SELECT * FROM t) GROUP BY fiscal_year HAVING count(*) > 1
        ORDER BY fiscal_year""", [run_id])


def placement_counts(con, run_id: int, f: Filters = ALL) -> dict:
    """Employees gaining, unchanged and losing pay at placement (annual pay, exactly), red-circled, below
    the new minimum, excluded; the largest single increase and decrease (annual cents)."""
    where, params = f.sql(year=False)
    row = _query(con, f"""SELECT count(*)::BIGINT AS employees,
               count(*) FILTER (WHERE increase_cents > 0)::BIGINT AS gain,
               count(*) FILTER (WHERE increase_cents = 0)::BIGINT AS unchanged,
               count(*) FILTER (WHERE increase_cents < 0)::BIGINT AS lose,
               count(*) FILTER (WHERE red_circle)::BIGINT AS red_circled,
               count(*) FILTER (WHERE green_circle)::BIGINT AS below_minimum,
               count(*) FILTER (WHERE rule = 'EXCLUDED')::BIGINT AS excluded,
               max(increase_cents) FILTER (WHERE increase_cents > 0)::BIGINT AS largest_increase_cents,
               min(increase_cents) FILTER (WHERE increase_cents < 0)::BIGINT AS largest_decrease_cents,
               coalesce(sum(increase_cents), 0)::BIGINT AS increase_cents,
               coalesce(sum(old_annual_cents), 0)::BIGINT AS old_payroll_cents
        FROM placements WHERE run_id = ? {where}""", [run_id, *params]).row(0, named=True)
    for key in ("largest_increase", "largest_decrease"):
        value = row[f"{key}_cents"]  # null where nobody's pay goes that way: "none", never a $0.00 "decrease"
        if value is None:
            row[f"{key}_pct"] = None
            continue
        who = _query(con, f"""SELECT old_annual_cents, class_code FROM placements WHERE run_id = ? {where}
                              AND increase_cents = ? ORDER BY employee_id LIMIT 1""", [run_id, *params, value])
        row[f"{key}_pct"] = pct(value, who["old_annual_cents"][0]) if who.height else None
    return row


def summary(con, run_id: int, f: Filters = ALL) -> dict:
    """The headline: first-year and multi-year cost in cents and as % of payroll, the years, the placement
    counts, and for Monte Carlo runs the 5th-95th percentiles (statewide)."""
    years = cost_by_year(con, run_id, f)
    counts = placement_counts(con, run_id, f)
    info = run_info(con, run_id)
    out = {"run_id": run_id, "info": info, "filters": f, "years": years, "counts": counts,
           "bands": replica_bands(con, run_id) if info["replicas"] else pl.DataFrame()}
    if years.height:
        first = years.row(0, named=True)
        total_cost = int(years["cost_cents"].sum())
        total_base = int(years["baseline_payroll_cents"].sum())
        out.update(first_affected_cents=first["affected_payroll_cents"],
                   total_affected_cents=int(years["affected_payroll_cents"].sum()))
        out.update(first_year=first["fiscal_year"], first_cost_cents=first["cost_cents"],
                   first_pct=pct(first["cost_cents"], first["baseline_payroll_cents"]),
                   first_payroll_cents=first["baseline_payroll_cents"],
                   last_year=years["fiscal_year"][-1], n_years=years.height, total_cost_cents=total_cost,
                   total_payroll_cents=total_base, total_pct=pct(total_cost, total_base),
                   first_benefits_cents=first["benefits_cost_cents"],
                   total_benefits_cents=int(years["benefits_cost_cents"].sum()),
                   has_benefits=bool(_query(con, "SELECT count(*) AS n FROM benefit_totals WHERE run_id = ?",
                                            [run_id])["n"][0]))
    return out


def winners_by_old_grade(con, run_id: int, f: Filters = ALL) -> pl.DataFrame:
    where, params = f.sql(year=False)
    frame = _query(con, f"""
        SELECT old_grade, count(*) FILTER (WHERE increase_cents > 0)::BIGINT AS gain,
               count(*) FILTER (WHERE increase_cents = 0)::BIGINT AS unchanged,
               count(*) FILTER (WHERE increase_cents < 0)::BIGINT AS lose,
               count(*) FILTER (WHERE red_circle)::BIGINT AS red_circled
        FROM placements WHERE run_id = ? {where} GROUP BY old_grade""", [run_id, *params])
    return frame.sort(pl.col("old_grade").cast(pl.Int64, strict=False), "old_grade", nulls_last=True)


def raises(con, run_id: int, f: Filters = ALL) -> pl.DataFrame:
    """Employees by their raise at placement, % of annual pay in 1-point bins (excluded employees left out), and
    how many of a bin keep exactly the same pay (all of the 0 bin's, or some: 0 to 0.99 %)."""
    where, params = f.sql(year=False)
    return _query(con, f"""
        SELECT floor(increase_pct)::INTEGER AS raise_pct_from, count(*)::BIGINT AS employees,
               count(*) FILTER (WHERE increase_cents = 0)::BIGINT AS unchanged
        FROM placements WHERE run_id = ? AND rule <> 'EXCLUDED' {where} GROUP BY 1 ORDER BY 1""", [run_id, *params])


# Where a schedule has no steps, a placement names a point of its range; in words, in the order of the range
RANGE_POINTS = {"minimum": "minimum", "first_quartile": "first quartile", "midpoint": "midpoint",
                "third_quartile": "third quartile", "maximum": "maximum", "rate": "single rate"}


def step_order(step: str) -> tuple:
    """Steps in their natural order: lettered steps (A ... G, X, Y), then numbered ones by number (1, 2, ... 10,
    11, not 1, 10, 11, 2), then the points of an open range from its minimum up, then off-step."""
    if step in RANGE_POINTS.values():
        return (2, list(RANGE_POINTS.values()).index(step), "")
    if step == "off-step":
        return (3, 0, "")
    if step.isdigit():
        return (1, int(step), "")
    return (0, 0, step)


def step_distribution(con, run_id: int, f: Filters = ALL) -> pl.DataFrame:
    """Employees by step before and after placement, steps in their natural order and named in words."""
    where, params = f.sql(year=False)
    frame = _query(con, f"""
        SELECT 'before' AS placement, coalesce(old_step, 'off-step') AS step, count(*)::BIGINT AS employees
        FROM placements WHERE run_id = ? {where} GROUP BY ALL
        UNION ALL
        SELECT 'after', coalesce(new_step, 'off-step'), count(*)::BIGINT
        FROM placements WHERE run_id = ? {where} GROUP BY ALL""", [run_id, *params, run_id, *params])
    frame = frame.with_columns(pl.col("step").replace(RANGE_POINTS))
    order = {s: i for i, s in enumerate(sorted(set(frame["step"].to_list()), key=step_order))}
    return frame.sort(pl.col("placement") != "before", pl.col("step").replace_strict(order, return_dtype=pl.Int64))


def cost_heatmap(con, run_id: int, f: Filters = ALL) -> pl.DataFrame:
    where, params = f.sql(year=False)
    frame = _query(con, f"""
        SELECT coalesce(new_grade, old_grade) AS new_grade, fiscal_year,
               sum(reform_cents - baseline_cents)::BIGINT AS cost_cents
        FROM cost_cube WHERE run_id = ? {where} GROUP BY ALL""", [run_id, *params])
    return frame.sort(pl.col("new_grade").cast(pl.Int64, strict=False), "new_grade", "fiscal_year", nulls_last=True)


def compression(con, run_id: int, f: Filters = ALL, grade: str | None = None, sample: int = 3000):
    """Pay against years of service in one new grade (the most populous one within the filters unless
    ``grade`` is given), before and after placement, and the inversions: people out-earned by someone junior
    in the same class. Returns (points, grade, inversions before, inversions after)."""
    where, params = f.sql(year=False, prefix="p.")
    if grade is None:
        top = _query(con, f"""SELECT new_grade FROM placements p WHERE run_id = ? AND rule <> 'EXCLUDED'
                              AND hire_date IS NOT NULL {where}
                              GROUP BY new_grade ORDER BY count(*) DESC, new_grade LIMIT 1""", [run_id, *params])
        if top.height == 0:
            return pl.DataFrame(schema={"class_code": pl.String, "years_of_service": pl.Float64,
                                        "old_annual_cents": pl.Int64, "new_annual_cents": pl.Int64}), None, 0, 0
        grade = top["new_grade"][0]
    base = f"""FROM placements p JOIN runs r USING (run_id)
              WHERE run_id = ? AND new_grade = ? AND hire_date IS NOT NULL AND rule <> 'EXCLUDED' {where}"""
    points = _query(con, f"""SELECT class_code, round(date_diff('day', hire_date, r.effective_date) / 365.25, 2)::DOUBLE
               AS years_of_service, old_annual_cents, new_annual_cents {base}
               ORDER BY hash(employee_id), employee_id LIMIT ?""", [run_id, grade, *params, sample])
    inv = _query(con, f"""SELECT
        count(*) FILTER (WHERE old_annual_cents < max_junior_old)::BIGINT AS before,
        count(*) FILTER (WHERE new_annual_cents < max_junior_new)::BIGINT AS after
        FROM (SELECT old_annual_cents, new_annual_cents,
                max(old_annual_cents) OVER w AS max_junior_old, max(new_annual_cents) OVER w AS max_junior_new
              {base}
              WINDOW w AS (PARTITION BY class_code ORDER BY hire_date DESC
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))""", [run_id, grade, *params])
    return points, grade, int(inv["before"][0] or 0), int(inv["after"][0] or 0)


def headcount_flows(con, run_id: int, f: Filters = ALL) -> pl.DataFrame:
    """The reform's positions by fiscal year: filled at the start and the end, retirements, other separations
    and replacements hired, and the FTE at the end. End = start + hires - retirements - separations, year by
    year."""
    where, params = f.sql(year=False)
    frame = _query(con, f"""
        SELECT fiscal_year, sum(reform_headcount)::BIGINT AS headcount_at_end,
               sum(reform_fte_milli)::BIGINT / 1000 AS fte_at_end,
               sum(reform_retirements)::BIGINT AS retirements, sum(reform_separations)::BIGINT AS separations,
               sum(reform_hires)::BIGINT AS hires, sum(positions)::BIGINT AS positions
        FROM cost_cube WHERE run_id = ? {where} GROUP BY fiscal_year ORDER BY fiscal_year""", [run_id, *params])
    return frame.with_columns(
        pl.col("headcount_at_end").shift(1).fill_null(pl.col("positions")).alias("headcount_at_start")
    ).select("fiscal_year", "headcount_at_start", "retirements", "separations", "hires", "headcount_at_end",
             "fte_at_end")


PLACEMENT_SHOWN = ["agency", "class_code", "old_grade", "old_step", "new_grade", "new_step", "old_annual_cents",
                   "new_annual_cents", "increase_cents", "increase_pct", "rule", "explanation"]


def largest_changes(con, run_id: int, f: Filters = ALL, limit: int = 20, with_ids: bool = True) -> pl.DataFrame:
    where, params = f.sql(year=False)
    cols = (["employee_id"] if with_ids else []) + PLACEMENT_SHOWN
    frame = _query(con, f"""SELECT {', '.join(cols)} FROM placements WHERE run_id = ? {where}
        ORDER BY abs(increase_cents) DESC, employee_id LIMIT ?""", [run_id, *params, limit])
    return frame.with_columns(pct_expr("increase_cents", "old_annual_cents").alias("increase_pct"))


def exceptions(con, run_id: int, f: Filters = ALL, limit: int = 25, with_ids: bool = True):
    """(first ``limit`` rows, how many in all) of the placements that are excluded, red-circled or below the
    new minimum."""
    where, params = f.sql(year=False)
    cols = (["employee_id"] if with_ids else []) + ["agency", "class_code", "old_grade", "new_grade",
                                                     "new_annual_cents", "rule", "explanation"]
    cond = f"run_id = ? AND (green_circle OR red_circle OR rule = 'EXCLUDED') {where}"
    total = _query(con, f"SELECT count(*)::BIGINT AS n FROM placements WHERE {cond}", [run_id, *params])["n"][0]
    frame = _query(con, f"""SELECT CASE WHEN rule = 'EXCLUDED' THEN 'excluded' WHEN red_circle THEN 'red-circled'
                    ELSE 'below the new minimum' END AS exception, {', '.join(cols)}
        FROM placements WHERE {cond} ORDER BY 1, employee_id LIMIT ?""", [run_id, *params, limit])
    return frame, int(total)


def options(con, run_id: int, agency: str | None = None) -> dict[str, list]:
    """The values the pickers offer for a run: agencies, schedules (those of ``agency`` when one is chosen),
    fiscal years."""
    ag = _query(con, "SELECT DISTINCT agency FROM placements WHERE run_id = ? ORDER BY 1", [run_id])
    return {"agency": ag["agency"].to_list(), "schedule": schedules(con, run_id, agency),
            "year": fiscal_years(con, run_id)}


def schedules(con, run_id: int, agency: str | None = None) -> list[str]:
    """The schedules people of the run (of ``agency``, if given) are placed on; 'excluded' for those who stay."""
    where, params = Filters(agency).sql(year=False)
    return _query(con, f"SELECT DISTINCT coalesce(target_schedule, 'excluded') AS s FROM placements "
                       f"WHERE run_id = ? {where} ORDER BY 1", [run_id, *params])["s"].to_list()


def _span(s: dict) -> str:
    """'the 5 fiscal years 1977-1981', or 'the one fiscal year 1977'."""
    if s["n_years"] == 1:
        return f"the one fiscal year {s['first_year']}"
    return f"the {s['n_years']} fiscal years {s['first_year']}-{s['last_year']}"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _affected(s: dict, cost: int, affected: int) -> str:
    """Where some employees stay on the old plan, the cost as a % of the payroll of those the reform moves too:
    beside the whole payroll's, which they dilute (the MMS moves 699 of 10,767)."""
    if not s["counts"]["excluded"] or not affected:
        return ""
    return f"; {pct_text(cost, affected)} of the affected payroll"


def headline(s: dict) -> list[str]:
    """The headline of a run in sentences: what the reform costs and who gains and who loses. A Monte Carlo run
    leads with the mean over its replicas and their 5th to 95th percentiles; one replica is one draw."""
    lines = []
    c = s["counts"]
    scope = "" if not s["filters"].any else f" ({s['filters'].label()})"
    bands = s["bands"]
    mc = bands.height and not s["filters"].any and "first_year" in s
    if mc:
        first = bands.filter(pl.col("fiscal_year") == s["first_year"]).row(0, named=True)
        total = bands.filter(pl.col("fiscal_year") == 0).row(0, named=True)
        lines.append(
            f"Cost of the reform, mean of {first['replicas']:,} Monte Carlo replicas: "
            f"{dollars_text(first['cost_mean_cents'])} in fiscal year {s['first_year']} "
            f"({pct_text(first['cost_mean_cents'], first['baseline_payroll_mean_cents'])} of baseline payroll; "
            f"{dollars_text(first['cost_p05_cents'])} to {dollars_text(first['cost_p95_cents'])}, 5th to 95th "
            f"percentile); {dollars_text(total['cost_mean_cents'])} over {_span(s)} "
            f"({pct_text(total['cost_mean_cents'], total['baseline_payroll_mean_cents'])}"
            f"; {dollars_text(total['cost_p05_cents'])} to {dollars_text(total['cost_p95_cents'])}).")
    if "first_year" in s:
        lead = ("The breakdowns below follow replica 1, one draw of the replicas: its cost is "
                if mc else f"Cost of the reform{scope}: ")
        lines.append(
            f"{lead}{dollars_text(s['first_cost_cents'])} in fiscal year {s['first_year']} "
            f"({pct_text(s['first_cost_cents'], s['first_payroll_cents'])} of baseline payroll"
            f"{_affected(s, s['first_cost_cents'], s['first_affected_cents'])}); "
            f"{dollars_text(s['total_cost_cents'])} over {_span(s)} "
            f"({pct_text(s['total_cost_cents'], s['total_payroll_cents'])}"
            f"{_affected(s, s['total_cost_cents'], s['total_affected_cents'])}).")
    if s.get("has_benefits"):
        lines.append(
            "With the employer's benefits on that pay: "
            f"{dollars_text(s['first_cost_cents'] + s['first_benefits_cents'])} in fiscal year {s['first_year']} "
            f"(benefits {dollars_text(s['first_benefits_cents'])}); "
            f"{dollars_text(s['total_cost_cents'] + s['total_benefits_cents'])} over {_span(s)} (benefits "
            f"{dollars_text(s['total_benefits_cents'])}).")
    placed = c["employees"] - c["excluded"]
    lines.append(
        f"At placement{scope}: {c['gain']:,} of {_plural(c['employees'], 'employee', 'employees')} gain pay, "
        f"{c['unchanged']:,} keep the same pay and {c['lose']:,} lose pay"
        + (f" ({c['excluded']:,} excluded, who stay on the old plan)" if c["excluded"] else "") + "; "
        + f"{c['red_circled']:,} {'is' if c['red_circled'] == 1 else 'are'} red-circled above their new maximum. "
        + ((f"Largest increase {dollars_text(c['largest_increase_cents'])} a year" if c["largest_increase_cents"]
            is not None else "No one's pay goes up")
           + (f" ({c['largest_increase_pct']:+} %)" if c["largest_increase_pct"] is not None else "")
           + (f"; largest decrease {dollars_text(c['largest_decrease_cents'])} a year"
              + (f" ({c['largest_decrease_pct']:+} %)" if c["largest_decrease_pct"] is not None else "")
              if c["largest_decrease_cents"] is not None else "; no one's pay goes down") + "." if placed else ""))
    return lines


def summary_table(s: dict) -> pl.DataFrame:
    """The summary by fiscal year with a total row, in cents (``for_people`` for dollars): payrolls, cost, % of
    payroll, benefits cost and total, headcount and FTE; for Monte Carlo runs the mean and 5th / 95th percentile
    of the cost."""
    years = s["years"].select("fiscal_year", "baseline_payroll_cents", "reform_payroll_cents", "cost_cents",
                              "benefits_cost_cents", "total_cost_cents", "affected_payroll_cents", "headcount",
                              "fte").with_columns(pl.col("fiscal_year").cast(pl.String))
    if not years.height:
        return years.drop("affected_payroll_cents")
    total = years.select(pl.lit(f"total {s['first_year']}-{s['last_year']}").alias("fiscal_year"),
                         *[pl.col(c).sum() for c in years.columns[1:-2]], pl.lit(None, pl.Int64).alias("headcount"),
                         pl.lit(None, pl.Float64).alias("fte"))
    table = pl.concat([years, total]).with_columns(
        pct_expr("cost_cents", "baseline_payroll_cents").alias("pct_of_payroll"),
        pct_expr("cost_cents", "affected_payroll_cents").alias("pct_of_affected_payroll"))
    # the % of the affected payroll only where some stay on the old plan (it equals the other otherwise)
    affected = ["affected_payroll_cents", "pct_of_affected_payroll"] if s["counts"]["excluded"] else []
    bands = s["bands"]
    if bands.height and not s["filters"].any:
        b = bands.with_columns(pl.when(pl.col("fiscal_year") == 0).then(pl.lit(total["fiscal_year"][0]))
                               .otherwise(pl.col("fiscal_year").cast(pl.String)).alias("fiscal_year")).select(
            "fiscal_year", "cost_mean_cents", "cost_p05_cents", "cost_p95_cents")
        table = table.join(b, on="fiscal_year", how="left", maintain_order="left")
    return table.select("fiscal_year", "baseline_payroll_cents", "reform_payroll_cents", "cost_cents",
                        "pct_of_payroll", *affected, *[c for c in ("cost_mean_cents", "cost_p05_cents",
                                                                    "cost_p95_cents") if c in table.columns],
                        "benefits_cost_cents", "total_cost_cents", "headcount", "fte")


COMPARED = ("baseline_payroll_cents", "reform_payroll_cents", "cost_cents", "benefits_cost_cents", "total_cost_cents")


def compare(con, ids: list[int], by: str | None = None) -> dict:
    """Runs side by side. Returns {"runs": frame (one row a run), "cost": long frame (run, fiscal year or
    'total', [group], payrolls, salary cost, benefits cost, total cost, % of payroll, Monte Carlo mean and
    percentiles), "counts": frame (one row a
    run: gain / unchanged / lose ...), "warnings": [text]}. Money in cents."""
    marks = ",".join("?" * len(ids))
    runs = _query(con, f"""SELECT run_id, scenario_name, scenario_title, roster_name, roster_hash, roster_synthetic,
                                  employees, years, effective_date, seed, replicas FROM runs
                           WHERE run_id IN ({marks}) ORDER BY run_id""", ids)
    order = {rid: i for i, rid in enumerate(ids)}
    runs = runs.sort(pl.col("run_id").replace_strict(order, return_dtype=pl.Int64))
    parts = []
    for rid in ids:
        keys = [GROUPINGS[by][1]] if by else []
        years = (cost_by_year(con, rid) if by is None else cost_by(con, rid, by)).select(
            "fiscal_year", *keys, *COMPARED).with_columns(pl.col("fiscal_year").cast(pl.String))
        total = years.group_by(keys or pl.lit(1), maintain_order=True).agg(
            pl.lit("total").alias("fiscal_year"), *[pl.col(c).sum() for c in COMPARED])
        total = total.select(years.columns)
        part = pl.concat([years, total]).with_columns(pl.lit(rid).alias("run_id"))
        info = runs.filter(pl.col("run_id") == rid).row(0, named=True)
        if info["replicas"] and by is None:
            b = replica_bands(con, rid).with_columns(
                pl.when(pl.col("fiscal_year") == 0).then(pl.lit("total"))
                .otherwise(pl.col("fiscal_year").cast(pl.String)).alias("fiscal_year"))
            part = part.join(b.select("fiscal_year", "cost_mean_cents", "cost_p05_cents", "cost_p95_cents"),
                             on="fiscal_year", how="left", maintain_order="left")
        parts.append(part)
    cost = pl.concat(parts, how="diagonal_relaxed").with_columns(
        pct_expr("cost_cents", "baseline_payroll_cents").alias("pct_of_payroll"))
    lead = ["run_id", "fiscal_year", *([GROUPINGS[by][1]] if by else [])]
    cost = cost.select(*lead, *[c for c in cost.columns if c not in lead])
    counts = pl.DataFrame([{"run_id": rid, **{k: v for k, v in placement_counts(con, rid).items()
                                              if not k.endswith("_pct")}} for rid in ids])
    return {"runs": runs, "cost": cost, "counts": counts, "warnings": differences(runs)}


def differences(runs: pl.DataFrame) -> list[str]:
    """What makes runs' costs not comparable on one axis (roster, number of years, effective date), in words: one
    warning each. ``runs``: rows of the runs table, in the order shown."""
    warnings = []
    for column, what in (("roster_hash", "roster"), ("years", "number of fiscal years"),
                         ("effective_date", "effective date")):
        values = runs[column].to_list()
        if len(set(values)) > 1:
            shown = "; ".join(f"run {r}: {v if column != 'roster_hash' else name}"
                              for r, v, name in zip(runs["run_id"], values, runs["roster_name"]))
            warnings.append(f"the runs differ in {what} ({shown}): compare their costs with care")
    return warnings


def runs_info(con, ids: list[int]) -> pl.DataFrame:
    """The runs table's rows for ``ids``, in that order."""
    marks = ",".join("?" * len(ids))
    runs = _query(con, f"SELECT * FROM runs WHERE run_id IN ({marks})", ids)
    order = {rid: i for i, rid in enumerate(ids)}
    return runs.sort(pl.col("run_id").replace_strict(order, return_dtype=pl.Int64))
