"""Column widths from what the columns hold, the way a browser lays out an automatic table.

Each column needs at least its longest word (or drawn symbol) and would like
its longest line; the columns get their least, and the room left is shared in
proportion to what each would still like. So a long target keeps its width
while a column of symbols stays narrow.
"""

from functools import lru_cache

from reportlab.platypus import Flowable, Paragraph

UNLIMITED = 10_000
# No column claims more than this share of the table for its longest word: a giant word is
# hyphenated within that, and the other columns keep their room.
WIDEST_WORD = 0.4


def column_widths(rows: list[list], width: float, padding: float) -> list[float]:
    """Widths for the table's columns that together fill `width`."""
    columns = len(rows[0])
    least, most = [0.0] * columns, [0.0] * columns
    for row in rows:
        for i, cell in enumerate(row):
            low, high = _extent(cell)
            least[i] = max(least[i], low + padding)
            most[i] = max(most[i], high + padding)
    least = [min(w, WIDEST_WORD * width) for w in least]
    return share(least, [max(w, low) for w, low in zip(most, least, strict=True)], width)


def share(least: list[float], most: list[float], width: float) -> list[float]:
    floor, wish = sum(least), sum(most)
    if floor >= width:  # even the longest words do not fit: shrink all alike, words get hyphenated
        return [w * width / floor for w in least]
    if wish <= width:  # everything fits on one line: spread the room left as the lines are long
        return [w * width / wish for w in most]
    room = (width - floor) / (wish - floor)
    return [low + (high - low) * room for low, high in zip(least, most, strict=True)]


def _extent(cell) -> tuple[float, float]:
    """(the least width, the width wished for) of a cell's content."""
    if isinstance(cell, list | tuple):
        extents = [_extent(c) for c in cell] or [(0.0, 0.0)]
        return max(e[0] for e in extents), max(e[1] for e in extents)
    if isinstance(cell, Paragraph):
        return _paragraph_extent(cell.text, cell.style, cell.bulletText)
    if isinstance(cell, Flowable):
        return cell.minWidth(), cell.minWidth()
    return 0.0, 0.0


@lru_cache(maxsize=4096)
def _paragraph_extent(text: str, style, bullet: str | None) -> tuple[float, float]:
    """A paragraph's extent, laid out once on a copy of its own: the same text in the same style
    (a table's header, a board's code, a symbol's label) recurs in table after table."""
    paragraph = Paragraph(text, style, bulletText=bullet)
    paragraph.wrap(UNLIMITED, UNLIMITED)
    lines = paragraph.getActualLineWidths0() or [0.0]
    return paragraph.minWidth(), max(lines)
