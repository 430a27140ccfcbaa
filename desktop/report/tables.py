"""The report's tables: symbol legend, prognosis per goal, goals and factors, measures.

Table cells cannot split across pages, so only short structured values go in
here; commentary always stays outside tables (see `perspective.py`). Every
table that may run over a page repeats its header row.
"""

from reportlab.platypus import Paragraph, Table

from db.model import Factor, Measure, Perspective
from db.scales import ACTIVITY, FULFILMENT, PROGNOSIS, SCALE_NAMES, TREND, Scales, ScaleValue, fulfilment_scale_for

from . import styles
from .content import FIELD_LABELS, ReportContent
from .symbol import Symbol
from .text import bold_then, markup, para, short_name

LEGEND_SCALES = (FULFILMENT, ACTIVITY, TREND, PROGNOSIS)


def _table(rows, widths, extra_style=(), **options) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1, **options)
    table.setStyle([*styles.TABLE_GRID, *extra_style])
    return table


def _head(*labels: str) -> list[Paragraph]:
    """A header row; labels are our own wording and may carry <br/>."""
    return [Paragraph(label, styles.HEAD_CELL) for label in labels]


def symbol_cell(value: ScaleValue | None, *, labelled: bool = True) -> list:
    """A drawn symbol with its label in small print under it; empty when not assessed."""
    if value is None:
        return []
    return [Symbol(value), Paragraph(markup(value.label), styles.CELL_SMALL)] if labelled else [Symbol(value)]


def legend(scales: Scales, width: float) -> Table:
    """Definitioner: every symbol of every scale with its meaning, two scales side by side."""
    half = (width - 12) / 2
    blocks = []
    for name in LEGEND_SCALES:
        rows = [[Paragraph(markup(SCALE_NAMES[name]), styles.HEAD_CELL), ""]]
        rows += [[Symbol(v, 10), para(v.label, styles.CELL)] for v in scales.values(name)]
        blocks.append(
            _table(rows, [22, half - 22], [("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")])
        )
    pairs = [blocks[i : i + 2] for i in range(0, len(blocks), 2)]
    outer = Table([pair + [""] * (2 - len(pair)) for pair in pairs], colWidths=[half + 12, half], hAlign="LEFT")
    outer.setStyle([*styles.PLAIN_TABLE, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])  # fmt: skip
    return outer


def prognosis_table(content: ReportContent, width: float) -> Table:
    """Prognosticerad måluppfyllelse per strategiskt mål, goals grouped under perspectives."""
    rows = [_head("Perspektiv", "Strategiskt mål", "Prognosticerad måluppfyllelse")]
    spans = []
    for p in content.perspectives:
        first = len(rows)
        for g in p.goals:
            value = content.scales.get(PROGNOSIS, g.assessment.prognosis)
            label = value.label if value else "Ingen prognos lämnad"
            prognosis = Table([[Symbol(value, 10) if value else "", para(label, styles.CELL)]], colWidths=[18, None])
            prognosis.setStyle(
                [*styles.PLAIN_TABLE, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
            )
            rows.append([para(short_name(p.name), styles.CELL_BOLD), para(short_name(g.name), styles.CELL), prognosis])
        if len(p.goals) > 1:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    return _table(rows, [0.22 * width, 0.43 * width, 0.35 * width], [*spans, ("VALIGN", (2, 1), (2, -1), "MIDDLE")])


def with_boards(node_name: str, boards: list[str]) -> str:
    """A goal's or factor's name with its boards in parentheses, each shortened like any name."""
    return f"{short_name(node_name)} ({', '.join(map(short_name, boards))})" if boards else short_name(node_name)


def overview_table(perspective: Perspective, width: float) -> Table:
    """Strategiskt mål | Framgångsfaktor, each with its boards in parentheses."""
    rows = [_head("Strategiskt mål", "Framgångsfaktor")]
    spans = []
    for g in perspective.goals:
        first = len(rows)
        factors = g.factors or [None]
        for f in factors:
            factor_text = with_boards(f.name, f.boards) if f else "Inga framgångsfaktorer i urvalet."
            rows.append([para(with_boards(g.name, g.boards), styles.CELL_BOLD), para(factor_text, styles.CELL)])
        if len(factors) > 1:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    return _table(rows, [0.36 * width, 0.64 * width], spans)


MEASURE_COLUMNS = (0.32, 0.10, 0.13, 0.19, 0.13, 0.13)


def measure_table(factor: Factor, content: ReportContent, width: float) -> Table:
    """Styrmått | Styrelse/nämnd | Mål <år> | Periodens utfall | Måluppfyllelse | Utveckling."""
    rows = [_head("Styrmått", "Styrelse/<br/>nämnd", f"Mål {content.period.year}", "Periodens<br/>utfall",
                  "Målupp-<br/>fyllelse", "Utveckl-<br/>ing")]  # fmt: skip
    flagged = []
    for number, m in enumerate(factor.measures, start=1):
        conflicts = content.conflicts.get(m.id, [])
        if conflicts:
            flagged.append(("BACKGROUND", (0, number), (-1, number), styles.WARNING_FILL))
        rows.append([
            _name_cell(m, footnote_mark(factor, m), [c.field for c in conflicts]),
            para(short_name(m.board), styles.CELL),
            para(m.target, styles.CELL),
            outcome_cell(m),
            symbol_cell(content.scales.get(fulfilment_scale_for(m.kind), m.entry.fulfilment)),
            symbol_cell(content.scales.get(TREND, m.entry.trend)),
        ])  # fmt: skip
    return _table(rows, [w * width for w in MEASURE_COLUMNS], flagged)


def footnote_mark(factor: Factor, measure: Measure) -> str:
    """The measure's footnote number within its factor ('' without a footnote)."""
    with_notes = [m.id for m in factor.measures if m.footnote.strip()]
    return str(with_notes.index(measure.id) + 1) if measure.id in with_notes else ""


def _name_cell(measure: Measure, mark: str, conflict_fields: list[str]) -> list:
    text = markup(short_name(measure.name)) + (f"<super>{mark}</super>" if mark else "")
    cell = [Paragraph(text, styles.CELL)]
    if conflict_fields:
        fields = ", ".join(dict.fromkeys(FIELD_LABELS.get(f, f) for f in conflict_fields))
        cell.append(Paragraph(f"⚠ Olöst konflikt: {markup(fields)}", styles.CELL_WARNING))
    return cell


def outcome_cell(measure: Measure) -> list:
    """The outcome as entered: Totalt / Kvinnor / Män lines where split, then any free text."""
    e = measure.entry
    cell = []
    if e.outcome_women or e.outcome_men:
        for label, value in (("Totalt:", e.outcome_total), ("Kvinnor:", e.outcome_women), ("Män:", e.outcome_men)):
            if value:
                cell.append(bold_then(label, value))
    elif e.outcome_total:
        cell.append(para(e.outcome_total, styles.CELL))
    if e.outcome_text:
        cell.append(para(e.outcome_text, styles.CELL))
    return cell
