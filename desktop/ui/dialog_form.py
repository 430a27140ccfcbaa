"""What the controller's small dialogs share: labelled rows, a refusal banner, Swedish buttons.

A row's label carries its mnemonic and has the field as buddy, and the field
gets the label's words as its accessible name, so Alt+letter moves there and
a screen reader says what it is. Lays out only; never reads or writes a file.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

BANNER_STYLE = "background: #fff4d6; color: #5c4400; border: 1px solid #e8d08a; padding: 6px;"
NOTE_STYLE = "color: palette(mid);"


def spoken(label: str) -> str:
    """A label's words as a screen reader should say them: no mnemonic mark, no colon."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ").strip()


def add_row(form: QFormLayout, label: str, field: QWidget, *, name: str | None = None) -> QLabel:
    """A labelled row: '&Namn:' with the field as buddy and 'Namn' as the field's accessible name."""
    caption = QLabel(label)
    caption.setBuddy(field)
    field.setAccessibleName(name or spoken(label))
    form.addRow(caption, field)
    return caption


def set_read_only(widget, read_only: bool) -> None:
    """Read-only text that looks it (the window's colour behind it) and stays selectable."""
    widget.setReadOnly(read_only)
    palette = QApplication.palette(widget)
    if read_only:
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    widget.setPalette(palette)


def banner(text: str = "") -> QLabel:
    """The read-only notice a dialog shows above its fields (hidden while empty)."""
    label = QLabel(text, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
    label.setStyleSheet(BANNER_STYLE)
    label.setVisible(bool(text))
    return label


def note(text: str = "") -> QLabel:
    """A quiet explanatory line under the fields."""
    label = QLabel(text, wordWrap=True, textFormat=Qt.TextFormat.PlainText)
    label.setStyleSheet(NOTE_STYLE)
    return label


def buttons(dialog: QDialog, accept_text: str, on_accept) -> QDialogButtonBox:
    """Accept (named after what it does, the default button) and Avbryt."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(accept_text)
    ok.setDefault(True)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
    box.accepted.connect(on_accept)
    box.rejected.connect(dialog.reject)
    return box
