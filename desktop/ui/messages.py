"""Every message box, file chooser and hand-over to another program goes through here.

One place so that tests can replace `present`, the choosers and `open_url`,
and no modal dialog or mail program ever hangs a headless test. Texts are
Swedish; never pass a traceback to these functions.
"""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from . import texts


def present(box: QMessageBox) -> QMessageBox.StandardButton:
    """Show a prepared box modally and return the button pressed. Tests replace this."""
    return QMessageBox.StandardButton(box.exec())


def _box(parent: QWidget | None, icon, title: str, text: str, buttons, default=None) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(box.textFormat().PlainText)  # user text with < and & stays text
    if default is not None:
        box.setDefaultButton(default)
    return box


def error(parent: QWidget | None, text: str, title: str = texts.APP_NAME) -> None:
    present(_box(parent, QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok))


def information(parent: QWidget | None, text: str, title: str = texts.APP_NAME) -> None:
    present(_box(parent, QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok))


def question(parent: QWidget | None, text: str, yes: str, no: str = texts.CANCEL, title: str = texts.APP_NAME) -> bool:
    """A yes/no question with the buttons named after what they do."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    box = _box(parent, QMessageBox.Icon.Question, title, text, buttons, QMessageBox.StandardButton.Yes)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    return present(box) == QMessageBox.StandardButton.Yes


def choose_open_file(parent: QWidget | None, title: str, folder: str, pattern: str) -> str:
    """A path the user chose, or '' when cancelled. Tests replace this."""
    return QFileDialog.getOpenFileName(parent, title, folder, pattern)[0]


def choose_save_file(parent: QWidget | None, title: str, suggestion: str, pattern: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggestion, pattern)[0]


def open_url(url: QUrl) -> bool:
    """Hand a folder, a file or a mailto: draft to the desktop; False when nothing took it.
    Tests replace this."""
    return QDesktopServices.openUrl(url)
