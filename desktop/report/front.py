"""The report's opening pages: title, Inledning, Förkortningar, Definitioner,
Redovisning av måluppfyllelse (prognosis per goal and its summary sentence)
and Måluppfyllelse i styrmått (the chart). Only reads the content.
"""

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table

from . import styles
from .chart import fulfilment_chart
from .content import ReportContent
from .summary import prognosis_summary
from .tables import legend, prognosis_table
from .text import commentary, markup, para, short_name


def subtitle(content: ReportContent) -> str:
    """Who and when the report is for: organisation, board, perspective, period."""
    parts = [
        short_name(content.settings.organisation),
        f"{short_name(content.period.name)} ({short_name(content.period.label)})",
    ]
    if content.board:
        parts.insert(1, f"{short_name(content.board.name)} ({short_name(content.board.code)})")
    if content.perspective_filter:
        parts.insert(-1, f"perspektiv {short_name(content.perspective_filter)}")
    return " · ".join(p for p in parts if p)


def front_story(content: ReportContent, width: float) -> list:
    s = content.settings
    story = [
        Spacer(1, 10 * mm),
        Paragraph(markup(short_name(s.title) or "Mål och måluppfyllelse"), styles.TITLE),
        Paragraph(markup(subtitle(content)), styles.SUBTITLE),
        Paragraph("Inledning", styles.HEADING),
    ]
    story += commentary(s.introduction) or [para("Ingen inledande text har angetts.")]
    story += [Paragraph("Förkortningar", styles.SUBHEADING), _abbreviations(content, width)]
    story += [
        CondPageBreak(90 * mm),
        Paragraph("Definitioner", styles.SUBHEADING),
        para(
            "Symbolerna skiljer sig i form och färg, så att de kan läsas även i gråskala. "
            "En tom ruta betyder att värdet ännu inte är bedömt för perioden."
        ),
        legend(content.scales, width),
    ]
    goals = content.goals()
    story += [
        CondPageBreak(70 * mm),
        Paragraph("Redovisning av måluppfyllelse", styles.HEADING),
        Paragraph("Prognosticerad måluppfyllelse per strategiskt mål", styles.SUBHEADING),
        prognosis_table(content, width),
        Paragraph(markup(prognosis_summary(goals, content.scales)), styles.SUMMARY),
    ]
    period = f"{content.period.label} {content.period.year}".strip()
    activities = sum(1 for m in content.measures() if m.is_activity)
    caption = "Diagram: Andel av styrmått i olika bedömningskategorier per strategiskt mål, med antal i varje del."
    if activities:
        caption += f" Aktiviteter ({activities} st) bedöms på en egen skala och redovisas i tabellerna."
    story.append(
        KeepTogether([
            Paragraph(f"Måluppfyllelse i styrmått {markup(period)}", styles.HEADING),
            *fulfilment_chart(goals, content.scales, width),
            Paragraph(caption, styles.CAPTION),
        ])
    )  # fmt: skip
    return story


def _abbreviations(content: ReportContent, width: float) -> Table:
    rows = [[para(short_name(b.code), styles.CELL_BOLD), para(short_name(b.name), styles.CELL)] for b in content.boards]
    table = Table(rows or [["", ""]], colWidths=[25 * mm, width - 25 * mm], hAlign="LEFT", splitInRow=1)
    table.setStyle([*styles.PLAIN_TABLE, ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1)])
    return table
