"""The goal tree as a Qt item model: the organisation's levels, then the measures.

A thin view over the plain objects `Document.tree()` returns, which it owns:
an edit reaches it as a fresh object by `update_*`, never by an editor
changing an object it shares. It never writes to the file and never filters
(that is `filter_proxy`'s job).
"""

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from db.model import Assessment, Entry, Measure, OrgModel, Scales, Unit
from db.model import Node as Item
from db.vocabulary import FIELDS, STATUS_LABELS

from . import texts
from .symbol_icons import conflict_icon, symbol_icon

NODE, MEASURE = "node", "measure"  # a node on one of the organisation's levels, or a measured item
COLUMNS = texts.COLUMN_HEADERS  # the first, the names, is headed in the file's words (`tree_header`)
NAME, BOARD, TARGET, OUTCOME, FULFILMENT, TREND_COLUMN, STATUS, UNIT = range(len(COLUMNS))
COLUMN_COUNT = len(COLUMNS)
SYMBOL_COLUMNS = (FULFILMENT, TREND_COLUMN)
NODE_ROLE = Qt.ItemDataRole.UserRole + 1
ROOT = QModelIndex()
DISPLAY_LIMIT = 120  # characters of free text shown in a cell; the tooltip has it all
# Asked for every row each time the view lays itself out: made once (an enum `|` costs microseconds).
ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(eq=False)
class Node:
    kind: str  # NODE or MEASURE
    item: Item | Measure  # a db.model Node or Measure
    parent: "Node | None"
    row: int
    children: list["Node"] = field(default_factory=list)
    search_text: str | None = None  # casefolded name and texts, made on first search; None after an edit

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def depth(self) -> int:
        """The level of the node (0 at the top); measures are one below the lowest grouping level."""
        return self.item.depth if isinstance(self.item, Item) else self.parent.depth + 1 if self.parent else 0


class GoalTreeModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[Node] = []
        self._by_id: dict[str, Node] = {}
        self._model = OrgModel([], [], Scales([]))
        self._units: dict[str, Unit] = {}
        self._measure_texts = measure_texts(self._units)
        self._conflicts: dict[str, list[str]] = {}
        self._own_unit_id: str | None = None

    # --- loading -----------------------------------------------------------

    def set_tree(self, roots: list[Item], model: OrgModel, units: list[Unit], conflicts, own_unit_id=None) -> None:
        """Replace the whole tree; `conflicts` are the period's open merge conflicts. In a unit
        file, `own_unit_id` is the unit's: its measures are shown normally, all others greyed."""
        self.beginResetModel()
        self._model = model
        self._own_unit_id = own_unit_id
        self._units = {u.id: u for u in units}
        self._measure_texts = measure_texts(self._units)
        self._conflicts = _by_measure(conflicts)
        self._by_id = {}
        self._roots = [self._node(NODE, root, None, row) for row, root in enumerate(roots)]
        self.endResetModel()

    def set_conflicts(self, conflicts) -> None:
        """The period's open merge conflicts anew (after one was resolved): only the rows whose
        mark changes are repainted, so the view keeps its filters, selection and scroll."""
        old, self._conflicts = self._conflicts, _by_measure(conflicts)
        for measure_id in set(old) | set(self._conflicts):
            if old.get(measure_id) != self._conflicts.get(measure_id) and measure_id in self._by_id:
                self._changed(self._by_id[measure_id])

    def is_own(self, measure: Measure) -> bool:
        """Whether the measure may be filled in here: always in a central file; in a unit file,
        only the unit's own."""
        return self._own_unit_id is None or measure.unit_id == self._own_unit_id

    def own_measures(self) -> list[Measure]:
        return [m for m in self.measures() if self.is_own(m)]

    @property
    def org_model(self) -> OrgModel:
        return self._model

    def _node(self, kind: str, item, parent: Node | None, row: int) -> Node:
        node = Node(kind, item, parent, row)
        self._by_id[item.id] = node
        if kind == NODE:
            node.children = [self._node(NODE, c, node, r) for r, c in enumerate(item.children)]
            node.children += [self._node(MEASURE, m, node, len(node.children) + r) for r, m in enumerate(item.measures)]
        return node

    def node(self, node_id: str) -> Node | None:
        return self._by_id.get(node_id)

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        node = self._by_id.get(node_id)
        return self.createIndex(node.row, column, node) if node else QModelIndex()

    def measures(self) -> list[Measure]:
        return [n.item for n in self._by_id.values() if n.kind == MEASURE]

    # --- updates after an edit -----------------------------------------------

    def update_entry(self, entry: Entry) -> None:
        node = self._by_id.get(entry.measure_id)
        if node and isinstance(node.item, Measure):
            node.item.entry = entry
            self._changed(node)

    def update_assessment(self, assessment: Assessment) -> None:
        node = self._by_id.get(assessment.node_id)
        if node and isinstance(node.item, Item):
            node.item.assessment = assessment
            self._changed(node)

    def update_measure(self, measure: Measure) -> None:
        """A measure's settings as now stored (its entry is kept)."""
        node = self._by_id.get(measure.id)
        if node and isinstance(node.item, Measure):
            measure.entry = node.item.entry
            node.item = measure
            self._changed(node)

    def update_node(self, item: Item) -> None:
        """A node's name, description and boards as now stored (its place in the tree is kept)."""
        node = self._by_id.get(item.id)
        if node and isinstance(node.item, Item):
            for attribute in ("name", "description", "boards"):
                setattr(node.item, attribute, getattr(item, attribute))
            self._changed(node)

    def _changed(self, node: Node) -> None:
        node.search_text = None
        self.dataChanged.emit(self.createIndex(node.row, 0, node), self.createIndex(node.row, len(COLUMNS) - 1, node))

    # --- QAbstractItemModel --------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = ROOT) -> QModelIndex:
        # Bounds checked here, not by hasIndex(), which calls back into rowCount and columnCount
        # through Qt; and children_of written out: the view asks some 50,000 times each time it
        # lays out 10,000 measures.
        if not parent.isValid():
            siblings = self._roots
        else:
            siblings = parent.internalPointer().children if parent.column() == 0 else []
        if 0 <= row < len(siblings) and 0 <= column < COLUMN_COUNT:
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def children_of(self, parent: QModelIndex) -> list[Node]:
        """The nodes under `parent` (the perspectives under the root); none under a cell beyond the first."""
        if not parent.isValid():
            return self._roots
        return parent.internalPointer().children if parent.column() == 0 else []

    def parent(self, index: QModelIndex | None = None):
        if index is None:  # QObject.parent(), which this overload hides
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        return self.createIndex(parent.row, 0, parent) if parent else QModelIndex()

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        return len(self.children_of(parent))

    def columnCount(self, parent: QModelIndex = ROOT) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent: QModelIndex = ROOT) -> bool:
        # Asked for every row the view lays out; Qt's own would call rowCount and columnCount here.
        return bool(self.children_of(parent))

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return texts.tree_header(self._model) if section == NAME else COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == NAME:
            return texts.tree_header_tip(self._model)
        return None

    def flags(self, index: QModelIndex):
        return ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        column = index.column()
        if role == NODE_ROLE:
            return node
        if role == Qt.ItemDataRole.DisplayRole:
            return _shorten(self._text(node, column))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(node, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(node, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(node)
        if role == Qt.ItemDataRole.ForegroundRole and node.kind == MEASURE and not self.is_own(node.item):
            # Another unit's measure in a unit file: greyed as read-only, in the palette's own
            # disabled colour, so that a high-contrast theme greys it legibly too.
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        return None

    def _text(self, node: Node, column: int) -> str:
        item = node.item
        if column == NAME:
            return item.name
        if isinstance(item, Item):
            return ", ".join(item.boards) if column == BOARD else ""
        text_of = self._measure_texts.get(column)
        return text_of(item) if text_of else ""

    def _symbol(self, node: Node, column: int):
        item = node.item
        if isinstance(item, Item):
            scale = self._model.prognosis_scale
            if column == FULFILMENT and item.assessment is not None and scale is not None:
                return scale.get(item.assessment.prognosis)
            return None
        if column not in SYMBOL_COLUMNS:
            return None
        field = "fulfilment" if column == FULFILMENT else "trend"
        scale = self._model.assessed_scale(field, item.kind)
        return scale.get(getattr(item.entry, field)) if scale else None

    def _symbol_label(self, node: Node, column: int) -> str:
        value = self._symbol(node, column)
        if value is None:
            return ""
        return texts.prognosis_tip(value.label) if node.kind == NODE else value.label

    def _accessible_text(self, node: Node, column: int) -> str:
        text = self._text(node, column) or self._symbol_label(node, column)
        if column == NAME and node.id in self._conflicts:
            return f"{text}. {texts.CONFLICT_MARK}"
        return text

    def _decoration(self, node: Node, column: int):
        value = self._symbol(node, column)
        if value is not None:
            return symbol_icon(value.symbol, value.colour)
        if column == NAME and node.kind == MEASURE and node.id in self._conflicts:
            return conflict_icon()
        return None

    def _tooltip(self, node: Node, column: int) -> str | None:
        if column in SYMBOL_COLUMNS:
            return self._symbol_label(node, column) or None
        if column == NAME and node.kind == MEASURE:
            notes = [node.item.name]
            if node.id in self._conflicts:
                notes.append(texts.conflict_tip([FIELDS[f].label for f in self._conflicts[node.id]]))
            if not self.is_own(node.item):
                notes.append(texts.OTHER_UNIT_TIP)
            elif node.item.entry.is_empty:
                notes.append(texts.NO_ENTRY_TIP)
            return "\n".join(notes)
        if column == UNIT and node.kind == MEASURE and node.item.unit_id in self._units:
            return self._units[node.item.unit_id].name
        return self._text(node, column) or None

    def _font(self, node: Node) -> QFont | None:
        if self._is_bold(node):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _is_bold(self, node: Node) -> bool:
        """The upper levels stand out; the nodes that hold measures and the measures do not."""
        return node.kind == NODE and node.depth < max(self._model.measure_depth, 1)

    def column_texts(self, limit: int) -> dict[int, tuple[set[str], set[str]]]:
        """Column → its distinct texts cut at `limit` characters: (those shown in bold, the rest);
        the names and the symbol columns left out. For sizing the columns without asking Qt to
        lay out every row: each column's texts in one pass over the measures."""
        measures = [n.item for n in self._by_id.values() if n.kind == MEASURE]
        texts = {column: (set(), {t for m in measures if (t := text_of(m)[:limit])})
                 for column, text_of in self._measure_texts.items()}  # fmt: skip
        for node in self._by_id.values():
            if node.kind == NODE and (text := self._text(node, BOARD)[:limit]):
                texts[BOARD][0 if self._is_bold(node) else 1].add(text)
        return texts


def measure_texts(units: dict[str, Unit]) -> dict:
    """Column → the text a measure shows there beside its name: one definition for the cells and
    for sizing the columns."""

    def unit_code(measure: Measure) -> str:  # the code keeps the column narrow; the tooltip has the name
        unit = units.get(measure.unit_id)
        return unit.code if unit else ""

    return {
        BOARD: lambda m: m.board, TARGET: lambda m: m.target, OUTCOME: outcome_text,
        STATUS: lambda m: STATUS_LABELS.get(m.entry.status, ""), UNIT: unit_code,
    }  # fmt: skip


def outcome_text(measure: Measure) -> str:
    """The outcome as one line (see `texts.outcome_summary`)."""
    e = measure.entry
    return texts.outcome_summary(e.outcome_total, e.outcome_women, e.outcome_men, e.outcome_text, measure.gender_split)


def _by_measure(conflicts) -> dict[str, list[str]]:
    """measure id → the fields in conflict, in the entry's field order."""
    found: dict[str, set[str]] = {}
    for conflict in conflicts:
        found.setdefault(conflict.measure_id, set()).add(conflict.field)
    return {m: [f for f in FIELDS if f in fields] for m, fields in found.items()}


def _shorten(text: str) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= DISPLAY_LIMIT and line == text else line[:DISPLAY_LIMIT].rstrip() + " …"
