"""A measured item's settings for one plan year, new or changed: name, kind, board, unit,
target, direction, comparison, kvinnor/män and footnote.

Kinds come from the file's model (a kind without a target or a trend greys
those fields); directions and comparisons are the app's own words. In a year
whose structure is frozen by a locked period only the unit may change (no
report prints it), and the banner says why the rest cannot. Lays out and
collects only; the caller hands `values()` to the Document.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout

from db.model import Measure
from db.vocabulary import Comparison, Direction

from .dialog_form import add_row, banner, buttons, note

NO_UNIT = "– ingen enhet –"


class MeasureDialog(QDialog):
    def __init__(self, parent, document, title: str, *, measure: Measure | None = None, defaults: dict | None = None,
                 where: str = "", frozen: str | None = None, on_accept: Callable[[dict], bool]):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self._on_accept = on_accept
        self.model = document.model()
        year = document.period.year
        start = _settings(measure) if measure is not None else {
            "name": "", "kind": self.model.kinds[0].code, "board_code": document.boards()[0].code, "unit_id": None,
            "target": "", "direction": Direction.NONE.value, "comparison": Comparison.PREVIOUS_PERIOD.value,
            "gender_split": False, "footnote": "", **(defaults or {}),
        }  # fmt: skip
        self.name = QLineEdit(start["name"])
        self.kind = _combo([(k.singular, k.code) for k in self.model.kinds], start["kind"])
        self.board = _combo([(f"{b.code} – {b.name}", b.code) for b in document.boards()], start["board_code"])
        self.unit = _combo([(NO_UNIT, None)] + [(f"{u.name} ({u.code})", u.id) for u in document.units()],
                           start["unit_id"])  # fmt: skip
        self.target = QLineEdit(start["target"], placeholderText="t.ex. 43 000, 100 %, Öka")
        self.direction = _combo([(d.label, d.value) for d in Direction], start["direction"])
        self.comparison = _combo([(c.label, c.value) for c in Comparison], start["comparison"])
        self.gender_split = QCheckBox("Redovisas för &kvinnor och män")
        self.gender_split.setAccessibleName("Redovisas för kvinnor och män")
        self.gender_split.setChecked(start["gender_split"])
        self.footnote = QPlainTextEdit(start["footnote"], tabChangesFocus=True)
        self.footnote.setMaximumHeight(70)

        form = QFormLayout()
        add_row(form, "&Namn:", self.name)
        add_row(form, "&Slag:", self.kind)
        add_row(form, "N&ämnd:", self.board)
        add_row(form, "&Enhet:", self.unit)
        add_row(form, f"&Mål {year}:", self.target)
        add_row(form, "&Riktning:", self.direction)
        add_row(form, "&Jämförs med:", self.comparison)
        form.addRow("", self.gender_split)
        add_row(form, "&Fotnot:", self.footnote)
        self.banner = banner(f"{frozen} Enheten kan ändå bytas: den står inte i någon rapport." if frozen else "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        if where:
            layout.addWidget(note(where))
        layout.addLayout(form)
        layout.addWidget(buttons(self, "Spara", self._accept))

        self.frozen = frozen is not None
        self.kind.currentIndexChanged.connect(self._follow_kind)
        self._follow_kind()
        self.name.selectAll()
        self.resize(600, self.sizeHint().height())

    def values(self) -> dict:
        """Every setting as `db.structure.update_measure` takes it (only the unit in a frozen year)."""
        if self.frozen:
            return {"unit_id": self.unit.currentData()}
        return {
            "name": self.name.text().strip(), "kind": self.kind.currentData(), "board_code": self.board.currentData(),
            "unit_id": self.unit.currentData(), "target": self.target.text().strip(),
            "direction": self.direction.currentData(), "comparison": self.comparison.currentData(),
            "gender_split": self.gender_split.isChecked(), "footnote": self.footnote.toPlainText().strip(),
        }  # fmt: skip

    def _follow_kind(self) -> None:
        """What the chosen kind carries can be set; the rest is greyed (and the whole in a frozen year)."""
        kind = self.model.kind(self.kind.currentData())
        for widget, applies in (
            (self.name, True), (self.kind, True), (self.board, True), (self.target, kind.has_target),
            (self.direction, kind.has_trend), (self.comparison, kind.has_trend), (self.gender_split, True),
            (self.footnote, True),
        ):  # fmt: skip
            widget.setEnabled(applies and not self.frozen)

    def _accept(self) -> None:
        if self._on_accept(self.values()):
            self.accept()


def _settings(measure: Measure) -> dict:
    return {
        "name": measure.name, "kind": measure.kind, "board_code": measure.board, "unit_id": measure.unit_id,
        "target": measure.target, "direction": measure.direction, "comparison": measure.comparison,
        "gender_split": measure.gender_split, "footnote": measure.footnote,
    }  # fmt: skip


def _combo(choices: list[tuple[str, object]], current) -> QComboBox:
    combo = QComboBox()
    for label, data in choices:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo
