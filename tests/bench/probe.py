"""One measurement in a fresh process; prints its figures as one JSON line.

    python probe.py TASK ARGS…

run.py starts one process per measurement so that imports, caches and peak
memory (ru_maxrss, in kB) belong to that measurement alone. Each task times
only its work, in-process; the floors do the same work with the bare library.
"""

import json
import os
import resource
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TASKS = {}


def task(function):
    TASKS[function.__name__.replace("_", "-")] = function
    return function


def reply(**figures) -> None:
    figures["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(figures), flush=True)


# --- report ------------------------------------------------------------------------


@task
def report(source: str, out: str) -> None:
    from desktop.report import build_report

    started = time.perf_counter()
    result = build_report(source, out)
    reply(seconds=time.perf_counter() - started, pages=result.pages)


@task
def report_outline(source: str, out: str) -> None:
    """Our report's story reduced to texts and table sizes, for the floor (not timed)."""
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

    from db.goalfile import GoalFile
    from desktop.report.colophon import colophon_story
    from desktop.report.content import select
    from desktop.report.document import FRAME_WIDTH
    from desktop.report.fonts import register_fonts
    from desktop.report.front import front_story
    from desktop.report.perspective import perspective_story
    from desktop.report.readiness import check

    def text_of(cell) -> str:
        if isinstance(cell, Paragraph):
            return cell.text
        if isinstance(cell, (list, tuple)):
            return "<br/>".join(filter(None, (text_of(c) for c in cell)))
        return cell if isinstance(cell, str) else ""  # a symbol or chart: the floor draws none

    def flat(flowable) -> list:
        if isinstance(flowable, Paragraph):
            s = flowable.style
            return [["p", flowable.text, s.fontName, s.fontSize, s.leading]]
        if isinstance(flowable, Table):
            s = next((c.style for r in flowable._cellvalues for c in r if isinstance(c, Paragraph)), None)
            font = [s.fontName, s.fontSize, s.leading] if s else ["StyrkortSans", 8, 10]
            return [["t", [[text_of(c) for c in r] for r in flowable._cellvalues], flowable._colWidths, *font]]
        if isinstance(flowable, KeepTogether):
            return [item for f in flowable._content for item in flat(f)]
        if isinstance(flowable, PageBreak):
            return [["pb"]]
        if isinstance(flowable, Spacer):
            return [["s", flowable.height]]
        return []

    register_fonts()
    with GoalFile.open(source, readonly=True) as goal_file:
        content = select(goal_file)
        story = front_story(content, FRAME_WIDTH)
        for root in content.roots:
            story += perspective_story(root, content, FRAME_WIDTH)
        story += colophon_story(content, None, "", check(content))
    Path(out).write_text(json.dumps([item for f in story for item in flat(f)], ensure_ascii=False), "utf-8")
    reply()


@task
def report_floor(outline: str, out: str) -> None:
    """reportlab platypus alone: the same paragraphs and tables, the same fonts, no data access, no symbols."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from desktop.paths import resource_path

    items = json.loads(Path(outline).read_text("utf-8"))
    started = time.perf_counter()
    for name, file in (("StyrkortSans", "DejaVuSans"), ("StyrkortSans-Bold", "DejaVuSans-Bold"),
                       ("StyrkortSans-Italic", "DejaVuSans-Oblique"), ("StyrkortSans-BoldItalic", "DejaVuSans-BoldOblique"),
                       ("StyrkortSansCondensed", "DejaVuSansCondensed"),
                       ("StyrkortSansCondensed-Bold", "DejaVuSansCondensed-Bold")):  # fmt: skip
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file + ".ttf"))))
    pdfmetrics.registerFontFamily("StyrkortSans", normal="StyrkortSans", bold="StyrkortSans-Bold",
                                  italic="StyrkortSans-Italic", boldItalic="StyrkortSans-BoldItalic")  # fmt: skip
    styles = {}

    def style(font: str, size: float, leading: float) -> ParagraphStyle:
        key = (font, size, leading)
        if key not in styles:
            styles[key] = ParagraphStyle(f"s{len(styles)}", fontName=font, fontSize=size, leading=leading)
        return styles[key]

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.25, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story = []
    for item in items:
        if item[0] == "p":
            story.append(Paragraph(item[1], style(*item[2:])))
        elif item[0] == "t":
            cell_style = style(*item[3:])
            cells = [[Paragraph(text, cell_style) for text in row] for row in item[1]]
            story.append(Table(cells, colWidths=item[2], style=grid, repeatRows=1))
        elif item[0] == "pb":
            story.append(PageBreak())
        else:
            story.append(Spacer(1, item[1]))
    with open(out, "wb") as f:
        document = SimpleDocTemplate(f, pagesize=A4, leftMargin=56, rightMargin=56)
        document.build(story)
    reply(seconds=time.perf_counter() - started, pages=document.page)


# --- merge -------------------------------------------------------------------------


@task
def merge(central: str, *files: str) -> None:
    from db.goalfile import GoalFile
    from db.merge import merge_files

    with GoalFile.open(central, user="controller") as goal_file:
        started = time.perf_counter()
        run = merge_files(goal_file, files)
        seconds = time.perf_counter() - started
    reply(seconds=seconds, values=sum(len(f.applied) for f in run.files), exit_code=run.exit_code)


# The unit's own entries of the export period, as its file's own tables say (the floors trust them).
UNIT_ENTRIES = """
    INSERT OR REPLACE INTO main.entries SELECT e.* FROM {unit}.entries e
    JOIN {unit}.measure_years m ON m.measure_id = e.measure_id
         AND m.year = (SELECT year FROM {unit}.periods WHERE code = e.period_code)
    WHERE e.period_code = (SELECT value FROM {unit}.meta WHERE key = 'export_period')
      AND m.unit_id = (SELECT value FROM {unit}.meta WHERE key = 'unit_id')
"""


@task
def merge_floor(central: str, *files: str) -> None:
    """An ATTACH and one INSERT … SELECT per file of the unit's own entries, no checks."""
    started = time.perf_counter()
    _attach_copy(central, files, checked=False)
    reply(seconds=time.perf_counter() - started)


@task
def merge_floor_checked(central: str, *files: str) -> None:
    """The same ATTACH copy, after SQLite's own checks of each file: PRAGMA quick_check and its
    schema (sqlite_master) compared with central's."""
    started = time.perf_counter()
    _attach_copy(central, files, checked=True)
    reply(seconds=time.perf_counter() - started)


def _attach_copy(central: str, files, *, checked: bool) -> None:
    """SQLite attaches at most 10 files and detaches none inside a transaction, so the files go
    in batches of 9, one commit each (20 files: 3 commits, ours: 1)."""
    conn = sqlite3.connect(central, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    schema_sql = "SELECT type, name, tbl_name, sql FROM {db}.sqlite_master ORDER BY type, name"
    schema = conn.execute(schema_sql.format(db="main")).fetchall()
    for first in range(0, len(files), 9):
        batch = files[first : first + 9]
        for i, path in enumerate(batch):
            conn.execute(f"ATTACH DATABASE ? AS unit{i}", [path])
            if checked:
                if conn.execute(f"PRAGMA unit{i}.quick_check").fetchone()[0] != "ok":
                    raise SystemExit(f"{path}: quick_check")
                if conn.execute(schema_sql.format(db=f"unit{i}")).fetchall() != schema:
                    raise SystemExit(f"{path}: schema")
        conn.execute("BEGIN IMMEDIATE")
        for i in range(len(batch)):
            conn.execute(UNIT_ENTRIES.format(unit=f"unit{i}"))
        conn.execute("COMMIT")
        for i in range(len(batch)):
            conn.execute(f"DETACH DATABASE unit{i}")
    conn.close()


# --- edit --------------------------------------------------------------------------


@task
def edit(ours: str, floor: str, count: str) -> None:
    """The GUI's save path (Document.edit_entry → GoalFile.update_entry) against one UPDATE + commit.

    Interleaved in blocks of 20 on two copies of the same file with the same pragmas.
    """
    from PySide6.QtCore import QCoreApplication

    from db.goalfile import GoalFile
    from db.model import all_measures
    from desktop.ui.document import Document

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 (the undo stack wants one)
    document = Document(GoalFile.open(ours, user="handläggare"))
    measures = all_measures(document.tree())
    conn = sqlite3.connect(floor, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    period = document.period.code
    ours_ms, floor_ms = [], []
    for i in range(int(count)):
        measure = measures[i % len(measures)]
        text = f"Kommentar nummer {i}: utfallet följer planen."
        if (i // 20) % 2 == 0:
            started = time.perf_counter()
            assert document.edit_entry(measure.id, "commentary", text)
            ours_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE entries SET commentary = ? WHERE measure_id = ? AND period_code = ?", [text, measure.id, period]
        )
        conn.execute("COMMIT")
        floor_ms.append((time.perf_counter() - started) * 1000)
        if (i // 20) % 2 == 1:
            started = time.perf_counter()
            assert document.edit_entry(measure.id, "commentary", text)
            ours_ms.append((time.perf_counter() - started) * 1000)
    document.close()
    reply(ours_ms=ours_ms, floor_ms=floor_ms)


# --- GUI at scale ------------------------------------------------------------------

SEARCHED_NUMBER = "4711"  # after the item level's name: typed one character at a time, matching ever fewer rows


def _window(path: str):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(user="controller")
    window.show()
    window.open_file(Path(path))
    app.processEvents()
    return app, window


@task
def search(path: str) -> None:
    """A search keystroke on the big tree: the proxy alone, the whole keystroke, and the floor."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    app, window = _window(path)
    floor_model = QStandardItemModel()

    def rows(parent, nodes) -> None:
        for node in nodes:
            item = QStandardItem(node.item.name)
            parent.appendRow([item] + [QStandardItem("–") for _ in range(7)])
            rows(item, node.children)

    rows(floor_model.invisibleRootItem(), window.model._roots)
    floor_proxy = QSortFilterProxyModel(recursiveFilteringEnabled=True)
    floor_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    floor_proxy.setSourceModel(floor_model)
    floor_view = QTreeView()
    floor_view.setModel(floor_proxy)
    floor_view.expandAll()
    floor_view.show()
    app.processEvents()

    def timed(action) -> float:
        started = time.perf_counter()
        action()
        return (time.perf_counter() - started) * 1000

    search = f"{window.document.model().item_level.singular.lower()} {SEARCHED_NUMBER}"
    proxy_ms, keystroke_ms, floor_ms = [], [], []
    for _ in range(2):
        for n in range(1, len(search) + 1):
            text = search[:n]
            proxy_ms.append(timed(lambda t=text: window.proxy.set_search(t)))
            window.proxy.set_search(search[: n - 1])
            # The keystroke and the refilter it leads to (which the GUI runs once typing pauses).
            keystroke_ms.append(timed(lambda t=text: (window.filters.search.setText(t), window.filters.apply_search())))
            floor_ms.append(timed(lambda t=text: floor_proxy.setFilterFixedString(t)))
            app.processEvents()
        window.filters.search.clear()
        floor_proxy.setFilterFixedString("")
        app.processEvents()
    reply(proxy_ms=proxy_ms, keystroke_ms=keystroke_ms, floor_ms=floor_ms)


@task
def window(path: str) -> None:
    """The window on the big file: opening it, selecting a node on each level and a measure, and the
    structure edits (add, move, retire, undo, redo), each timed to the end of its repaint."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(user="controller")
    window.show()
    app.processEvents()

    def timed(action) -> float:
        started = time.perf_counter()
        action()
        app.processEvents()
        return (time.perf_counter() - started) * 1000

    open_ms = timed(lambda: window.open_file(Path(path)))
    document = window.document
    top = document.tree()[1]
    middle = top.children[1]
    lowest = middle.children[0]
    measure = lowest.measures[3]
    select_ms = {}
    for _ in range(3):
        for name, item in (("top", top), ("middle", middle), ("lowest", lowest), ("measure", measure)):
            select_ms.setdefault(name, []).append(timed(lambda i=item: window.select_node(i.id)))
    edit_ms = {}

    def edit(name: str, action) -> None:
        edit_ms.setdefault(name, []).append(timed(action))

    settings = {"kind": measure.kind, "board_code": measure.board}
    for round_ in range(2):
        window.select_node(lowest.id)
        edit("add node", lambda r=round_: document.add_node(middle.id, {"name": f"Ny nod {r}"}))
        added_node = window._current_node().id
        edit("add measure", lambda r=round_: document.add_measure(lowest.id, {"name": f"Nytt {r}", **settings}))
        added_measure = window._current_node().id
        edit("move measure", lambda m=added_measure: document.move(m, lowest.id, 1))
        edit("move node", lambda n=added_node: document.move(n, middle.id, 1))
        edit("retire measure", lambda m=added_measure: document.retire(m))
        edit("retire node", lambda n=added_node: document.retire(n))
        edit("undo", document.undo_stack.undo)
        edit("redo", document.undo_stack.redo)
    window.close()
    reply(open_ms=open_ms, select_ms=select_ms, edit_ms=edit_ms)


@task
def stall(kind: str, path: str, out: str, *files: str) -> None:
    """The longest gap between 10 ms timer ticks in the GUI thread while the window's own background
    path (`desktop.ui.tasks.BackgroundWork`: a child process, waited for by a thread) runs a report or a merge."""
    from PySide6.QtCore import QTimer

    from desktop.background import build_report_file, merge_unit_files
    from desktop.ui.tasks import BackgroundWork

    app, window = _window(path)
    if kind == "rapport":
        job = BackgroundWork(build_report_file, (Path(path), Path(out), None, None))
    else:
        job = BackgroundWork(merge_unit_files, (Path(path), "controller", [Path(f) for f in files]))
    gaps, last = [], [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    outcome = []
    job.succeeded.connect(outcome.append)
    job.failed.connect(outcome.append)
    job.done.connect(app.quit)
    started = time.perf_counter()
    timer.start()
    last[0] = time.perf_counter()
    job.start()
    app.exec()
    seconds = time.perf_counter() - started
    timer.stop()
    if not outcome or isinstance(outcome[0], str):
        raise SystemExit(f"bakgrundsarbetet misslyckades: {outcome}")
    reply(seconds=seconds, longest_ms=max(gaps), over_100=sum(g > 100 for g in gaps), ticks=len(gaps))


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    TASKS[sys.argv[1]](*sys.argv[2:])
