"""The officer's own workspace in a unit file: whose file it is, for which period, by when and to
whom it goes back, how far along it is, and — when it is done — how to send it.

The banner heads the window of a unit file only. What it says about the
deadline and the recipient is what the controller wrote at export; the file
is someone else's, so it is shown as plain text, never as markup, and only
an address that looks like one is offered as a mail draft. "Klar att
skicka" shows what is not ready yet, the file's full path, *Visa filen i
mappen*, and a mailto: draft (subject and recipient; a draft cannot carry
the file, so the text says to attach it). Hand-overs go through
`messages.open_url`. Reads through the Document; never writes.
"""

import re

from PySide6.QtCore import Qt, QUrl, QUrlQuery
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from db.vocabulary import STATUS_LABELS, Status

from . import messages, texts

MAIL_ADDRESS = re.compile(r"^[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]{1,190}\.[A-Za-z]{2,}$")


class UnitBanner(QFrame):
    """The heading of a unit file's window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.document = None
        self.measures: list = []  # the unit's own, as last shown
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.heading = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.details = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ready = QLabel(textFormat=Qt.TextFormat.PlainText, wordWrap=True)
        self.send_button = QPushButton(texts.READY_BUTTON)
        self.send_button.clicked.connect(self.show_send_dialog)
        text = QVBoxLayout()
        text.setSpacing(2)
        for label in (self.heading, self.details, self.ready):
            text.addWidget(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(text, 1)
        layout.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_document(self, document) -> None:
        """Show the banner for a unit file, hide it for any other."""
        self.document = document
        unit = document.own_unit if document is not None and document.is_unit_file else None
        self.setVisible(unit is not None)
        if unit is None:
            return
        self.heading.setText(texts.unit_heading(unit.name, document.period))
        self.details.setText(texts.unit_details(document.deadline, document.return_to, document.exported_by))
        self.setAccessibleName(self.heading.text())

    def show_progress(self, measures: list) -> None:
        """The unit's own measures, as they now stand."""
        if self.document is None:
            return
        ready = sum(m.entry.status == Status.READY for m in measures)
        self.ready.setText(texts.unit_ready(ready, len(measures), self.document.model()))
        self.send_button.setDefault(bool(measures) and ready == len(measures))
        self.measures = measures

    def show_send_dialog(self) -> None:
        if self.document is not None:
            SendDialog(self.window(), self.document, self.measures).exec()


class SendDialog(QDialog):
    """Klar att skicka: what is not ready, where the file is, and the ways to send it."""

    def __init__(self, parent, document, measures: list):
        super().__init__(parent)
        self.setWindowTitle(texts.SEND_TITLE)
        self.document, self.measures = document, measures
        model = document.model()
        not_ready = [m for m in measures if m.entry.status != Status.READY]
        ready = len(measures) - len(not_ready)
        self.summary = QLabel(texts.send_summary(ready, len(measures), model), wordWrap=True)
        self.pending = QPlainTextEdit(readOnly=True, accessibleName=texts.plain(texts.SEND_TITLE))
        self.pending.setPlainText("\n".join(texts.not_ready_line(m.name, STATUS_LABELS.get(m.entry.status, ""))
                                            for m in not_ready))  # fmt: skip
        self.pending.setVisible(bool(not_ready))
        self.instructions = QLabel(
            texts.send_instructions(document.path, document.deadline, document.return_to, document.exported_by),
            wordWrap=True, textFormat=Qt.TextFormat.PlainText,
        )  # fmt: skip
        self.instructions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.show_folder = buttons.addButton(texts.SHOW_IN_FOLDER, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder.clicked.connect(self.open_folder)
        self.write_mail = buttons.addButton(texts.WRITE_MAIL, QDialogButtonBox.ButtonRole.ActionRole)
        self.write_mail.clicked.connect(self.compose_mail)
        self.write_mail.setVisible(mail_address(document.return_to) is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pending, 1)
        layout.addWidget(self.instructions)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())

    def open_folder(self) -> None:
        folder = self.document.path.parent
        if not messages.open_url(QUrl.fromLocalFile(str(folder))):
            messages.error(self, texts.no_file_browser(folder))

    def compose_mail(self) -> None:
        url = mail_draft(self.document, self.measures)
        if url is None or not messages.open_url(url):
            messages.error(self, texts.no_mail_client(self.document.path, self.document.return_to))


def mail_address(text: str) -> str | None:
    """The text if it looks like one e-mail address (nothing else is put into a mailto:)."""
    text = text.strip()
    return text if MAIL_ADDRESS.match(text) else None


def mail_draft(document, measures: list) -> QUrl | None:
    """mailto: the recipient, with a subject and a body naming the file to attach."""
    address = mail_address(document.return_to)
    if address is None:
        return None
    unit, period = document.own_unit.name, document.period
    ready = sum(m.entry.status == Status.READY for m in measures)
    query = QUrlQuery()
    query.addQueryItem("subject", _encoded(texts.mail_subject(unit, period)))
    query.addQueryItem("body", _encoded(texts.mail_body(unit, period, ready, len(measures), document.model(),
                                                        document.path)))  # fmt: skip
    url = QUrl(f"mailto:{address}")
    url.setQuery(query)
    return url


def _encoded(text: str) -> str:
    """For a mailto: query: QUrlQuery encodes '&' and '=' itself, but leaves '+', which some mail
    programs read as a space."""
    return text.replace("+", "%2B")
