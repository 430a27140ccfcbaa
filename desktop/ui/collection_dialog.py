"""Where the collection stands, per unit: klar / utkast / ej påbörjad, returned files, open conflicts.

Shows `db.collection.collection_status`; reads only, never writes.
"""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from db.vocabulary import Status

from . import texts

COLUMNS = texts.COLLECTION_COLUMNS


class CollectionDialog(QDialog):
    def __init__(self, parent, document):
        super().__init__(parent)
        self.document, self.period = document, document.period
        self.setWindowTitle(texts.collection_title(self.period))
        self.resize(980, 460)
        self.summary = QLabel(wordWrap=True)
        self.table = QTableWidget(0, len(COLUMNS), accessibleName=texts.COLLECTION_TABLE_NAME)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        refresh = buttons.addButton(texts.REFRESH, QDialogButtonBox.ButtonRole.ActionRole)
        refresh.clicked.connect(self.reload)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        lines = self.document.collection_status()
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            files = ", ".join(f.source_file for f in line.returned) or texts.NOTHING_RETURNED
            cells = (
                line.unit.name, line.counts[Status.READY], line.counts[Status.DRAFT], line.counts[Status.NOT_STARTED],
                files, _when(line.last_returned), line.open_conflicts,
            )  # fmt: skip
            for column, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        ready = sum(line.counts[Status.READY] for line in lines)
        total = sum(line.total for line in lines)
        returned = sum(1 for line in lines if line.returned)
        self.summary.setText(texts.collection_summary(ready, total, returned, len(lines), self.document.model()))

    def cell(self, row: int, column: str) -> str:
        return self.table.item(row, COLUMNS.index(column)).text()


def _when(iso: str) -> str:
    """A stored UTC time as local time: '2022-09-14 10:03'."""
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M") if iso else ""
