"""What every editor panel has: a heading, a read-only banner, a form, "senast ändrad".

A panel shows one node; `show_node` loads it, `flush` saves typing that is
still waiting. Panels write only through the `Document`.
"""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from .fields import DebouncedText


class EditorPanel(QScrollArea):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
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

    def text_field(self, widget, on_commit) -> DebouncedText:
        debounced = DebouncedText(widget)
        debounced.committed.connect(on_commit)
        self.texts.append(debounced)
        return debounced

    def flush(self) -> None:
        for text in self.texts:
            text.flush()

    def set_refusal(self, refusal: str | None) -> None:
        self.banner.setText(f"Kan inte ändras: {refusal}" if refusal else "")
        self.banner.setVisible(bool(refusal))

    def set_changed(self, by: str, at: str) -> None:
        self.changed.setText(f"Senast ändrad av {by} den {local_time(at)}" if by and at else "Inte ändrad ännu")


def local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def set_editable(widgets, editable: bool) -> None:
    """Text stays selectable and copyable when read-only; choices are greyed."""
    for widget in widgets:
        if hasattr(widget, "setReadOnly"):
            widget.setReadOnly(not editable)
        else:
            widget.setEnabled(editable)
