"""The open goal file as the GUI sees it: the one façade through which widgets read and write.

Widgets never call `db`; they call this. Every edit becomes an undo command,
is written through `db` (one transaction, change log) and is announced by a
signal that names what changed (ids, never shared objects), so each view
reads the new state for itself. A refusal from `db` (a locked period,
another unit's measure, the commentary rule, a full disk) becomes the
`refused` signal with its Swedish sentence; nothing here shows a dialog. An
undo or redo that cannot be written leaves the undo stack where the file is.
"""

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db import structure
from db.collection import UnitProgress, collection_status
from db.conflicts import resolve_conflict
from db.errors import user_message
from db.goalfile import GoalFile
from db.model import Assessment, Board, Conflict, Entry, Measure, Node, OrgModel, Period, ReportSettings, Unit
from db.vocabulary import FIELDS, Status

from .cycle_editing import CycleEditing
from .undo import FieldEdit


class Document(CycleEditing, QObject):
    entryChanged = Signal(str, str)  # measure id, period code: an entry was written
    assessmentChanged = Signal(str, str)  # node id, period code
    nodeChanged = Signal(str)  # node id: its name, description or boards changed in the shown year
    measureChanged = Signal(str)  # measure id: its settings (target, name, …) changed in the shown year
    reloaded = Signal()  # the file was read again or another period is shown: every view reads anew
    conflictsChanged = Signal()  # a merge conflict was resolved
    refused = Signal(str)  # a Swedish sentence: why a write was refused
    # A plan year's structure, the boards or the units changed: views read the tree anew and
    # select this id ('' keeps the selection). Period steps announce themselves by `reloaded`.
    structureChanged = Signal(str)
    reportSettingsChanged = Signal(str)  # period code

    def __init__(self, goal_file: GoalFile, lock=None, parent=None):
        super().__init__(parent)
        self._file = goal_file
        self.lock = lock
        # A unit file opens on the period it was exported for, whatever its copy calls current.
        self.period: Period = goal_file.period(self._export_period_of(goal_file))
        self.undo_stack = QUndoStack(self)
        self._revert_to: int | None = None
        self.undo_stack.indexChanged.connect(self._after_index_change)

    # --- the file ------------------------------------------------------------------

    @property
    def path(self):
        return self._file.path

    @property
    def readonly(self) -> bool:
        return self._file.readonly

    @property
    def is_unit_file(self) -> bool:
        return self._file.is_unit_file

    @property
    def user(self) -> str:
        return self._file.user

    @property
    def own_unit(self) -> Unit | None:
        """In a unit file, the unit whose file it is."""
        return self._file.unit

    @property
    def organisation(self) -> str:
        return self._file.organisation

    # What the controller wrote into a unit file at export, for the officer's window. The file
    # is someone else's: these are shown as plain text, never trusted for a decision.

    @property
    def deadline(self) -> str:
        return self._file.deadline

    @property
    def return_to(self) -> str:
        return self._file.return_to

    @property
    def exported_by(self) -> str:
        return self._file.exported_by

    @property
    def export_period(self) -> str:
        """The code of the period a unit file was exported for ('' in a central file)."""
        return self._file.export_period

    @staticmethod
    def _export_period_of(goal_file: GoalFile) -> str | None:
        codes = {p.code for p in goal_file.periods()}
        return goal_file.export_period if goal_file.is_unit_file and goal_file.export_period in codes else None

    def close(self) -> None:
        self._file.close()
        if self.lock is not None:
            self.lock.release()

    def reload(self) -> None:
        """Read the file again (after a merge or a resolved conflict): a fresh connection, the
        same period if it still exists; the undo history is cleared, since undoing an edit made
        before the file changed underneath would silently overwrite what came in."""
        fresh = GoalFile.open(self.path, readonly=self.readonly, user=self.user)
        self._file.close()
        self._file = fresh
        self.undo_stack.clear()
        codes = {p.code for p in fresh.periods()}
        self.period = fresh.period(self.period.code if self.period.code in codes else None)
        self.reloaded.emit()

    def set_period(self, code: str) -> None:
        self.period = self._file.period(code)
        self.reloaded.emit()

    # --- reading ---------------------------------------------------------------------

    def model(self) -> OrgModel:
        return self._file.model()

    def tree(self) -> list[Node]:
        return self._file.tree(self.period.code)

    def periods(self) -> list[Period]:
        return self._file.periods()

    def boards(self) -> list[Board]:
        return self._file.boards()

    def units(self) -> list[Unit]:
        return self._file.units()

    def unit(self, unit_id: str | None) -> Unit | None:
        return next((u for u in self._file.units() if u.id == unit_id), None)

    def node(self, node_id: str) -> Node:
        """A node with what lies under it, for the shown period (read alone, not the whole tree)."""
        return self._file.node(node_id, self.period.code)

    def measure(self, measure_id: str) -> Measure:
        return self._file.measure(measure_id, self.period.code)

    def entry(self, measure_id: str) -> Entry:
        return self._file.entry(measure_id, self.period.code)

    def assessment(self, node_id: str) -> Assessment:
        return self._file.assessment(node_id, self.period.code)

    def history(self, measure_id: str) -> list[tuple[Period, Entry]]:
        return self._file.history(measure_id)

    def report_settings(self) -> ReportSettings:
        return self._file.report_settings(self.period.code)

    def report_readiness(self, board: str | None, period: str):
        """What in a report's selection is not ready to print as final (desktop.report.readiness)."""
        from desktop.report import selection_readiness

        return selection_readiness(self._file, board=board, period=period)

    def open_conflicts(self, *, all_periods: bool = False) -> list[Conflict]:
        return self._file.open_conflicts(None if all_periods else self.period.code)

    def measure_in(self, measure_id: str, period_code: str) -> Measure:
        """A measure as another period's plan year has it (a conflict may be about any period)."""
        return self._file.measure(measure_id, period_code)

    def collection_status(self) -> list[UnitProgress]:
        return collection_status(self._file, self.period.code)

    def export_target(self, folder, unit: Unit) -> Path:
        """Where the export writes `unit`'s file in `folder`."""
        from db.unitfile import unit_file_name

        return Path(folder) / unit_file_name(unit)

    def overwrite_risk(self, target) -> str | None:
        """Why exporting to `target` would destroy a file (one sentence to ask with), or None.
        A GoalFileError when the file cannot be read."""
        from db.unitfile import overwrite_risk

        return overwrite_risk(self._file, target)

    def previous_entry(self, measure: Measure) -> Entry | None:
        other = self._file.comparison_period(self.period, measure.comparison)
        return self._file.entry(measure.id, other.code) if other else None

    def comparison_period(self, measure: Measure) -> Period | None:
        return self._file.comparison_period(self.period, measure.comparison)

    def measure_refusal(self, measure: Measure) -> str | None:
        return self._file.entry_refusal(measure.unit_id, self.period)

    def period_refusal(self) -> str | None:
        """Why what belongs to the shown period (assessments, report settings) cannot be edited."""
        return self._file.period_refusal(self.period)

    def structure_refusal(self, *, printed: bool = True) -> str | None:
        """Why the shown year's structure (names, targets, descriptions) cannot be edited."""
        return self._file.structure_refusal(self.period.year, printed=printed)

    def central_refusal(self) -> str | None:
        return self._file.central_refusal()

    # --- edits -------------------------------------------------------------------------

    def edit_entry(self, measure_id: str, field: str, value) -> bool:
        """One field of an entry. The first thing written into an empty entry that was not started
        also makes it a draft (utkast), in the same write and the same undo step: undoing the
        typing undoes the status with it, and a merge or an import, which say the status
        themselves, never have it changed behind their back."""
        period = self.period.code
        entry = self._file.entry(measure_id, period)
        old, new = {field: getattr(entry, field)}, {field: value}
        if field != "status" and value and entry.is_empty and entry.status == Status.NOT_STARTED:
            old["status"], new["status"] = entry.status, Status.DRAFT.value

        def write(changes: dict) -> bool:
            return self._attempt(
                lambda: self._file.update_entry(measure_id, period, changes),
                lambda: self.entryChanged.emit(measure_id, period),
            )

        return self._edit(write, old, new, f"Ändra {FIELDS[field].label.lower()}")

    def export_table(self, out) -> int | None:
        """The shown period as a CSV table (`tabell`); the number of rows, or None after `refused`."""
        from db.csv_table import export_table

        written = []
        self._attempt(lambda: written.append(export_table(self._file, out, self.period.code)), lambda: None)
        return written[0] if written else None

    def import_table(self, path):
        """A CSV table into the shown period (`importera`): all or nothing, through the change log.
        Then every view reads anew and the undo history is cleared, as after a merge: undoing an
        edit made before the import must not silently overwrite what it brought in. The
        `db.csv_table.ImportResult`, or None after `refused` (nothing changed)."""
        from db.csv_table import import_table

        result = []

        def imported() -> None:
            self.undo_stack.clear()
            self.reloaded.emit()

        self._attempt(lambda: result.append(import_table(self._file, path, self.period.code)), imported)
        return result[0] if result else None

    def edit_assessment(self, node_id: str, field: str, value) -> bool:
        period = self.period.code
        old = getattr(self._file.assessment(node_id, period), field)

        def write(v) -> bool:
            return self._attempt(
                lambda: self._file.update_assessment(node_id, period, {field: v}),
                lambda: self.assessmentChanged.emit(node_id, period),
            )

        return self._edit(write, old, value, "Ändra prognos" if field == "prognosis" else "Ändra bedömning")

    def edit_node(self, node_id: str, field: str, value) -> bool:
        """A node's name, description or boards in the shown plan year."""
        year = self.period.year
        old = getattr(self._file.structure_node(node_id, year), field)

        def write(v) -> bool:
            return self._attempt(
                lambda: structure.update_node(self._file, node_id, year, {field: v}),
                lambda: self._in_shown_year(year, self.nodeChanged, node_id),
            )

        return self._edit(write, old, value, NODE_EDITS.get(field, "Ändra"))

    def edit_measure(self, measure_id: str, column: str, value) -> bool:
        """A measure's setting in the shown plan year: target, name, board_code, unit_id, …"""
        year = self.period.year
        row = self._file.row("SELECT * FROM measure_years WHERE measure_id = ? AND year = ?", [measure_id, year])
        old = row[column] if row else None
        if column == "gender_split" and old is not None:
            old = bool(old)

        def write(v) -> bool:
            return self._attempt(
                lambda: structure.update_measure(self._file, measure_id, year, {column: v}),
                lambda: self._in_shown_year(year, self.measureChanged, measure_id),
            )

        return self._edit(write, old, value, MEASURE_EDITS.get(column, "Ändra inställning"))

    def _in_shown_year(self, year: int, signal, item_id: str) -> None:
        """Announce a change of a year's structure only to views that show that year (an undo
        may write a year the window no longer shows, where the item may not even exist)."""
        if year == self.period.year:
            signal.emit(item_id)

    def resolve_conflict(self, conflict_id: int, choice: str, value=None) -> bool:
        """Resolve a merge conflict (logged in `db.conflicts`); False with `refused` when it cannot be."""
        resolved = []

        def resolve() -> None:
            resolved.append(resolve_conflict(self._file, conflict_id, choice, value))

        def announce() -> None:
            self.entryChanged.emit(resolved[0].measure_id, resolved[0].period_code)
            self.conflictsChanged.emit()

        return self._attempt(resolve, announce)

    def _edit(self, write, old, new, text: str) -> bool:
        if old == new:
            return True
        if not write(new):
            return False
        self.undo_stack.push(FieldEdit(write, old, new, text, self._command_failed))
        return True

    def _attempt(self, change, announce) -> bool:
        try:
            change()
        except Exception as e:
            message = user_message(e, self.path)
            if message is None:
                raise
            self.refused.emit(message)
            return False
        announce()
        return True

    def _command_failed(self) -> None:
        """An undo or redo could not be written: once the stack has moved, move it back where the
        file is (the command's write in the other direction is then a no-op)."""
        if self._revert_to is None:
            self._revert_to = self.undo_stack.index()

    def _after_index_change(self, _index: int) -> None:
        if self._revert_to is not None:
            target, self._revert_to = self._revert_to, None
            self.undo_stack.setIndex(target)


NODE_EDITS = {"name": "Byt namn", "description": "Ändra beskrivning", "boards": "Ändra nämnder"}
MEASURE_EDITS = {"target": "Ändra mål", "name": "Byt namn", "board_code": "Byt nämnd", "unit_id": "Byt enhet"}
