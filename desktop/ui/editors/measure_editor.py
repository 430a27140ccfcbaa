"""The editor of one measured item, of whichever kind the file defines, for the period shown.

It holds the item's id and reads it from the Document whenever it is shown or
the Document says it changed. Every field saves as it is edited (through the
Document: one transaction, change log, undo). What the item's kind does not
carry (a target, an outcome, a trend) is not shown.

Numbers: Totalt, Kvinnor and Män say at once when what is typed is not a
number (`db.suggest.parse_number`); it is saved all the same, since typing is
never thrown away and the report prints what is there. Where outcome and
target are numbers the suggested fulfilment and trend are shown under the
choices; the officer decides. The suggestion buttons are outside the Tab
chain and reached with their Alt key: a Tab from a choice must land in the
next field, never on a button that the next typed space would press. A merge
conflict on a field is shown under it, with the buttons to settle it.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from db.model import Measure, shown_label
from db.permissions import needs_commentary
from db.suggest import parse_number, suggest_fulfilment, suggest_trend
from db.vocabulary import ENTRY_FIELD_NAMES, FIELDS, Comparison, Direction, Status

from .. import texts
from ..symbol_icons import symbol_icon
from .conflict_note import ConflictNote
from .fields import ScaleCombo, set_editable
from .history import HistoryPanel
from .panel import EditorPanel

NUMBER_FIELDS = ("outcome_total", "outcome_women", "outcome_men")
HINT_STYLE = "color: palette(mid);"
RULE_STYLE = "color: #8a5a00;"
WARNING_STYLE = "color: #a31515;"


class MeasureEditor(EditorPanel):
    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.measure_id: str | None = None
        self.measure: Measure | None = None  # as last read from the Document; never shared with the tree
        self.target = QLineEdit()
        self.total, self.women, self.men = QLineEdit(), QLineEdit(), QLineEdit()
        # Words about the outcome run long: two lines that wrap, never a line cut off at the right.
        self.outcome_text = QPlainTextEdit(tabChangesFocus=True, placeholderText=texts.OUTCOME_TEXT_PLACEHOLDER)
        self.outcome_text.setFixedHeight(self.outcome_text.fontMetrics().lineSpacing() * 2 + 14)
        self.fulfilment, self.trend = ScaleCombo(), ScaleCombo()
        self.commentary = QPlainTextEdit(tabChangesFocus=True)
        self.commentary.setMinimumHeight(160)
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(status.label, status.value)
        self.inputs = dict(zip(ENTRY_FIELD_NAMES, (self.total, self.women, self.men, self.outcome_text,
                                                    self.fulfilment, self.trend, self.commentary, self.status),
                               strict=True))  # fmt: skip

        self.text_fields = {
            field: self.text_field(self.inputs[field], lambda t, f=field: self._save(f, t))
            for field in ("outcome_total", "outcome_women", "outcome_men", "outcome_text", "commentary")
        }
        self.target_text = self.text_field(self.target, self._save_target)
        self.fulfilment.chosen.connect(lambda code: self._save("fulfilment", code))
        self.trend.chosen.connect(lambda code: self._save("trend", code))
        self.status.activated.connect(lambda i: self._save("status", self.status.itemData(i)))
        self.number_notes = {field: QLabel(wordWrap=True, styleSheet=WARNING_STYLE) for field in NUMBER_FIELDS}
        for field in NUMBER_FIELDS:
            self.inputs[field].textChanged.connect(lambda _t, f=field: self._check_number(f))

        self.fulfilment_hint, self.trend_hint = QLabel(wordWrap=True), QLabel(wordWrap=True)
        self.use_fulfilment = _suggestion_button(texts.USE_FULFILMENT_SUGGESTION)
        self.use_trend = _suggestion_button(texts.USE_TREND_SUGGESTION)
        self.use_fulfilment.clicked.connect(lambda: self._use_suggestion("fulfilment", self.use_fulfilment))
        self.use_trend.clicked.connect(lambda: self._use_suggestion("trend", self.use_trend))
        self.fulfilment_suggestion = _row(self.fulfilment_hint, self.use_fulfilment)
        self.trend_suggestion = _row(self.trend_hint, self.use_trend)
        self.commentary_hint = QLabel(texts.COMMENTARY_HINT, wordWrap=True, styleSheet=HINT_STYLE)
        self.status_rule = QLabel(texts.KLAR_RULE, wordWrap=True, styleSheet=RULE_STYLE)
        self.conflicts = {field: ConflictNote() for field in ENTRY_FIELD_NAMES}
        for note in self.conflicts.values():
            note.resolve.connect(self._resolve)

        labels = texts.EDITOR_LABELS
        self.add_field(labels["target"], self.target, texts.TARGET_NAME)
        notes_after = {
            "outcome_total": [self.number_notes["outcome_total"]],
            "outcome_women": [self.number_notes["outcome_women"]],
            "outcome_men": [self.number_notes["outcome_men"]],
            "fulfilment": [self.fulfilment_suggestion],
            "trend": [self.trend_suggestion],
            "commentary": [self.commentary_hint],
            "status": [self.status_rule],
        }
        for field in ENTRY_FIELD_NAMES:
            self.add_field(labels[field], self.inputs[field], FIELDS[field].label)
            for note in [*notes_after.get(field, []), self.conflicts[field]]:
                self.add_note(note)
        document.entryChanged.connect(self._entry_changed)
        document.measureChanged.connect(self._measure_changed)
        self.history = HistoryPanel(document)
        self.layout_.insertWidget(self.layout_.count() - 1, self.history)  # above the closing stretch
        document.conflictsChanged.connect(self._show_conflicts)

    def focus_chain(self) -> list[QWidget]:
        """The fields top to bottom, a conflict's buttons right after their field."""
        chain = [self.target]
        for field in ENTRY_FIELD_NAMES:
            chain += [self.inputs[field], *self.conflicts[field].buttons()]
        return chain

    def show_node(self, node) -> None:
        self.flush()
        self.measure_id = node.id
        self._load()

    def _load(self) -> None:
        measure = self.measure = self.document.measure(self.measure_id)
        model = self.document.model()
        kind = model.kind(measure.kind)
        self.kind_label.setText(kind.singular.upper())
        self.title.setText(measure.name)
        unit = self.document.unit(measure.unit_id)
        other = self.document.comparison_period(measure) if kind.has_trend else None
        trend = (
            (Direction(measure.direction).label, Comparison(measure.comparison).phrase)
            if kind.has_trend
            else (None, None)
        )
        self.subtitle.setText("\n".join(texts.measure_facts(measure.board, unit.name if unit else "", *trend,
                                                            measure.footnote, other)))  # fmt: skip
        fulfilment, trend_scale = model.fulfilment_scale(measure.kind), model.trend_scale
        self.fulfilment.set_values(fulfilment.values if fulfilment else [])
        self.trend.set_values(trend_scale.values if trend_scale else [])
        for widget in (self.target,):
            self.form.setRowVisible(widget, kind.has_target)
        for field in ("outcome_total", "outcome_text"):
            self.form.setRowVisible(self.inputs[field], kind.has_outcome)
        for field in ("outcome_women", "outcome_men"):
            self.form.setRowVisible(self.inputs[field], kind.has_outcome and measure.gender_split)
        self.form.setRowVisible(self.trend, kind.has_trend)
        refusal = self.document.measure_refusal(measure)
        self.set_refusal(refusal)
        set_editable([*self.inputs.values(), self.use_fulfilment, self.use_trend], refusal is None, refusal or "")
        target_refusal = self.document.structure_refusal()
        set_editable([self.target], target_refusal is None,
                     texts.TARGET_CENTRAL_ONLY if self.document.is_unit_file else target_refusal or "")  # fmt: skip
        self.target_text.set_text(measure.target)
        self._show_entry()
        self.history.show_measure(measure)
        self._show_conflicts()

    def _show_entry(self) -> None:
        entry = self.measure.entry
        for field, text in self.text_fields.items():
            text.set_text(getattr(entry, field))
        self.fulfilment.set_code(entry.fulfilment)
        self.trend.set_code(entry.trend)
        self.status.setCurrentIndex(max(self.status.findData(entry.status), 0))
        rule = needs_commentary(self.document.model(), self.measure.kind, entry.fulfilment)
        self.form.setRowVisible(self.status_rule, rule and not entry.commentary.strip())
        for field in NUMBER_FIELDS:
            self._check_number(field)
        self.set_changed(entry.changed_by, entry.changed_at)
        self._show_suggestions()

    def _check_number(self, field: str) -> None:
        """Say at once, under the field, when what it holds is not a number."""
        widget, note = self.inputs[field], self.number_notes[field]
        text = widget.text()
        problem = texts.not_a_number(text) if text.strip() and parse_number(text) is None else ""
        note.setText(problem)
        self.form.setRowVisible(note, bool(problem) and self.form.isRowVisible(widget))
        if not widget.isReadOnly():
            widget.setAccessibleDescription(problem)

    def _show_suggestions(self) -> None:
        model = self.document.model()
        measure, entry = self.measure, self.measure.entry
        fulfilment = suggest_fulfilment(model, measure, entry)
        trend = suggest_trend(model, measure, entry, self.document.previous_entry(measure))
        for scale, code, chosen, combo, hint, button in (
            (model.fulfilment_scale(measure.kind), fulfilment, entry.fulfilment, self.fulfilment, self.fulfilment_hint,
             self.use_fulfilment),
            (model.trend_scale, trend, entry.trend, self.trend, self.trend_hint, self.use_trend),
        ):  # fmt: skip
            value = scale.get(code) if scale else None
            self.form.setRowVisible(hint.parentWidget(), value is not None and self.form.isRowVisible(combo))
            offered = value is not None and code != chosen
            button.setVisible(offered)
            button.setProperty("code", code)
            combo.setAccessibleDescription(
                texts.suggestion_description(value.label, _mnemonic(button.text())) if offered else ""
            )
            if value is not None:
                hint.setText(
                    texts.suggestion(shown_label(value, measure) if scale is model.trend_scale else value.label)
                )
                hint.setToolTip(texts.SUGGESTION_TIP)
                button.setIcon(symbol_icon(value.symbol, value.colour))

    def _show_conflicts(self) -> None:
        """The open conflicts of the shown item and period, each under its field."""
        if self.measure is None:
            return
        model = self.document.model()
        found = {c.field: c for c in self.document.open_conflicts() if c.measure_id == self.measure_id}
        for field, note in self.conflicts.items():
            note.show_conflict(found.get(field), model, self.measure.kind)
            self.form.setRowVisible(note, field in found)

    def _resolve(self, conflict_id: int, choice: str) -> None:
        self.flush()  # "keep the value in the field" means the value typed there too
        self.document.resolve_conflict(conflict_id, choice)

    def _use_suggestion(self, field: str, button: QPushButton) -> None:
        self._save(field, button.property("code"))
        self.inputs[field].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _save(self, field: str, value) -> None:
        if self.measure_id is None:
            return
        if not self.document.edit_entry(self.measure_id, field, value):
            self.measure.entry = self.document.entry(self.measure_id)
            if field not in self.text_fields:  # a refused choice shows what the file holds;
                self._show_entry()  # refused typing stays in its field, to be saved again

    def _save_target(self, text: str) -> None:
        if self.measure_id is not None and not self.document.edit_measure(self.measure_id, "target", text):
            self.target_text.set_text(self.measure.target)

    def _entry_changed(self, measure_id: str, period_code: str) -> None:
        if measure_id == self.measure_id and period_code == self.document.period.code:
            self.measure.entry = self.document.entry(measure_id)
            self._show_entry()

    def _measure_changed(self, measure_id: str) -> None:
        """Its settings changed (target, kind, unit, …): everything shown may depend on them."""
        if measure_id == self.measure_id:
            self._load()


def _suggestion_button(text: str) -> QPushButton:
    """Out of the Tab chain (see the module docstring), reached with its Alt key; a click leaves
    the focus where it was."""
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def _mnemonic(text: str) -> str:
    index = text.find("&")
    return text[index + 1].upper() if 0 <= index < len(text) - 1 else ""


def _row(*widgets) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)
    layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return row
