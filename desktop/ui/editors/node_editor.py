"""The editor of a node on one of the organisation's grouping levels: its description and, on
the assessment level, its prognosis and assessment for the period.

What a level carries is the file's model; the panel shows only those fields,
named in the file's words. A prognosis is a reasoned judgement: the panel
shows the node's measures' fulfilment beside it as the evidence, never a
computed roll-up. Holds the node's id and reads it from the Document.
"""

from collections import Counter

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from db.model import Node

from .. import texts
from .fields import ScaleCombo, set_editable
from .panel import EditorPanel


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
        labels = texts.EDITOR_LABELS
        self.add_field(labels["description"], self.description, texts.plain(labels["description"]))
        self.add_field(labels["prognosis"], self.prognosis, texts.plain(labels["prognosis"]))
        self.form.addRow(labels["evidence"], self.evidence)
        self.add_field(labels["assessment"], self.text, texts.plain(labels["assessment"]))
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
        measures = node.all_measures()
        filled = sum(not m.entry.is_empty for m in measures)
        self.subtitle.setText("\n".join(texts.node_facts(model, node.depth, node.boards, len(node.children),
                                                         len(measures), filled, self.document.period)))  # fmt: skip
        self.form.setRowVisible(self.description, level.has_description)
        for widget in (self.prognosis, self.evidence, self.text):
            self.form.setRowVisible(widget, level.has_assessment)
        structure_refusal = self.document.structure_refusal()
        period_refusal = self.document.period_refusal()
        shown_refusal = (period_refusal if level.has_assessment else None) or (
            structure_refusal if level.has_description else None
        )
        self.set_refusal(shown_refusal)
        set_editable([self.description], structure_refusal is None, structure_refusal or "")
        set_editable([self.prognosis, self.text], period_refusal is None, period_refusal or "")
        self.description_box.set_text(node.description)
        if level.has_assessment:
            scale = model.prognosis_scale
            self.prognosis.set_values(scale.values if scale else [], texts.NO_PROGNOSIS)
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
                shown.append(texts.not_assessed_count(counts[None]))
            parts.append(texts.evidence_line(len(of_kind), kind.singular, kind.plural, shown))
        return "\n".join(parts) or texts.no_items(model)

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
