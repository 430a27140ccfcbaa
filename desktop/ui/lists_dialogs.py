"""Redigera → Nämnder… and Enheter…: the organisation's lists, added to, renamed, removed.

A board is its short name (RS, the code the tables print) and its long name;
a unit a code and a name. Removing one that the structure, an export or a
merge uses is refused with the Document's sentence. Each change goes
through the Document (change log, Ctrl+Z); the list reads anew when the
Document says the lists changed. Lays out and collects only.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from . import messages
from .dialog_form import add_row, buttons, note, set_read_only


class CodeNameDialog(QDialog):
    """One entry of a list: its code and its name (the code fixed when `code_fixed`)."""

    def __init__(self, parent, title: str, code_label: str, *, code: str = "", name: str = "",
                 code_fixed: bool = False, on_accept: Callable[[str, str], bool]):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_accept = on_accept
        self.code = QLineEdit(code)
        set_read_only(self.code, code_fixed)
        self.name = QLineEdit(name)
        form = QFormLayout()
        add_row(form, code_label, self.code)
        add_row(form, "&Namn:", self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Spara", self._accept))
        (self.name if code_fixed else self.code).setFocus()
        self.resize(460, self.sizeHint().height())

    def _accept(self) -> None:
        if self._on_accept(self.code.text().strip(), self.name.text().strip()):
            self.accept()


class ListDialog(QDialog):
    """A list of (key, code, name) with Lägg till, Ändra and Ta bort."""

    title = ""
    list_label = ""
    code_label = ""
    change_label = "Ä&ndra…"
    code_fixed = False

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.title)
        self.entries = QListWidget()
        caption = QLabel(self.list_label)
        caption.setBuddy(self.entries)
        self.entries.setAccessibleName(self.list_label.replace("&", "").rstrip(":"))
        add, change, remove = (QPushButton("&Lägg till…"), QPushButton(self.change_label),
                               QPushButton("&Ta bort"))  # fmt: skip
        add.clicked.connect(self._add)
        change.clicked.connect(self._change)
        remove.clicked.connect(self._remove)
        self.entries.itemActivated.connect(lambda _item: self._change())
        row = QHBoxLayout()
        for button in (add, change, remove):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.entries, 1)
        layout.addLayout(row)
        layout.addWidget(note(self.explanation()))
        layout.addWidget(close)
        document.structureChanged.connect(self._fill)
        self._fill()
        self.resize(520, 420)

    def rows(self) -> list[tuple[str, str, str]]:
        raise NotImplementedError

    def explanation(self) -> str:
        raise NotImplementedError

    def _fill(self, _select: str = "") -> None:
        current = self.current()
        self.entries.clear()
        for key, code, name in self.rows():
            item = QListWidgetItem(f"{code} – {name}")
            item.setData(Qt.ItemDataRole.UserRole, (key, code, name))
            self.entries.addItem(item)
            if current and key == current[0]:
                self.entries.setCurrentItem(item)
        if self.entries.currentItem() is None and self.entries.count():
            self.entries.setCurrentRow(0)

    def current(self) -> tuple[str, str, str] | None:
        item = self.entries.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _add(self) -> None:
        CodeNameDialog(self, f"{self.title}: lägg till", self.code_label, on_accept=self.save_new).exec()

    def _change(self) -> None:
        chosen = self.current()
        if chosen is not None:
            key, code, name = chosen
            CodeNameDialog(self, f"{self.title}: ändra", self.code_label, code=code, name=name,
                           code_fixed=self.code_fixed, on_accept=lambda c, n: self.save(key, c, n)).exec()  # fmt: skip

    def _remove(self) -> None:
        chosen = self.current()
        if chosen is not None and messages.question(self, f"Ta bort {chosen[1]} – {chosen[2]}?", "Ta bort"):
            self.remove(chosen[0])


class BoardsDialog(ListDialog):
    title = "Nämnder"
    list_label = "&Nämnder:"
    code_label = "&Förkortning:"
    change_label = "&Byt namn…"
    code_fixed = True

    def explanation(self) -> str:
        return (
            "Förkortningen står i rapportens tabeller och kan inte ändras; en nämnd som strukturen använder "
            "kan inte tas bort."
        )

    def rows(self):
        return [(b.code, b.code, b.name) for b in self.document.boards()]

    def save_new(self, code: str, name: str) -> bool:
        if any(b.code.casefold() == code.casefold() for b in self.document.boards()):
            messages.error(self, f"Nämnden {code} finns redan.")
            return False
        return self.document.save_board(code, name)

    def save(self, key: str, _code: str, name: str) -> bool:
        return self.document.save_board(key, name)

    def remove(self, key: str) -> bool:
        return self.document.remove_board(key)


class UnitsDialog(ListDialog):
    title = "Enheter"
    list_label = "&Enheter:"
    code_label = "&Kod:"

    def explanation(self) -> str:
        items = self.document.model().item_level.plural.lower()
        return (f"En enhet fyller i sina {items} i en egen enhetsfil. En enhet som har {items}, utskickade "
                "eller inkomna filer kan inte tas bort.")  # fmt: skip

    def rows(self):
        return [(u.id, u.code, u.name) for u in self.document.units()]

    def save_new(self, code: str, name: str) -> bool:
        return self.document.save_unit(None, code, name) is not None

    def save(self, key: str, code: str, name: str) -> bool:
        return self.document.save_unit(key, code, name) is not None

    def remove(self, key: str) -> bool:
        return self.document.remove_unit(key)
