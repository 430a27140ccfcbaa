"""The open merge conflicts, and the controller's choice for each: central, incoming or a new value.

Each choice is one call to `db.conflicts.resolve_conflict` (logged there);
this dialog only lists, asks and shows. Never resolve without a person's click.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from db.conflicts import KEEP_CENTRAL, NEW_VALUE, TAKE_INCOMING, value_text
from db.model import Conflict
from db.vocabulary import FIELDS, STATUS_LABELS, Assessed, Status

from . import texts

VALUE_WIDTH = 24  # average characters of a value cell


class ConflictDialog(QDialog):
    resolved = Signal(int)  # the conflict's id, after it was resolved

    def __init__(self, parent, document):
        super().__init__(parent)
        self.setWindowTitle(texts.CONFLICTS_TITLE)
        self.resize(1000, 560)
        self.document = document
        self.conflicts: list[Conflict] = []
        # The first column is headed with the file's word for what is measured.
        self.columns = (document.model().item_level.singular, *texts.CONFLICT_COLUMNS)
        self.table = QTableWidget(0, len(self.columns), accessibleName=texts.CONFLICT_TABLE_NAME)
        self.table.setHorizontalHeaderLabels(self.columns)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the measure's name takes the rest
        self.details = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(texts.NO_CONFLICTS)

        self.keep_central = QPushButton(texts.KEEP_CENTRAL)
        self.keep_central.clicked.connect(lambda: self.resolve(KEEP_CENTRAL))
        self.take_incoming = QPushButton(texts.TAKE_INCOMING)
        self.take_incoming.clicked.connect(lambda: self.resolve(TAKE_INCOMING))
        self.new_text = QPlainTextEdit(tabChangesFocus=True, accessibleName=texts.NEW_VALUE_NAME)
        self.new_text.setPlaceholderText(texts.NEW_VALUE_PLACEHOLDER)
        self.new_text.setMaximumHeight(90)
        self.new_choice = QComboBox(accessibleName=texts.NEW_VALUE_NAME)
        self.new_value = QStackedWidget()
        self.new_value.addWidget(self.new_text)
        self.new_value.addWidget(self.new_choice)
        self.write_new = QPushButton(texts.WRITE_NEW)
        self.write_new.clicked.connect(lambda: self.resolve(NEW_VALUE, self.typed_value()))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        choices = QHBoxLayout()
        choices.addWidget(self.keep_central)
        choices.addWidget(self.take_incoming)
        choices.addStretch(1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_value, 1)
        new_row.addWidget(self.write_new, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(choices)
        layout.addLayout(new_row)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.conflicts = self.document.open_conflicts(all_periods=True)
        units = {u.id: u.name for u in self.document.units()}
        model = self.document.model()
        self.table.setRowCount(len(self.conflicts))
        for row, c in enumerate(self.conflicts):
            measure = self.document.measure_in(c.measure_id, c.period_code)
            cells = (
                measure.name, FIELDS[c.field].label,
                *(value_text(model, measure.kind, c.field, v) for v in (c.base_value, c.central_value, c.incoming_value)),
                c.source_file, units.get(c.unit_id, ""),
            )  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text.replace("\n", " ")[:200])
                item.setToolTip(text[:2000])
                self.table.setItem(row, column, item)
        self._fit_columns()
        self.empty.setVisible(not self.conflicts)
        self.table.setVisible(bool(self.conflicts))
        if self.conflicts:
            self.table.selectRow(0)
        self._selection_changed()

    def _fit_columns(self) -> None:
        """Each column as wide as its header and content, values at most VALUE_WIDTH characters
        (elided; the whole value is in the tooltip and in the details under the table)."""
        cap = self.fontMetrics().averageCharWidth() * VALUE_WIDTH
        header = self.table.horizontalHeader()
        for column in range(1, len(self.columns)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, max(min(self.table.columnWidth(column), cap),
                                                  header.sectionSizeHint(column)))  # fmt: skip

    def selected(self) -> Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def typed_value(self) -> str | None:
        if self.new_value.currentWidget() is self.new_choice:
            return self.new_choice.currentData()
        return self.new_text.toPlainText()

    def resolve(self, choice: str, value: str | None = None) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        if not self.document.resolve_conflict(conflict.id, choice, value):
            return  # the Document said why (its `refused` signal reaches the window's message box)
        self.new_text.clear()
        self.reload()
        self.resolved.emit(conflict.id)

    def _selection_changed(self) -> None:
        conflict = self.selected()
        for button in (self.keep_central, self.take_incoming, self.write_new):
            button.setEnabled(conflict is not None)
        self.details.setVisible(conflict is not None)
        if conflict is None:
            return
        row = self.conflicts.index(conflict)
        self.details.setText(texts.conflict_details(*(self.table.item(row, c).toolTip() for c in range(6))))
        if FIELDS[conflict.field].assessed is not None:
            self._fill_choices(conflict)
            self.new_value.setCurrentWidget(self.new_choice)
        else:
            self.new_value.setCurrentWidget(self.new_text)

    def _fill_choices(self, conflict: Conflict) -> None:
        self.new_choice.clear()
        if FIELDS[conflict.field].assessed is Assessed.STATUS:
            for status in Status:
                self.new_choice.addItem(STATUS_LABELS[status], status.value)
            return
        kind = self.document.measure_in(conflict.measure_id, conflict.period_code).kind
        scale = self.document.model().assessed_scale(conflict.field, kind)
        self.new_choice.addItem(texts.NO_ASSESSMENT, None)
        for value in scale.values if scale else []:
            self.new_choice.addItem(value.label, value.code)
