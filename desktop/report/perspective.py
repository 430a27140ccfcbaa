"""The pages of one top-level node (Norrbotten: a perspective) and everything under it.

The order is the seed's: heading and description, the overview table of the
levels below, then per node its heading (with boards) and assessment, and per
node that holds measures "LEVEL: name", the measure table, footnotes,
conflict notes and the commentary sections. Commentary is always laid out as
free paragraphs, never in a table cell, so it may run for pages.
"""

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from db.model import Node

from . import styles
from .content import ReportContent, commentary_blocks, conflict_note, holder_heading, no_assessment, none_chosen
from .document import bookmarked
from .tables import footnote_mark, measure_table, overview_table, with_boards
from .text import commentary, markup, para, short_name


def perspective_story(root: Node, content: ReportContent, width: float) -> list:
    model = content.model
    story = [PageBreak(), bookmarked(Paragraph(markup(short_name(root.name)), styles.HEADING), root.depth)]
    story += commentary(root.description)
    if root.depth == model.measure_depth:
        return story + _holder(root, content, width, heading=False)
    if root.children:
        story += [Spacer(1, 2 * mm), overview_table(root, content, width)]
    else:
        story.append(para(none_chosen(model.level(1).plural), styles.BODY_TEXT))
    for child in root.children:
        story += _node(child, content, width)
    return story


def _node(node: Node, content: ReportContent, width: float) -> list:
    if node.depth == content.model.measure_depth:
        return _holder(node, content, width, heading=True)
    story = [bookmarked(Paragraph(markup(with_boards(node.name, node.boards)), styles.GOAL_HEADING), node.depth)]
    story += _assessment(node, content)
    for child in node.children:
        story += _node(child, content, width)
    return story


def _assessment(node: Node, content: ReportContent) -> list:
    if node.assessment is None:
        return []
    return commentary(node.assessment.text) or [para(no_assessment(node, content.model), styles.BODY_TEXT)]


def _holder(node: Node, content: ReportContent, width: float, *, heading: bool) -> list:
    """A node that holds measures: its heading, table, notes and commentary."""
    model = content.model
    story = []
    if heading:
        title = Paragraph(markup(holder_heading(node, model)), styles.FACTOR_HEADING)
        title.measure_count = len(node.measures)  # the document reports progress as each is laid out
        story.append(bookmarked(title, node.depth))
        story += _assessment(node, content)
    if not node.measures:
        story.append(para(none_chosen(model.item_level.plural), styles.BODY_TEXT))
    else:
        story += [measure_table(node, content, width), Spacer(1, 1.5 * mm)]
    story += _footnotes(node)
    story += _conflict_notes(node, content)
    for block in commentary_blocks(node, model):
        if block.heading:
            story.append(Paragraph(markup(short_name(block.heading)), styles.COMMENT_HEADING))
        for text in block.texts:
            story += commentary(text)
    return story


def _footnotes(node: Node) -> list:
    notes = [
        Paragraph(f"<super>{footnote_mark(node, m)}</super> {markup(m.footnote)}", styles.FOOTNOTE)
        for m in node.measures
        if m.footnote.strip()
    ]
    return [Spacer(1, 1.5 * mm), *notes] if notes else []


def _conflict_notes(node: Node, content: ReportContent) -> list:
    notes = []
    for measure in node.measures:
        for c in content.conflicts.get(measure.id, []):
            notes.append(para(conflict_note(measure, c), styles.WARNING_TEXT))
    return [KeepTogether(notes)] if notes else []
