"""Måluppfyllelse i <kind>: one stacked horizontal bar per node of the assessment level.

Each bar shows the share of the node's measures of the first kind (Norrbotten:
styrmått; activities have a scale of their own) in each category of that
kind's scale, not yet assessed included, with the count printed in each
segment. Every category has a fill pattern of its own as well as its colour,
so that the chart reads in grey scale; the legend shows each pattern with the
category's own symbol. Vector drawing with reportlab graphics; `chart_data`
and `category_fills` are the data behind it, checkable without pixels.
"""

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from db.model import Kind, Node, OrgModel, ScaleValue
from desktop.symbols import NOT_ASSESSED_SYMBOL

from . import styles
from .content import shown_value
from .fonts import NARROW, NARROW_BOLD
from .symbol import Symbol
from .text import clean, markup

# Its segments are left white, outlined in its colour.
NOT_ASSESSED = ScaleValue("", "Ej bedömt", "#6b7177", NOT_ASSESSED_SYMBOL)
# One pattern per place on the scale (a scale has at most six values); "open" is not assessed.
PATTERNS = ("solid", "diagonal", "crosshatch", "horizontal", "dotted", "vertical")
OPEN = "open"
HATCH_SPACING = 4.0
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


@dataclass(frozen=True)
class Fill:
    """How a category's segments are drawn: colour and pattern."""

    value: ScaleValue
    pattern: str

    @property
    def colour(self):
        return colors.HexColor(self.value.colour)


def chart_kind(model: OrgModel) -> Kind:
    """The kind the chart counts: the organisation's first (Norrbotten: styrmått)."""
    return model.kinds[0]


def categories(model: OrgModel) -> list[ScaleValue]:
    """The charted scale's categories in the chart's order, 'not assessed' last."""
    return [*model.scales.values(chart_kind(model).scale), NOT_ASSESSED]


def category_fills(model: OrgModel) -> list[Fill]:
    """Each category's colour and pattern, in the chart's order."""
    values = model.scales.values(chart_kind(model).scale)
    return [*(Fill(v, PATTERNS[i % len(PATTERNS)]) for i, v in enumerate(values)), Fill(NOT_ASSESSED, OPEN)]


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
                value = shown_value(model, measure, "fulfilment")
                counts[value.code if value and value.code in counts else ""] += 1
        bars.append(GoalBar(node.name, counts))
    return bars


def fulfilment_chart(nodes: list[Node], model: OrgModel, width: float) -> list:
    """The chart and its legend, as flowables."""
    bars = chart_data(nodes, model)
    fills = category_fills(model)
    nothing = f"inga {chart_kind(model).plural.lower()}"
    drawings = [_drawing(bars[i : i + BARS_PER_DRAWING], fills, width, nothing)
                for i in range(0, len(bars), BARS_PER_DRAWING)]  # fmt: skip
    return [*drawings, _legend(bars, fills, width)]


def segment(fill: Fill, x: float, y: float, w: float, h: float) -> Group:
    """One segment: its colour, then its pattern in white (an open one: outlined, no fill)."""
    group = Group()
    if fill.pattern == OPEN:
        group.add(Rect(x, y, w, h, fillColor=colors.white, strokeColor=fill.colour, strokeWidth=0.6,
                       strokeDashArray=[2, 1.5]))  # fmt: skip
        return group
    group.add(Rect(x, y, w, h, fillColor=fill.colour, strokeColor=colors.white, strokeWidth=0.6))
    line = {"strokeColor": colors.white, "strokeWidth": 0.9}
    angles = {"diagonal": (45,), "crosshatch": (45, 135), "horizontal": (0,), "vertical": (90,)}
    for angle in angles.get(fill.pattern, ()):
        for (x1, y1), (x2, y2) in _hatch(x, y, w, h, angle):
            group.add(Line(x1, y1, x2, y2, **line))
    if fill.pattern == "dotted":
        for row in range(int(h // HATCH_SPACING)):
            for column in range(int(w // HATCH_SPACING)):
                cx = x + HATCH_SPACING * (column + 0.5 + 0.5 * (row % 2))
                if cx < x + w - 1:
                    group.add(
                        Circle(cx, y + HATCH_SPACING * (row + 0.5), 0.8, fillColor=colors.white, strokeColor=None)
                    )
    return group


def _hatch(x: float, y: float, w: float, h: float, angle: float) -> list:
    """The pieces inside the rectangle of parallel lines at `angle` degrees, HATCH_SPACING apart."""
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    nx, ny = -dy, dx  # the lines' normal
    corners = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
    offsets = [cx * nx + cy * ny for cx, cy in corners]
    pieces = []
    start = math.floor(min(offsets) / HATCH_SPACING) * HATCH_SPACING
    for k in range(1, int((max(offsets) - start) / HATCH_SPACING) + 1):
        c = start + k * HATCH_SPACING
        ends = []
        # where the line c = px*nx + py*ny crosses each edge of the rectangle
        if abs(nx) > 1e-9:
            ends += [((c - py * ny) / nx, py) for py in (y, y + h) if x - 1e-6 <= (c - py * ny) / nx <= x + w + 1e-6]
        if abs(ny) > 1e-9:
            ends += [(px, (c - px * nx) / ny) for px in (x, x + w) if y - 1e-6 <= (c - px * nx) / ny <= y + h + 1e-6]
        ends = sorted(set((round(px, 3), round(py, 3)) for px, py in ends))
        if len(ends) >= 2 and ends[0] != ends[-1]:
            pieces.append((ends[0], ends[-1]))
    return pieces


def _drawing(bars: list[GoalBar], fills: list[Fill], width: float, nothing: str) -> Drawing:
    bar_width = width - LABEL_WIDTH - 40
    height = AXIS_HEIGHT + ROW_HEIGHT * len(bars) + 4
    drawing = Drawing(width, height, initialFontName=NARROW, initialFontSize=8)
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
        for fill in fills:
            count = bar.counts[fill.value.code]
            if not bar.total or not count:
                continue
            w = bar_width * count / bar.total
            drawing.add(segment(fill, x, y, w, BAR_HEIGHT))
            if w >= 12:
                _count(drawing, fill, str(count), x + w / 2, y)
            x += w
        total_text = f"{bar.total} st" if bar.total else nothing
        drawing.add(String(x0 + bar_width + 4, y + 4.5, total_text, fontName=NARROW, fontSize=7.5,
                           fillColor=styles.MUTED))  # fmt: skip
    return drawing


def _count(drawing: Drawing, fill: Fill, text: str, centre: float, y: float) -> None:
    """The count in a segment: on a white patch where a pattern would make it hard to read."""
    ink = styles.INK
    if fill.pattern == "solid":
        ink = colors.white if _is_dark(fill.colour) else styles.INK
    elif fill.pattern != OPEN:
        half = stringWidth(text, NARROW_BOLD, 7.5) / 2 + 1.5
        drawing.add(Rect(centre - half, y + 3, 2 * half, 9.5, fillColor=colors.white, strokeColor=None))
    drawing.add(String(centre, y + 4.5, text, fontName=NARROW_BOLD, fontSize=7.5, fillColor=ink, textAnchor="middle"))


def swatch(fill: Fill, width: float = 16, height: float = 9) -> Drawing:
    """A small sample of a category's segment, for the legend."""
    drawing = Drawing(width, height, initialFontName=NARROW, initialFontSize=8)
    drawing.add(segment(fill, 0.5, 0.5, width - 1, height - 1))
    return drawing


def _legend(bars: list[GoalBar], fills: list[Fill], width: float) -> Table:
    cells = []
    for fill in fills:
        count = sum(b.counts[fill.value.code] for b in bars)
        value = fill.value
        cells += [swatch(fill), Symbol(value, 9), Paragraph(f"{markup(value.label)} ({count})", styles.CELL)]
    per_row = 3
    rows = [cells[i : i + per_row * 3] for i in range(0, len(cells), per_row * 3)]
    rows[-1] += [""] * (per_row * 3 - len(rows[-1]))
    column = width / per_row
    table = Table(rows, colWidths=[20, 13, column - 33] * per_row, hAlign="LEFT")
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
