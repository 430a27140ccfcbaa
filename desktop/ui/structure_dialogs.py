"""The small dialogs of structure editing: a node's name, boards and description (new or
changed), a new name for anything (F2), the place to move an item to, and the
retirement to put back.

Every word for a level comes from the file's model. The dialogs only lay out
and collect; the caller hands the values to the Document and keeps the
dialog open when the Document refuses them (`on_accept` returns False).
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.model import Board, Level

from .dialog_form import add_row, buttons, note


def new_title(singular: str, article: str) -> str:
    """'Ny indikator', 'Nytt målområde': the adjective agrees with the noun's gender."""
    return f"{'Ny' if article == 'en' else 'Nytt'} {singular.lower()}"


class NodeDialog(QDialog):
    """A node's name, boards (on a level that has them) and description (on a level that has one)."""

    def __init__(self, parent, title: str, level: Level, boards: list[Board], *, name: str = "",
                 chosen_boards: list[str] = (), description: str = "", where: str = "",
                 on_accept: Callable[[dict], bool]):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.level, self._on_accept = level, on_accept
        self.name = QLineEdit(name)
        self.boards = {b.code: QCheckBox(f"{b.code} – {b.name}") for b in boards}
        self.description = QPlainTextEdit(description, tabChangesFocus=True)
        self.description.setMaximumHeight(120)
        form = QFormLayout()
        add_row(form, "&Namn:", self.name)
        if level.has_boards:
            box = QWidget()
            row = QHBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            for code, check in self.boards.items():
                check.setChecked(code in chosen_boards)
                check.setAccessibleName(f"Nämnd {check.text()}")
                row.addWidget(check)
            row.addStretch(1)
            add_row(form, "Nä&mnder:", box)
            form.labelForField(box).setBuddy(next(iter(self.boards.values()), box))
        if level.has_description:
            add_row(form, "&Beskrivning:", self.description)
        layout = QVBoxLayout(self)
        if where:
            layout.addWidget(note(where))
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Spara", self._accept))
        self.name.selectAll()
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict:
        values = {"name": self.name.text().strip()}
        if self.level.has_boards:
            values["boards"] = [code for code, check in self.boards.items() if check.isChecked()]
        if self.level.has_description:
            values["description"] = self.description.toPlainText()
        return values

    def _accept(self) -> None:
        if self._on_accept(self.values()):
            self.accept()


class NameDialog(QDialog):
    """A new name for a node or a measured item (F2)."""

    def __init__(self, parent, title: str, name: str, *, on_accept: Callable[[str], bool]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_accept = on_accept
        self.name = QLineEdit(name)
        self.name.selectAll()
        form = QFormLayout()
        add_row(form, "&Namn:", self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Byt namn", self._accept))
        self.resize(620, self.sizeHint().height())

    def _accept(self) -> None:
        if self._on_accept(self.name.text().strip()):
            self.accept()


class ChoiceDialog(QDialog):
    """Choose one of a list, with a search over it; the subclasses say what for."""

    LABEL, NOTE, VERB = "", "", ""

    def __init__(self, parent, title: str, choices: list[tuple], *, on_accept: Callable[..., bool]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_accept = on_accept
        self.search = QLineEdit(placeholderText="Skriv en del av namnet")
        self.places = QListWidget()
        self.places.setWordWrap(True)
        self.places.setAlternatingRowColors(True)
        self.places.setSpacing(2)
        for choice, text in choices:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.places.addItem(item)
        self.places.setCurrentRow(0)
        self.places.itemActivated.connect(lambda _item: self._accept())
        self.search.textChanged.connect(self._filter)
        form = QFormLayout()
        add_row(form, "&Sök:", self.search)
        add_row(form, self.LABEL, self.places)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(self.NOTE))
        layout.addWidget(buttons(self, self.VERB, self._accept))
        self.resize(640, 460)

    def chosen(self):
        item = self.places.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.places.count()):
            item = self.places.item(row)
            item.setHidden(wanted not in item.text().casefold())
        current = self.places.currentItem()
        if current is None or current.isHidden():
            visible = next((self.places.item(r) for r in range(self.places.count())
                            if not self.places.item(r).isHidden()), None)  # fmt: skip
            self.places.setCurrentItem(visible)

    def _accept(self) -> None:
        chosen = self.chosen()
        if chosen is not None and self._on_accept(chosen):
            self.accept()


class MoveDialog(ChoiceDialog):
    """Choose the node to move an item under (node id, path of names); it is placed last there."""

    LABEL, NOTE, VERB = "&Flytta till:", "Det flyttade hamnar sist under det du väljer.", "Flytta"


class ReinstateDialog(ChoiceDialog):
    """Choose a retirement of the shown plan year to put back (the retirement, a line about it)."""

    LABEL = "&Avvecklat:"
    NOTE = "Det återinförda hamnar där det låg, med allt som låg under det och med sina värden."
    VERB = "Återinför"
