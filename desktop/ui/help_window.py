"""Hjälp: the handbook, the legend of symbols, and Om Styrkort with the version.

The handbook is a Swedish guide in `resurser/handbok.md`, written once for
any organisation: its placeholders ({items}, {levels}, …) are filled with the
open file's own words (`texts.handbook_words`). The legend shows the open
file's scales with the symbols the tree and the report draw, and the tree's
own marks. Reads only.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.identity import name_and_version
from desktop.paths import resource_path

from . import messages, texts
from .symbol_icons import conflict_icon, symbol_icon

HANDBOOK = "handbok.md"
ICON_SIZE = 18


def handbook_text(model) -> str:
    """The handbook as Markdown, in the file's words; '' when it is missing from the installation."""
    try:
        text = resource_path(HANDBOOK).read_text(encoding="utf-8")
    except OSError:
        return ""
    return text.format_map(texts.handbook_words(model))


class HandbookWindow(QDialog):
    """The handbook in a window of its own, beside the work (not modal)."""

    def __init__(self, parent, model):
        super().__init__(parent)
        self.setWindowTitle(texts.HANDBOOK_TITLE)
        self.browser = QTextBrowser(accessibleName=texts.HANDBOOK_TITLE, openExternalLinks=True)
        self.browser.setMarkdown(handbook_text(model) or texts.HANDBOOK_MISSING)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)


class LegendDialog(QDialog):
    """Each of the file's scales with its values' symbols and labels, and the tree's own marks."""

    def __init__(self, parent, model):
        super().__init__(parent)
        self.setWindowTitle(texts.LEGEND_TITLE)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 1)
        row = 0

        def heading(text: str) -> None:
            nonlocal row
            label = QLabel(text, textFormat=Qt.TextFormat.PlainText)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            grid.addWidget(label, row, 0, 1, 2)
            row += 1

        def line(icon, text: str) -> None:
            nonlocal row
            if icon is not None:
                grid.addWidget(QLabel(pixmap=icon.pixmap(ICON_SIZE, ICON_SIZE)), row, 0)
            grid.addWidget(QLabel(text, textFormat=Qt.TextFormat.PlainText, wordWrap=True), row, 1)
            row += 1

        for scale in model.scales if model is not None else []:
            heading(scale.name)
            for value in scale.values:
                line(symbol_icon(value.symbol, value.colour), value.label)
        if model is None:
            line(None, texts.LEGEND_NO_FILE)
        heading(texts.LEGEND_TREE)
        line(conflict_icon(), texts.LEGEND_CONFLICT)
        line(None, texts.LEGEND_OTHER_UNIT)
        grid.setRowStretch(row, 1)
        scroll = QScrollArea(widgetResizable=True, accessibleName=texts.LEGEND_TITLE)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(max(body.sizeHint().width() + 40, 420), min(body.sizeHint().height() + 80, 640))


def show_about(parent) -> None:
    messages.information(parent, texts.about(name_and_version()), texts.ABOUT_TITLE)
