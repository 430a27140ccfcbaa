"""Arkiv → Period: start the next period, lock an adopted one, reopen one with a reason.

The dialogs only lay out the choice and hand it to the Document
(`start_period`, `lock_period`, `unlock_period`), which writes through
`db.periods` and announces the period to show. A refusal (a period that
exists, an unlock without a reason) comes back as the Document's `refused`
sentence and the dialog stays open to be corrected.
"""

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout

from db.template import YEARS

from .dialog_form import add_row, buttons, note


class StartPeriodDialog(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Starta ny period")
        self.source = QComboBox()
        for period in document.periods():
            self.source.addItem(f"{period.name} – {period.label}", period.code)
        self.source.setCurrentIndex(self.source.findData(document.period.code))
        self.year = QSpinBox(minimum=YEARS.start, maximum=YEARS.stop - 1)
        self.kind = QComboBox()
        for kind in document.period_kinds():
            self.kind.addItem(f"{kind.name} – {kind.label}", kind.code)
        self.carry = QCheckBox("För över &kommentarer som utkast")
        self.carry.setAccessibleName("För över kommentarer som utkast")
        self.carry.setToolTip("Förra periodens kommentarer och bedömningar blir utkast i den nya perioden.")
        self.explanation = note()

        form = QFormLayout()
        add_row(form, "Från &period:", self.source)
        add_row(form, "&År:", self.year)
        add_row(form, "&Slag:", self.kind)
        form.addRow("", self.carry)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(buttons(self, "Starta perioden", self._start))

        self.source.currentIndexChanged.connect(self._propose)
        self.year.valueChanged.connect(self._explain)
        self.kind.currentIndexChanged.connect(self._explain)
        self._propose()
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> str:
        """The new period as the year and the kind's code: '2023 T1'."""
        return f"{self.year.value()} {self.kind.currentData()}"

    def _propose(self) -> None:
        """The period after the chosen source: the next kind that year, else next year's first."""
        year, kind = self.document.next_period(self.source.currentData())
        self.year.setValue(year)
        self.kind.setCurrentIndex(self.kind.findData(kind.code))
        self._explain()

    def _explain(self) -> None:
        year, source = self.year.value(), self.document.period_of(self.source.currentData())
        earlier = [y for y in self.document.plan_years() if y < year]
        if year in self.document.plan_years():
            structure = f"Perioden följer {year} års struktur, som redan finns."
        else:
            copied = max(earlier) if earlier else source.year
            structure = (
                f"{year} blir ett nytt planår: strukturen kopieras från {copied} och kan sedan ändras för {year} "
                f"utan att något som redan rapporterats för {copied} ändras."
            )
        self.explanation.setText(
            f"{structure} Den nya periodens utfall är tomma och tidigare perioders värden finns kvar för "
            f"jämförelsen. Perioden blir aktuell och visas när den har startats."
        )

    def _start(self) -> None:
        if self.document.start_period(self.chosen(), self.source.currentData(),
                                      carry_commentary=self.carry.isChecked()):  # fmt: skip
            self.accept()


class LockDialog(QDialog):
    """Lock a period whose report is adopted (`locking=True`), or reopen a locked one."""

    def __init__(self, document, *, locking: bool, parent=None):
        super().__init__(parent)
        self.document, self.locking = document, locking
        self.setWindowTitle("Lås period" if locking else "Lås upp period")
        self.period = QComboBox()
        for period in document.periods():
            if period.locked != locking:
                self.period.addItem(f"{period.name} – {period.label}", period.code)
        self.period.setCurrentIndex(max(self.period.findData(document.period.code), 0))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("t.ex. Antagen av regionstyrelsen 2022-10-26" if locking else "")
        form = QFormLayout()
        add_row(form, "&Period:", self.period)
        add_row(form, "&Orsak (valfri):" if locking else "&Orsak:", self.reason, name="Orsak")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note(
            "En låst period kan inte ändras: varken utfall, bedömningar, rapportinställningar eller årets "
            "struktur. Den kan låsas upp med en orsak, som sparas i ändringsloggen." if locking else
            "Orsaken krävs och sparas i ändringsloggen tillsammans med ditt namn och tidpunkten."
        ))  # fmt: skip
        layout.addWidget(buttons(self, "Lås perioden" if locking else "Lås upp perioden", self._apply))
        self.resize(520, self.sizeHint().height())

    def _apply(self) -> None:
        code = self.period.currentData()
        if code is None:
            self.reject()
            return
        step = self.document.lock_period if self.locking else self.document.unlock_period
        if step(code, self.reason.text()):
            self.accept()
