"""The closing colophon: source file, period, selection, time of printing and
the content hash, so an archived PDF can be checked against its data; for a
draft, what was not ready when it was printed.
"""

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from . import styles
from .content import ReportContent, open_conflicts_clause
from .front import subtitle
from .readiness import Readiness
from .text import markup


def printed_label(printed_at: datetime | None) -> str:
    if printed_at is None:
        return "datum ej angivet (ange publiceringsdatum i rapportinställningarna)"
    if (printed_at.hour, printed_at.minute) == (0, 0):
        return printed_at.strftime("%Y-%m-%d")
    return printed_at.strftime("%Y-%m-%d %H:%M")


def colophon_story(content: ReportContent, printed_at: datetime | None, digest: str, readiness: Readiness) -> list:
    lines = [
        ("Källfil", content.source_name),
        ("Urval", subtitle(content)),
        ("Period", f"{content.period.name} ({content.period.label})"),
        ("Utskriven", printed_label(printed_at)),
        ("Innehållets kontrollsumma (SHA-256)", digest),
    ]
    body = [Paragraph(f"<b>{label}:</b> {markup(value)}", styles.COLOPHON) for label, value in lines]
    body.append(
        Paragraph(
            "Kontrollsumman är beräknad över exakt de uppgifter som rapporten visar. Samma uppgifter ger "
            "samma kontrollsumma och samma PDF, oavsett när rapporten skrivs ut.",
            styles.COLOPHON,
        )
    )
    if content.open_conflicts_in_file:
        body.append(
            Paragraph(
                f"{open_conflicts_clause(content)} (markerade vid respektive {markup(content.model.item_level.singular.lower())}). "
                "Lös dem innan rapporten fastställs.",
                styles.WARNING_TEXT,
            )
        )
    return [
        CondPageBreak(45 * mm),
        Spacer(1, 8 * mm),
        KeepTogether([Paragraph("Om rapporten", styles.SUBHEADING), *body, *_unready(readiness)]),
    ]


def _unready(readiness: Readiness) -> list:
    """What was not ready, group by group."""
    if readiness.ready:
        return []
    story = [Paragraph("Rapporten är ett utkast. Det här var inte klart när den skrevs ut:", styles.WARNING_TEXT)]
    for group in readiness.groups:
        story.append(Paragraph(f"<b>{markup(group.title)}:</b>", styles.COLOPHON))
        story += [Paragraph(markup(item), styles.COLOPHON_ITEM, bulletText="–") for item in group.items]
    return story
