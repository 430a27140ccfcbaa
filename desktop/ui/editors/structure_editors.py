"""The editors of a strategic goal (prognosis, assessment), a perspective (description) and a factor (read only).

A goal's prognosis is a reasoned judgement: the panel shows its measures'
fulfilment beside it as the evidence, never a computed roll-up.
"""

from collections import Counter

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from db.scales import FULFILMENT, PROGNOSIS

from .fields import ScaleCombo
from .panel import EditorPanel, set_editable


class GoalEditor(EditorPanel):
    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.goal = None
        self.prognosis = ScaleCombo()
        self.text = QPlainTextEdit(tabChangesFocus=True)
        self.text.setMinimumHeight(220)
        self.evidence = QLabel(wordWrap=True)
        self.form.addRow("&Prognos:", self.prognosis)
        self.form.addRow("Styrmåtten:", self.evidence)
        self.form.addRow("&Bedömning:", self.text)
        self.prognosis.chosen.connect(lambda code: self._save("prognosis", code))
        self.text_box = self.text_field(self.text, lambda t: self._save("text", t))
        document.assessmentChanged.connect(self._changed)

    def show_node(self, node) -> None:
        self.flush()
        self.goal = node.item
        self.kind_label.setText("STRATEGISKT MÅL")
        self.title.setText(self.goal.name)
        self.subtitle.setText(
            f"Nämnd: {', '.join(self.goal.boards)} · Prognos för året vid {self.document.period.name}"
        )
        self.prognosis.set_values(self.document.goal_file.scales().values(PROGNOSIS), "– ingen prognos –")
        self.evidence.setText(self._evidence())
        refusal = self.document.structure_refusal()
        self.set_refusal(refusal)
        set_editable([self.prognosis, self.text], refusal is None)
        self._show()

    def _evidence(self) -> str:
        scales = self.document.goal_file.scales()
        measures = [m for m in self.goal.measures() if not m.is_activity]
        counts = Counter(m.entry.fulfilment for m in measures)
        parts = [f"{counts[v.code]} {v.label.lower()}" for v in scales.values(FULFILMENT) if counts[v.code]]
        if counts[None]:
            parts.append(f"{counts[None]} ej bedömda")
        return f"{len(measures)} styrmått: " + (", ".join(parts) if parts else "inga bedömda")

    def _show(self) -> None:
        assessment = self.goal.assessment
        self.prognosis.set_code(assessment.prognosis)
        self.text_box.set_text(assessment.text)
        self.set_changed(assessment.changed_by, assessment.changed_at)

    def _save(self, field: str, value) -> None:
        if self.goal and not self.document.edit_assessment(self.goal.id, field, value):
            self.goal.assessment = self.document.goal_file.goal_assessment(self.goal.id, self.document.period.code)
            self._show()

    def _changed(self, assessment) -> None:
        if self.goal and assessment.goal_id == self.goal.id and assessment.period_code == self.document.period.code:
            self.goal.assessment = assessment
            self._show()


class PerspectiveEditor(EditorPanel):
    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.perspective = None
        self.description = QPlainTextEdit(tabChangesFocus=True)
        self.description.setMinimumHeight(220)
        self.form.addRow("&Beskrivning:", self.description)
        self.description_box = self.text_field(self.description, self._save)
        document.descriptionChanged.connect(self._changed)

    def show_node(self, node) -> None:
        self.flush()
        self.perspective = node.item
        self.kind_label.setText("PERSPEKTIV")
        self.title.setText(self.perspective.name)
        goals = len(self.perspective.goals)
        self.subtitle.setText(f"{goals} strategiska mål" if goals != 1 else "1 strategiskt mål")
        refusal = self.document.structure_refusal()
        self.set_refusal(refusal)
        set_editable([self.description], refusal is None)
        self.description_box.set_text(self.perspective.description)
        self.changed.clear()

    def _save(self, text: str) -> None:
        if self.perspective and not self.document.edit_description(self.perspective.id, text):
            self.description_box.set_text(self.perspective.description)

    def _changed(self, perspective_id: str, description: str) -> None:
        if self.perspective and perspective_id == self.perspective.id:
            self.perspective.description = description
            self.description_box.set_text(description)


class FactorView(EditorPanel):
    """A success factor has nothing to fill in; it says what lies under it."""

    def show_node(self, node) -> None:
        factor = node.item
        self.kind_label.setText("FRAMGÅNGSFAKTOR")
        self.title.setText(factor.name)
        filled = sum(not m.entry.is_empty for m in factor.measures)
        self.subtitle.setText(
            f"Nämnd: {', '.join(factor.boards)}\n{len(factor.measures)} styrmått, {filled} ifyllda för "
            f"{self.document.period.name}.\nVälj ett styrmått i trädet för att fylla i utfall och bedömning."
        )
        self.set_refusal(None)
        self.changed.clear()
