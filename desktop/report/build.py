"""build_report: one goal file (and a board, perspective, period) → one PDF or Word file.

The same data gives the same bytes: reportlab runs in invariant mode, and the
time of printing comes from the report settings unless the caller says
otherwise. The PDF is written through `db.outputs`: never onto the goal file
or another Styrkort file, and atomically, so a failed build never leaves half
a PDF and never destroys an older one. Reads the goal file; never writes it.
"""

import contextlib
import io
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab import rl_config

from db.goalfile import GoalFile
from db.outputs import check_output_target, write_atomically
from db.progress import Progress, quiet

from .colophon import colophon_story
from .content import ReportContent, content_hash, header_block, select
from .document import FRAME_WIDTH, NumberedCanvas, ReportDocument
from .fonts import register_fonts
from .front import front_story, subtitle
from .perspective import perspective_story
from .readiness import NotReadyError, Readiness, check, refusal

PDF, DOCX = "pdf", "docx"
FORMATS = (PDF, DOCX)


@dataclass(frozen=True)
class ReportResult:
    path: Path
    pages: int | None  # None for a Word file, whose pages Word lays out
    content_hash: str
    readiness: Readiness


def build_report(
    goal_file: GoalFile | str | os.PathLike,
    out_path: str | os.PathLike,
    *,
    board: str | None = None,
    perspective: str | None = None,
    period: str | None = None,
    printed_at: datetime | None = None,
    final: bool = False,
    file_format: str = PDF,
    progress: Progress = quiet,
) -> ReportResult:
    """Write the committee report as PDF or Word (`file_format` "pdf" or "docx"); unknown board,
    perspective or period → GoalFileError (Swedish). A selection that is not ready prints as a
    draft (UTKAST on every page), or, when `final`, is refused with NotReadyError listing why."""
    options = (board, perspective, period, printed_at, final, file_format, progress)
    if isinstance(goal_file, GoalFile):
        return _build(goal_file, Path(out_path), *options)
    with GoalFile.open(goal_file, readonly=True) as opened:
        return _build(opened, Path(out_path), *options)


def _build(goal_file, out_path, board, perspective, period, printed_at, final, file_format, progress) -> ReportResult:
    check_output_target(out_path, goal_file.path, "rapporten")
    content = select(goal_file, board=board, perspective=perspective, period=period)
    readiness = check(content)
    if final and not readiness.ready:
        raise NotReadyError(refusal(readiness))
    if printed_at is None:
        printed_at = default_printed_at(goal_file, content)
    digest = content_hash(content)
    if file_format == DOCX:
        from .word import render_docx  # python-docx is loaded only for a Word report

        data, pages = render_docx(content, printed_at, digest, readiness), None
    else:
        data, pages = render(content, printed_at, digest, readiness, progress)
    write_atomically(out_path, data)
    return ReportResult(out_path, pages, digest, readiness)


def default_printed_at(goal_file: GoalFile, content: ReportContent) -> datetime | None:
    """The publication date of the report settings; else the file's last change; else unknown."""
    for candidate in (content.settings.publication_date, *(c.at for c in goal_file.change_log()[-1:])):
        with contextlib.suppress(ValueError, TypeError):
            return datetime.fromisoformat(candidate)
    return None


def render(content: ReportContent, printed_at, digest: str, readiness: Readiness, progress) -> tuple[bytes, int]:
    register_fonts()
    total = len(content.measures()) + 1
    done = 0

    def advance(measures: int) -> None:
        nonlocal done
        done += measures
        progress(min(done, total - 1), total, "Skriver rapporten")

    s = content.settings
    buffer = io.BytesIO()
    document = ReportDocument(
        buffer, header=header_block(content), footer=f"{s.title} · {subtitle(content)}", progress=advance,
        draft=not readiness.ready, created=printed_at, title=s.title, author=s.created_by or s.responsible,
        subject=subtitle(content), keywords=s.document_id,
    )  # fmt: skip
    story = front_story(content, FRAME_WIDTH)
    for p in content.roots:
        story += perspective_story(p, content, FRAME_WIDTH)
    story += colophon_story(content, printed_at, digest, readiness)
    with _invariant():
        document.build(story, canvasmaker=NumberedCanvas)
    progress(total, total, "Klart")
    return buffer.getvalue(), document.page


@contextlib.contextmanager
def _invariant():
    """Reportlab's invariant mode (no timestamps, no random ids, sorted output) for this build only.

    Parts of reportlab read the global flag while drawing, so it is set around
    the build and put back afterwards rather than left on for the whole process.
    """
    before = rl_config.invariant
    rl_config.invariant = 1
    try:
        yield
    finally:
        rl_config.invariant = before
