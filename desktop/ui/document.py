"""The open goal file as the GUI sees it: the period shown, the undo stack, the writes.

Widgets never call `db` to write; they call this, which makes the change an
undo command, writes it through `GoalFile` (one transaction, change log) and
tells every view by signal. A refusal from `db` (a locked period, another
unit's measure, the commentary rule) becomes the `refused` signal with its
Swedish sentence; nothing here shows a dialog.
"""

import sqlite3

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db.errors import GoalFileError, describe_sqlite_error
from db.goalfile import GoalFile
from db.model import Entry, Measure, Period, Unit

from .undo import FieldEdit

ENTRY_FIELD_NAMES = {
    "outcome_total": "utfall totalt", "outcome_women": "utfall kvinnor", "outcome_men": "utfall män",
    "outcome_text": "utfall i text", "fulfilment": "måluppfyllelse", "trend": "utveckling",
    "commentary": "kommentar", "status": "status",
}  # fmt: skip


class Document(QObject):
    entryChanged = Signal(object)  # the Entry as now stored
    assessmentChanged = Signal(object)  # the GoalAssessment as now stored
    descriptionChanged = Signal(str, str)  # perspective id, description
    targetChanged = Signal(str, str)  # measure id, target
    refused = Signal(str)  # a Swedish sentence: why a write was refused

    def __init__(self, goal_file: GoalFile, lock=None, parent=None):
        super().__init__(parent)
        self.goal_file = goal_file
        self.lock = lock
        self.period: Period = goal_file.period()
        self.undo_stack = QUndoStack(self)

    @property
    def path(self):
        return self.goal_file.path

    @property
    def readonly(self) -> bool:
        return self.goal_file.readonly

    def close(self) -> None:
        self.goal_file.close()
        if self.lock is not None:
            self.lock.release()

    def set_period(self, code: str) -> None:
        self.period = self.goal_file.period(code)

    def tree(self):
        return self.goal_file.tree(self.period.code)

    # --- reading for the editors ---------------------------------------------

    def entry(self, measure_id: str) -> Entry:
        return self.goal_file.entry(measure_id, self.period.code)

    def unit(self, unit_id: str | None) -> Unit | None:
        return next((u for u in self.goal_file.units() if u.id == unit_id), None)

    def previous_entry(self, measure: Measure) -> Entry | None:
        other = self.goal_file.comparison_period(self.period, measure.comparison)
        return self.goal_file.entry(measure.id, other.code) if other else None

    def measure_refusal(self, measure: Measure) -> str | None:
        return self.goal_file.edit_refusal(measure.unit_id, self.period)

    def structure_refusal(self) -> str | None:
        """Why goal assessments, descriptions and targets cannot be edited here, or None."""
        if self.goal_file.readonly:
            return "Filen är öppnad skrivskyddat."
        if self.goal_file.is_unit_file:
            return "Det här ändras bara i centralfilen."
        if self.period.locked:
            return f"Perioden {self.period.name} är låst."
        return None

    # --- edits -----------------------------------------------------------------

    def edit_entry(self, measure_id: str, field: str, value) -> bool:
        period_code = self.period.code
        old = getattr(self.goal_file.entry(measure_id, period_code), field)

        def write(v) -> bool:
            return self._attempt(
                lambda: self.goal_file.update_entry(measure_id, period_code, {field: v}),
                lambda: self.entryChanged.emit(self.goal_file.entry(measure_id, period_code)),
            )

        return self._edit(write, old, value, f"Ändra {ENTRY_FIELD_NAMES[field]}")

    def edit_assessment(self, goal_id: str, field: str, value) -> bool:
        period_code = self.period.code
        old = getattr(self.goal_file.goal_assessment(goal_id, period_code), field)

        def write(v) -> bool:
            return self._attempt(
                lambda: self.goal_file.update_goal_assessment(goal_id, period_code, {field: v}),
                lambda: self.assessmentChanged.emit(self.goal_file.goal_assessment(goal_id, period_code)),
            )

        return self._edit(write, old, value, "Ändra prognos" if field == "prognosis" else "Ändra bedömning")

    def edit_description(self, perspective_id: str, value: str) -> bool:
        old = next(p.description for p in self.goal_file.perspectives() if p.id == perspective_id)

        def write(v) -> bool:
            return self._attempt(
                lambda: self.goal_file.update_perspective_description(perspective_id, v),
                lambda: self.descriptionChanged.emit(perspective_id, v),
            )

        return self._edit(write, old, value, "Ändra beskrivning")

    def edit_target(self, measure_id: str, value: str) -> bool:
        old = self.goal_file.measure(measure_id).target

        def write(v) -> bool:
            return self._attempt(
                lambda: self.goal_file.update_measure_target(measure_id, v),
                lambda: self.targetChanged.emit(measure_id, v),
            )

        return self._edit(write, old, value, "Ändra mål")

    def _edit(self, write, old, new, text: str) -> bool:
        if old == new:
            return True
        if not write(new):
            return False
        self.undo_stack.push(FieldEdit(write, old, new, text))
        return True

    def _attempt(self, change, announce) -> bool:
        try:
            change()
        except GoalFileError as e:
            self.refused.emit(str(e))
            return False
        except sqlite3.Error as e:  # disk full, file gone read-only or locked by another program
            self.refused.emit(describe_sqlite_error(e, self.path.name))
            return False
        announce()
        return True
