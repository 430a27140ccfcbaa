"""Måluppfyllelse i styrmått: one stacked horizontal bar per node of the assessment level.

Each bar shows the share of the node's measures of the first kind (Norrbotten:
styrmått; activities have a scale of their own) in each category of that
kind's scale, not yet assessed included, with the count printed in each segment. Vector drawing with
reportlab graphics; `chart_data` is the data behind it, so it can be checked
without looking at pixels.
"""

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from db.model import Kind, Node, OrgModel, ScaleValue

from . import styles
from .fonts import NARROW, NARROW_BOLD
from .symbol import Symbol
from .text import clean, markup

NOT_ASSESSED = ScaleValue("", "Ej bedömt", "#cfd4da", "ring")
LABEL_WIDTH = 160
ROW_HEIGHT = 30
BAR_HEIGHT = 16
AXIS_HEIGHT = 16
# 20 rows and the axis fit a page's frame; a file with more strategic goals gets
# further drawings (one drawing cannot break across pages: reportlab refuses it).
BARS_PER_DRAWING = 20


@dataclass(frozen=True)
class GoalBar:
    goal: str  # the node's name
    counts: dict[str, int]  # category code ('' = not assessed) → number of measures

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def chart_kind(model: OrgModel) -> Kind:
    """The kind the chart counts: the organisation's first (Norrbotten: styrmått)."""
    return model.kinds[0]


def categories(model: OrgModel) -> list[ScaleValue]:
    """The charted scale's categories in the chart's order, 'not assessed' last."""
    return [*model.scales.values(chart_kind(model).scale), NOT_ASSESSED]


def chart_data(nodes: list[Node], model: OrgModel) -> list[GoalBar]:
    """Per node, the number of its measures on the charted scale in each category."""
    scale = chart_kind(model).scale
    charted = {k.code for k in model.kinds if k.scale == scale}
    codes = [c.code for c in categories(model)]
    bars = []
    for node in nodes:
        counts = dict.fromkeys(codes, 0)
        for measure in node.all_measures():
            if measure.kind in charted:
                code = measure.entry.fulfilment or ""
                counts[code if code in counts else ""] += 1
        bars.append(GoalBar(node.name, counts))
    return bars


def fulfilment_chart(nodes: list[Node], model: OrgModel, width: float) -> list:
    """The chart and its legend, as flowables."""
    bars = chart_data(nodes, model)
    cats = categories(model)
    drawings = [_drawing(bars[i : i + BARS_PER_DRAWING], cats, width) for i in range(0, len(bars), BARS_PER_DRAWING)]
    return [*drawings, _legend(bars, cats, width)]


def _drawing(bars: list[GoalBar], cats: list[ScaleValue], width: float) -> Drawing:
    bar_width = width - LABEL_WIDTH - 40
    height = AXIS_HEIGHT + ROW_HEIGHT * len(bars) + 4
    drawing = Drawing(width, height)
    x0 = LABEL_WIDTH
    for tick in range(0, 101, 25):
        x = x0 + bar_width * tick / 100
        drawing.add(Line(x, AXIS_HEIGHT, x, height, strokeColor=styles.RULE, strokeWidth=0.3))
        drawing.add(String(x, 4, f"{tick} %", fontName=NARROW, fontSize=7, fillColor=styles.MUTED, textAnchor="middle"))
    for row, bar in enumerate(bars):
        y = height - (row + 1) * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        lines = _label_lines(bar.goal)
        first_baseline = y + BAR_HEIGHT / 2 - 3 + (len(lines) - 1) * 4.5  # the lines centred on the bar
        for i, line in enumerate(lines):
            drawing.add(String(0, first_baseline - i * 9, line, fontName=NARROW, fontSize=8, fillColor=styles.INK))
        x = x0
        for cat in cats:
            count = bar.counts[cat.code]
            if not bar.total or not count:
                continue
            w = bar_width * count / bar.total
            fill = colors.HexColor(cat.colour)
            drawing.add(Rect(x, y, w, BAR_HEIGHT, fillColor=fill, strokeColor=colors.white, strokeWidth=0.6))
            if w >= 12:
                ink = colors.white if _is_dark(fill) else styles.INK
                drawing.add(String(x + w / 2, y + 4.5, str(count), fontName=NARROW_BOLD, fontSize=7.5,
                                   fillColor=ink, textAnchor="middle"))  # fmt: skip
            x += w
        total_text = f"{bar.total} st" if bar.total else "inga styrmått"
        drawing.add(String(x0 + bar_width + 4, y + 4.5, total_text, fontName=NARROW, fontSize=7.5,
                           fillColor=styles.MUTED))  # fmt: skip
    return drawing


def _legend(bars: list[GoalBar], cats: list[ScaleValue], width: float) -> Table:
    cells = []
    for cat in cats:
        count = sum(b.counts[cat.code] for b in bars)
        cells += [Symbol(cat, 9), Paragraph(f"{markup(cat.label)} ({count})", styles.CELL)]
    per_row = 4
    rows = [cells[i : i + per_row * 2] for i in range(0, len(cells), per_row * 2)]
    rows[-1] += [""] * (per_row * 2 - len(rows[-1]))
    column = width / per_row
    table = Table(rows, colWidths=[14, column - 14] * per_row, hAlign="LEFT")
    table.setStyle([*styles.PLAIN_TABLE, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 1)])
    return table


def _label_lines(name: str, max_lines: int = 2) -> list[str]:
    """The goal's name wrapped to the label column; an overlong name ends in '…'."""
    lines, current = [], ""
    for word in clean(name).split():
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, NARROW, 8) <= LABEL_WIDTH - 14:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return [_fit(line) for line in lines]


def _fit(line: str) -> str:
    if len(line) > 60:  # no label this long fits; spare the loop below
        line = line[:60] + "…"
    while line and stringWidth(line, NARROW, 8) > LABEL_WIDTH - 14:
        line = line[:-2] + "…"
    return line


def _is_dark(colour) -> bool:
    return colour.red * 0.299 + colour.green * 0.587 + colour.blue * 0.114 < 0.6
