"""Scale symbols as Qt icons, drawn from the shared geometry in desktop.symbols.

Never define a shape here: the PDF draws the same ones from the same table.
"""

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from desktop.symbols import CONFLICT, CONFLICT_COLOUR, STROKE, shape

SIZE = 16


@cache
def symbol_icon(symbol: str, colour: str) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):  # crisp on high-dpi screens
        icon.addPixmap(symbol_pixmap(symbol, colour, SIZE * scale))
    return icon


def conflict_icon() -> QIcon:
    """The tree's mark of an unresolved merge conflict: a shape of its own, not a scale value's."""
    return symbol_icon(CONFLICT, CONFLICT_COLOUR)


def symbol_pixmap(symbol: str, colour: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_symbol(painter, QRectF(0, 0, size, size), symbol, QColor(colour))
    painter.end()
    return pixmap


def paint_symbol(painter: QPainter, box: QRectF, symbol: str, colour: QColor) -> None:
    def point(x: float, y: float) -> QPointF:
        return QPointF(box.x() + x * box.width(), box.y() + y * box.height())

    def rect(x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(point(x, y), point(x + w, y + h))

    pen = QPen(colour, STROKE * box.width(), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.save()
    for operation, *args in shape(symbol):
        if operation == "fill_polygon":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPolygon(QPolygonF([point(x, y) for x, y in args[0]]))
        elif operation == "fill_ellipse":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(rect(*args[0]))
        elif operation == "stroke_ellipse":
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(rect(*args[0]))
        elif operation == "stroke_polyline":
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF([point(x, y) for x, y in args[0]]))
        elif operation == "fill_pie":
            box_args, start, extent = args
            path = QPainterPath()
            area = rect(*box_args)
            path.moveTo(area.center())
            path.arcTo(area, start, extent)
            path.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawPath(path)
    painter.restore()
