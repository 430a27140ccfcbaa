"""The geometry of the scale symbols, shared by the tree (Qt) and the PDF (reportlab).

Each shape is a list of drawing operations in a unit box: x to the right,
y downwards, 0..1. A renderer scales them to its size and flips y if it must.
Shapes differ in outline, not only in colour, so that grey-scale prints and
colour-blind readers can tell the values apart. No Qt here.
"""

STROKE = 0.16  # line width of stroked shapes, relative to the box

# (operation, arguments): fill_polygon points | fill_ellipse box | stroke_ellipse box
# | stroke_polyline points | fill_pie box, start degrees (counter-clockwise from 3 o'clock), extent
SHAPES: dict[str, list[tuple]] = {
    "circle": [("fill_ellipse", (0.08, 0.08, 0.84, 0.84))],
    "ring": [("stroke_ellipse", (0.16, 0.16, 0.68, 0.68))],
    "half_circle": [("stroke_ellipse", (0.16, 0.16, 0.68, 0.68)), ("fill_pie", (0.16, 0.16, 0.68, 0.68), 90, 180)],
    "triangle": [("fill_polygon", [(0.5, 0.06), (0.96, 0.9), (0.04, 0.9)])],
    "square": [("fill_polygon", [(0.12, 0.12), (0.88, 0.12), (0.88, 0.88), (0.12, 0.88)])],
    "diamond": [("fill_polygon", [(0.5, 0.02), (0.98, 0.5), (0.5, 0.98), (0.02, 0.5)])],
    "dash": [("fill_polygon", [(0.1, 0.42), (0.9, 0.42), (0.9, 0.58), (0.1, 0.58)])],
    "check": [("stroke_polyline", [(0.1, 0.55), (0.4, 0.85), (0.92, 0.18)])],
    "cross": [("stroke_polyline", [(0.15, 0.15), (0.85, 0.85)]), ("stroke_polyline", [(0.85, 0.15), (0.15, 0.85)])],
    "arrow_up": [("fill_polygon", [(0.5, 0.04), (0.92, 0.5), (0.64, 0.5), (0.64, 0.96), (0.36, 0.96), (0.36, 0.5), (0.08, 0.5)])],
    "arrow_down": [("fill_polygon", [(0.5, 0.96), (0.92, 0.5), (0.64, 0.5), (0.64, 0.04), (0.36, 0.04), (0.36, 0.5), (0.08, 0.5)])],
    "arrow_right": [("fill_polygon", [(0.96, 0.5), (0.5, 0.08), (0.5, 0.36), (0.04, 0.36), (0.04, 0.64), (0.5, 0.64), (0.5, 0.92)])],
    # Not a scale's: the app's own mark for a value not assessed yet (no template may choose it).
    "dots": [("fill_ellipse", (0.04, 0.38, 0.24, 0.24)), ("fill_ellipse", (0.38, 0.38, 0.24, 0.24)),
             ("fill_ellipse", (0.72, 0.38, 0.24, 0.24))],
}  # fmt: skip
NOT_ASSESSED_SYMBOL = "dots"
# Not a scale symbol (no scale may use it): the mark of an unresolved merge conflict, two arrows
# meeting head on, so that it is never read as a fulfilment value.
CONFLICT = "conflict"
SHAPES[CONFLICT] = [
    ("fill_polygon", [(0.04, 0.2), (0.6, 0.2), (0.6, 0.04), (0.96, 0.3), (0.6, 0.56), (0.6, 0.4), (0.04, 0.4)]),
    ("fill_polygon", [(0.96, 0.6), (0.4, 0.6), (0.4, 0.44), (0.04, 0.7), (0.4, 0.96), (0.4, 0.8), (0.96, 0.8)]),
]
CONFLICT_COLOUR = "#6a1b9a"  # purple: no scale of the examples uses it


def shape(name: str) -> list[tuple]:
    """The operations for a symbol name; an unknown name draws a ring."""
    return SHAPES.get(name, SHAPES["ring"])
