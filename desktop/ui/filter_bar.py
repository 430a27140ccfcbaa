"""The filter bar above the tree, and the same filters as Visa-menu entries.

The combo boxes are the one source of truth: the Visa menu is rebuilt from
them each time it opens, so the two never disagree.
"""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QMenu, QToolButton, QVBoxLayout, QWidget

from db.vocabulary import STATUS_LABELS, ScalePurpose, Status

from .filter_proxy import EMPTY, NOT_ASSESSED
from .symbol_icons import symbol_icon

FILTERS = {  # criterion: (menu title, "all" label)
    "board": ("&Nämnd", "Alla nämnder"),
    "unit": ("&Enhet", "Alla enheter"),
    "status": ("&Status", "Alla statusar"),
    "fulfilment": ("&Måluppfyllelse", "All måluppfyllelse"),
}


SEARCH_PAUSE_MS = 150


class FilterBar(QWidget):
    criterionChanged = Signal(str, object)  # criterion, value or None
    searchChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Sök i namn och kommentarer  (Ctrl+F)", clearButtonEnabled=True)
        self.search.setAccessibleName("Sök")
        # Filter once typing pauses, not per keystroke: on a large file a refilter costs
        # more than the gap between two keys. Enter applies at once.
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(lambda: self.searchChanged.emit(self.search.text()))
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_search)
        self.combos: dict[str, QComboBox] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for name, (title, _) in FILTERS.items():
            combo = QComboBox()
            combo.setAccessibleName(title.replace("&", ""))
            combo.currentIndexChanged.connect(
                lambda _i, n=name, c=combo: self.criterionChanged.emit(n, c.currentData())
            )
            self.combos[name] = combo
            row.addWidget(combo, 2 if name == "unit" else 1)
        self.clear_button = QToolButton(text="Rensa", toolTip="Visa allt (Ctrl+Shift+R)")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.search)
        layout.addLayout(row)

    def apply_search(self) -> None:
        """Filter by the search text now, without waiting for the typing pause."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.searchChanged.emit(self.search.text())

    def populate(self, document) -> None:
        """Fill the choices from the file's own boards, units and scales; keeps no old choice."""
        scales = document.model().scales
        options = {
            "board": [(f"{b.code} – {b.name}", b.code, None) for b in document.boards()],
            "unit": [(u.name, u.id, None) for u in document.units()],
            "status": [("Ej ifyllt", EMPTY, None)] + [(STATUS_LABELS[s], s.value, None) for s in Status],
            "fulfilment": [
                (v.label, v.code, symbol_icon(v.symbol, v.colour))
                for scale in scales.of_purpose(ScalePurpose.FULFILMENT)
                for v in scale.values
            ]
            + [("Ej bedömd", NOT_ASSESSED, None)],
        }
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(FILTERS[name][1], None)
            for label, value, icon in options[name]:
                if icon is None:
                    combo.addItem(label, value)
                else:
                    combo.addItem(icon, label, value)
            combo.blockSignals(False)
        self.clear()

    def clear(self) -> None:
        self.search.clear()
        for combo in self.combos.values():
            combo.setCurrentIndex(0)

    def fill_menu(self, menu: QMenu) -> None:
        """One submenu per filter, its entries checkable and in step with the combo box."""
        for name, combo in self.combos.items():
            submenu = menu.addMenu(FILTERS[name][0])
            group = QActionGroup(submenu)
            for i in range(combo.count()):
                action = QAction(combo.itemIcon(i), combo.itemText(i), submenu, checkable=True)
                action.setChecked(i == combo.currentIndex())
                action.triggered.connect(lambda _c=False, c=combo, index=i: c.setCurrentIndex(index))
                group.addAction(action)
                submenu.addAction(action)
