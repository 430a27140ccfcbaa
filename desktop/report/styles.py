"""Paragraph and table styles of the committee report: one place for the look.

Sizes follow the seed appendix: body text 10 pt, tables in a narrow face at
8.5 pt, headings in bold. Never put user text in here; see `text.py`.
"""

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from .fonts import BODY, BODY_BOLD, NARROW, NARROW_BOLD
from .hyphenation import hyphenate, hyphenate_long

PAGE_MARGIN = 20 * mm
HEADER_HEIGHT = 20 * mm  # the header block above the frame

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
RULE = colors.HexColor("#9aa0a6")
HEADER_FILL = colors.HexColor("#dfe7ef")
WARNING = colors.HexColor("#b3261e")
DRAFT = WARNING
WARNING_FILL = colors.HexColor("#fdecea")


def _style(name, font=BODY, size=10, leading=None, **extra) -> ParagraphStyle:
    extra.setdefault("textColor", INK)
    # Table cells are narrow: a word that does not fit is hyphenated (Swedish patterns). Running text
    # hyphenates only a word longer than a line. A web address breaks at its slashes.
    extra.setdefault("hyphenationLang", hyphenate if font in (NARROW, NARROW_BOLD) else hyphenate_long)
    extra.setdefault("hyphenationMinWordLength", 8)  # a shorter word moves to the next line whole
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.35, bulletFontName=font,
                          uriWasteReduce=0.3, **extra)  # fmt: skip


TITLE = _style("Titel", BODY_BOLD, 24, 30, spaceAfter=6 * mm)
SUBTITLE = _style("Undertitel", BODY, 13, 18, textColor=MUTED, spaceAfter=12 * mm)
HEADING = _style("Rubrik", BODY_BOLD, 16, 21, spaceBefore=4 * mm, spaceAfter=3 * mm, keepWithNext=1)
GOAL_HEADING = _style("Målrubrik", BODY_BOLD, 12.5, 17, spaceBefore=5 * mm, spaceAfter=2 * mm, keepWithNext=1)
SUBHEADING = _style("Underrubrik", BODY_BOLD, 11, 15, spaceBefore=3 * mm, spaceAfter=1.5 * mm, keepWithNext=1)
FACTOR_HEADING = _style("Nodrubrik", BODY_BOLD, 10.5, 14, spaceBefore=6 * mm, spaceAfter=2 * mm, keepWithNext=1)
COMMENT_HEADING = _style("Kommentarsrubrik", BODY_BOLD, 10, 14, spaceBefore=3 * mm, spaceAfter=1 * mm, keepWithNext=1)
BODY_TEXT = _style("Brödtext", BODY, 10, 14, spaceAfter=2 * mm)
BULLET = _style("Punkt", BODY, 10, 14, leftIndent=5 * mm, bulletIndent=1 * mm, spaceAfter=1 * mm)
CAPTION = _style("Bildtext", BODY, 8, 11, textColor=MUTED, spaceBefore=1 * mm, spaceAfter=4 * mm)
FOOTNOTE = _style("Fotnot", BODY, 8, 11, textColor=MUTED, spaceAfter=1 * mm)
SUMMARY = _style("Sammanfattning", BODY, 10.5, 15, spaceBefore=3 * mm, spaceAfter=4 * mm)
CELL = _style("Cell", NARROW, 8.5, 10.5)
CELL_BOLD = _style("CellFet", NARROW_BOLD, 8.5, 10.5)
CELL_SMALL = _style("CellLiten", NARROW, 6.5, 8, textColor=MUTED, alignment=TA_CENTER)
CELL_WARNING = _style("CellVarning", NARROW_BOLD, 7.5, 9.5, textColor=WARNING)
HEAD_CELL = _style("Rubrikcell", NARROW_BOLD, 8.5, 10.5)
WARNING_TEXT = _style("Varning", BODY_BOLD, 9, 12.5, textColor=WARNING, spaceBefore=1 * mm, spaceAfter=2 * mm)
COLOPHON = _style("Kolofon", BODY, 8.5, 12, textColor=MUTED)
COLOPHON_ITEM = _style("Kolofonpunkt", BODY, 8, 11, textColor=MUTED, leftIndent=5 * mm, bulletIndent=1 * mm)

# Layout tables (no grid) still name our font, or reportlab selects Helvetica in them.
PLAIN_TABLE = [("FONT", (0, 0), (-1, -1), NARROW, 8.5)]
TABLE_GRID = [
    *PLAIN_TABLE,
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]
