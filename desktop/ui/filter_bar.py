"""The filter bar above the tree, and the same filters as Visa-menu entries.

The combo boxes are the one source of truth: the Visa menu is rebuilt from
them each time it opens, so the two never disagree. In a unit file the unit
choice gives way to one toggle: the officer sees their own unit's measures,
and the others only when they ask. The choices are the file's own (boards,
units, scale values); `state`/`restore` carry them across a reload and from
one session to the next.
"""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QMenu, QToolButton, QVBoxLayout, QWidget

from db.vocabulary import STATUS_LABELS, Meaning, ScalePurpose, Status

from . import texts
from .filter_proxy import CRITERIA, NO_COMMENTARY, NOT_ASSESSED, NOT_MET_UNCOMMENTED
from .symbol_icons import symbol_icon

SEARCH_PAUSE_MS = 150


class FilterBar(QWidget):
    criterionChanged = Signal(str, object)  # criterion, value or None
    searchChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(placeholderText=texts.SEARCH_PLACEHOLDER, clearButtonEnabled=True)
        self.search.setAccessibleName(texts.SEARCH_NAME)
        # Filter once typing pauses, not per keystroke: on a large file a refilter costs
        # more than the gap between two keys. Enter applies at once.
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(lambda: self.searchChanged.emit(self.search.text()))
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_search)
        self._own_unit: str | None = None  # in a unit file, the unit whose file it is
        self.combos: dict[str, QComboBox] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for name in CRITERIA:
            combo = FilterCombo(accessibleName=texts.FILTER_NAMES[name], toolTip=texts.FILTER_NAMES[name])
            combo.currentIndexChanged.connect(lambda _i, n=name: self.criterionChanged.emit(n, self.value(n)))
            self.combos[name] = combo
            row.addWidget(combo)
            if name == "unit":
                self.others = QCheckBox(visible=False)  # unit files only: the other units' measures too
                self.others.toggled.connect(lambda _on: self.criterionChanged.emit("unit", self.value("unit")))
                row.addWidget(self.others)
        self.clear_button = QToolButton(text=texts.CLEAR, toolTip=texts.CLEAR_TIP, accessibleName=texts.CLEAR_TIP)
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.search)
        layout.addLayout(row)

    def focus_chain(self) -> list[QWidget]:
        """The bar's widgets in screen order, for the window's Tab order."""
        return [self.search, self.combos["board"], self.combos["unit"], self.others, self.combos["status"],
                self.combos["fulfilment"], self.clear_button]  # fmt: skip

    def apply_search(self) -> None:
        """Filter by the search text now, without waiting for the typing pause."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.searchChanged.emit(self.search.text())

    def value(self, name: str):
        """The chosen value of a criterion; in a unit file, the unit is the file's own unless
        the officer asked to see the others."""
        if name == "unit" and self._own_unit is not None:
            return None if self.others.isChecked() else self._own_unit
        return self.combos[name].currentData()

    def populate(self, document) -> None:
        """Fill the choices from the file's own boards, units and scales; a choice that still
        exists stays chosen, and the search text stays."""
        kept = self.state()
        model = document.model()
        own = document.own_unit if document.is_unit_file else None
        self._own_unit = own.id if own else None
        self.others.setText(texts.show_other_units(model))
        self.others.setAccessibleName(self.others.text().replace("&", ""))
        self.others.setVisible(own is not None)
        self.combos["unit"].setVisible(own is None)
        options = {
            "board": [(f"{b.code} – {b.name}", b.code, None) for b in document.boards()],
            "unit": [(u.name, u.id, None) for u in document.units()],
            "status": [(STATUS_LABELS[s], s.value, None) for s in Status] + _commentary_options(model),
            "fulfilment": _fulfilment_options(model) + [(texts.NOT_ASSESSED, NOT_ASSESSED, None)],
        }
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(texts.FILTER_ALL[name], None)
            for label, value, icon in options[name]:
                combo.addItem(icon, label, value) if icon is not None else combo.addItem(label, value)
            combo.blockSignals(False)
        self.restore(kept)

    def state(self) -> dict:
        """The search text and each choice, to restore after a reload or at the next start."""
        state = {name: combo.currentData() for name, combo in self.combos.items()}
        return state | {"search": self.search.text(), "others": self.others.isChecked()}

    def restore(self, state: dict) -> None:
        """Choose what `state` names where the choice exists (else the first, 'oavsett'); then
        every criterion and the search are announced, so that the tree follows."""
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            value = state.get(name)
            index = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self.others.blockSignals(True)
        self.others.setChecked(bool(state.get("others")))
        self.others.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(str(state.get("search") or ""))
        self.search.blockSignals(False)
        self._search_timer.stop()
        for name in CRITERIA:
            self.criterionChanged.emit(name, self.value(name))
        self.searchChanged.emit(self.search.text())

    def clear(self) -> None:
        self.restore({})

    def fill_menu(self, menu: QMenu) -> None:
        """One submenu per filter, its entries checkable and in step with the combo box."""
        for name, combo in self.combos.items():
            if combo.isHidden():
                continue
            submenu = menu.addMenu(texts.FILTER_MENUS[name])
            group = QActionGroup(submenu)
            for i in range(combo.count()):
                action = QAction(combo.itemIcon(i), combo.itemText(i), submenu, checkable=True)
                action.setChecked(i == combo.currentIndex())
                action.triggered.connect(lambda _c=False, c=combo, index=i: c.setCurrentIndex(index))
                group.addAction(action)
                submenu.addAction(action)
        if not self.others.isHidden():
            action = menu.addAction(self.others.text(), self.others.setChecked)
            action.setCheckable(True)
            action.setChecked(self.others.isChecked())


class FilterCombo(QComboBox):
    """Asks for the width of its first choice ("Oavsett måluppfyllelse"), so that at any usual
    width the bar shows it whole; a narrow window may still squeeze it (never the editor)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)

    def sizeHint(self):
        hint = super().sizeHint()
        if self.count():
            text = self.fontMetrics().horizontalAdvance(self.itemText(0))
            hint.setWidth(max(hint.width(), text + self.iconSize().width() + 48))
        return hint


def _commentary_options(model) -> list[tuple]:
    """'Saknar kommentar', and the not-met-without-commentary filter where a scale has a not-met value."""
    options = [(texts.NO_COMMENTARY, NO_COMMENTARY, None)]
    labels = []
    for scale in model.scales.of_purpose(ScalePurpose.FULFILMENT):
        value = scale.with_meaning(Meaning.NOT_MET)
        if value is not None and value.label not in labels:
            labels.append(value.label)
    if labels:
        options.append((texts.not_met_uncommented(labels), NOT_MET_UNCOMMENTED, None))
    return options


def _fulfilment_options(model) -> list[tuple]:
    """Each fulfilment scale's values with their symbols; named with their kinds when a file
    has more than one scale (an activity's "Ej påbörjad" is not a status)."""
    scales = model.scales.of_purpose(ScalePurpose.FULFILMENT)
    options = []
    for scale in scales:
        kinds = ", ".join(k.plural.lower() for k in model.kinds if k.scale == scale.code) if len(scales) > 1 else ""
        options += [(texts.fulfilment_choice(v.label, kinds), v.code, symbol_icon(v.symbol, v.colour))
                    for v in scale.values]  # fmt: skip
    return options
