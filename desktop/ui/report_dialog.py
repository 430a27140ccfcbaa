"""Skriv ut rapport…: choose board, period and file, build the PDF in the background.

The report module (`desktop.report.build_report`) reads the file through its
own read-only connection in a worker thread, so the window stays usable
and never shares an SQLite connection across threads.
"""

import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from desktop.background import build_report_file, run_in_process

from . import messages
from .tasks import Task

ALL_BOARDS = "Alla nämnder"


def report_available() -> bool:
    return importlib.util.find_spec("desktop.report") is not None


class ReportDialog(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Skriv ut rapport")
        self.board = QComboBox()
        self.board.addItem(ALL_BOARDS, None)
        for board in document.goal_file.boards():
            self.board.addItem(f"{board.code} – {board.name}", board.code)
        self.period = QComboBox()
        for period in document.goal_file.periods():
            self.period.addItem(f"{period.name} ({period.label})", period.code)
        self.period.setCurrentIndex(self.period.findData(document.period.code))
        self.out = QLineEdit(str(document.path.with_name(f"Mål och måluppfyllelse {document.period.name}.pdf")))
        choose = QPushButton("&Välj…")
        choose.clicked.connect(self._choose)
        out_row = QWidget()
        row = QHBoxLayout(out_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.out, 1)
        row.addWidget(choose)
        form = QFormLayout(self)
        form.addRow("&Nämnd:", self.board)
        form.addRow("&Period:", self.period)
        form.addRow("&Spara som:", out_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Skapa rapport")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def choices(self) -> dict:
        return {"board": self.board.currentData(), "period": self.period.currentData(), "out": Path(self.out.text())}

    def _choose(self) -> None:
        path = messages.choose_save_file(self, "Spara rapporten som", self.out.text(), "PDF (*.pdf)")
        if path:
            self.out.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _accept(self) -> None:
        out = Path(self.out.text().strip())
        if not self.out.text().strip() or not out.parent.is_dir():
            messages.error(self, f"Mappen för rapporten finns inte: {out.parent}. Välj en annan plats.")
            return
        self.accept()


def build_in_background(window, path: Path, board: str | None, period: str, out: Path) -> Task:
    """Start the build; progress in a dialog, then offer to open the PDF."""

    def build(progress):
        return run_in_process(build_report_file, path, out, board, period, progress=progress)

    return run_with_progress(window, build, "Skapar rapporten…", lambda _: _offer_to_open(window, out))


def run_with_progress(window, function, label: str, on_success) -> Task:
    """Run `function(progress)` in a Task with a modal progress dialog; errors as a message box."""
    dialog = QProgressDialog(label, "", 0, 0, window)
    dialog.setWindowTitle("Styrkort")
    dialog.setCancelButton(None)  # a half-written report is worth nothing; the build is short
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    task = Task(function, window)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def failed(message: str) -> None:
        dialog.close()
        messages.error(window, message)

    def finished(result) -> None:
        dialog.close()
        on_success(result)

    task.progressed.connect(progressed)
    task.failed.connect(failed)
    task.finished.connect(finished)
    task.done.connect(task.deleteLater)
    task.start()
    return task


def _offer_to_open(window, out: Path) -> None:
    if messages.question(window, f"Rapporten är klar:\n{out}", "Öppna rapporten", "Stäng"):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
