"""The committee report as an editable Word file (.docx), with python-docx.

The same content as the PDF, in the same order, for regions that assemble the
delårsrapport in Word and publish it as an accessible (tagged) PDF, which
reportlab cannot write: every node is a real heading (Heading 1 for the top
level, one level deeper per level, commentary headings one below their node),
so that Word builds a table of contents and tags the PDF; the tables are real
tables with a repeated header row; a symbol is its label in text beside a
coloured mark, so nothing is said by colour alone. The header block and
"Sida X (N)" (PAGE and NUMPAGES fields) are in the page header; a draft says
UTKAST there. Reads the content; never the file.
"""

import io
from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from db.model import Node, ScaleValue, compared_label, shown_label

from .chart import category_fills, chart_data
from .colophon import printed_label
from .content import (
    ReportContent,
    commentary_blocks,
    conflict_flag,
    conflict_note,
    header_block,
    holder_heading,
    no_assessment,
    none_chosen,
    open_conflicts_clause,
    shown_value,
)
from .front import DEFINITIONS_NOTE, chart_caption, chart_nodes, chart_title, prognosis_heading, subtitle
from .readiness import Readiness
from .summary import prognosis_summary
from .tables import footnote_mark, with_boards
from .text import blocks, plain

# Each drawn shape as the character that best shows it in any Word font.
MARKS = {
    "circle": "●", "triangle": "▲", "square": "■", "dash": "▬", "check": "✔", "half_circle": "◐", "ring": "○",
    "diamond": "◆", "cross": "✖", "arrow_up": "↑", "arrow_right": "→", "arrow_down": "↓", "dots": "⋯",
}  # fmt: skip
HEADER_FILL = "DFE7EF"
FONT = "Arial"
TEXT_STYLES = {"Normal", "Title", "Subtitle", "List Bullet", *(f"Heading {n}" for n in range(1, 10))}
INK = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x5F, 0x63, 0x68)
WARNING = RGBColor(0xB3, 0x26, 0x1E)
DEEPEST_HEADING = 9


def render_docx(content: ReportContent, printed_at: datetime | None, digest: str, readiness: Readiness) -> bytes:
    document = Document()
    _page_setup(document, content, printed_at, readiness)
    _front(document, content)
    for root in content.roots:
        _root(document, root, content)
    _colophon(document, content, printed_at, digest, readiness)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- page, header, properties -----------------------------------------------------


def _page_setup(document, content: ReportContent, printed_at, readiness: Readiness) -> None:
    s = content.settings
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.header_distance = Mm(40), Mm(10)
    _styles(document)
    properties = document.core_properties
    properties.title, properties.subject, properties.keywords = s.title, subtitle(content), s.document_id
    properties.author = s.created_by or s.responsible
    properties.language = "sv-SE"
    if printed_at is not None:
        properties.created = properties.modified = printed_at
    _header(section.header, content, readiness)
    footer = section.footer.paragraphs[0]
    _run(footer, f"{s.title} · {subtitle(content)}", size=7.5, colour=MUTED)


def _styles(document) -> None:
    """One sans-serif face throughout (Arial, or its metric twin where Word is absent), dark headings,
    Swedish as the language, tight paragraphs in tables."""
    for style in document.styles:
        if style.type != 1 or style.name not in TEXT_STYLES:  # 1: paragraph styles
            continue
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        style.font.name = FONT
        if style.name.startswith("Heading") or style.name in ("Title", "Subtitle"):
            style.font.color.rgb = INK
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    _language(normal.element.get_or_add_rPr())


def _language(rpr) -> None:
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), "sv-SE")
    rpr.append(lang)


def _header(header, content: ReportContent, readiness: Readiness) -> None:
    top = header.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if not readiness.ready:
        _run(top, "UTKAST    ", bold=True, colour=WARNING, size=11)
    _run(top, "Sida ", size=8.5)
    _field(top, "PAGE")
    _run(top, " (", size=8.5)
    _field(top, "NUMPAGES")
    _run(top, ")", size=8.5)
    block = header_block(content)
    table = header.add_table(rows=4, cols=3, width=Mm(170))
    for i, (label, value) in enumerate(block):
        row, column = 2 * (i // 3), i % 3
        _run(_tight(table.cell(row, column).paragraphs[0]), label, bold=True, size=6.5, colour=MUTED)
        _run(_tight(table.cell(row + 1, column).paragraphs[0]), plain(value) or "–", size=8.5)


def _tight(paragraph):
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in on each page."""
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(8.5)
        if kind == "instr":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        elif kind == "text":
            run.text = text
        else:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)


# --- text -------------------------------------------------------------------------


def _run(paragraph, text: str, *, bold=False, italic=False, size=None, colour=None, superscript=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour
    if superscript:
        run.font.superscript = True
    return run


def _lines(paragraph, text: str, **style) -> None:
    """Text whose line breaks are kept as breaks inside the paragraph."""
    for i, line in enumerate(plain(text).strip().split("\n")):
        if i:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        _run(paragraph, line, **style)


def _commentary(document, text: str) -> None:
    """Paragraphs and bullet lists, as in the PDF."""
    for kind, block in blocks(text, plain):
        paragraph = document.add_paragraph(style="List Bullet" if kind == "li" else None)
        _lines(paragraph, block)


def _heading(document, text: str, level: int) -> None:
    document.add_heading(plain(text), level=min(level, DEEPEST_HEADING))


def _mark(paragraph, value: ScaleValue, label: str, size: float = 8.5) -> None:
    """A value's coloured mark, then its label as text (in a table cell)."""
    _tight(paragraph)
    _run(paragraph, MARKS.get(value.symbol, "○") + " ", size=size, colour=RGBColor.from_string(value.colour[1:]))
    _run(paragraph, label, size=size)


# --- tables -----------------------------------------------------------------------


def _table(document, head: list[str], widths: Sequence[float]):
    table = _grid(document, widths)
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _run(cell.paragraphs[0], text, bold=True, size=8.5)
        _shade(cell)
    header_row = OxmlElement("w:tblHeader")
    header_row.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header_row)
    return table


def _grid(document, widths: Sequence[float]):
    """A grid table of one (header) row whose columns have these widths, in Word and LibreOffice alike."""
    table = document.add_table(rows=1, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Mm(width)
    return table


def _row(table, widths: Sequence[float]):
    cells = table.add_row().cells
    for cell, width in zip(cells, widths, strict=True):
        cell.width = Mm(width)
    return cells


def _shade(cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell, text: str, bold=False) -> None:
    _lines(_tight(cell.paragraphs[0]), text, size=8.5, bold=bold)


# --- the opening pages --------------------------------------------------------------


def _front(document, content: ReportContent) -> None:
    s = content.settings
    document.add_paragraph(plain(s.title or "Mål och måluppfyllelse"), style="Title")
    document.add_paragraph(plain(subtitle(content)), style="Subtitle")
    _heading(document, "Inledning", 1)
    if s.introduction.strip():
        _commentary(document, s.introduction)
    else:
        document.add_paragraph("Ingen inledande text har angetts.")
    _heading(document, "Förkortningar", 2)
    table = _table(document, ["Förkortning", "Styrelse/nämnd"], [30, 140])
    for board in content.boards:
        code, name = _row(table, [30, 140])
        _cell_text(code, board.code, bold=True)
        _cell_text(name, board.name)
    _heading(document, "Definitioner", 2)
    document.add_paragraph(DEFINITIONS_NOTE)
    comparisons = content.comparisons()
    for scale in content.scales:
        table = _table(document, [plain(scale.name)], [170])
        for value in scale.values:
            (cell,) = _row(table, [170])
            _mark(cell.paragraphs[0], value, compared_label(value, comparisons))
        document.add_paragraph()
    _prognoses(document, content)
    _chart_table(document, content)


def _prognoses(document, content: ReportContent) -> None:
    model = content.model
    level = model.assessment_level
    if level is None or model.prognosis_scale is None:
        return
    _heading(document, "Redovisning av måluppfyllelse", 1)
    _heading(document, prognosis_heading(content), 2)
    grouped = level.depth > 0
    head = [model.level(0).singular] if grouped else []
    widths = [40, 70, 60] if grouped else [100, 70]
    table = _table(document, [*head, level.singular, "Prognosticerad måluppfyllelse"], widths)
    prognoses = model.prognosis_scale
    for root in content.roots:
        for node in (n for n in root.walk() if n.depth == level.depth):
            cells = _row(table, widths)
            if grouped:
                _cell_text(cells[0], root.name, bold=True)
            _cell_text(cells[-2], node.name)
            value = prognoses.get(node.assessment.prognosis) if prognoses and node.assessment else None
            if value:
                _mark(cells[-1].paragraphs[0], value, value.label)
            else:
                _cell_text(cells[-1], "Ingen prognos lämnad")
    document.add_paragraph(prognosis_summary(content.assessed_nodes(), level, content.scales))


def _chart_table(document, content: ReportContent) -> None:
    """The chart's numbers as a table: one row per bar, one column per category, its pattern named by its mark."""
    _heading(document, chart_title(content), 1)
    fills = category_fills(content.model)
    bars = chart_data(chart_nodes(content), content.model)
    per = content.model.assessment_level or content.model.level(0)
    widths = [50] + [100 / len(fills)] * len(fills) + [20]
    table = _grid(document, widths)
    head = table.rows[0].cells
    _cell_text(head[0], per.singular, bold=True)
    for cell, fill in zip(head[1:], fills, strict=False):
        _mark(cell.paragraphs[0], fill.value, fill.value.label)
    _cell_text(head[-1], "Totalt", bold=True)
    for cell in head:
        _shade(cell)
    for bar in bars:
        cells = _row(table, widths)
        _cell_text(cells[0], bar.goal)
        for cell, fill in zip(cells[1:], fills, strict=False):
            count = bar.counts[fill.value.code]
            share = f" ({round(100 * count / bar.total)} %)" if bar.total and count else ""
            _cell_text(cell, f"{count}{share}")
        _cell_text(cells[-1], str(bar.total))
    caption = document.add_paragraph()
    _run(caption, chart_caption(content, "Tabell"), size=8, colour=MUTED)


# --- one top-level node and everything under it -----------------------------------


def _root(document, root: Node, content: ReportContent) -> None:
    model = content.model
    document.add_page_break()
    _heading(document, root.name, root.depth + 1)
    if root.description.strip():
        _commentary(document, root.description)
    if root.depth == model.measure_depth:
        _holder(document, root, content, heading=False)
        return
    if root.children:
        _overview(document, root, content)
    else:
        document.add_paragraph(none_chosen(model.level(1).plural))
    for child in root.children:
        _node(document, child, content)


def _overview(document, root: Node, content: ReportContent) -> None:
    levels = content.model.grouping_levels[root.depth + 1 :]
    widths = [170 / len(levels)] * len(levels)
    table = _table(document, [level.singular for level in levels], widths)

    def rows(node: Node, column: int) -> None:
        if column == len(levels) - 1 or not node.children:
            cells = _row(table, widths)
            _cell_text(cells[column], with_boards(node.name, node.boards), bold=column < len(levels) - 1)
            return
        first = len(table.rows)
        for child in node.children:
            rows(child, column + 1)
        cell = table.cell(first, column)
        if len(table.rows) - first > 1:  # one cell beside all of its children's rows, as in the PDF
            cell = cell.merge(table.cell(len(table.rows) - 1, column))
        _cell_text(cell, with_boards(node.name, node.boards), bold=True)

    for child in root.children:
        rows(child, 0)


def _node(document, node: Node, content: ReportContent) -> None:
    if node.depth == content.model.measure_depth:
        _holder(document, node, content, heading=True)
        return
    _heading(document, with_boards(node.name, node.boards), node.depth + 1)
    _assessment(document, node, content)
    for child in node.children:
        _node(document, child, content)


def _assessment(document, node: Node, content: ReportContent) -> None:
    if node.assessment is None:
        return
    if node.assessment.text.strip():
        _commentary(document, node.assessment.text)
    else:
        document.add_paragraph(no_assessment(node, content.model))


MEASURE_WIDTHS = [54, 17, 22, 35, 21, 21]


def _holder(document, node: Node, content: ReportContent, *, heading: bool) -> None:
    model = content.model
    if heading:
        _heading(document, holder_heading(node, model), node.depth + 1)
        _assessment(document, node, content)
    if not node.measures:
        document.add_paragraph(none_chosen(model.item_level.plural))
    else:
        _measure_table(document, node, content)
    for measure in node.measures:
        if measure.footnote.strip():
            note = document.add_paragraph()
            _run(note, footnote_mark(node, measure), superscript=True, size=8, colour=MUTED)
            _run(note, " " + plain(measure.footnote), size=8, colour=MUTED)
        for conflict in content.conflicts.get(measure.id, []):
            warning = document.add_paragraph()
            _run(warning, conflict_note(measure, conflict), bold=True, colour=WARNING, size=9)
    for block in commentary_blocks(node, model):
        if block.heading:
            _heading(document, block.heading, node.depth + 2)
        for text in block.texts:
            _commentary(document, text)


def _measure_table(document, node: Node, content: ReportContent) -> None:
    model = content.model
    # A zero-width space and a soft hyphen let the narrow headers break where the PDF's do.
    head = [model.item_level.singular, "Styrelse/\u200bnämnd", f"Mål {content.period.year}", "Periodens utfall",
            "Målupp\u00adfyllelse", "Utveckling"]  # fmt: skip
    table = _table(document, head, MEASURE_WIDTHS)
    for m in node.measures:
        name, board, target, outcome, fulfilment, trend = _row(table, MEASURE_WIDTHS)
        _cell_text(name, m.name)
        if mark := footnote_mark(node, m):
            _run(name.paragraphs[0], mark, superscript=True, size=8.5)
        if flag := conflict_flag(content.conflicts.get(m.id, [])):
            _run(name.add_paragraph(), flag, bold=True, colour=WARNING, size=7.5)
        _cell_text(board, m.board)
        _cell_text(target, m.target)
        _outcome(outcome, m)
        if value := shown_value(model, m, "fulfilment"):
            _mark(fulfilment.paragraphs[0], value, value.label)
        if value := shown_value(model, m, "trend"):
            _mark(trend.paragraphs[0], value, shown_label(value, m))


def _outcome(cell, measure) -> None:
    """As in the PDF: the free text first, then Totalt / Kvinnor / Män where split, each label held
    to its value."""
    e = measure.entry
    lines = [e.outcome_text] if e.outcome_text else []
    if e.outcome_women or e.outcome_men:
        lines += [f"{label}\u00a0{v}" for label, v in (("Totalt:", e.outcome_total), ("Kvinnor:", e.outcome_women),
                                                  ("Män:", e.outcome_men)) if v]  # fmt: skip
    elif e.outcome_total:
        lines.append(e.outcome_total)
    _cell_text(cell, "\n".join(lines))


# --- the colophon -----------------------------------------------------------------


def _colophon(document, content: ReportContent, printed_at, digest: str, readiness: Readiness) -> None:
    _heading(document, "Om rapporten", 1)
    for label, value in (
        ("Källfil", content.source_name), ("Urval", subtitle(content)),
        ("Period", f"{content.period.name} ({content.period.label})"), ("Utskriven", printed_label(printed_at)),
        ("Innehållets kontrollsumma (SHA-256)", digest),
    ):  # fmt: skip
        line = document.add_paragraph()
        _run(line, f"{label}: ", bold=True, size=8.5)
        _run(line, plain(value), size=8.5)
    if content.open_conflicts_in_file:
        warning = document.add_paragraph()
        _run(warning, f"{open_conflicts_clause(content)}. Lös dem innan rapporten fastställs.", bold=True,
             colour=WARNING, size=9)  # fmt: skip
    if readiness.ready:
        return
    warning = document.add_paragraph()
    _run(warning, "Rapporten är ett utkast. Det här var inte klart när den skrevs ut:", bold=True, colour=WARNING)
    for group in readiness.groups:
        title = document.add_paragraph()
        _run(title, f"{group.title}:", bold=True, size=8.5)
        for item in group.items:
            _run(document.add_paragraph(style="List Bullet"), plain(item), size=8.5)
