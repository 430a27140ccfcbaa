"""The tree widget: column widths, centred symbols, keeping expansion across reloads."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTreeView

from .tree_model import COLUMNS, FULFILMENT, MEASURE, NAME, NODE_ROLE, SYMBOL_COLUMNS, UNIT

WIDTHS = {NAME: 372, 1: 58, 2: 76, 3: 120, FULFILMENT: 104, 5: 80, 6: 72, UNIT: 52}


ROW_PADDING = 6  # pixels: room for the dots of Å, Ä, Ö and a calmer list


class RowDelegate(QStyledItemDelegate):
    """Rows with some air; symbol columns hold only an icon, centred as in the printed tables."""

    def initStyleOption(self, option, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() in SYMBOL_COLUMNS:
            option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
            option.decorationPosition = option.Position.Top
            option.displayAlignment = Qt.AlignmentFlag.AlignCenter

    def sizeHint(self, option, index: QModelIndex):
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), option.fontMetrics.height()) + ROW_PADDING)
        return size


class GoalTreeView(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName("Målträd")
        self.setItemDelegate(RowDelegate(self))

    def set_default_widths(self) -> None:
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in range(len(COLUMNS)):
            self.setColumnWidth(column, WIDTHS.get(column, 90))

    def collapsed_ids(self) -> set[str]:
        """Ids of the nodes the user has folded, to fold them again after a reload."""
        result = set()
        model = self.model()

        def walk(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if model.hasChildren(index):
                    if not self.isExpanded(index):
                        result.add(index.data(NODE_ROLE).id)
                    walk(index)

        walk(QModelIndex())
        return result

    def expand_branches(self, parent: QModelIndex | None = None) -> None:
        """Open every perspective, goal and factor under `parent`, so every measure shows.

        Unlike expandAll this never walks the measures themselves: at 10,000 measures
        that is most of half a second."""
        model, parent = self.model(), parent or QModelIndex()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            node = index.data(NODE_ROLE)
            if node.kind == MEASURE:
                return  # the rest of the row's siblings are measures too: nothing to open
            self.setExpanded(index, True)
            if node.item.children:  # a node holding measures has nothing more to open under it
                self.expand_branches(index)
