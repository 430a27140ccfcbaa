"""One perspective's pages: description, goals and factors, measure tables, commentary.

The order is the seed's: heading and description, the overview table, then
per strategic goal its assessment, and per success factor its measure table,
footnotes, conflict notes and the commentary sections. Commentary is always
laid out as free paragraphs, never in a table cell, so it may run for pages.
"""

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from db.model import Factor, Goal, Perspective

from . import styles
from .content import FIELD_LABELS, ReportContent, display_name
from .tables import footnote_mark, measure_table, overview_table, with_boards
from .text import commentary, markup, para, short_name


def perspective_story(perspective: Perspective, content: ReportContent, width: float) -> list:
    story = [PageBreak(), Paragraph(markup(short_name(perspective.name)), styles.HEADING)]
    story += commentary(perspective.description)
    if perspective.goals:
        story += [Spacer(1, 2 * mm), overview_table(perspective, width)]
    else:
        story.append(para("Perspektivet har inga strategiska mål i urvalet.", styles.BODY_TEXT))
    for goal in perspective.goals:
        story += _goal(goal, content, width)
    return story


def _goal(goal: Goal, content: ReportContent, width: float) -> list:
    story = [Paragraph(markup(with_boards(goal.name, goal.boards)), styles.GOAL_HEADING)]
    story += commentary(goal.assessment.text) or [
        para("Ingen bedömning av det strategiska målet har lämnats för perioden.", styles.BODY_TEXT)
    ]
    for factor in goal.factors:
        story += _factor(factor, content, width)
    return story


def _factor(factor: Factor, content: ReportContent, width: float) -> list:
    heading = Paragraph(f"FRAMGÅNGSFAKTOR: {markup(short_name(factor.name))}", styles.FACTOR_HEADING)
    heading.measure_count = len(factor.measures)  # the document reports progress as each is laid out
    if not factor.measures:
        story = [heading, para("Inga styrmått i urvalet för den här framgångsfaktorn.", styles.BODY_TEXT)]
    else:
        story = [heading, measure_table(factor, content, width)]
    story += _footnotes(factor)
    story += _conflict_notes(factor, content)
    for section in factor.sections:
        if section.heading.strip():
            story.append(Paragraph(markup(short_name(section.heading)), styles.COMMENT_HEADING))
        story += commentary(section.text)
    for measure in factor.measures:
        if measure.entry.commentary.strip():
            story.append(Paragraph(markup(short_name(display_name(measure))), styles.COMMENT_HEADING))
            story += commentary(measure.entry.commentary)
    return story


def _footnotes(factor: Factor) -> list:
    notes = [
        Paragraph(f"<super>{footnote_mark(factor, m)}</super> {markup(m.footnote)}", styles.FOOTNOTE)
        for m in factor.measures
        if m.footnote.strip()
    ]
    return [Spacer(1, 1.5 * mm), *notes] if notes else []


def _conflict_notes(factor: Factor, content: ReportContent) -> list:
    notes = []
    for measure in factor.measures:
        for c in content.conflicts.get(measure.id, []):
            notes.append(
                Paragraph(
                    f"⚠ Olöst sammanfogningskonflikt i ”{markup(short_name(measure.name))}”, "
                    f"{markup(FIELD_LABELS.get(c.field, c.field))}: centralfilen har ”{markup(c.central_value)}”, "
                    f"{markup(c.source_file)} har ”{markup(c.incoming_value)}”. "
                    "Rapporten visar centralfilens värde tills konflikten är löst.",
                    styles.WARNING_TEXT,
                )
            )
    return [KeepTogether(notes)] if notes else []
