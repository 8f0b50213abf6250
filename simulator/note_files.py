"""The fiscal note (simulator/note.py) as files: one HTML page that prints on one Letter or A4 page from a browser,
Markdown, and a workbook sheet (simulator/workbook.py's formats), all written through simulator/outputs.py."""

from __future__ import annotations

import html
from decimal import Decimal

from simulator import outputs
from simulator import workbook as W
from simulator.money import dollars_text
from simulator.note import COUNT, FTE, MONEY, PCT, Note, Table, kinds

ASSUMPTIONS_NOTE = ("Every parameter the run used, its value and where it came from: the scenario, a seed's printed "
                    "figure, or a regrade default (its assumption in data/ASSUMPTIONS.md).")


def text(value, kind: str, signed: bool = False) -> str:
    """A cell in words: dollars with cents, a percentage to two decimals, a count, an FTE; a dash for none."""
    if value is None:
        return "–"
    if kind == MONEY:
        return ("+" if signed and value > 0 else "") + dollars_text(int(value))
    if kind == PCT:
        return f"{'+' if signed and value > 0 else ''}{value:.2f} %"
    if kind == FTE:
        return f"{'+' if signed and value > 0 else ''}{float(value):,.2f}"
    return f"{'+' if signed and value > 0 else ''}{int(value):,}"


def markdown(n: Note, signed: bool = False) -> str:
    out = [f"# {n.title}", ""]
    out += [f"- **{label}**: {value}" for label, value in n.facts] + [""]
    out += [line for w in n.warnings for line in (f"> Warning: {w}", "")]
    out += [n.lead, ""]
    for t in n.tables:
        out += [f"## {t.title}", "", "| | " + " | ".join(t.columns) + " |", "|---|" + "---:|" * len(t.columns)]
        for row in t.rows:
            out.append(f"| {row[0].strip()} | " + " | ".join(text(v, k, signed) for v, k in zip(row[2], kinds(row)))
                       + " |")
        out += ["", t.note, ""] if t.note else [""]
    out += ["## Assumptions", "", ASSUMPTIONS_NOTE, "", "| Parameter | Value | From |", "|---|---|---|"]
    out += [f"| {p} | {v} | {o} |" for p, v, o in n.parameters.iter_rows()]
    return "\n".join(out) + "\n"


CSS = """
@page { margin: 9mm; }
* { box-sizing: border-box; }
body { font: 8pt/1.25 "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 12.5pt; margin: 0 0 1mm; }
h2 { font-size: 9pt; margin: 2.2mm 0 0.6mm; }
p { margin: 0.8mm 0; }
.facts { color: #333; font-size: 7.2pt; }
.lead { font-weight: bold; font-size: 8.6pt; }
.warn { color: #b22222; font-weight: bold; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 0.25mm 1.2mm; border-bottom: 0.2mm solid #ccc; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; }
th { background: #eef2f7; font-weight: bold; vertical-align: bottom; white-space: normal; }
tr.total td { font-weight: bold; border-top: 0.3mm solid #333; }
.small { font-size: 6.6pt; color: #444; }
.params { columns: 2; column-gap: 5mm; font-size: 6.3pt; line-height: 1.2; }
.params div { break-inside: avoid; }
.row2 { display: flex; gap: 4mm; }
.row2 > div:first-child { flex: 0 0 52mm; }
.row2 table { font-size: 7.3pt; }
.row2 th, .row2 td { padding: 0.25mm 0.8mm; }
.row2 > div:last-child { flex: 1; }
.row2 > div:last-child td:first-child { white-space: nowrap; }
"""


def _table_html(t: Table, signed: bool) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in t.columns)
    rows = []
    for row in t.rows:
        cls = ' class="total"' if row[0] == "Total" else ""
        cells = "".join(f"<td>{html.escape(text(v, k, signed))}</td>" for v, k in zip(row[2], kinds(row)))
        rows.append(f"<tr{cls}><td>{html.escape(row[0].strip())}</td>{cells}</tr>")
    note = f'<p class="small">{html.escape(t.note)}</p>' if t.note else ""
    return (f"<h2>{html.escape(t.title)}</h2><table><thead><tr><th></th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{note}")


def page(n: Note, signed: bool = False) -> str:
    """The note as one self-contained HTML page, laid out to print on one Letter or A4 page."""
    cost, bridge, people, unit = n.tables
    facts = " · ".join(f"{html.escape(k)}: {html.escape(v)}" for k, v in n.facts)
    warn = "".join(f'<p class="warn">{html.escape(w)}</p>' for w in n.warnings)
    params = "".join(f"<div><b>{html.escape(p)}</b> = {html.escape(v)} <i>({html.escape(o)})</i></div>"
                     for p, v, o in n.parameters.iter_rows())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(n.title)}</title>
<style>{CSS}</style></head><body>
<h1>{html.escape(n.title)}</h1><p class="facts">{facts}</p>{warn}
<p class="lead">{html.escape(n.lead)}</p>
{_table_html(cost, signed)}
{_table_html(bridge, signed)}
<div class="row2"><div>{_table_html(people, signed)}</div><div>{_table_html(unit, signed)}</div></div>
<h2>Assumptions</h2><p class="small">{html.escape(ASSUMPTIONS_NOTE)}</p><div class="params">{params}</div>
</body></html>
"""


def _sheet_table(ws, fmts, top: int, t: Table) -> int:
    """One note table on a sheet from row ``top``: its title, header, rows (numbers in their formats)."""
    ws.write_string(top, 0, t.title, fmts.bold)
    for c, name in enumerate(["", *t.columns]):
        ws.write_string(top + 1, c, name, fmts.head)
    r = top + 2
    for row in t.rows:
        total = row[0] == "Total"
        ws.write_string(r, 0, row[0].strip(), fmts.total["text"] if total else None)
        for c, (v, k) in enumerate(zip(row[2], kinds(row)), start=1):
            value = Decimal(v).scaleb(-2) if k == MONEY and v is not None else v  # cents to dollars
            W.cell(ws, fmts, r, c, {COUNT: "int", MONEY: "money", PCT: "pct", FTE: "fte"}[k], value, total)
        r += 1
    if t.note:
        ws.write_string(r, 0, t.note)
        r += 1
    return r + 1


def note_sheet(book, fmts, n: Note, assumptions: bool = True) -> None:
    """The note on one sheet ("Fiscal note"), printing on one page, landscape; the assumptions on the next
    (``assumptions``: a workbook with its own Parameters sheet leaves it out)."""
    ws = book.add_worksheet("Fiscal note")
    ws.set_column(0, 0, 44)
    ws.set_column(1, 8, 17)
    ws.write_string(0, 0, n.title, fmts.title)
    r = 1
    for label, value in n.facts:
        ws.write_string(r, 0, label, fmts.bold)
        ws.write_string(r, 1, value)
        r += 1
    for w in n.warnings:
        ws.write_string(r, 0, "Warning: " + w, fmts.red)
        r += 1
    ws.write_string(r, 0, n.lead, fmts.bold)
    r += 2
    for t in n.tables:
        r = _sheet_table(ws, fmts, r, t)
    W.print_setup(ws, landscape=True, one_page=True)
    ws.freeze_panes(1, 0)
    if assumptions:
        W.sheet(book, fmts, "Assumptions", n.parameters, total=False)


def write(n: Note, fmt: str, path, signed: bool = False) -> None:
    """The note to ``path`` as html, md or xlsx (through simulator/outputs.py: whole or not at all)."""
    if fmt == "html":
        outputs.write(path, lambda tmp: tmp.write_text(page(n, signed), encoding="utf-8"))
    elif fmt == "md":
        outputs.write(path, lambda tmp: tmp.write_text(markdown(n, signed), encoding="utf-8"))
    else:
        def book_to(tmp):
            import xlsxwriter

            with xlsxwriter.Workbook(str(tmp)) as book:
                note_sheet(book, W.Formats(book), n)
        outputs.write(path, book_to)
