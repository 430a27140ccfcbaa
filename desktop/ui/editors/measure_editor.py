"""The editor of one measured item (styrmått, aktivitet, …) for the period shown.

It holds the item's id and reads it from the Document whenever it is shown or
the Document says it changed. Every field saves as it is edited (through the
Document: one transaction, change log, undo). Where outcome and target are
numbers the suggested fulfilment and trend are shown beside the choices; the
officer decides.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from db.model import Measure, shown_label
from db.permissions import needs_commentary
from db.suggest import suggest_fulfilment, suggest_trend
from db.vocabulary import COMPARISON_LABELS, DIRECTION_LABELS, STATUS_LABELS, Comparison, Direction, Status

from ..symbol_icons import symbol_icon
from .fields import ScaleCombo
from .history import HistoryPanel
from .panel import EditorPanel, set_editable

COMMENTARY_HINT = "Stycken skiljs med en tom rad. Rader som börjar med ”- ” blir punktlistor i rapporten."
KLAR_RULE = "Med den här bedömningen behövs en kommentar innan det kan markeras klart."
HINT_STYLE = "color: palette(mid);"
RULE_STYLE = "color: #8a5a00;"


class MeasureEditor(EditorPanel):
    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.measure_id: str | None = None
        self.measure: Measure | None = None  # as last read from the Document; never shared with the tree
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
        for status in Status:
            self.status.addItem(STATUS_LABELS[status], status.value)

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
        document.measureChanged.connect(self._measure_changed)
        self.history = HistoryPanel(document)
        self.layout_.insertWidget(self.layout_.count() - 1, self.history)  # above the closing stretch

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
        facts = [f"Nämnd: {measure.board}", f"Enhet: {unit.name if unit else 'ingen'}"]
        if kind.has_trend:
            other = self.document.comparison_period(measure)  # what the trend suggestion compares with
            facts.append(f"{DIRECTION_LABELS[Direction(measure.direction)]}, jämförs med "
                         f"{COMPARISON_LABELS[Comparison(measure.comparison)].lower()} "
                         f"({other.name if other else 'ingen sådan period finns'})")  # fmt: skip
        if measure.footnote:
            facts.append(f"Fotnot: {measure.footnote}")
        self.subtitle.setText("\n".join(facts))
        fulfilment, trend = model.fulfilment_scale(measure.kind), model.trend_scale
        self.fulfilment.set_values(fulfilment.values if fulfilment else [])
        self.trend.set_values(trend.values if trend else [])
        self.gender_row.setVisible(measure.gender_split)
        self.form.setRowVisible(self.gender_row, measure.gender_split)
        self.form.setRowVisible(self.trend.parentWidget(), kind.has_trend)
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
        self.history.show_measure(measure)

    def _show_entry(self) -> None:
        entry = self.measure.entry
        for field, text in self.text_fields.items():
            text.set_text(getattr(entry, field))
        self.fulfilment.set_code(entry.fulfilment)
        self.trend.set_code(entry.trend)
        self.status.setCurrentIndex(max(self.status.findData(entry.status), 0))
        rule = needs_commentary(self.document.model(), self.measure.kind, entry.fulfilment)
        self.form.setRowVisible(self.status_rule, rule and not entry.commentary.strip())
        self.set_changed(entry.changed_by, entry.changed_at)
        self._show_suggestions()

    def _show_suggestions(self) -> None:
        model = self.document.model()
        measure, entry = self.measure, self.measure.entry
        fulfilment = suggest_fulfilment(model, measure, entry)
        trend = suggest_trend(model, measure, entry, self.document.previous_entry(measure))
        for scale, code, chosen, hint, button in (
            (model.fulfilment_scale(measure.kind), fulfilment, entry.fulfilment, self.fulfilment_hint,
             self.use_fulfilment),
            (model.trend_scale, trend, entry.trend, self.trend_hint, self.use_trend),
        ):  # fmt: skip
            value = scale.get(code) if scale else None
            self.form.setRowVisible(hint.parentWidget(), value is not None)
            button.setVisible(value is not None and code != chosen)
            button.setProperty("code", code)
            if value is not None:
                hint.setText(f"Förslag: {shown_label(value, measure) if scale is model.trend_scale else value.label}")
                hint.setToolTip("Räknat från utfall och mål; ditt val avgör.")
                button.setIcon(symbol_icon(value.symbol, value.colour))

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


def _row(*widgets) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)
    layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return row
