"""The tree widget: columns sized to their content, centred symbols, keeping expansion across reloads."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QTreeView

from . import texts
from .tree_model import BOARD, COLUMNS, MEASURE, NAME, NODE_ROLE, OUTCOME, SYMBOL_COLUMNS, TARGET

# A target or an outcome may be a sentence: its column grows to its content up to this many
# average characters, the rest is elided with the whole text in the tooltip.
TEXT_COLUMN_CHARACTERS = 18
# The names keep at least this share of the width; on a narrow screen the target, outcome and
# board columns give way first (never below their headers' width).
NAME_SHARE = 0.36
YIELDING = (TARGET, OUTCOME, BOARD)

ROW_PADDING = 6  # pixels: room for the dots of Å, Ä, Ö and a calmer list


class RowDelegate(QStyledItemDelegate):
    """Rows with some air."""

    def sizeHint(self, option, index: QModelIndex):
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), option.fontMetrics.height()) + ROW_PADDING)
        return size


class SymbolDelegate(RowDelegate):
    """A symbol column holds only an icon, centred as in the printed tables. A delegate of its own,
    so that painting the other columns never calls into Python for their style."""

    def initStyleOption(self, option, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
        option.decorationPosition = option.Position.Top
        option.displayAlignment = Qt.AlignmentFlag.AlignCenter


class GoalTreeView(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAllColumnsShowFocus(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAccessibleName(texts.TREE_NAME)
        self.setItemDelegate(RowDelegate(self))
        for column in SYMBOL_COLUMNS:
            self.setItemDelegateForColumn(column, SymbolDelegate(self))
        self._natural: dict[int, int] = {}  # column → width its header and content ask for

    def set_default_widths(self) -> None:
        """The names take what the other columns leave; those can still be dragged wider."""
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)

    def fit_columns(self, model) -> None:
        """Every column but the names as wide as its header and content (after a load); the names
        take the rest. Measured from the texts themselves: asking Qt to lay out each row of a
        large tree (resizeColumnToContents) costs a second."""
        plain_font = self.font()
        bold_font = QFont(plain_font)
        bold_font.setBold(True)
        plain, bold = QFontMetrics(plain_font), QFontMetrics(bold_font)
        cap = plain.averageCharWidth() * TEXT_COLUMN_CHARACTERS
        padding = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + 8
        self._natural = {}
        texts = model.column_texts(TEXT_COLUMN_CHARACTERS + 2)
        for column in range(1, len(COLUMNS)):
            bold_texts, plain_texts = texts.get(column, ((), ()))
            enough = cap - padding if column in (TARGET, OUTCOME) else None
            width = max(_widest(bold, bold_texts, enough), _widest(plain, plain_texts, enough)) + padding
            self._natural[column] = min(width, cap) if enough is not None else width
        self._share_width()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._share_width()

    def _share_width(self) -> None:
        """Leave the names their share: narrow the yielding columns, evenly, as far as needed."""
        if not self._natural:
            return
        header = self.header()
        widths = {column: max(width, header.sectionSizeHint(column)) for column, width in self._natural.items()}
        excess = sum(widths.values()) - self.viewport().width() * (1 - NAME_SHARE)
        for _ in range(len(YIELDING)):
            room = {c: widths[c] - header.sectionSizeHint(c) for c in YIELDING if widths[c] > header.sectionSizeHint(c)}
            if excess <= 0 or not room:
                break
            share = excess / len(room)
            for column, spare in room.items():
                cut = int(min(spare, share + 1))
                widths[column] -= cut
                excess -= cut
        for column, width in widths.items():
            self.setColumnWidth(column, width)

    def collapsed_ids(self) -> set[str]:
        """Ids of the nodes the user has folded, to fold them again after a reload. Measures hold
        nothing to fold and come after a node's nodes: a branch is left at its first measure."""
        result = set()
        model = self.model()

        def walk(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                node = index.data(NODE_ROLE)
                if node.kind == MEASURE:
                    return
                if model.hasChildren(index):
                    if not self.isExpanded(index):
                        result.add(node.id)
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


def _widest(metrics: QFontMetrics, texts, enough: int | None) -> int:
    """The width of the widest text. With `enough`, longest first and no further once one is that
    wide: a column of 10,000 outcomes is capped after a handful, not measured text by text."""
    widest = 0
    for text in sorted(texts, key=len, reverse=True) if enough is not None else texts:
        widest = max(widest, metrics.horizontalAdvance(text))
        if enough is not None and widest >= enough:
            break
    return widest
