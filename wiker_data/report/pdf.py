"""The council report as a one-page A4 PDF, drawn from the dict of report.build_report only.

Layout with reportlab, charts with matplotlib's Agg canvas rendered to PNG in
memory (no pyplot, no global backend). Text is set in DejaVu Sans, which ships
with matplotlib and has every French letter (œ, Œ, the narrow no-break space
of French numbers); Helvetica has no œ. Commune names are user text: they are
XML-escaped before going into Paragraph markup.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepInFrame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wiker_data.i18n import (
    DEFAULT_LANGUAGE,
    LOCALES,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_percent,
    fmt_signed,
    normalise_language,
    t,
)
from wiker_data.periods import one_year_before, slot_position

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

MARGIN = 14 * mm
WIDTH = A4[0] - 2 * MARGIN
HEIGHT = A4[1] - 2 * MARGIN

# Okabe–Ito colours, as on the pages.
OPENINGS = "#009E73"
CLOSURES = "#D55E00"
SHOPS_OPEN = "#0072B2"
RECORDED = "#E69F00"  # shops entered open without an opening (an import), as on the pages
VISITS = "#56B4E9"
LOCKDOWN = "#DDDDDD"
INK = "#222222"
MUTED = "#666666"


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5, textColor=colors.HexColor(INK))
    return {
        "kicker": ParagraphStyle("kicker", base, fontSize=8.5, textColor=colors.HexColor(MUTED)),
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=19, leading=23),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10, leading=13),
        "demo": ParagraphStyle(
            "demo",
            base,
            fontSize=8,
            leading=10,
            backColor=colors.HexColor("#FFF4D6"),
            borderPadding=(3, 4, 3, 4),
            textColor=colors.HexColor("#6B4E00"),
        ),
        "warning": ParagraphStyle("warning", base, fontName=FONT_BOLD, textColor=colors.HexColor(CLOSURES)),
        "label": ParagraphStyle("label", base, fontSize=8, leading=10, textColor=colors.HexColor(MUTED)),
        "value": ParagraphStyle("value", base, fontName=FONT_BOLD, fontSize=17, leading=21),
        "note": ParagraphStyle("note", base, fontSize=7, leading=8.6, textColor=colors.HexColor(MUTED)),
        "heading": ParagraphStyle("heading", base, fontName=FONT_BOLD, fontSize=10, leading=13),
        "small": ParagraphStyle("small", base, fontSize=6.6, leading=8.2, textColor=colors.HexColor(MUTED)),
    }


def _tile(styles: dict, label: str, value: str, *notes: str) -> list:
    """Return the flowables of one KPI: its label, its value and small notes (all plain text)."""
    cell = [Paragraph(escape(label), styles["label"]), Paragraph(escape(value), styles["value"])]
    cell += [Paragraph(escape(note), styles["note"]) for note in notes if note]
    return cell


def _kpis(report: dict, lang: str, styles: dict) -> Table:
    month = fmt_month(dt.date.fromisoformat(report["last_month"] + "-01"), lang)
    population = report["commune"]["population"]
    rate = report["vacancy_rate"]
    if rate is None:
        vacancy_notes = [t("activity.vacancy_unknown", lang)]
    else:
        vacancy_notes = [
            t("report.band", lang, band=t(f"band.{report['vacancy_band']}", lang)),
            t(
                "activity.vacancy_help",
                lang,
                units=fmt_int(report["shop_units"], lang),
                open=fmt_int(report["shops_open"], lang),
            ),
        ]
    references = " · ".join(
        t(f"density.{ref['area']}", lang) + " " + fmt_decimal(ref["shops_per_1000"], lang, digits=1)
        for ref in report["reference"]["densities"]
    )
    tiles = [
        _tile(
            styles,
            t("overview.shops_open", lang),
            fmt_int(report["shops_open"], lang),
            t("report.shops_open_note", lang, date=fmt_date(dt.date.fromisoformat(report["as_of"]), lang)),
        ),
        _tile(styles, t("overview.openings_12m", lang), fmt_int(report["openings_last_12_months"], lang)),
        _tile(styles, t("overview.closures_12m", lang), fmt_int(report["closures_last_12_months"], lang)),
        _tile(
            styles,
            t("overview.net_change_12m", lang),
            fmt_signed(report["net_change_last_12_months"], lang),
            t(
                "report.reopenings_note",
                lang,
                reopenings=fmt_int(report["reopenings_last_12_months"], lang),
                after_closure=fmt_int(report["reopenings_after_closure_last_12_months"], lang),
            ),
            t(
                "report.temporary_note",
                lang,
                count=fmt_int(report["temporary_closures_last_12_months"], lang),
            ),
        ),
        _tile(
            styles,
            t("overview.visits_last_month", lang, month=month),
            fmt_int(report["visits_last_month"], lang),
        ),
        _tile(
            styles,
            t("overview.visits_per_inhabitant", lang),
            fmt_decimal(report["visits_per_inhabitant_last_month"], lang),
            t("report.per_inhabitant_note", lang, month=month, population=fmt_int(population, lang)),
        ),
        _tile(
            styles,
            t("overview.share_online", lang),
            fmt_percent(report["share_online"], lang),
            t(
                "report.online_note",
                lang,
                online=fmt_int(report["shops_online"], lang),
                open=fmt_int(report["shops_open"], lang),
            ),
        ),
        _tile(styles, t("activity.vacancy", lang), fmt_percent(rate, lang, digits=1), *vacancy_notes),
        _tile(
            styles,
            t("activity.density", lang),
            fmt_decimal(report["shops_per_1000_inhabitants"], lang, digits=1),
            t("activity.density_reference", lang, references=references),
        ),
    ]
    rows = [tiles[i : i + 3] for i in range(0, len(tiles), 3)]
    table = Table(rows, colWidths=[WIDTH / 3] * 3)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LINEABOVE", (0, 0), (-1, -1), 0.6, colors.HexColor("#BBBBBB")),
            ]
        )
    )
    return table


def _png(fig: Figure) -> io.BytesIO:
    buffer = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buffer)
    buffer.seek(0)
    return buffer


def _axes(width: float, height: float) -> tuple[Figure, Axes]:
    """Return a figure of the size it will have on the page (points), so that its font sizes are true."""
    fig = Figure(figsize=(width / 72, height / 72), dpi=220)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=7, colors=INK, length=2.5)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def _year_position(day: dt.date, first_year: int) -> float:
    """Return where a date falls on an axis with one slot a year, year `first_year` centred on 0."""
    return slot_position(day, dt.date(first_year, 1, 1), "year")


def _events_chart(report: dict, lang: str, width: float, height: float) -> io.BytesIO:
    yearly = report["yearly"]
    first = yearly[0]["year"]
    positions = list(range(len(yearly)))
    fig, ax = _axes(width, height)
    for lockdown in report["reference"]["lockdowns"]:
        start, end = dt.date.fromisoformat(lockdown["start"]), dt.date.fromisoformat(lockdown["end"])
        if first <= start.year <= yearly[-1]["year"]:
            ax.axvspan(_year_position(start, first), _year_position(end, first), color=LOCKDOWN, zorder=0)
    bar = 0.36
    ax.bar([x - bar / 2 for x in positions], [y["openings"] for y in yearly], bar, color=OPENINGS, zorder=2)
    ax.bar([x + bar / 2 for x in positions], [y["closures"] for y in yearly], bar, color=CLOSURES, zorder=2)
    events_top = max([y["openings"] for y in yearly] + [y["closures"] for y in yearly] + [1])
    ax.set_ylim(0, events_top * 1.4)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt_int(value, lang)))
    ax.set_ylabel(t("activity.events_axis", lang), fontsize=7, color=INK)
    ax.set_xlim(-0.5, len(yearly) - 0.5)
    ax.set_xticks(positions)
    as_of = dt.date.fromisoformat(report["as_of"])
    partial = (as_of.month, as_of.day) != (12, 31)
    ax.set_xticklabels([f"{y['year']}*" if partial and y is yearly[-1] else str(y["year"]) for y in yearly])

    line_axis = ax.twinx()
    line_axis.spines["top"].set_visible(False)
    line_axis.tick_params(labelsize=7, colors=SHOPS_OPEN, length=2.5)
    shops = [y["shops_open_at_year_end"] for y in yearly]
    line_axis.plot(positions, shops, color=SHOPS_OPEN, marker="o", markersize=3, linewidth=1.6, zorder=3)
    for x, year in ((x, y) for x, y in zip(positions, yearly, strict=True) if y.get("recorded")):
        point, count = (x, year["shops_open_at_year_end"]), year["recorded"]  # an import's jump, explained
        label = t(f"activity.recorded_{'one' if count == 1 else 'many'}", lang, count=fmt_int(count, lang))
        line_axis.plot(*point, marker="D", markersize=4.5, color=RECORDED, markeredgecolor=INK, zorder=4)
        side = "right" if x == positions[-1] else "center"  # the last year's label stays inside the axes
        line_axis.annotate(label, point, xytext=(0, 6), textcoords="offset points", fontsize=5.5, ha=side)
    line_axis.set_ylim(0, max([*shops, 1]) * 1.15)
    line_axis.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    line_axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt_int(value, lang)))
    line_axis.set_ylabel(t("report.shops_open_axis", lang), fontsize=7, color=SHOPS_OPEN)

    handles = [
        Patch(color=OPENINGS, label=t("activity.openings", lang)),
        Patch(color=CLOSURES, label=t("activity.closures", lang)),
        Line2D(
            [], [], color=SHOPS_OPEN, marker="o", markersize=3, label=t("report.shops_open_year_end", lang)
        ),
        Patch(color=LOCKDOWN, label=t("activity.lockdown", lang)),
    ]
    fig.legend(handles=handles, loc="upper center", ncol=4, frameon=False, fontsize=7, handlelength=1.2)
    fig.subplots_adjust(left=0.07, right=0.93, top=0.86, bottom=0.12)
    return _png(fig)


def _visits_chart(report: dict, lang: str, width: float, height: float) -> io.BytesIO:
    months = report["monthly_visits"]
    positions = list(range(len(months)))
    visits = [m["visits"] for m in months]
    fig, ax = _axes(width, height)
    ax.bar(positions, [v or 0 for v in visits], 0.75, color=VISITS, zorder=2)
    ax.set_xlim(-0.6, len(months) - 0.4)
    if all(v is None for v in visits):
        ax.set_yticks([])
        ax.text(0.5, 0.5, t("overview.no_visits", lang), transform=ax.transAxes, ha="center", fontsize=8)
    else:
        ax.set_ylim(0, max(v for v in visits if v is not None) * 1.12 or 1)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: fmt_int(value, lang)))
    locale = LOCALES[normalise_language(lang)]
    labels = [format_date(dt.date.fromisoformat(m["month"] + "-01"), "MMM yy", locale=locale) for m in months]
    ax.set_xticks(positions[::3])
    ax.set_xticklabels(labels[::3])
    fig.subplots_adjust(left=0.07, right=0.93, top=0.95, bottom=0.15)
    return _png(fig)


def _small_print(report: dict, lang: str, styles: dict) -> list:
    as_of = dt.date.fromisoformat(report["as_of"])
    window = t(
        "report.window",
        lang,
        start=fmt_date(one_year_before(as_of) + dt.timedelta(days=1), lang),
        end=fmt_date(as_of, lang),
    )
    reference = report["reference"]
    lines = [
        t("overview.definitions", lang) + " " + window,
        t("activity.lockdown_note", lang),
        t("activity.bands_legend", lang)
        + " "
        + t("activity.source", lang, source=t(reference["vacancy_source"], lang)),
        t("activity.source", lang, source=reference["density_source"])
        + " "
        + t("activity.density_note", lang),
    ]
    if (as_of.month, as_of.day) != (12, 31):
        lines.insert(1, t("report.partial_year", lang, year=as_of.year, date=fmt_date(as_of, lang)))
    if recorded := sum(year.get("recorded", 0) for year in report["yearly"]):
        lines.insert(1, t("activity.recorded_note", lang, count=fmt_int(recorded, lang)))
    return [Paragraph(escape(line), styles["small"]) for line in lines]


def report_pdf(report: dict, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """Return the council report of a report.build_report dict as a one-page A4 PDF in `lang`."""
    lang = normalise_language(lang)
    _register_fonts()
    styles = _styles()
    commune = report["commune"]
    as_of = dt.date.fromisoformat(report["as_of"])
    title = f"{commune['name']} ({commune['code']})"
    story: list = [
        Paragraph(escape(t("report.kicker", lang)), styles["kicker"]),
        Paragraph(escape(title), styles["title"]),
        Paragraph(
            escape(
                t(
                    "report.subtitle",
                    lang,
                    date=fmt_date(as_of, lang),
                    population=fmt_int(commune["population"], lang),
                    year=commune["population_year"] or "—",
                )
            ),
            styles["subtitle"],
        ),
        Spacer(1, 5),
    ]
    if report["demo_data"]:
        story += [Paragraph(escape(t("app.demo_banner", lang)), styles["demo"]), Spacer(1, 7)]
    if warning := report["warning"]:
        text = t(
            "report.warning",
            lang,
            closures=fmt_int(warning["closures"], lang),
            openings=fmt_int(warning["openings"], lang),
            previous=fmt_int(warning["previous_closures"], lang),
        )
        story += [Paragraph(escape(text), styles["warning"]), Spacer(1, 5)]
    story += [_kpis(report, lang, styles), Spacer(1, 6)]

    events_height, visits_height = 74 * mm, 52 * mm
    first, last = report["monthly_visits"][0]["month"], report["monthly_visits"][-1]["month"]
    story += [
        Paragraph(escape(t("report.events_title", lang)), styles["heading"]),
        Image(_events_chart(report, lang, WIDTH, events_height), WIDTH, events_height),
        Spacer(1, 4),
        Paragraph(
            escape(
                t(
                    "report.visits_title",
                    lang,
                    first=fmt_month(dt.date.fromisoformat(first + "-01"), lang),
                    last=fmt_month(dt.date.fromisoformat(last + "-01"), lang),
                )
            ),
            styles["heading"],
        ),
        Image(_visits_chart(report, lang, WIDTH, visits_height), WIDTH, visits_height),
        Spacer(1, 4),
        *_small_print(report, lang, styles),
    ]

    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4, title=f"Wiker — {title}", author="Wiker")
    frame = Frame(MARGIN, MARGIN, WIDTH, HEIGHT, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate(id="report", frames=[frame])])
    # Shrinks the whole page rather than spill onto a second one (a long name, every note shown).
    document.build([KeepInFrame(WIDTH, HEIGHT, story, mode="shrink")])
    return buffer.getvalue()
