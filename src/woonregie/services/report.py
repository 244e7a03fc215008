"""`woonregie report`: the monitor's report over a year as a self-contained HTML page, a PDF
printed from that page, and a workbook with every row of every table.

The content is the dashboard's (services/dashboard.py) for the period 1 January … 31 December
of the year (up to today while the year runs), so the report shows the figures the pages show
for that period: the same tables, the same row limit for long tables, the same charts — drawn
here to SVG by vl-convert instead of in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from woonregie.documents.pdf import to_pdf
from woonregie.documents.report import Report, Section, report_html
from woonregie.domain.errors import DomainError
from woonregie.monitor import Period
from woonregie.monitor.charts import to_png_data_url, to_svg
from woonregie.monitor.figure_tables import LONG_TABLE_ROWS
from woonregie.services.access import Principal
from woonregie.services.dashboard import Dashboard, dashboard
from woonregie.services.monitoring import MonitorFilters
from woonregie.services.table_files import people_workbook
from woonregie.store.unit_of_work import UnitOfWork

Step = Callable[[str], None]
"""Called with a Dutch description as each step starts (the command line's progress bar)."""
STEPS = 5  # figures, charts, HTML, PDF, workbook


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    pdf: Path
    workbook: Path


def report_period(year: int, today: date) -> Period:
    """The calendar year, up to today while it runs."""
    if year > today.year:
        raise DomainError(f"het jaar {year} is nog niet begonnen")
    return Period(date(year, 1, 1), min(date(year, 12, 31), today))


def sections(board: Dashboard, draw: Callable[[dict], str] = to_svg,
             step: Step = lambda _: None,
             draw_map: Callable[[dict], str] = to_png_data_url) -> list[Section]:
    """The dashboard's tables with their charts drawn as SVG, as the report's sections."""
    out = []
    for table in board.tables:
        spec = board.charts.get(table.name)
        if spec is not None:
            step(f"Grafiek tekenen: {table.title}")
        out.append(Section(
            table.name, table.title, list(table.headers), table.text_rows(LONG_TABLE_ROWS),
            table.note, draw(spec) if spec is not None else "",
            spec.get("description", "") if spec is not None else "",
            table.hidden_rows(LONG_TABLE_ROWS), table.numeric()))
        area_map = board.maps.get(table.name)
        if area_map is not None:
            step("Kaart tekenen")
            out[-1].map_png = draw_map(area_map)
            out[-1].map_description = area_map.get("description", "")
            out[-1].map_note = ("Buurtgrenzen van het CBS." if board.real_boundaries else
                                "Schematische kaart: elke buurt een vak binnen haar wijk en "
                                "gemeente.") + " Buurten zonder plaatsingen zijn grijs."
    return out


def build_report(board: Dashboard, workbook_name: str, step: Step = lambda _: None) -> Report:
    p = board.period
    filters = board.filter_text()
    return Report(
        title=f"Monitor uitstroom en wonen {p.van.year}",
        subtitle=f"Periode {p.van:%d-%m-%Y} tot en met {p.tot:%d-%m-%Y}"
                 + (f" ({filters})" if filters else ""),
        made_at=board.computed_at,
        sections=sections(board, step=step),
        intro=["De cijfers van de monitor van Woonregie over deze periode, met de definities "
               "van docs/monitor.md: alleen aantallen, geen persoonsgegevens. Het dashboard, "
               "woonregie monitor en de API geven voor dezelfde periode dezelfde cijfers.",
               f"Elke grafiek staat boven haar tabel; lange tabellen tonen hier de eerste "
               f"{LONG_TABLE_ROWS} rijen, de werkmap {workbook_name} bevat alle rijen."],
        workbook=workbook_name,
    )


def write_report(uow: UnitOfWork, principal: Principal, year: int, out: Path,
                 filters: MonitorFilters = MonitorFilters(),
                 step: Step = lambda _: None) -> ReportFiles:
    """Count, draw, write HTML, print the PDF, write the workbook (access: the monitor's)."""
    period = report_period(year, uow.clock.today())
    step("Cijfers tellen")
    board = dashboard(uow, principal, period, filters)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"woonregie-rapport-{year}"
    files = ReportFiles(out / f"{stem}.html", out / f"{stem}.pdf", out / f"{stem}.xlsx")
    report = build_report(board, files.workbook.name, step)
    step("HTML schrijven")
    html = report_html(report)
    files.html.write_text(html, encoding="utf-8")
    step("PDF drukken")
    files.pdf.write_bytes(to_pdf(html))
    step("Werkmap schrijven")
    files.workbook.write_bytes(people_workbook(board.tables, board.figures, board.computed_at))
    return files
