"""The editor of a node on one of the organisation's levels (Norrbotten: a perspective, a
strategic goal, a success factor): its description and, on the assessment level, its
prognosis and assessment for the period.

What a level carries is the file's model; the panel shows only those fields.
A prognosis is a reasoned judgement: the panel shows the node's measures'
fulfilment beside it as the evidence, never a computed roll-up. Holds the
node's id and reads it from the Document.
"""

from collections import Counter

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from db.model import Node

from .fields import ScaleCombo
from .panel import EditorPanel, set_editable


class NodeEditor(EditorPanel):
    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.node_id: str | None = None
        self.node: Node | None = None
        self.description = QPlainTextEdit(tabChangesFocus=True)
        self.description.setMinimumHeight(160)
        self.prognosis = ScaleCombo()
        self.text = QPlainTextEdit(tabChangesFocus=True)
        self.text.setMinimumHeight(220)
        self.evidence = QLabel(wordWrap=True)
        self.form.addRow("&Beskrivning:", self.description)
        self.form.addRow("&Prognos:", self.prognosis)
        self.form.addRow("Underlag:", self.evidence)
        self.form.addRow("B&edömning:", self.text)
        self.description_box = self.text_field(self.description, self._save_description)
        self.prognosis.chosen.connect(lambda code: self._save_assessment("prognosis", code))
        self.text_box = self.text_field(self.text, lambda t: self._save_assessment("text", t))
        document.assessmentChanged.connect(self._assessment_changed)
        document.nodeChanged.connect(self._node_changed)

    def show_node(self, node) -> None:
        self.flush()
        self.node_id = node.id
        self._load()

    def _load(self) -> None:
        node = self.node = self.document.node(self.node_id)
        model = self.document.model()
        level = model.level(node.depth)
        self.kind_label.setText(level.singular.upper())
        self.title.setText(node.name)
        facts = [f"Nämnd: {', '.join(node.boards)}"] if level.has_boards else []
        if node.children:
            below = model.level(node.depth + 1)
            facts.append(
                f"{len(node.children)} {(below.singular if len(node.children) == 1 else below.plural).lower()}"
            )
        measures = node.all_measures()
        filled = sum(not m.entry.is_empty for m in measures)
        facts.append(
            f"{len(measures)} {model.item_level.plural.lower()}, {filled} ifyllda för {self.document.period.name}"
        )
        if level.has_assessment:
            facts.append(f"Prognos för året vid {self.document.period.name}")
        self.subtitle.setText("\n".join(facts))
        for widget in (self.description,):
            self.form.setRowVisible(widget, level.has_description)
        for widget in (self.prognosis, self.evidence, self.text):
            self.form.setRowVisible(widget, level.has_assessment)
        structure_refusal = self.document.structure_refusal()
        period_refusal = self.document.period_refusal()
        shown_refusal = (period_refusal if level.has_assessment else None) or (
            structure_refusal if level.has_description else None
        )
        self.set_refusal(shown_refusal)
        set_editable([self.description], structure_refusal is None)
        set_editable([self.prognosis, self.text], period_refusal is None)
        self.description_box.set_text(node.description)
        if level.has_assessment:
            scale = model.prognosis_scale
            self.prognosis.set_values(scale.values if scale else [], "– ingen prognos –")
            self.evidence.setText(self._evidence())
            self._show_assessment()
        else:
            self.changed.clear()

    def _evidence(self) -> str:
        model = self.document.model()
        measures = self.node.all_measures()
        parts = []
        for kind in model.kinds:
            of_kind = [m for m in measures if m.kind == kind.code]
            scale = model.fulfilment_scale(kind.code)
            if not of_kind or scale is None:
                continue
            counts = Counter(m.entry.fulfilment for m in of_kind)
            shown = [f"{counts[v.code]} {v.label.lower()}" for v in scale.values if counts[v.code]]
            if counts[None]:
                shown.append(f"{counts[None]} ej bedömda")
            parts.append(f"{len(of_kind)} {kind.plural.lower()}: " + ", ".join(shown))
        return "\n".join(parts) or f"Inga {model.item_level.plural.lower()}."

    def _show_assessment(self) -> None:
        assessment = self.document.assessment(self.node_id)
        self.prognosis.set_code(assessment.prognosis)
        self.text_box.set_text(assessment.text)
        self.set_changed(assessment.changed_by, assessment.changed_at)

    def _save_description(self, text: str) -> None:
        if self.node_id and not self.document.edit_node(self.node_id, "description", text):
            self.description_box.set_text(self.node.description)

    def _save_assessment(self, field: str, value) -> None:
        if self.node_id and not self.document.edit_assessment(self.node_id, field, value):
            self._show_assessment()

    def _assessment_changed(self, node_id: str, period_code: str) -> None:
        if node_id == self.node_id and period_code == self.document.period.code:
            self._show_assessment()

    def _node_changed(self, node_id: str) -> None:
        if node_id == self.node_id:
            self._load()
