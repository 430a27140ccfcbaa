"""Shared by the GUI tests of the yearly cycle: modal dialogs driven as a user would, a file
without the example's later periods, and the tree compared with the file.

Imported by tests/test_ui_*.py (`from cycle_ui_support import …`).
"""

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QDialogButtonBox, QLabel, QWidget

from db.goalfile import GoalFile
from db.model import all_measures
from desktop.ui.tree_model import NODE_ROLE


class DialogDriver:
    """Stands in for `exec` of the dialog classes given to `answer`: each time one opens, the next
    queued handler acts on it (fills fields, presses a button) and `exec` returns its result."""

    def __init__(self, monkeypatch):
        self._monkeypatch = monkeypatch
        self._handlers: dict[type, list] = {}
        self.opened: list = []

    def answer(self, dialog_class: type, handler) -> None:
        self._handlers.setdefault(dialog_class, []).append(handler)
        self._monkeypatch.setattr(dialog_class, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog) -> int:
        self.opened.append(dialog)
        handlers = self._handlers.get(type(dialog))
        assert handlers, f"{type(dialog).__name__} opened without a handler"
        handlers.pop(0)(dialog)
        return dialog.result()

    def done(self) -> bool:
        return not any(self._handlers.values())


@pytest.fixture
def dialogs(monkeypatch):
    driver = DialogDriver(monkeypatch)
    yield driver
    assert driver.done(), "a queued dialog never opened"


def press_ok(dialog) -> None:
    """The dialog's accepting button (Spara, Starta perioden, …), as a click."""
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture
def cycle_path(tmp_path, example_template):
    """The example as it stands in August 2022: T1 and delår, no later period yet."""
    from db.new_file import create_from_template

    template = dict(example_template, periods=[p for p in example_template["periods"] if p["kind"] != "helar"])
    path = tmp_path / "central.sqlite"
    create_from_template(path, template, user="controller").close()
    return path


def tree_shape(window) -> list:
    """The tree the window shows: (id, name, children) from the item model."""
    model = window.model

    def visit(parent: QModelIndex) -> list:
        shape = []
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            node = index.data(NODE_ROLE)
            shape.append((node.id, node.item.name, visit(index)))
        return shape

    return visit(QModelIndex())


def file_shape(path, year: int) -> list:
    """The plan year's structure as a fresh connection reads it from the file."""
    with GoalFile.open(path, readonly=True) as gf:
        roots = gf.structure(year)

    def visit(node) -> tuple:
        return node.id, node.name, [visit(c) for c in node.children] + [(m.id, m.name, []) for m in node.measures]

    return [visit(root) for root in roots]


def assert_tree_is_file(window, path) -> None:
    assert tree_shape(window) == file_shape(path, window.document.period.year)


def measure_named(path, start: str, period: str | None = None):
    with GoalFile.open(path, readonly=True) as gf:
        return next(m for m in all_measures(gf.tree(period)) if m.name.startswith(start))


MNEMONIC = re.compile(r"&(?!&)(\w)")


def assert_keyboard_ready(window: QWidget) -> None:
    """Every label with a mnemonic has a buddy, no two mnemonics in the window share a letter,
    and every widget that takes focus has a name a screen reader can say."""
    letters = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
        found = MNEMONIC.search(text or "")
        if found:
            letters.append(found[1].casefold())
            if isinstance(widget, QLabel):
                assert widget.buddy() is not None, f"{text!r} has no buddy"
        inner = isinstance(widget.parent(), QAbstractSpinBox)  # a spin box's own line edit
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not inner and not isinstance(widget, QLabel):
            spoken = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert spoken, f"{type(widget).__name__} takes focus but has no accessible name"
    assert len(letters) == len(set(letters)), f"mnemonics shared in {window.windowTitle()!r}: {sorted(letters)}"
