"""Arkiv → Sammanfoga inkomna filer… and Arkiv → Exportera enhetsfiler…

Both run their work through `tasks.run_in_background`, on a connection of
its own to the central file, so the window stays responsive and no SQLite
connection is shared; results come back by signal. The dialogs only lay out,
start the work and show what came back. File and folder choosers are the
module functions below, so tests can replace them.
"""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.background import export_unit_files, merge_unit_files

from . import messages
from .tasks import BackgroundWork, run_in_background

UNIT_FILE_PATTERN = "Enhetsfiler (*.styrkort *.sqlite);;Alla filer (*)"


def choose_unit_files(parent, folder: str) -> list[str]:
    """Returned unit files the user picked, or [] when cancelled. Tests replace this."""
    return QFileDialog.getOpenFileNames(parent, "Välj inkomna enhetsfiler", folder, UNIT_FILE_PATTERN)[0]


def choose_folder(parent, folder: str) -> str:
    """A folder the user picked, or '' when cancelled. Tests replace this."""
    return QFileDialog.getExistingDirectory(parent, "Välj mapp för enhetsfilerna", folder)


class MergeDialog(QDialog):
    """Choose returned unit files, merge them into the central file, show each file's result."""

    merged = Signal(object)  # db.merge.MergeRun, after a run that reached the file

    def __init__(self, parent, document):
        super().__init__(parent)
        self.setWindowTitle("Sammanfoga inkomna filer")
        self.resize(760, 520)
        self._central_path, self._user = document.path, document.user
        self._task: BackgroundWork | None = None

        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("&Lägg till filer…")
        add.clicked.connect(self._choose_files)
        self.remove = QPushButton("&Ta bort")
        self.remove.clicked.connect(self._remove_selected)
        self.start = QPushButton("&Sammanfoga")
        self.start.setDefault(True)
        self.start.clicked.connect(self.run_merge)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (add, self.remove, self.start):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Inkomna enhetsfiler att sammanfoga med {document.path.name}:"))
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(QLabel("Resultat:"))
        layout.addWidget(self.results, 2)
        layout.addWidget(close)
        self._update_buttons()

    def add_files(self, paths) -> None:
        present = {self.files.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.files.count())}
        for path in map(str, paths):
            if path not in present:
                item = QListWidgetItem(Path(path).name)
                item.setToolTip(path)
                item.setData(Qt.ItemDataRole.UserRole, path)
                self.files.addItem(item)
                present.add(path)
        self._update_buttons()

    def chosen_files(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def is_running(self) -> bool:
        return self._task is not None

    def run_merge(self) -> None:
        paths = self.chosen_files()
        if not paths or self.is_running():
            return
        self.results.clear()
        self._task = run_in_background(self, merge_unit_files, self._central_path, self._user, paths,
                                       on_success=self._finished, on_failure=self._failed)  # fmt: skip
        self._task.progressed.connect(self._progressed)
        self._update_buttons()

    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, outcome) -> None:
        run, lines = outcome
        self._task = None
        for summary, details in lines:
            item = QTreeWidgetItem([summary])
            for line in details:
                item.addChild(QTreeWidgetItem([line]))
            self.results.addTopLevelItem(item)
            item.setExpanded(True)
        if run.backup:
            self.results.addTopLevelItem(QTreeWidgetItem([f"Säkerhetskopia före sammanfogningen: {run.backup.name}"]))
        self.files.clear()
        self._update_buttons()
        self.merged.emit(run)

    def _failed(self, message: str) -> None:
        self._task = None
        self._update_buttons()
        messages.error(self, f"Inget sammanfogades. {message}")

    def result_lines(self) -> list[str]:
        """Every line shown under Resultat, top to bottom (what a person reads)."""
        lines = []
        for i in range(self.results.topLevelItemCount()):
            item = self.results.topLevelItem(i)
            lines.append(item.text(0))
            lines += [item.child(j).text(0) for j in range(item.childCount())]
        return lines

    def _choose_files(self) -> None:
        self.add_files(choose_unit_files(self, str(self._central_path.parent)))

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.is_running()
        self.start.setEnabled(bool(self.files.count()) and not running)
        self.remove.setEnabled(bool(self.files.count()) and not running)

    def reject(self) -> None:
        if not self.is_running():  # a merge runs to its commit; closing waits for it
            super().reject()


class ExportDialog(QDialog):
    """Choose units (all by default) and a folder; write one unit file per unit."""

    exported = Signal(list)  # the paths written

    def __init__(self, parent, document):
        super().__init__(parent)
        self.setWindowTitle("Exportera enhetsfiler")
        self._central_path, self._user, self._period = document.path, document.user, document.period.code
        self._task: BackgroundWork | None = None
        self.units = QListWidget()
        for unit in document.units():
            item = QListWidgetItem(f"{unit.code} – {unit.name}")
            item.setData(Qt.ItemDataRole.UserRole, unit)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)
        self.folder = QLineEdit(str(document.path.parent / "enhetsfiler"))
        choose = QPushButton("&Välj mapp…")
        choose.clicked.connect(self._choose_folder)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start = self.buttons.addButton("&Exportera", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("&Enheter som får en egen fil:", buddy=self.units))
        layout.addWidget(self.units, 1)
        layout.addWidget(QLabel("&Mapp:", buddy=self.folder))
        layout.addLayout(folder_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.units.count()):
            self.units.item(i).setCheckState(state)

    def chosen_units(self) -> list:
        items = (self.units.item(i) for i in range(self.units.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def run_export(self) -> None:
        units, folder = self.chosen_units(), Path(self.folder.text().strip())
        if not units:
            messages.error(self, "Välj minst en enhet att exportera.")
            return
        if not self.folder.text().strip():
            messages.error(self, "Välj en mapp för enhetsfilerna.")
            return

        self.start.setEnabled(False)
        codes = [unit.code for unit in units]
        self._task = run_in_background(self, export_unit_files, self._central_path, self._user, codes, folder,
                                       self._period, on_success=self._finished, on_failure=self._failed)  # fmt: skip
        self._task.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, paths: list) -> None:
        self._task = None
        self.exported.emit(paths)
        messages.information(self, f"Skapade {len(paths)} enhetsfiler i {Path(self.folder.text().strip())}.")
        self.accept()

    def _failed(self, message: str) -> None:
        self._task = None
        self.start.setEnabled(True)
        messages.error(self, f"Enhetsfilerna kunde inte skapas. {message}")

    def _choose_folder(self) -> None:
        folder = choose_folder(self, self.folder.text())
        if folder:
            self.folder.setText(folder)

    def reject(self) -> None:
        if self._task is None:
            super().reject()
