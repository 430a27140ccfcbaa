"""Skriv ut rapport…: choose board, period, format and file; build the report in the background.

The file is offered under a name of its own per title, period and board in the
user's Documents folder, so that one board's report never replaces another's;
an existing file is replaced only after asking. Before printing the dialog
shows what in the selection is not ready (the report then says UTKAST). The
report module (`desktop.report.build_report`) reads the file through its own
read-only connection in a child process (`tasks.run_in_background`), so the
window stays usable and never shares an SQLite connection.
"""

import contextlib
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
from desktop.paths import documents_folder

from . import messages
from .tasks import BackgroundWork, run_in_background

ALL_BOARDS = "Alla nämnder"
FORMATS = (("PDF", "pdf", "PDF (*.pdf)"), ("Word (redigerbar, .docx)", "docx", "Word (*.docx)"))
READINESS_ITEMS_SHOWN = 6  # per kind of unfinished work; the report's colophon lists them all


def report_available() -> bool:
    return importlib.util.find_spec("desktop.report") is not None


class ReportDialog(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Skriv ut rapport")
        self.board = QComboBox()
        self.board.addItem(ALL_BOARDS, None)
        for board in document.boards():
            self.board.addItem(f"{board.code} – {board.name}", board.code)
        self.period = QComboBox()
        for period in document.periods():
            self.period.addItem(f"{period.name} ({period.label})", period.code)
        self.period.setCurrentIndex(self.period.findData(document.period.code))
        self.file_format = QComboBox()
        for label, code, _pattern in FORMATS:
            self.file_format.addItem(label, code)
        self.out = QLineEdit()
        self._named_by_hand = False
        self.out.textEdited.connect(self._typed)
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
        form.addRow("&Format:", self.file_format)
        form.addRow("&Spara som:", out_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Skapa rapport")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for combo in (self.board, self.period, self.file_format):
            combo.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()
        self.resize(600, self.sizeHint().height())

    def choices(self) -> dict:
        return {"board": self.board.currentData(), "period": self.period.currentData(),
                "format": self.file_format.currentData(), "out": Path(self.out.text().strip())}  # fmt: skip

    def _typed(self, _text: str) -> None:
        self._named_by_hand = True

    def _suggest_name(self) -> None:
        """A name of its own for each title, period, board and format, in the folder shown (at first the
        user's Documents folder); a name the user chose keeps its name and only follows the format."""
        from desktop.report import default_report_name

        suffix = self.file_format.currentData()
        current = Path(self.out.text().strip()) if self.out.text().strip() else None
        if self._named_by_hand and current is not None:
            self.out.setText(str(current.with_suffix(f".{suffix}")))
            return
        period = next(p for p in self.document.periods() if p.code == self.period.currentData())
        name = default_report_name(self.document.report_settings().title, period.name, self.board.currentData(),
                                   file_format=suffix)  # fmt: skip
        folder = current.parent if current is not None else documents_folder()
        self.out.setText(str(folder / name))

    def _choose(self) -> None:
        _label, suffix, pattern = FORMATS[self.file_format.currentIndex()]
        path = messages.choose_save_file(self, "Spara rapporten som", self.out.text(), pattern)
        if path:
            self._named_by_hand = True
            self.out.setText(path if path.lower().endswith(f".{suffix}") else f"{path}.{suffix}")

    def _accept(self) -> None:
        out = self.choices()["out"]
        if not self.out.text().strip():
            messages.error(self, "Ange ett filnamn för rapporten.")
            return
        if out.parent == documents_folder():
            with contextlib.suppress(OSError):  # said below: the folder does not exist
                out.parent.mkdir(parents=True, exist_ok=True)
        if not out.parent.is_dir():
            messages.error(self, f"Mappen för rapporten finns inte: {out.parent}. Välj en annan plats.")
            return
        if out.exists() and not messages.question(
            self, f"Filen {out.name} finns redan i {out.parent}.\nVill du ersätta den med den nya rapporten?",
            "Ersätt", "Avbryt",
        ):  # fmt: skip
            return
        readiness = self.document.report_readiness(self.board.currentData(), self.period.currentData())
        if not readiness.ready and not messages.question(
            self, "Allt i urvalet är inte klart:\n\n" + "\n".join(readiness.lines(READINESS_ITEMS_SHOWN))
            + "\n\nRapporten skrivs då som utkast, med UTKAST på varje sida och det som inte är klart "
            "listat sist.", "Skriv ut som utkast", "Avbryt",
        ):  # fmt: skip
            return
        self.accept()


def build_in_background(window, path: Path, board: str | None, period: str, out: Path,
                        file_format: str = "pdf") -> BackgroundWork:  # fmt: skip
    """Start the build; progress in a dialog, then offer to open the report."""
    return run_in_background(window, build_report_file, path, out, board, period, file_format,
                             on_success=lambda _result: _offer_to_open(window, out),
                             progress_label="Skapar rapporten…")  # fmt: skip


def open_path(path: Path) -> bool:
    """Open a file or folder in the program the system has for it; False when none opened it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _offer_to_open(window, out: Path) -> None:
    if not messages.question(window, f"Rapporten är klar:\n{out}", "Öppna rapporten", "Stäng"):
        return
    if open_path(out):
        return
    if messages.question(
        window, f"Rapporten kunde inte öppnas: inget program öppnade {out.name}.\n"
        f"Vill du öppna mappen där den ligger ({out.parent}) i stället?", "Öppna mappen", "Stäng",
    ) and not open_path(out.parent):  # fmt: skip
        messages.error(window, f"Mappen kunde inte heller öppnas. Rapporten ligger här:\n{out}")
