"""The report's opening pages: title, Inledning, Förkortningar, Definitioner,
Redovisning av måluppfyllelse (prognosis per goal and its summary sentence)
and Måluppfyllelse i styrmått (the chart). Only reads the content.
"""

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from . import styles
from .chart import chart_kind, fulfilment_chart
from .content import ReportContent
from .document import bookmarked
from .summary import prognosis_summary
from .tables import legend, prognosis_table
from .text import commentary, markup, para, short_name

DEFINITIONS_NOTE = (
    "Symbolerna skiljer sig i form och färg, så att de kan läsas även i gråskala. "
    "En tom ruta betyder att värdet ännu inte är bedömt för perioden."
)


def prognosis_heading(content: ReportContent) -> str:
    level = content.model.assessment_level
    return f"Prognosticerad måluppfyllelse per {level.singular.lower() if level else 'nod'}"


def subtitle(content: ReportContent) -> str:
    """Who and when the report is for: organisation, board, perspective, period."""
    parts = [
        short_name(content.settings.organisation),
        f"{short_name(content.period.name)} ({short_name(content.period.label)})",
    ]
    if content.board:
        parts.insert(1, f"{short_name(content.board.name)} ({short_name(content.board.code)})")
    if content.perspective_filter:
        parts.insert(-1, f"{content.model.level(0).singular.lower()} {short_name(content.perspective_filter)}")
    return " · ".join(p for p in parts if p)


def front_story(content: ReportContent, width: float) -> list:
    s = content.settings
    story = [
        Spacer(1, 10 * mm),
        Paragraph(markup(short_name(s.title) or "Mål och måluppfyllelse"), styles.TITLE),
        Paragraph(markup(subtitle(content)), styles.SUBTITLE),
        bookmarked(Paragraph("Inledning", styles.HEADING), 0),
    ]
    story += commentary(s.introduction) or [para("Ingen inledande text har angetts.")]
    story += [Paragraph("Förkortningar", styles.SUBHEADING), _abbreviations(content, width)]
    story += [
        CondPageBreak(90 * mm),
        Paragraph("Definitioner", styles.SUBHEADING),
        para(DEFINITIONS_NOTE),
        legend(content, width),
    ]
    story += _prognoses(content, width)
    story.append(KeepTogether(_chart(content, width)))
    return story


def _prognoses(content: ReportContent, width: float) -> list:
    """The prognosis per node of the assessment level and the summary sentence; none without such a
    level or without a prognosis scale."""
    level = content.model.assessment_level
    if level is None or content.model.prognosis_scale is None:
        return []
    return [
        CondPageBreak(70 * mm),
        bookmarked(Paragraph("Redovisning av måluppfyllelse", styles.HEADING), 0),
        Paragraph(markup(prognosis_heading(content)), styles.SUBHEADING),
        prognosis_table(content, width),
        Paragraph(markup(prognosis_summary(content.assessed_nodes(), level, content.scales)), styles.SUMMARY),
    ]


def chart_title(content: ReportContent) -> str:
    """'Måluppfyllelse i styrmått per augusti 2022': the chart's heading in the file's words."""
    period = f"{content.period.label} {content.period.year}".strip()
    return f"Måluppfyllelse i {chart_kind(content.model).plural.lower()} {period}"


def chart_nodes(content: ReportContent) -> list:
    """The nodes the chart has a bar for: the assessment level's (else the top level's)."""
    return content.assessed_nodes() if content.model.assessment_level else content.roots


def chart_caption(content: ReportContent, form: str = "Diagram") -> str:
    """What the chart shows; `form` is what it is drawn as (the Word version's is a table)."""
    model = content.model
    charted = chart_kind(model)
    per = model.assessment_level or model.level(0)
    caption = (
        f"{form}: Andel av {charted.plural.lower()} i olika bedömningskategorier per {per.singular.lower()}, "
        "med antal i varje del."
    )
    for kind in model.kinds:
        others = sum(1 for m in content.measures() if m.kind == kind.code) if kind.scale != charted.scale else 0
        if others:
            caption += f" {kind.plural} ({others} st) bedöms på en egen skala och redovisas i tabellerna."
    return caption


def _chart(content: ReportContent, width: float) -> list:
    """The chart of the first kind's scale, per node of the assessment level (else per top-level node)."""
    return [
        bookmarked(Paragraph(markup(chart_title(content)), styles.HEADING), 0),
        *fulfilment_chart(chart_nodes(content), content.model, width),
        Paragraph(markup(chart_caption(content)), styles.CAPTION),
    ]


def _abbreviations(content: ReportContent, width: float) -> Table:
    rows = [[para(short_name(b.code), styles.CELL_BOLD), para(short_name(b.name), styles.CELL)] for b in content.boards]
    table = Table(rows or [["", ""]], colWidths=[25 * mm, width - 25 * mm], hAlign="LEFT", splitInRow=1)
    table.setStyle([*styles.PLAIN_TABLE, ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1)])
    return table
