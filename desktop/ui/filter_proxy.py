"""Narrowing the goal tree: board, unit, status, fulfilment and a search text.

The criteria about entries (board, unit, status, fulfilment) are asked of
measures; a node on a grouping level stays visible while one of its
measures matches (recursive filtering). The status criterion also answers the
controller's commonest question: which measures have no commentary, and
which are assessed as not met (the scale value's meaning) without one. The
search looks at names and at the texts written about a node (commentary,
assessment, description); a match on a name also shows what lies under it.
"""

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from db.vocabulary import Meaning

from .tree_model import MEASURE, Node

NOT_ASSESSED = "__ej_bedomd__"  # fulfilment filter value: no fulfilment chosen yet
NO_COMMENTARY = "__utan_kommentar__"  # status filter value: no commentary written
NOT_MET_UNCOMMENTED = "__ej_uppfyllt_utan_kommentar__"  # status filter value: not met, no commentary
CRITERIA = ("board", "unit", "status", "fulfilment")


class GoalFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._criteria: dict[str, str | None] = dict.fromkeys(CRITERIA)
        self._search = ""
        self._has_criteria = False

    def set_criterion(self, name: str, value: str | None) -> bool:
        """board (code), unit (id), status (code, NO_COMMENTARY or NOT_MET_UNCOMMENTED),
        fulfilment (code or NOT_ASSESSED); None clears. Whether anything changed."""
        if self._criteria[name] == value:
            return False
        self.beginFilterChange()
        self._criteria[name] = value
        self._has_criteria = any(v is not None for v in self._criteria.values())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        return True

    def criterion(self, name: str) -> str | None:
        return self._criteria[name]

    def set_search(self, text: str) -> bool:
        """Whether anything changed."""
        text = text.strip().casefold()
        if text == self._search:
            return False
        self.beginFilterChange()
        self._search = text
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        return True

    def is_active(self) -> bool:
        return bool(self._search) or self._has_criteria

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self.is_active():  # the usual case, asked once per row of the whole tree
            return True
        # The node straight from the model, not through index().data(): this runs for every row.
        return self.accepts(self.sourceModel().children_of(source_parent)[source_row])

    def accepts(self, node: Node) -> bool:
        """Whether the node itself matches; a measure is shown exactly when it does."""
        if self._has_criteria:
            return node.kind == MEASURE and self._measure_matches(node.item) and self._search_matches(node)
        return self._search_matches(node)

    def _measure_matches(self, measure) -> bool:
        c, entry = self._criteria, measure.entry
        if c["board"] is not None and measure.board != c["board"]:
            return False
        if c["unit"] is not None and measure.unit_id != c["unit"]:
            return False
        if c["status"] is not None and not self._status_matches(measure, c["status"]):
            return False
        if c["fulfilment"] is not None:
            return (entry.fulfilment or NOT_ASSESSED) == c["fulfilment"]
        return True

    def _status_matches(self, measure, wanted: str) -> bool:
        entry = measure.entry
        if wanted == NO_COMMENTARY:
            return not entry.commentary.strip()
        if wanted == NOT_MET_UNCOMMENTED:
            scale = self.sourceModel().org_model.fulfilment_scale(measure.kind)
            value = scale.get(entry.fulfilment) if scale else None
            return value is not None and value.meaning == Meaning.NOT_MET and not entry.commentary.strip()
        return entry.status == wanted

    def _search_matches(self, node: Node) -> bool:
        if not self._search:
            return True
        if self._search in _search_text(node):
            return True
        ancestor = node.parent
        while ancestor is not None:  # a goal whose name matches shows its whole branch
            if self._search in ancestor.item.name.casefold():
                return True
            ancestor = ancestor.parent
        return False


def _search_text(node: Node) -> str:
    if node.search_text is None:
        node.search_text = searchable_text(node).casefold()
    return node.search_text


def searchable_text(node: Node) -> str:
    item = node.item
    if node.kind == MEASURE:
        return "\n".join((item.name, item.entry.commentary, item.entry.outcome_text))
    assessment = item.assessment.text if item.assessment else ""
    return "\n".join((item.name, item.description, assessment))
