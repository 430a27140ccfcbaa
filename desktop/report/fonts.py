"""The report's fonts: DejaVu TrueType files shipped in resurser/fonts/.

Registered once per process, as families so that `<b>` and `<i>` work inside
paragraphs. Embedded (subset) in every PDF, so Swedish letters print the same
everywhere. Never fall back to reportlab's Latin-1 standard fonts.
"""

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.paths import resource_path

BODY = "StyrkortSans"
BODY_BOLD = "StyrkortSans-Bold"
BODY_ITALIC = "StyrkortSans-Italic"
BODY_BOLD_ITALIC = "StyrkortSans-BoldItalic"
NARROW = "StyrkortSansCondensed"
NARROW_BOLD = "StyrkortSansCondensed-Bold"

_FILES = {
    BODY: "DejaVuSans.ttf",
    BODY_BOLD: "DejaVuSans-Bold.ttf",
    BODY_ITALIC: "DejaVuSans-Oblique.ttf",
    BODY_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    NARROW: "DejaVuSansCondensed.ttf",
    NARROW_BOLD: "DejaVuSansCondensed-Bold.ttf",
}


def register_fonts() -> None:
    """Make the fonts known to reportlab; cheap after the first call."""
    if BODY in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(BODY, normal=BODY, bold=BODY_BOLD, italic=BODY_ITALIC, boldItalic=BODY_BOLD_ITALIC)
    # The narrow family has no italic of its own; slanted text in tables is never needed.
    for bold, italic, font in ((0, 0, NARROW), (1, 0, NARROW_BOLD), (0, 1, NARROW), (1, 1, NARROW_BOLD)):
        addMapping(NARROW, bold, italic, font)


MISSING_GLYPH = "\u25a1"  # □, what a character the font cannot draw prints as


class _Coverage(dict):
    """A str.translate table: characters outside the font map to □, the rest stay.

    Characters beyond the Basic Multilingual Plane (most emoji) count as outside
    even where the font has a glyph: reportlab writes them into the PDF's text
    layer as malformed hex that readers reject.
    """

    def __init__(self, codes: set[int]):
        super().__init__()
        self.codes = codes

    def __missing__(self, code: int):
        # Remembered either way: str.translate asks once per character of every text otherwise.
        value = code if code < 32 or (code in self.codes and code <= 0xFFFF) else MISSING_GLYPH
        self[code] = value
        return value


_coverage: _Coverage | None = None


def printable(text: str) -> str:
    """The text with characters the font lacks (emoji, rare scripts) shown as □,
    so the reader sees that something stood there and the PDF stays valid."""
    global _coverage
    if _coverage is None:
        register_fonts()
        _coverage = _Coverage(set(pdfmetrics.getFont(BODY).face.charToGlyph))
    return text.translate(_coverage)
