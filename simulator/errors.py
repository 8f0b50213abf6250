"""Input problems, reported all at once: file, row, column, value and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # 1-based data row as a spreadsheet shows it (header = row 1); None: the whole file
    column: str | None
    value: object
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        value = "" if self.value is None else f" {self.value!r}:"
        return f"{self.severity}: {where}:{value} {self.message}"


class InputError(Exception):
    """One or more problems with the user's input. Nothing has been written."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted((p for p in problems if p.severity == "error"),
                               key=lambda p: (p.file, p.row or 0, p.column or ""))
        self.warnings = [p for p in problems if p.severity != "error"]
        super().__init__(self.render())

    def render(self, limit: int = 200) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more errors")
        return f"{len(self.problems)} error(s) in the input; nothing was written.\n" + "\n".join(lines)


def raise_if_errors(problems: list[Problem]) -> list[Problem]:
    """Raise InputError if any problem is an error; otherwise return the warnings."""
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return [p for p in problems if p.severity != "error"]
