"""Arkiv → Rapportinställningar…: a period's report header block and introduction.

Rubrik, dokument-id, version, publiceringsdatum (an ISO date, checked by
`db`), ansvarig, upprättad av, and the introduction belong to a period;
*gäller för verksamhet* is the organisation, the file's own, shown as it
prints. Saved as one undoable step through the Document. A locked period's
settings are shown read-only under the permission rule's sentence.
"""

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout

from db.model import REPORT_FIELDS

from . import messages
from .dialog_form import add_row, banner, buttons, set_read_only

LABELS = {
    "title": "&Rubrik:", "document_id": "&Dokument-id:", "version": "&Version:",
    "publication_date": "P&ubliceringsdatum:", "responsible": "&Ansvarig:", "created_by": "Upprä&ttad av:",
    "introduction": "&Inledning:",
}  # fmt: skip


class ReportSettingsDialog(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Rapportinställningar")
        self.period = QComboBox()
        for period in document.periods():
            self.period.addItem(f"{period.name} – {period.label}" + (" (låst)" if period.locked else ""), period.code)
        self.period.setCurrentIndex(self.period.findData(document.period.code))
        self._shown = self.period.currentData()
        self.fields = {name: QLineEdit() for name in REPORT_FIELDS if name != "introduction"}
        self.fields["publication_date"].setPlaceholderText("ÅÅÅÅ-MM-DD")
        self.fields["introduction"] = QPlainTextEdit(tabChangesFocus=True)
        self.fields["introduction"].setMinimumHeight(200)
        self.organisation = QLineEdit(document.organisation)
        set_read_only(self.organisation, True)
        self.organisation.setToolTip("Filens organisation; den står i sidhuvudet för varje period.")
        self.banner = banner()

        form = QFormLayout()
        add_row(form, "&Period:", self.period)
        add_row(form, "&Gäller för verksamhet:", self.organisation)
        for name in REPORT_FIELDS:
            add_row(form, LABELS[name], self.fields[name])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        self.buttons = buttons(self, "Spara", self._save)
        layout.addWidget(self.buttons)
        self.period.activated.connect(self._switch)
        self._load()
        self.resize(680, 640)

    def values(self) -> dict:
        return {name: _text(widget) for name, widget in self.fields.items()}

    def _load(self) -> None:
        code = self._shown
        settings = self.document.report_settings_of(code)
        refusal = self.document.period_refusal_of(code)
        for name, widget in self.fields.items():
            text = getattr(settings, name)
            widget.setPlainText(text) if isinstance(widget, QPlainTextEdit) else widget.setText(text)
            set_read_only(widget, refusal is not None)
        self.banner.setText(f"Kan inte ändras: {refusal}" if refusal else "")
        self.banner.setVisible(bool(refusal))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(refusal is None)
        self.buttons.button(self.buttons.StandardButton.Cancel).setText("Stäng" if refusal else "Avbryt")

    def _unsaved(self) -> bool:
        stored = self.document.report_settings_of(self._shown)
        return any(getattr(stored, name) != value for name, value in self.values().items())

    def _switch(self, _index: int) -> None:
        """Another period's settings; changes to the one shown are saved first if the user wants."""
        if self._unsaved() and self.document.period_refusal_of(self._shown) is None:
            name = self.document.period_of(self._shown).name
            save = messages.question(self, f"Spara ändringarna för {name} först?", "Spara", "Släng ändringarna")
            if save and not self.document.edit_report_settings(self._shown, self.values()):
                self.period.setCurrentIndex(self.period.findData(self._shown))
                return
        self._shown = self.period.currentData()
        self._load()

    def _save(self) -> None:
        if self.document.edit_report_settings(self._shown, self.values()):
            self.accept()


def _text(widget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text().strip()
