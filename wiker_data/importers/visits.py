"""Monthly visits: a Matomo "Visits overview" export for one commune, or a plain CSV for several.

`plan_visits_import` tells what a file would change in the store and
`services.imports.apply_visits_import` writes it; the files' encoding and layouts are read by
`visits_layouts`.

Days or months, decided per Matomo file over its accepted rows: whole months when every date is the
1st of its month (a month-period export gives `2024-05` or `2024-05-01`, once a month; a date given
twice is a rejected row), else days summed into months. So a one-day export of a 1st reads as a
month: export more than one day. Visits add up but unique visitors do not (who came on two days is
one visitor of the month): daily rows give none. A month of a daily export with days missing (the
export began or ended within it) is left out, not stored as a partial sum; the current month counts
so far when its days run from the 1st without a gap.

Where the file gives no unique visitors for a month whose visits are unchanged, the stored ones are
kept. An empty cell never erases: a month's row (or a file without the column) that gives no unique
visitors keeps the stored ones, and the change says so (`kept`); it is rejected if they would be more
than its visits. Daily rows summed into a month whose visits changed give no unique visitors.
Months after today's are rejected. `save_visits` writes the changes, stored and audited with the
source "matomo" or "visits-csv".
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wiker_data.importers import ImportFailed, Reason, RejectedRow, Tally, csv_rows, first_lines
from wiker_data.importers.delimited import detect_format
from wiker_data.importers.visits_layouts import MATOMO as MATOMO  # a plan's source, kept importable
from wiker_data.importers.visits_layouts import VISITS_CSV as VISITS_CSV  # a plan's source, kept importable
from wiker_data.importers.visits_layouts import (
    Figures,
    Layout,
    Row,
    RowReader,
    commune_code,
    find_layout,
)
from wiker_data.models import Commune, MonthlyVisits
from wiker_data.periods import days_in_month, month_start
from wiker_data.services.validation import MAX_VISITS

INCOMPLETE_MONTH = "in a month with days missing"  # a daily export's rows of a month left out


@dataclass(frozen=True)
class VisitsChange:
    """One commune's month: what the store holds (`before`, None for a new month) and what it gets."""

    row: int  # the month's first row in the file
    commune: str
    month: dt.date
    before: Figures | None
    after: Figures
    kept: tuple[str, ...] = ()  # figures the file leaves empty: the stored ones are kept


@dataclass(frozen=True)
class PartialMonth:
    """A month of a daily export left out because some of its days are missing."""

    commune: str
    month: dt.date
    days: int
    days_in_month: int


@dataclass
class VisitsPlan:
    """What importing a visits file would change; nothing is written until it is applied."""

    path: str
    layout: str  # "Matomo raw names", "Matomo English", "Matomo French" or "visits CSV"
    encoding: str  # "utf-16", "utf-8", "cp1252" or "latin-1"
    source: str  # MATOMO or VISITS_CSV: the source of the stored rows and of their audit entries
    period: str  # "month", or "day" for daily rows summed into months
    today: dt.date
    rows: int = 0  # data rows read, the header left out
    new: list[VisitsChange] = field(default_factory=list)
    updated: list[VisitsChange] = field(default_factory=list)
    unchanged: list[VisitsChange] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    partial: list[PartialMonth] = field(default_factory=list)
    revision: int | None = None  # the store's revision when planned (registry.plan_file); Apply checks it
    # Of a daily export: the rows summed into each month, and those of months rejected whole.
    month_rows: dict[tuple[str, dt.date], int] = field(default_factory=dict, repr=False)
    rows_of_rejected_months: int = 0

    def tally(self) -> Tally:
        """Return where each row read went (the rows of the months, for a daily export); the parts
        add up to `rows`."""

        def rows(changes: list[VisitsChange]) -> int:
            return sum(self.month_rows.get((change.commune, change.month), 1) for change in changes)

        partial = sum(month.days for month in self.partial)
        return Tally(
            self.rows,
            rows(self.new),
            rows(self.updated),
            rows(self.unchanged),
            len(self.rejected) + self.rows_of_rejected_months,
            skipped=((INCOMPLETE_MONTH, partial),) if self.period == "day" else (),
        )

    def counts(self) -> dict[str, int]:
        """Return the number of new, updated, unchanged and partial months, and of rejected rows."""
        return {
            name: len(getattr(self, name)) for name in ("new", "updated", "unchanged", "rejected", "partial")
        }

    def preview(self, shown: int = 10) -> list[str]:
        """Return the lines that tell what the import would do, with the first updates and rejected rows."""
        counts = self.counts()
        lines = [f"{self.path}: {self.layout} layout, {self.encoding}, {self.rows} rows"]
        if self.period == "day":
            lines.append(
                "daily rows summed into months; unique visitors left out "
                "(a month's unique visitors are not the sum of its days')"
            )
        lines.append(
            f"new: {counts['new']}, updated: {counts['updated']}, unchanged: {counts['unchanged']}, "
            f"rejected: {counts['rejected']}"
        )
        lines.append(f"rows: {self.tally().describe()}")
        lines += first_lines(
            [
                f"  {c.commune} {c.month:%Y-%m}: {c.before} -> {c.after}"
                + (f" (kept: {', '.join(c.kept)})" if c.kept else "")
                for c in self.updated
            ],
            shown,
            "updates",
        )
        lines += first_lines(
            [
                f"  left out, {p.commune} {p.month:%Y-%m}: {p.days} of {p.days_in_month} days"
                for p in self.partial
            ],
            shown,
            "months left out",
        )
        lines += first_lines([f"  {rejected}" for rejected in self.rejected], shown, "rejected rows")
        return lines


def plan_visits_import(
    session: Session,
    path: str | Path,
    commune: str | None = None,
    progress: Callable[[float], None] | None = None,
    today: dt.date | None = None,
) -> VisitsPlan:
    """Return what importing the visits file at `path` would change in the store; writes nothing.

    `commune` is the commune of a Matomo export (required there, refused for the plain CSV).
    Raises ImportFailed for a file that cannot be imported at all (wrong encoding, empty, unknown
    header, truncated). `progress` is called now and then with the fraction of the file read.
    """
    today = today or dt.date.today()
    text_format, header, layout = detect_format(path, lambda header: find_layout(path, header))
    plan = VisitsPlan(str(path), layout.name, text_format.encoding, layout.source, "month", today)
    communes = set(session.scalars(select(Commune.code)))
    reader = RowReader(layout, header, _commune(session, path, layout, commune), communes, today)
    accepted: dict[tuple[str, dt.date], Row] = {}
    rows = csv_rows(path, text_format.codec, text_format.delimiter)
    last = 1, header  # the last row that is not blank
    try:
        for number, fields, read in rows:
            if number == 1 or not any(cell.strip() for cell in fields):
                continue  # the header was read by detect_format, blank lines before it included
            if fields == header and plan.rows == 0:
                continue
            last = number, fields
            plan.rows += 1
            if progress is not None and plan.rows % 1000 == 0:
                progress(read)
            row = reader.read(number, fields)
            if isinstance(row, str):
                plan.rejected.append(RejectedRow(number, row))
            elif (earlier := accepted.get((row.commune, row.date))) is not None:
                shown = Reason("word.commune_month", commune=row.commune, month=row.date)
                what = shown if layout.commune is not None else row.date
                plan.rejected.append(
                    RejectedRow(number, Reason("reason.already_on_row", what=what, row=earlier.row))
                )
            else:
                accepted[(row.commune, row.date)] = row
    except UnicodeDecodeError as error:
        raise ImportFailed(
            path, Reason("problem.not_decoded", encoding=text_format.encoding, error=error.reason)
        ) from None
    except csv.Error as error:
        raise ImportFailed(path, Reason("problem.not_csv", error=str(error))) from None
    finally:
        rows.close()
    if len(last[1]) < len(header) and not text_format.ends_with_newline(path):
        raise ImportFailed(
            path, Reason("problem.looks_truncated", row=last[0], fields=len(last[1]), width=len(header))
        )
    if plan.rows == 0:
        raise ImportFailed(path, Reason("problem.no_rows"))
    if any(date.day != 1 for _, date in accepted):
        plan.period = "day"
    _plan_months(session, plan, _months(plan, accepted.values()))
    if progress is not None:
        progress(1.0)
    return plan


def _commune(session: Session, path: str | Path, layout: Layout, commune: str | None) -> str | None:
    """Return the commune a Matomo export is for (None for the plain CSV); ImportFailed if unusable."""
    if layout.commune is not None:
        if commune is not None:
            raise ImportFailed(path, Reason("problem.communes_in_file"))
        return None
    if commune is None:
        raise ImportFailed(path, Reason("problem.matomo_needs_commune"))
    code = commune_code(commune)
    if code is None:
        raise ImportFailed(path, Reason("problem.not_a_commune_code", text=repr(commune)))
    if session.get(Commune, code) is None:
        raise ImportFailed(path, Reason("problem.commune_not_in_store", commune=code))
    return code


def _months(plan: VisitsPlan, rows: Iterable[Row]) -> dict[tuple[str, dt.date], Row]:
    """Return each (commune, month)'s figures, with its first row: the rows themselves, or days summed."""
    if plan.period == "month":
        return {(row.commune, row.date): row for row in rows}
    days: dict[tuple[str, dt.date], list[Row]] = {}
    for row in rows:
        days.setdefault((row.commune, month_start(row.date)), []).append(row)
    months: dict[tuple[str, dt.date], Row] = {}
    for (commune, month), month_rows in days.items():
        numbers = {row.date.day for row in month_rows}
        in_month = days_in_month(month)
        last = max(numbers) if month == month_start(plan.today) else in_month
        first = min(month_rows, key=lambda row: row.row).row
        if numbers != set(range(1, last + 1)):
            plan.partial.append(PartialMonth(commune, month, len(numbers), in_month))
            continue
        visits = sum(row.figures.visits for row in month_rows)
        if visits > MAX_VISITS:
            plan.rejected.append(
                RejectedRow(first, Reason("reason.month_above_max", month=month, max=MAX_VISITS))
            )
            plan.rows_of_rejected_months += len(month_rows) - 1
            continue
        months[(commune, month)] = Row(first, commune, month, Figures(visits, None))
        plan.month_rows[(commune, month)] = len(month_rows)
    plan.rejected.sort(key=lambda rejected: rejected.row)
    plan.partial.sort(key=lambda partial: (partial.commune, partial.month))
    return months


def _plan_months(session: Session, plan: VisitsPlan, months: Mapping[tuple[str, dt.date], Row]) -> None:
    communes = {commune for commune, _ in months}
    query = select(MonthlyVisits).where(MonthlyVisits.commune_code.in_(communes))
    stored = {
        (row.commune_code, row.month): Figures(row.visits, row.unique_visitors)
        for row in session.scalars(query)
    }
    for key in sorted(months):
        row, before = months[key], stored.get(key)
        after, kept = row.figures, ()
        if after.unique_visitors is None and before is not None and before.visits == after.visits:
            after = before  # the file does not know the unique visitors: keep the stored ones
        elif after.unique_visitors is None and before is not None and before.unique_visitors is not None:
            if before.unique_visitors > after.visits:
                plan.rejected.append(
                    RejectedRow(
                        row.row,
                        Reason(
                            "reason.stored_unique_above", unique=before.unique_visitors, visits=after.visits
                        ),
                    )
                )
                continue
            else:  # an empty cell never erases: the stored unique visitors stay
                after, kept = Figures(after.visits, before.unique_visitors), ("unique_visitors",)
        change = VisitsChange(row.row, row.commune, row.date, before, after, kept)
        if before is None:
            plan.new.append(change)
        elif before != after:
            plan.updated.append(change)
        else:
            plan.unchanged.append(change)
    plan.rejected.sort(key=lambda rejected: rejected.row)
