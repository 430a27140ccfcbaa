"""The report's tables: symbol legend, prognosis per goal, goals and factors, measures.

Table cells cannot split across pages, so only short structured values go in
here; commentary always stays outside tables (see `perspective.py`). Every
table that may run over a page repeats its header row.
"""

from reportlab.platypus import Paragraph, Table

from db.model import Measure, Node, ScaleValue, compared_label, shown_label

from . import styles
from .content import ReportContent, conflict_flag, shown_value
from .symbol import Symbol
from .text import bold_then, markup, para, short_name
from .widths import column_widths


def _table(rows, widths, extra_style=(), **options) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1, **options)
    table.setStyle([*styles.TABLE_GRID, *extra_style])
    return table


def _head(*labels: str) -> list[Paragraph]:
    """A header row; labels are our own wording and may carry <br/>."""
    return [Paragraph(label, styles.HEAD_CELL) for label in labels]


def symbol_cell(value: ScaleValue | None, label: str = "") -> list:
    """A drawn symbol with its label in small print under it; empty when not assessed."""
    if value is None:
        return []
    return [Symbol(value), Paragraph(markup(label or value.label), styles.CELL_SMALL)]


def legend(content: ReportContent, width: float) -> Table:
    """Definitioner: every symbol of every scale with its meaning, two scales side by side.
    A trend's comparative is completed with what the report's measures compare with."""
    half = (width - 12) / 2
    comparisons = content.comparisons()
    blocks = []
    for scale in content.scales:
        rows = [[Paragraph(markup(scale.name), styles.HEAD_CELL), ""]]
        rows += [[Symbol(v, 10), para(compared_label(v, comparisons), styles.CELL)] for v in scale.values]
        blocks.append(
            _table(rows, [22, half - 22], [("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 1), (-1, -1), "MIDDLE")])
        )
    pairs = [blocks[i : i + 2] for i in range(0, len(blocks), 2)]
    outer = Table([pair + [""] * (2 - len(pair)) for pair in pairs], colWidths=[half + 12, half], hAlign="LEFT")
    outer.setStyle([*styles.PLAIN_TABLE, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])  # fmt: skip
    return outer


def prognosis_table(content: ReportContent, width: float) -> Table:
    """Prognosticerad måluppfyllelse per node of the assessment level, grouped under the top-level nodes."""
    model = content.model
    level = model.assessment_level
    assert level is not None, "only a model with an assessment level has prognoses"
    prognoses = model.prognosis_scale
    grouped = level.depth > 0
    head = [model.level(0).singular] if grouped else []
    rows = [_head(*head, level.singular, "Prognosticerad måluppfyllelse")]
    spans = []
    for root in content.roots:
        first = len(rows)
        for node in (n for n in root.walk() if n.depth == level.depth):
            value = prognoses.get(node.assessment.prognosis) if prognoses and node.assessment else None
            label = value.label if value else "Ingen prognos lämnad"
            prognosis = Table([[Symbol(value, 10) if value else "", para(label, styles.CELL)]], colWidths=[18, None])
            prognosis.setStyle(
                [*styles.PLAIN_TABLE, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
            )
            group = [para(short_name(root.name), styles.CELL_BOLD)] if grouped else []
            rows.append([*group, para(short_name(node.name), styles.CELL), prognosis])
        if grouped and len(rows) - first > 1:
            spans.append(("SPAN", (0, first), (0, len(rows) - 1)))
    widths = [0.22 * width, 0.43 * width, 0.35 * width] if grouped else [0.65 * width, 0.35 * width]
    column = len(widths) - 1
    return _table(rows, widths, [*spans, ("VALIGN", (column, 1), (column, -1), "MIDDLE")])


def with_boards(node_name: str, boards: list[str]) -> str:
    """A goal's or factor's name with its boards in parentheses, each shortened like any name."""
    return f"{short_name(node_name)} ({', '.join(map(short_name, boards))})" if boards else short_name(node_name)


def overview_table(node: Node, content: ReportContent, width: float) -> Table:
    """The levels under a top-level node, one column each (Norrbotten: Strategiskt mål | Framgångsfaktor),
    each name with its boards in parentheses."""
    model = content.model
    levels = model.grouping_levels[node.depth + 1 :]
    rows = [_head(*(level.singular for level in levels))]
    spans: list = []
    children: list[Node | None] = list(node.children) or [None]
    for child in children:
        _overview_rows(child, levels, 0, rows, spans)
    weights = [0.36] * (len(levels) - 1) + [0.64]
    return _table(rows, [w / sum(weights) * width for w in weights], spans)


def _overview_rows(node: Node | None, levels, column: int, rows: list, spans: list) -> None:
    """The rows of one node and what lies under it; a node spans the rows of its children."""
    if node is None:
        rows.append([""] * column + [para(f"Inga {levels[column].plural.lower()} i urvalet.", styles.CELL)]
                    + [""] * (len(levels) - column - 1))  # fmt: skip
        return
    style = styles.CELL_BOLD if column < len(levels) - 1 else styles.CELL
    cell = para(with_boards(node.name, node.boards), style)
    first = len(rows)
    if column == len(levels) - 1:
        rows.append([""] * column + [cell])
        return
    below: list[Node | None] = list(node.children) or [None]
    for child in below:
        _overview_rows(child, levels, column + 1, rows, spans)
    rows[first][column] = cell
    if len(rows) - first > 1:
        spans.append(("SPAN", (column, first), (column, len(rows) - 1)))


CELL_PADDING = 6  # left and right padding of a grid table's cell


def measure_table(node: Node, content: ReportContent, width: float) -> Table:
    """Styrmått | Styrelse/nämnd | Mål <år> | Periodens utfall | Måluppfyllelse | Utveckling,
    each column as wide as its content asks."""
    model = content.model
    rows = [_head(markup(model.item_level.singular), "Styrelse/<br/>nämnd", f"Mål {content.period.year}",
                  "Periodens<br/>utfall", "Målupp-<br/>fyllelse", "Utveckl-<br/>ing")]  # fmt: skip
    flagged = []
    for number, m in enumerate(node.measures, start=1):
        conflicts = content.conflicts.get(m.id, [])
        if conflicts:
            flagged.append(("BACKGROUND", (0, number), (-1, number), styles.WARNING_FILL))
        fulfilment, trend = shown_value(model, m, "fulfilment"), shown_value(model, m, "trend")
        rows.append([
            _name_cell(m, footnote_mark(node, m), conflicts),
            para(short_name(m.board), styles.CELL),
            para(m.target, styles.CELL),
            outcome_cell(m),
            symbol_cell(fulfilment),
            symbol_cell(trend, shown_label(trend, m) if trend else ""),
        ])  # fmt: skip
    return _table(rows, column_widths(rows, width, CELL_PADDING), flagged)


def footnote_mark(node: Node, measure: Measure) -> str:
    """The measure's footnote number within its node ('' without a footnote)."""
    with_notes = [m.id for m in node.measures if m.footnote.strip()]
    return str(with_notes.index(measure.id) + 1) if measure.id in with_notes else ""


def _name_cell(measure: Measure, mark: str, conflicts: list) -> list:
    name = markup(short_name(measure.name)) + (f"<super>{mark}</super>" if mark else "")
    cell = [Paragraph(name, styles.CELL)]
    if conflicts:
        cell.append(para(conflict_flag(conflicts), styles.CELL_WARNING))
    return cell


def outcome_cell(measure: Measure) -> list:
    """The outcome as entered: the free text first, with its line breaks (it says what the
    figures are: "Aug månad", "Årsprognos"), then Totalt / Kvinnor / Män lines where split."""
    e = measure.entry
    cell = [para(e.outcome_text, styles.CELL)] if e.outcome_text else []
    if e.outcome_women or e.outcome_men:
        for label, value in (("Totalt:", e.outcome_total), ("Kvinnor:", e.outcome_women), ("Män:", e.outcome_men)):
            if value:
                cell.append(bold_then(label, value))
    elif e.outcome_total:
        cell.append(para(e.outcome_total, styles.CELL))
    return cell
