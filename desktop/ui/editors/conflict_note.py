"""A merge conflict shown under the field it concerns, with the two ways to settle it there.

The field shows central's value (which the controller may edit first);
"Behåll värdet i fältet" keeps what the field holds, "Ta enhetens värde"
takes what the unit sent. Both go through `Document.resolve_conflict` (logged
in `db.conflicts`); nothing is resolved without a click. Never shown in a
unit file: conflicts live in the central file only.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from db.conflicts import KEEP_CENTRAL, TAKE_INCOMING, value_text
from db.model import Conflict, OrgModel
from db.vocabulary import FIELDS

from .. import texts


class ConflictNote(QFrame):
    resolve = Signal(int, str)  # conflict id, choice

    def __init__(self, parent=None):
        super().__init__(parent)
        self.conflict: Conflict | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.keep = QPushButton(texts.KEEP_FIELD_VALUE)
        self.take = QPushButton(texts.TAKE_UNIT_VALUE)
        self.keep.clicked.connect(lambda: self.resolve.emit(self.conflict.id, KEEP_CENTRAL))
        self.take.clicked.connect(lambda: self.resolve.emit(self.conflict.id, TAKE_INCOMING))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.keep)
        buttons.addWidget(self.take)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def show_conflict(self, conflict: Conflict | None, model: OrgModel, kind: str) -> None:
        self.conflict = conflict
        if conflict is not None:
            incoming = value_text(model, kind, conflict.field, conflict.incoming_value)
            central = value_text(model, kind, conflict.field, conflict.central_value)
            self.text.setText(texts.conflict_note(incoming, central, conflict.source_file))
            label = FIELDS[conflict.field].label
            self.keep.setAccessibleName(f"{label}: {texts.KEEP_FIELD_VALUE}")
            self.take.setAccessibleName(f"{label}: {texts.TAKE_UNIT_VALUE}")
        self.setVisible(conflict is not None)

    def buttons(self) -> list[QPushButton]:
        return [self.keep, self.take]
