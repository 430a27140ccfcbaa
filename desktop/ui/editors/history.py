"""A measured item's earlier periods, under its editor: outcome, fulfilment and trend per period,
a sparkline where the outcomes are numbers, and which period the trend is compared with.

Reads through the Document (`history`, `comparison_period`) whenever a measure
is shown or one of its entries changes; shows labels and symbols of the
file's scales, never codes. Never writes.
"""

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.model import Entry, Measure, Period, ScaleValue, shown_label
from db.suggest import parse_number
from db.vocabulary import Comparison

from ..symbol_icons import symbol_icon
from ..tree_model import outcome_text

COLUMNS = ("Period", "Utfall", "Måluppfyllelse", "Utveckling")
LINE_COLOUR = QColor("#2f6f9f")
MARK_COLOUR = QColor("#1d4f75")
AXIS_COLOUR = QColor("#b8b8b8")


class Sparkline(QWidget):
    """Numeric outcomes over the periods as a small line; the shown period's point is filled."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: list[tuple[str, float | None]] = []  # (period name, value or None) oldest first
        self.marked = -1  # index of the shown period
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(240, 64)

    def set_points(self, points: list[tuple[str, float | None]], marked: int) -> None:
        self.points, self.marked = points, marked
        numbers = [(name, value) for name, value in points if value is not None]
        self.setAccessibleDescription(
            "Utfall per period: " + "; ".join(f"{name} {_number(value)}" for name, value in numbers)
        )
        self.update()

    def paintEvent(self, _event) -> None:
        values = [v for _, v in self.points if v is not None]
        if len(values) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        text_height = painter.fontMetrics().height()
        low, high = min(values), max(values)
        spread = (high - low) or abs(high) or 1.0
        area = QRectF(8, 6 + text_height, self.width() - 16, self.height() - 14 - 2 * text_height)
        step = area.width() / max(len(self.points) - 1, 1)

        def at(index: int, value: float) -> QPointF:
            share = (value - low) / spread if high != low else 0.5
            return QPointF(area.left() + index * step, area.bottom() - share * area.height())

        painter.setPen(QPen(AXIS_COLOUR, 1))
        painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        path, started = QPainterPath(), False
        for index, (_name, value) in enumerate(self.points):
            if value is None:
                started = False  # a period without a number breaks the line
                continue
            point = at(index, value)
            path.lineTo(point) if started else path.moveTo(point)
            started = True
        painter.setPen(QPen(LINE_COLOUR, 2))
        painter.drawPath(path)
        for index, (_name, value) in enumerate(self.points):
            if value is None:
                continue
            point = at(index, value)
            painter.setBrush(MARK_COLOUR if index == self.marked else Qt.GlobalColor.white)
            painter.setPen(QPen(MARK_COLOUR, 1.5))
            painter.drawEllipse(point, 3.5, 3.5)
        painter.setPen(self.palette().color(self.foregroundRole()))
        first = next(i for i, (_n, v) in enumerate(self.points) if v is not None)
        last = max(i for i, (_n, v) in enumerate(self.points) if v is not None)
        for index, flags in ((first, Qt.AlignmentFlag.AlignLeft), (last, Qt.AlignmentFlag.AlignRight)):
            name, value = self.points[index]
            box = QRectF(area.left() - 4, 0, area.width() + 8, text_height)
            below = QRectF(area.left() - 4, area.bottom() + 4, area.width() + 8, text_height)
            painter.drawText(box, flags, _number(value))
            painter.drawText(below, flags, name)
        painter.end()


class HistoryPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.measure: Measure | None = None
        self.heading = QLabel("Tidigare perioder")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.sparkline = Sparkline()
        self.sparkline.setAccessibleName("Utfallets utveckling")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Tidigare perioder")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # One line a period: long labels are cut short, in full in the tooltip and for a screen reader.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the labels share what is left
        for column in (0, 1):  # period and outcome: short, shown whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.comparison = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.comparison.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.sparkline)
        layout.addWidget(self.table)
        layout.addWidget(self.comparison)
        document.entryChanged.connect(self._entry_changed)

    def show_measure(self, measure: Measure) -> None:
        """The periods of this measure up to the shown one, oldest first."""
        self.measure = measure
        shown = self.document.period
        rows = [(p, e) for p, e in self.document.history(measure.id) if p.position <= shown.position]
        compared = self.document.comparison_period(measure)
        self.table.setRowCount(len(rows))
        for row, (period, entry) in enumerate(rows):
            self._fill_row(row, period, entry, shown, compared)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())
        points = [(p.name, parse_number(e.outcome_total)) for p, e in rows]
        self.sparkline.set_points(points, len(rows) - 1)
        self.sparkline.setVisible(sum(v is not None for _, v in points) >= 2)
        self.comparison.setText(self._comparison_text(measure, compared))

    def _fill_row(self, row: int, period: Period, entry: Entry, shown: Period, compared: Period | None) -> None:
        model = self.document.model()
        fulfilment = model.fulfilment_scale(self.measure.kind)
        trend = model.trend_scale
        name = period.name + (" (visas)" if period.code == shown.code else "")
        cells = [
            QTableWidgetItem(name),
            QTableWidgetItem(outcome_text(replace(self.measure, entry=entry)).split("\n", 1)[0] or "–"),
            _symbol_item(fulfilment.get(entry.fulfilment) if fulfilment else None),
            _symbol_item(trend.get(entry.trend) if trend else None, self.measure),
        ]
        for column, item in enumerate(cells):
            item.setToolTip(item.text())
            if compared is not None and period.code == compared.code:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def _comparison_text(self, measure: Measure, compared: Period | None) -> str:
        if not self.document.model().kind(measure.kind).has_trend:
            return ""
        wanted = Comparison(measure.comparison).phrase
        if compared is None:
            return f"Utvecklingen jämförs med {wanted}, men någon sådan period finns inte i filen."
        return f"Utvecklingen jämförs med {compared.name} ({wanted}, i fetstil ovan)."

    def _entry_changed(self, measure_id: str, _period_code: str) -> None:
        if self.measure is not None and measure_id == self.measure.id:
            self.show_measure(self.measure)


def _symbol_item(value: ScaleValue | None, measure: Measure | None = None) -> QTableWidgetItem:
    """A value with its symbol; a trend (given its measure) says what it was compared with."""
    if value is None:
        return QTableWidgetItem("–")
    return QTableWidgetItem(
        symbol_icon(value.symbol, value.colour), shown_label(value, measure) if measure else value.label
    )


def _number(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.1f}" if value != int(value) else f"{int(value):,}"
    return text.replace(",", " ").replace(".", ",")
