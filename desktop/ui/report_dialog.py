"""Skriv ut rapport…: choose board, period and file, build the PDF in the background.

The report module (`desktop.report.build_report`) reads the file through its
own read-only connection in a child process (`tasks.run_in_background`), so
the window stays usable and never shares an SQLite connection.
"""

import importlib.util
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.background import build_report_file

from . import messages
from .tasks import BackgroundWork, run_in_background

ALL_BOARDS = "Alla nämnder"


def report_available() -> bool:
    return importlib.util.find_spec("desktop.report") is not None


class ReportDialog(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Skriv ut rapport")
        self.board = QComboBox()
        self.board.addItem(ALL_BOARDS, None)
        for board in document.boards():
            self.board.addItem(f"{board.code} – {board.name}", board.code)
        self.period = QComboBox()
        for period in document.periods():
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


def build_in_background(window, path: Path, board: str | None, period: str, out: Path) -> BackgroundWork:
    """Start the build; progress in a dialog, then offer to open the PDF."""
    return run_in_background(window, build_report_file, path, out, board, period,
                             on_success=lambda _result: _offer_to_open(window, out),
                             progress_label="Skapar rapporten…")  # fmt: skip


def _offer_to_open(window, out: Path) -> None:
    if messages.question(window, f"Rapporten är klar:\n{out}", "Öppna rapporten", "Stäng"):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
