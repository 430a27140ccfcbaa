"""What every editor panel has: a heading, a read-only banner, a form, "senast ändrad".

A panel shows one node; `show_node` loads it, `flush` saves typing that is
still waiting. Every field is added with `add_field`: a label with its own
Alt key whose buddy is the field itself (never a container), and the label's
words as the field's accessible name. `focus_chain` is the fields top to
bottom, for the window's Tab order; `first_field` is where Ctrl+2 lands.
Panels write only through the `Document`.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from db.new_file import ORIGIN_TEMPLATE

from .. import texts
from .fields import DebouncedText, set_editable

__all__ = ["EditorPanel", "set_editable"]


class EditorPanel(QScrollArea):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus, not the scrolling frame
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the form wraps instead
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        self.kind_label = QLabel()
        self.kind_label.setObjectName("kind")
        self.kind_label.setStyleSheet("color: palette(mid); font-size: 11px;")
        self.title = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.banner = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.banner.setStyleSheet("background: #fff4d6; color: #5c4400; border: 1px solid #e8d08a; padding: 6px;")
        self.banner.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.changed = QLabel(textFormat=Qt.TextFormat.PlainText)
        self.changed.setStyleSheet("color: palette(mid);")
        for widget in (self.kind_label, self.title, self.subtitle, self.banner):
            self.layout_.addWidget(widget)
        self.layout_.addSpacing(6)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.changed)
        self.layout_.addStretch(1)
        self.texts: list[DebouncedText] = []
        self.fields: list[QWidget] = []  # in the order they are shown, top to bottom

    def add_field(self, label: str, field: QWidget, accessible_name: str) -> QLabel:
        """A row of the form: the label (with its Alt key) and the field it focuses."""
        caption = QLabel(label, buddy=field)
        field.setAccessibleName(accessible_name)
        self.form.addRow(caption, field)
        self.fields.append(field)
        return caption

    def add_note(self, widget: QWidget) -> None:
        """A row under the previous field, without a label of its own (hints, suggestions, warnings)."""
        self.form.addRow(QLabel(), widget)

    def text_field(self, widget, on_commit) -> DebouncedText:
        debounced = DebouncedText(widget)
        debounced.committed.connect(on_commit)
        self.texts.append(debounced)
        return debounced

    def focus_chain(self) -> list[QWidget]:
        """The focusable widgets top to bottom; hidden ones are skipped by Qt itself."""
        return list(self.fields)

    def first_field(self) -> QWidget | None:
        """The first field that can be filled in; else the first shown (to read it)."""
        shown = [w for w in self.focus_chain() if w.isVisibleTo(self) and w.isEnabled()]
        editable = [w for w in shown if not (hasattr(w, "isReadOnly") and w.isReadOnly())]
        return (editable or shown or [None])[0]

    def flush(self) -> None:
        for text in self.texts:
            text.flush()

    def set_refusal(self, refusal: str | None) -> None:
        self.banner.setText(texts.refused(refusal) if refusal else "")
        self.banner.setVisible(bool(refusal))

    def set_changed(self, by: str, at: str) -> None:
        self.changed.setText(texts.changed_line(by, at, from_template=by == ORIGIN_TEMPLATE))
