"""The editor of one measure or activity for the period shown.

Every field saves as it is edited (through the Document: one transaction,
change log, undo). Where outcome and target are numbers the suggested
fulfilment and trend are shown beside the choices; the officer decides.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from db.goalfile import STATUSES
from db.model import Measure
from db.scales import COMPARISON_LABELS, DIRECTION_LABELS, KIND_LABELS, STATUS_LABELS, TREND, fulfilment_scale_for
from db.suggest import suggest_fulfilment, suggest_trend

from ..symbol_icons import symbol_icon
from .fields import ScaleCombo
from .panel import EditorPanel, set_editable

COMMENTARY_HINT = "Stycken skiljs med en tom rad. Rader som börjar med ”- ” blir punktlistor i rapporten."
KLAR_RULE = "Ett styrmått som är ej uppfyllt behöver en kommentar innan det kan markeras klart."
HINT_STYLE = "color: palette(mid);"
RULE_STYLE = "color: #8a5a00;"


class MeasureEditor(EditorPanel):
    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.measure: Measure | None = None
        self.target = QLineEdit()
        self.total = QLineEdit(placeholderText="Totalt")
        self.women = QLineEdit(placeholderText="Kvinnor")
        self.men = QLineEdit(placeholderText="Män")
        self.outcome_text = QLineEdit(placeholderText="Utfall i ord, t.ex. ”15 filialer och 20 servicepunkter”")
        self.fulfilment = ScaleCombo()
        self.trend = ScaleCombo()
        self.commentary = QPlainTextEdit(tabChangesFocus=True)
        self.commentary.setMinimumHeight(180)
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(STATUS_LABELS[code], code)

        self.text_fields = {
            "outcome_total": self.text_field(self.total, lambda t: self._save("outcome_total", t)),
            "outcome_women": self.text_field(self.women, lambda t: self._save("outcome_women", t)),
            "outcome_men": self.text_field(self.men, lambda t: self._save("outcome_men", t)),
            "outcome_text": self.text_field(self.outcome_text, lambda t: self._save("outcome_text", t)),
            "commentary": self.text_field(self.commentary, lambda t: self._save("commentary", t)),
        }
        self.target_text = self.text_field(self.target, self._save_target)
        self.fulfilment.chosen.connect(lambda code: self._save("fulfilment", code))
        self.trend.chosen.connect(lambda code: self._save("trend", code))
        self.status.activated.connect(lambda i: self._save("status", self.status.itemData(i)))

        self.fulfilment_hint, self.use_fulfilment = QLabel(wordWrap=True), QPushButton("Använd förslaget")
        self.trend_hint, self.use_trend = QLabel(wordWrap=True), QPushButton("Använd förslaget")
        self.use_fulfilment.clicked.connect(lambda: self._save("fulfilment", self.use_fulfilment.property("code")))
        self.use_trend.clicked.connect(lambda: self._save("trend", self.use_trend.property("code")))
        self.status_rule = QLabel(KLAR_RULE, wordWrap=True, styleSheet=RULE_STYLE)
        self.gender_row = QWidget()
        gender = QHBoxLayout(self.gender_row)
        gender.setContentsMargins(0, 0, 0, 0)
        gender.addWidget(QLabel("Kvinnor"))
        gender.addWidget(self.women)
        gender.addWidget(QLabel("Män"))
        gender.addWidget(self.men)

        self.form.addRow("&Mål:", self.target)
        self.form.addRow("Utfall &totalt:", self.total)
        self.form.addRow("", self.gender_row)
        self.form.addRow("Utfall i &text:", self.outcome_text)
        # Suggestions and the klar rule get rows of their own, so the panel stays narrow.
        self.fulfilment_suggestion = _row(self.fulfilment_hint, self.use_fulfilment)
        self.trend_suggestion = _row(self.trend_hint, self.use_trend)
        self.form.addRow("&Måluppfyllelse:", _row(self.fulfilment))
        self.form.addRow("", self.fulfilment_suggestion)
        self.form.addRow("&Utveckling:", _row(self.trend))
        self.form.addRow("", self.trend_suggestion)
        self.form.addRow("&Kommentar:", self.commentary)
        self.form.addRow("", QLabel(COMMENTARY_HINT, wordWrap=True, styleSheet=HINT_STYLE))
        self.form.addRow("&Status:", _row(self.status))
        self.form.addRow("", self.status_rule)
        self.form.labelForField(self.target).setBuddy(self.target)
        order = [self.target, self.total, self.women, self.men, self.outcome_text, self.fulfilment,
                 self.use_fulfilment, self.trend, self.use_trend, self.commentary, self.status]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        document.entryChanged.connect(self._entry_changed)
        document.targetChanged.connect(self._target_changed)

    def show_node(self, node) -> None:
        self.flush()
        measure: Measure = node.item
        self.measure = measure
        scales = self.document.goal_file.scales()
        self.kind_label.setText(KIND_LABELS.get(measure.kind, "Styrmått").upper())
        self.title.setText(measure.name)
        unit = self.document.unit(measure.unit_id)
        facts = [f"Nämnd: {measure.board}", f"Enhet: {unit.name if unit else 'ingen'}"]
        if not measure.is_activity:
            facts.append(f"{DIRECTION_LABELS.get(measure.direction, '')}, jämförs med "
                         f"{COMPARISON_LABELS.get(measure.comparison, '').lower()}")  # fmt: skip
        if measure.footnote:
            facts.append(f"Fotnot: {measure.footnote}")
        self.subtitle.setText("\n".join(facts))
        self.fulfilment.set_values(scales.values(fulfilment_scale_for(measure.kind)))
        self.trend.set_values(scales.values(TREND))
        self.gender_row.setVisible(measure.gender_split)
        self.form.setRowVisible(self.gender_row, measure.gender_split)
        self.form.setRowVisible(self.trend.parentWidget(), not measure.is_activity)
        refusal = self.document.measure_refusal(measure)
        self.set_refusal(refusal)
        set_editable(
            [self.total, self.women, self.men, self.outcome_text, self.fulfilment, self.trend, self.commentary,
             self.status, self.use_fulfilment, self.use_trend],
            refusal is None,
        )  # fmt: skip
        target_refusal = self.document.structure_refusal()
        set_editable([self.target], target_refusal is None)
        self.target.setToolTip(target_refusal or "Målet ändras i centralfilen.")
        self.target_text.set_text(measure.target)
        self._show_entry()

    def _show_entry(self) -> None:
        entry = self.measure.entry
        for field, text in self.text_fields.items():
            text.set_text(getattr(entry, field))
        self.fulfilment.set_code(entry.fulfilment)
        self.trend.set_code(entry.trend)
        self.status.setCurrentIndex(max(self.status.findData(entry.status), 0))
        self.form.setRowVisible(self.status_rule, entry.fulfilment == "ej" and not entry.commentary.strip())
        self.set_changed(entry.changed_by, entry.changed_at)
        self._show_suggestions()

    def _show_suggestions(self) -> None:
        scales = self.document.goal_file.scales()
        measure, entry = self.measure, self.measure.entry
        fulfilment = suggest_fulfilment(measure, entry)
        trend = suggest_trend(measure, entry, self.document.previous_entry(measure))
        for scale, code, chosen, hint, button in (
            (fulfilment_scale_for(measure.kind), fulfilment, entry.fulfilment, self.fulfilment_hint,
             self.use_fulfilment),
            (TREND, trend, entry.trend, self.trend_hint, self.use_trend),
        ):  # fmt: skip
            value = scales.get(scale, code)
            self.form.setRowVisible(hint.parentWidget(), value is not None)
            button.setVisible(value is not None and code != chosen)
            button.setProperty("code", code)
            if value is not None:
                hint.setText(f"Förslag: {value.label}")
                hint.setToolTip("Räknat från utfall och mål; ditt val avgör.")
                button.setIcon(symbol_icon(value.symbol, value.colour))

    def _save(self, field: str, value) -> None:
        if self.measure is None:
            return
        if not self.document.edit_entry(self.measure.id, field, value):
            self.measure.entry = self.document.entry(self.measure.id)
            if field not in self.text_fields:  # a refused choice shows what the file holds;
                self._show_entry()  # refused typing stays in its field, to be saved again

    def _save_target(self, text: str) -> None:
        if self.measure is not None and not self.document.edit_target(self.measure.id, text):
            self.target_text.set_text(self.measure.target)

    def _entry_changed(self, entry) -> None:
        if self.measure and entry.measure_id == self.measure.id and entry.period_code == self.document.period.code:
            self.measure.entry = entry
            self._show_entry()

    def _target_changed(self, measure_id: str, target: str) -> None:
        if self.measure and measure_id == self.measure.id:
            self.measure.target = target
            self.target_text.set_text(target)
            self._show_suggestions()


def _row(*widgets) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)
    layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return row
