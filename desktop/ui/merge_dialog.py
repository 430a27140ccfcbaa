"""Arkiv → Sammanfoga inkomna filer… and Arkiv → Exportera enhetsfiler…

Both run their work through `tasks.run_in_background`, on a connection of
its own to the central file, so the window stays responsive and no SQLite
connection is shared; results come back by signal. The dialogs only lay out,
ask, start the work and show what came back. The export never overwrites a
file that is not the untouched one Styrkort last wrote there (a returned
file, an edited one) unless the controller said so for that file. File and
folder choosers are the module functions below, so tests can replace them.
"""

import html
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.errors import user_message
from desktop.background import export_unit_files, merge_unit_files
from desktop.paths import documents_folder

from . import messages, texts
from .settings import app_settings
from .tasks import BackgroundWork, run_in_background

DEADLINE_DAYS = 14  # the default deadline: two weeks from the export
RETURN_TO_KEY = "export/return_to"  # the controller's address, remembered for the next export


def choose_unit_files(parent, folder: str) -> list[str]:
    """Returned unit files the user picked, or [] when cancelled. Tests replace this."""
    return QFileDialog.getOpenFileNames(parent, texts.CHOOSE_UNIT_FILES, folder, texts.UNIT_FILES)[0]


def choose_folder(parent, folder: str) -> str:
    """A folder the user picked, or '' when cancelled. Tests replace this."""
    return QFileDialog.getExistingDirectory(parent, texts.CHOOSE_EXPORT_FOLDER, folder)


class MergeDialog(QDialog):
    """Choose returned unit files, merge them into the central file, show each file's result."""

    merged = Signal(object)  # db.merge.MergeRun, after a run that reached the file

    def __init__(self, parent, document):
        super().__init__(parent)
        self.setWindowTitle(texts.MERGE_TITLE)
        self.resize(820, 560)
        self._central_path, self._user = document.path, document.user
        self._task: BackgroundWork | None = None
        self._lines: list[str] = []

        self.files = QListWidget(accessibleName=texts.MERGE_FILES_NAME)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton(texts.ADD_FILES)
        add.clicked.connect(self._choose_files)
        self.remove = QPushButton(texts.REMOVE_FILES)
        self.remove.clicked.connect(self._remove_selected)
        self.start = QPushButton(texts.MERGE_START)
        self.start.setDefault(True)
        self.start.clicked.connect(self.run_merge)
        self.progress = QProgressBar(visible=False)  # shown while the files are merged
        self.progress.setTextVisible(False)
        # Results wrap at the dialog's width: a long conflict line is read whole, never cut off.
        self.results = QTextBrowser(accessibleName=texts.MERGE_RESULTS_NAME)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (add, self.remove, self.start):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(texts.merge_intro(document.path.name), wordWrap=True))
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(QLabel(texts.MERGE_RESULTS))
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
        self._show_results([])
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
        groups = [(summary, list(details)) for summary, details in lines]
        if run.backup:
            groups.append((texts.merge_backup(run.backup.name), []))
        self._show_results(groups)
        self.files.clear()
        self._update_buttons()
        self.merged.emit(run)

    def _show_results(self, groups: list[tuple[str, list[str]]]) -> None:
        self._lines = [line for summary, details in groups for line in (summary, *details)]
        parts = []
        for summary, details in groups:
            parts.append(f"<p><b>{html.escape(summary)}</b></p>")
            if details:
                parts.append("<ul>" + "".join(f"<li>{html.escape(d)}</li>" for d in details) + "</ul>")
        self.results.setHtml("".join(parts))

    def _failed(self, message: str) -> None:
        self._task = None
        self._update_buttons()
        messages.error(self, texts.merge_failed(message))

    def result_lines(self) -> list[str]:
        """Every line shown under Resultat, top to bottom (what a person reads)."""
        return list(self._lines)

    def _choose_files(self) -> None:
        self.add_files(choose_unit_files(self, str(self._central_path.parent)))

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.is_running()
        self.progress.setVisible(running)
        self.start.setEnabled(bool(self.files.count()) and not running)
        self.remove.setEnabled(bool(self.files.count()) and not running)

    def reject(self) -> None:
        if not self.is_running():  # a merge runs to its commit; closing waits for it
            super().reject()


class ExportDialog(QDialog):
    """Choose the period, the units (all by default), the deadline, whom to return the files to
    and a folder; write one unit file per unit."""

    exported = Signal(list)  # the paths written

    def __init__(self, parent, document):
        super().__init__(parent)
        self.setWindowTitle(texts.EXPORT_TITLE)
        self.document = document
        self._central_path, self._user = document.path, document.user
        self._task: BackgroundWork | None = None
        self._kept: list[str] = []  # names of the files the controller chose to keep
        self._kept_codes: set[str] = set()  # the units whose file is kept, so not exported
        self.settings = app_settings()

        self.period = QComboBox(accessibleName=texts.plain(texts.EXPORT_PERIOD))
        open_periods = [p for p in document.periods() if not p.locked]
        for period in open_periods:
            self.period.addItem(texts.period_title(period), period.code)
        shown = self.period.findData(document.period.code)
        current = next((i for i, p in enumerate(open_periods) if p.is_current), 0)
        self.period.setCurrentIndex(shown if shown >= 0 else current)
        self.intro = QLabel(wordWrap=True)
        self.units = QListWidget(accessibleName=texts.plain(texts.EXPORT_UNITS))
        for unit in document.units():
            item = QListWidgetItem(f"{unit.code} – {unit.name}")
            item.setData(Qt.ItemDataRole.UserRole, unit)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)
        select_all = QPushButton(texts.SELECT_ALL, autoDefault=False)  # Enter exports; never selects
        select_none = QPushButton(texts.SELECT_NONE, autoDefault=False)
        select_all.clicked.connect(lambda: self.set_all_checked(True))
        select_none.clicked.connect(lambda: self.set_all_checked(False))
        default_deadline = date.today() + timedelta(days=DEADLINE_DAYS)
        self.deadline = QDateEdit(QDate(default_deadline), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.deadline.setAccessibleName(texts.plain(texts.EXPORT_DEADLINE))
        self.deadline.findChild(QLineEdit).setAccessibleName(texts.plain(texts.EXPORT_DEADLINE))  # it takes the focus
        self.return_to = QLineEdit(str(self.settings.value(RETURN_TO_KEY, "") or ""),
                                   placeholderText=texts.RETURN_TO_PLACEHOLDER)  # fmt: skip
        self.return_to.setAccessibleName(texts.plain(texts.EXPORT_RETURN_TO))
        self.folder = QLineEdit(accessibleName=texts.plain(texts.EXPORT_FOLDER))
        self._default_folder = ""
        self._show_period()
        self.period.currentIndexChanged.connect(self._show_period)
        choose = QPushButton(texts.CHOOSE_FOLDER, autoDefault=False)
        choose.clicked.connect(self._choose_folder)
        self.progress = QProgressBar(visible=False)  # shown while the files are written
        self.progress.setTextVisible(False)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(texts.EXPORT_START, QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setDefault(True)
        self.buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.run_export)
        self.buttons.rejected.connect(self.reject)

        select_row = QHBoxLayout()
        select_row.addWidget(select_all)
        select_row.addWidget(select_none)
        select_row.addStretch(1)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow(QLabel(texts.EXPORT_DEADLINE, buddy=self.deadline), self.deadline)
        form.addRow(QLabel(texts.EXPORT_RETURN_TO, buddy=self.return_to), self.return_to)
        form.addRow(QLabel(texts.EXPORT_FOLDER, buddy=self.folder), folder_row)
        top = QFormLayout()
        top.addRow(QLabel(texts.EXPORT_PERIOD, buddy=self.period), self.period)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addWidget(QLabel(texts.EXPORT_UNITS, buddy=self.units))
        layout.addWidget(self.units, 1)
        layout.addLayout(select_row)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._fit()

    def _fit(self) -> None:
        """Big enough that no unit name and no part of the folder is cut off, within the screen."""
        metrics = self.fontMetrics()
        names = max((metrics.horizontalAdvance(self.units.item(i).text()) for i in range(self.units.count())),
                    default=0)  # fmt: skip
        folder = metrics.horizontalAdvance(self.folder.text()) + 40
        self.folder.setMinimumWidth(min(folder, 900))
        self.units.setMinimumWidth(names + 60)
        rows = min(self.units.count(), 8)
        self.units.setMinimumHeight(max(self.units.sizeHintForRow(0), metrics.height() + 4) * rows + 8)
        size = self.sizeHint()
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = max(size.width(), 620), size.height()
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.units.count()):
            self.units.item(i).setCheckState(state)

    def chosen_units(self) -> list:
        items = (self.units.item(i) for i in range(self.units.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def chosen_period(self):
        code = self.period.currentData()
        return next((p for p in self.document.periods() if p.code == code), None)

    def _show_period(self) -> None:
        """Name the period in words, and follow it with the default folder unless one was chosen."""
        period = self.chosen_period()
        self.intro.setText(texts.export_intro(period) if period else texts.NO_OPEN_PERIOD)
        if period is not None and self.folder.text() in ("", self._default_folder):
            self._default_folder = str(documents_folder() / texts.EXPORT_FOLDER_NAME / period.name)
            self.folder.setText(self._default_folder)

    def run_export(self) -> None:
        units, folder_text, period = self.chosen_units(), self.folder.text().strip(), self.chosen_period()
        if period is None:
            messages.error(self, texts.NO_OPEN_PERIOD)
            return
        if not units:
            messages.error(self, texts.CHOOSE_A_UNIT)
            return
        if not folder_text:
            messages.error(self, texts.CHOOSE_A_FOLDER)
            return
        folder = Path(folder_text).expanduser()
        agreed = self._ask_before_overwriting(folder, units)
        if agreed is None:
            return
        units = [u for u in units if u.code not in self._kept_codes]
        if not units:
            messages.information(self, texts.NOTHING_EXPORTED)
            return
        self.settings.setValue(RETURN_TO_KEY, self.return_to.text().strip())
        self.start.setEnabled(False)
        self.progress.show()
        codes = [unit.code for unit in units]
        deadline = self.deadline.date().toString("yyyy-MM-dd")
        self._task = run_in_background(
            self, export_unit_files, self._central_path, self._user, codes, folder, period.code, deadline,
            self.return_to.text().strip(), tuple(agreed), on_success=self._finished, on_failure=self._failed,
        )  # fmt: skip
        self._task.progressed.connect(self._progressed)

    def _ask_before_overwriting(self, folder: Path, units: list) -> list[str] | None:
        """Ask once per file that an export would destroy; the codes of the units whose file may
        be replaced (None when a file could not even be read: said why). The others' files are
        left as they are (`_kept`)."""
        agreed, self._kept, self._kept_codes = [], [], set()
        answers: dict[Path, bool] = {}
        for unit in units:
            target = self.document.export_target(folder, unit)
            try:
                risk = self.document.overwrite_risk(target)
            except Exception as e:
                message = user_message(e, target)
                if message is None:
                    raise
                messages.error(self, message)
                return None
            if risk is None:
                continue
            if target not in answers:
                answers[target] = messages.question(self, texts.overwrite_question(risk), texts.OVERWRITE,
                                                    texts.KEEP_FILE)  # fmt: skip
                if not answers[target]:
                    self._kept.append(target.name)
            if answers[target]:
                agreed.append(unit.code)
            else:
                self._kept_codes.add(unit.code)
        return agreed

    def _progressed(self, done: int, total: int, _what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self, paths: list) -> None:
        self._task = None
        self.exported.emit(paths)
        messages.information(self, texts.exported(len(paths), Path(self.folder.text().strip()), self._kept))
        self.accept()

    def _failed(self, message: str) -> None:
        self._task = None
        self.start.setEnabled(True)
        self.progress.hide()
        messages.error(self, texts.export_failed(message))

    def _choose_folder(self) -> None:
        folder = choose_folder(self, self.folder.text())
        if folder:
            self.folder.setText(folder)

    def reject(self) -> None:
        if self._task is None:
            super().reject()
