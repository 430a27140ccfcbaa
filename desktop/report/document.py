"""The page frame: A4, the seed's header block and "Sida X (N)" on every page.

The header block (GÄLLER FÖR VERKSAMHET, DOKUMENT-ID, VERSION /
PUBLICERINGSDATUM, ANSVARIG, UPPRÄTTAD AV) is filled from the report settings;
an empty setting prints a dash, never a template field. The page count is
known only at the end, so the canvas keeps its pages until it saves.
"""

from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from desktop.identity import name_and_version

from . import styles
from .fonts import BODY, BODY_BOLD, NARROW, NARROW_BOLD
from .text import clean

PAGE_WIDTH, PAGE_HEIGHT = A4
FRAME_WIDTH = PAGE_WIDTH - 2 * styles.PAGE_MARGIN
HEADER_COLUMNS = ((0.0, 0.46), (0.46, 0.74), (0.74, 1.0))  # shares of the frame width
DRAFT = "UTKAST"


class NumberedCanvas(Canvas):
    """Writes "Sida X (N)" on each page once N is known."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def bookmarkPage(self, key, **options):
        # Pages are only handed to the PDF document at save(), so its page
        # counter stands still meanwhile; point the bookmark at the page being drawn.
        document = self._doc
        counter = document.pageCounter
        document.pageCounter = len(self._pages) + 1
        try:
            return super().bookmarkPage(key, **options)
        finally:
            document.pageCounter = counter

    def save(self):
        for state in self._pages:
            self.__dict__.update(state)
            self._page_number_label(len(self._pages))
            super().showPage()
        super().save()

    def _page_number_label(self, count: int) -> None:
        self.setFont(BODY, 8.5)
        self.setFillColor(styles.INK)
        self.drawRightString(PAGE_WIDTH - styles.PAGE_MARGIN, PAGE_HEIGHT - 10 * mm,
                             f"Sida {self.getPageNumber()} ({count})")  # fmt: skip


def bookmarked(heading, level: int):
    """A heading the PDF's outline lists, at `level` (0: the top)."""
    heading.outline_level = level
    return heading


class ReportDocument(BaseDocTemplate):
    """The pages: header block (with UTKAST when `draft`), footer, outline, the report's date as
    the PDF's creation date (a fixed value in invariant mode keeps the bytes reproducible)."""

    def __init__(self, target, *, header: list[tuple[str, str]], footer: str, progress, draft: bool = False,
                 created: datetime | None = None, **info):  # fmt: skip
        super().__init__(
            target, pagesize=A4, invariant=1, creator=name_and_version(), lang="sv-SE", initialFontName=BODY,
            leftMargin=styles.PAGE_MARGIN, rightMargin=styles.PAGE_MARGIN,
            topMargin=styles.PAGE_MARGIN + styles.HEADER_HEIGHT, bottomMargin=styles.PAGE_MARGIN,
            **info,
        )  # fmt: skip
        self.header = header
        self.footer = footer
        self.draft = draft
        self.created = created
        self.progress = progress
        self._outline_keys = 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate(id="sida", frames=[frame], onPage=self._decorate)])

    def beforeDocument(self) -> None:
        if self.created is not None:
            stamp = self.created.strftime("D:%Y%m%d%H%M%S")
            self.canv.setDateFormatter(lambda *_: stamp)

    def _decorate(self, canvas, doc) -> None:
        canvas.saveState()
        if self.draft:
            canvas.setFont(BODY_BOLD, 11)
            canvas.setFillColor(styles.DRAFT)
            canvas.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 10 * mm, DRAFT)
        top = PAGE_HEIGHT - 14 * mm
        for row, cells in enumerate((self.header[:3], self.header[3:])):
            y = top - row * 9 * mm
            for (label, value), (start, end) in zip(cells, HEADER_COLUMNS, strict=True):
                x = styles.PAGE_MARGIN + start * FRAME_WIDTH
                room = (end - start) * FRAME_WIDTH - 6
                canvas.setFont(NARROW_BOLD, 6.5)
                canvas.setFillColor(styles.MUTED)
                canvas.drawString(x, y, label)
                canvas.setFont(NARROW, 8.5)
                canvas.setFillColor(styles.INK)
                canvas.drawString(x, y - 3.6 * mm, fit(value or "–", NARROW, 8.5, room))
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.5)
        rule = top - 16 * mm
        canvas.line(styles.PAGE_MARGIN, rule, PAGE_WIDTH - styles.PAGE_MARGIN, rule)
        canvas.setFont(BODY, 7.5)
        canvas.setFillColor(styles.MUTED)
        canvas.drawString(styles.PAGE_MARGIN, styles.PAGE_MARGIN - 8 * mm, fit(self.footer, BODY, 7.5, FRAME_WIDTH))
        canvas.restoreState()

    def afterFlowable(self, flowable) -> None:
        """Bookmarks for the headings marked `bookmarked`, and progress per measure table."""
        level = getattr(flowable, "outline_level", None)
        if level is not None:
            self._outline_keys += 1
            key = f"rubrik{self._outline_keys}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)
        if hasattr(flowable, "measure_count"):
            self.progress(flowable.measure_count)


def fit(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with '…' so that it fits the width on one line."""
    text = " ".join(clean(text).split())[:300]
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
