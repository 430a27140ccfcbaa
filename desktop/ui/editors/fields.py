"""Input widgets the editors share: debounced text, a scale chooser, the read-only look.

Typing is saved after a short pause (and at once when focus leaves, the
selection changes or the window closes: `flush`), so an edit is never lost
and the file sees one transaction per pause, not per keystroke. A field that
may not be changed looks it (the window's background, not a field's) and
says why when someone types into it, instead of ignoring the keys in silence.
"""

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QToolTip, QWidget

from db.model import ScaleValue

from .. import texts
from ..symbol_icons import symbol_icon

DEBOUNCE_MS = 600
NO_VALUE = texts.NO_VALUE


class DebouncedText(QObject):
    """Watches a QLineEdit or QPlainTextEdit and emits `committed(text)` after typing pauses."""

    committed = Signal(str)

    def __init__(self, widget: QLineEdit | QPlainTextEdit):
        super().__init__(widget)
        self.widget = widget
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._commit)
        widget.textChanged.connect(self._timer.start)
        widget.installEventFilter(self)

    def text(self) -> str:
        w = self.widget
        return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()

    def set_text(self, text: str) -> None:
        """Show a stored value without treating it as typing; keeps the cursor if unchanged.
        Typing still waiting for its pause is newer than anything stored: it stays, and is saved
        (an undo of another field, or another field's save, must never wipe it)."""
        if self.pending() or text == self.text():
            return
        self.widget.blockSignals(True)
        if isinstance(self.widget, QPlainTextEdit):
            self.widget.setPlainText(text)
        else:
            self.widget.setText(text)
            self.widget.setCursorPosition(0)  # a long value shows its beginning
        self.widget.blockSignals(False)

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Save now what is still waiting for the pause."""
        if self._timer.isActive():
            self._timer.stop()
            self._commit()

    def _commit(self) -> None:
        self.committed.emit(self.text())

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


class ScaleCombo(QComboBox):
    """Choose a value of a scale (with its symbol), or none; `chosen(code | None)` on a user's choice."""

    chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.activated.connect(lambda i: self.chosen.emit(self.itemData(i)))

    def set_values(self, values: list[ScaleValue], none_label: str = NO_VALUE) -> None:
        self.clear()
        self.addItem(none_label, None)
        for value in values:
            self.addItem(symbol_icon(value.symbol, value.colour), value.label, value.code)

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code is not None else 0
        self.setCurrentIndex(max(index, 0))

    def code(self) -> str | None:
        return self.currentData()


def set_editable(widgets, editable: bool, reason: str = "") -> None:
    """Text that may not be changed stays selectable and copyable, on the window's background
    with the reason as tooltip and for screen readers; choices are greyed."""
    for widget in widgets:
        if hasattr(widget, "setReadOnly"):
            widget.setReadOnly(not editable)
            widget.setPalette(QPalette() if editable else _read_only_palette())
            _ReadOnlyNotice.watch(widget)
        else:
            widget.setEnabled(editable)
        widget.setProperty("refusal", "" if editable else reason)
        widget.setToolTip("" if editable else reason)
        widget.setAccessibleDescription("" if editable else texts.read_only(reason))


def _read_only_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QApplication.palette().color(QPalette.ColorRole.Window))
    return palette


class _ReadOnlyNotice(QObject):
    """Typing into a read-only field shows why it cannot be changed, beside the field."""

    @classmethod
    def watch(cls, widget: QWidget) -> None:
        if widget.findChild(cls) is None:
            widget.installEventFilter(cls(widget))

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.Type.KeyPress and watched.isReadOnly() and event.text().isprintable()
                and event.text() and watched.property("refusal")):  # fmt: skip
            QToolTip.showText(watched.mapToGlobal(QPoint(0, watched.height())), watched.property("refusal"), watched)
        return False
