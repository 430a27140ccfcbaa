"""Scale symbols in the PDF, drawn from the shared geometry in `desktop.symbols`.

A symbol is vector drawing, not a letter or an image, in the colour the file's
scale gives it. Never define a shape here: change `desktop.symbols` instead.
"""

from reportlab.lib import colors
from reportlab.platypus import Flowable

from db.model import ScaleValue
from desktop.symbols import STROKE, shape


def draw_symbol(canvas, symbol: str, colour: str, x: float, y: float, size: float) -> None:
    """Draw a symbol in the square with lower-left corner (x, y)."""
    fill = colors.HexColor(colour)

    def point(px, py):  # unit box, y downwards → page, y upwards
        return x + px * size, y + (1 - py) * size

    canvas.saveState()
    canvas.setFillColor(fill)
    canvas.setStrokeColor(fill)
    canvas.setLineWidth(STROKE * size)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for operation, *args in shape(symbol):
        if operation in ("fill_ellipse", "stroke_ellipse", "fill_pie"):
            bx, by, bw, bh = args[0]
            x1, y1 = point(bx, by + bh)
            x2, y2 = point(bx + bw, by)
            if operation == "fill_pie":
                canvas.wedge(x1, y1, x2, y2, args[1], args[2], stroke=0, fill=1)
            else:
                filled = operation == "fill_ellipse"
                canvas.ellipse(x1, y1, x2, y2, stroke=int(not filled), fill=int(filled))
        else:
            path = canvas.beginPath()
            points = [point(px, py) for px, py in args[0]]
            path.moveTo(*points[0])
            for p in points[1:]:
                path.lineTo(*p)
            if operation == "fill_polygon":
                path.close()
                canvas.drawPath(path, stroke=0, fill=1)
            else:
                canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


class Symbol(Flowable):
    """One scale value's symbol, centred in the width it is given."""

    def __init__(self, value: ScaleValue, size: float = 11, align: str = "CENTER"):
        super().__init__()
        self.value = value
        self.size = size
        self.align = align
        self.width = size

    def wrap(self, available_width, available_height):
        self.width = max(available_width, self.size) if self.align == "CENTER" else self.size
        return self.width, self.size

    def draw(self):
        x = (self.width - self.size) / 2 if self.align == "CENTER" else 0
        draw_symbol(self.canv, self.value.symbol, self.value.colour, x, 0, self.size)
