"""Arkiv → Ny från mall…: a new goal file from a built-in template, another file's plan year, or a template file.

No controller writes JSON by hand: the built-in templates (desktop.paths
BUILT_IN_TEMPLATES) are listed with what they are, a plan year of an existing
goal file is taken as a template (`db.template_export`, the same as `mall`),
and a template file can still be chosen. The organisation's name and where
the file goes are asked for; the file is made by `db.new_file`. Lays out and
asks; writing is `db`'s.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.connection import FILE_SUFFIX
from db.errors import GoalFileError, user_message
from db.goalfile import GoalFile
from db.new_file import create_from_template
from db.template import load_template
from db.template_export import template_of_year
from desktop.paths import BUILT_IN_TEMPLATES, documents_folder, template_path

from . import messages, texts
from .dialog_form import add_row, buttons, note

FROM_FILE, FROM_GOAL_FILE = "__fil__", "__målfil__"


class NewFileDialog(QDialog):
    """Choose where the structure comes from, name the organisation, choose the file; `created` is its path."""

    def __init__(self, parent=None, user: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(texts.NEW_FILE_TITLE)
        self.user = user
        self.created: Path | None = None
        self._chosen_path: Path | None = None  # the template or goal file picked for the last two choices
        self._suggested = ""  # the file name last suggested: replaced while the user has not changed it
        self.sources = QListWidget()
        for name, (_file, description) in BUILT_IN_TEMPLATES.items():
            self._source(description, name)
        self._source(texts.NEW_FROM_GOAL_FILE, FROM_GOAL_FILE)
        self._source(texts.NEW_FROM_TEMPLATE_FILE, FROM_FILE)
        self.sources.setCurrentRow(0)
        rows = self.sources.count()
        self.sources.setFixedHeight(self.sources.sizeHintForRow(0) * rows + 2 * self.sources.frameWidth() + 4)
        self.sources.currentRowChanged.connect(self._source_changed)
        self.chosen = QLineEdit(readOnly=True)
        self.browse = QPushButton(texts.BROWSE)
        self.browse.clicked.connect(self._browse)
        self.year = QComboBox()
        self.organisation = QLineEdit()
        self.target = QLineEdit()
        choose_target = QPushButton(texts.CHOOSE_TARGET)
        choose_target.clicked.connect(self._choose_target)

        form = QFormLayout()
        add_row(form, texts.NEW_SOURCE_LABEL, self.sources)
        add_row(form, texts.NEW_CHOSEN_LABEL, _row(self.chosen, self.browse)).setBuddy(self.chosen)
        self.chosen.setAccessibleName(texts.NEW_CHOSEN_NAME)
        add_row(form, texts.NEW_YEAR_LABEL, self.year)
        add_row(form, texts.NEW_ORGANISATION_LABEL, self.organisation)
        add_row(form, texts.NEW_TARGET_LABEL, _row(self.target, choose_target)).setBuddy(self.target)
        self.target.setAccessibleName(texts.NEW_TARGET_NAME)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(texts.NEW_FILE_NOTE))
        layout.addWidget(buttons(self, texts.CREATE, self._create))
        self.resize(720, self.sizeHint().height())
        self._source_changed(0)

    def _source(self, text: str, key: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.sources.addItem(item)

    def source(self) -> str:
        return self.sources.currentItem().data(Qt.ItemDataRole.UserRole)

    def _source_changed(self, _row: int) -> None:
        key = self.source()
        picks = key in (FROM_FILE, FROM_GOAL_FILE)
        self.chosen.setEnabled(picks)
        self.browse.setEnabled(picks)
        self.year.setEnabled(key == FROM_GOAL_FILE)
        self._chosen_path = None
        self.chosen.clear()
        self.year.clear()
        if not picks:
            self._take(load_template(template_path(key)))

    def _browse(self) -> None:
        if self.source() == FROM_GOAL_FILE:
            picked = messages.choose_open_file(self, texts.CHOOSE_GOAL_FILE, str(documents_folder()), texts.GOAL_FILES)
        else:
            picked = messages.choose_open_file(self, texts.CHOOSE_TEMPLATE, str(documents_folder()), texts.TEMPLATES)
        if picked:
            self.pick(Path(picked))

    def pick(self, path: Path) -> bool:
        """Take a template file or a goal file (its plan years offered) as the source; False after saying why not."""
        try:
            if self.source() == FROM_GOAL_FILE:
                with GoalFile.open(path, readonly=True) as goal_file:
                    years = goal_file.plan_years()
                    template = template_of_year(goal_file, years[-1])
                self.year.clear()
                for year in reversed(years):
                    self.year.addItem(str(year), year)
            else:
                template = load_template(path)
        except GoalFileError as e:
            messages.error(self, str(e))
            return False
        self._chosen_path = path
        self.chosen.setText(str(path))
        self._take(template)
        return True

    def _take(self, template: dict) -> None:
        self.organisation.setText(template["organisation"])
        if self.target.text().strip() in ("", self._suggested):
            self._suggested = str(documents_folder() / f"{template['organisation']}{FILE_SUFFIX}")
            self.target.setText(self._suggested)

    def _template(self) -> dict:
        key = self.source()
        if key == FROM_GOAL_FILE:
            if self._chosen_path is None:
                raise GoalFileError(texts.PICK_GOAL_FILE_FIRST)
            with GoalFile.open(self._chosen_path, readonly=True) as goal_file:
                return template_of_year(goal_file, self.year.currentData())
        if key == FROM_FILE:
            if self._chosen_path is None:
                raise GoalFileError(texts.PICK_TEMPLATE_FIRST)
            return load_template(self._chosen_path)
        return load_template(template_path(key))

    def _choose_target(self) -> None:
        target = messages.choose_save_file(self, texts.SAVE_NEW_FILE_AS, self.target.text(), texts.GOAL_FILES)
        if target:
            self.target.setText(target)

    def _create(self) -> None:
        text = self.target.text().strip()
        if not text:
            messages.error(self, texts.NO_TARGET)
            return
        target = Path(text if Path(text).suffix else text + FILE_SUFFIX)
        try:
            template = self._template()
            if self.organisation.text().strip():
                template["organisation"] = self.organisation.text().strip()
            target.parent.mkdir(parents=True, exist_ok=True)
            create_from_template(target, template, user=self.user).close()
        except Exception as e:
            message = user_message(e, target)
            if message is None:
                raise
            messages.error(self, message)
            return
        self.created = target
        self.accept()


def _row(*widgets) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return row
