"""The controller's edits beyond the entries, as the Document offers them: the period cycle,
the shown plan year's structure, the boards and units, and a period's report settings.

A part of `Document` (a base class of it, as `db.reading` is of `GoalFile`):
the same rules hold — every write goes through `db` (one transaction, the
change log), a refusal becomes the `refused` signal, and what changed is
announced by a signal naming ids. Structure, lists and report settings are
undoable (`undo.FieldEdit`, `structure_commands.Presence`); the period cycle
is logged but not undone by Ctrl+Z (a locked period is reopened with a
reason). Central file only: `db` refuses all of it in a unit file. Never
shows a dialog.
"""

from PySide6.QtGui import QUndoStack

from db import periods as cycle
from db import structure
from db.goalfile import GoalFile, new_id
from db.model import Measure, Node, Period, PeriodKind, ReportSettings

from .structure_commands import Presence


class CycleEditing:
    """Uses what `Document` has: its file, shown period, undo stack, signals (`structureChanged`,
    `reportSettingsChanged`, declared there since signals live on the QObject), `set_period`,
    and the one write path `_attempt` / `_edit` / `_command_failed`."""

    _file: GoalFile
    period: Period
    undo_stack: QUndoStack

    # --- the period cycle: central file only, in the change log; not undone by Ctrl+Z -------------

    def period_of(self, code: str) -> Period:
        return self._file.period(code)

    def period_kinds(self) -> list[PeriodKind]:
        return self._file.period_kinds()

    def plan_years(self) -> list[int]:
        return self._file.plan_years()

    def next_period(self, after_code: str) -> tuple[int, PeriodKind]:
        """The year and kind that follow a period (what *Starta ny period…* proposes)."""
        return cycle.next_period(self._file, self._file.period(after_code))

    def lock_record(self, code: str) -> tuple[str, str, str] | None:
        """When, by whom and why a locked period was last locked, from the change log."""
        changes = [c for c in self._file.change_log(code) if c.subject == "period"]
        lock = next((c for c in reversed(changes) if c.field == "locked" and c.new_value == "1"), None)
        if lock is None:
            return None
        reason = next((c.new_value or "" for c in changes if c.field == "reason" and c.at == lock.at), "")
        return lock.at, lock.by, reason

    def start_period(self, wanted: str, from_period: str, *, carry_commentary: bool = False) -> bool:
        """Start a period (it becomes current and is shown); False with `refused` when it cannot be."""
        return self._period_step(lambda: cycle.start_period(self._file, wanted, from_period=from_period,
                                                            carry_commentary=carry_commentary))  # fmt: skip

    def lock_period(self, code: str, reason: str = "") -> bool:
        return self._period_step(lambda: cycle.lock_period(self._file, code, reason))

    def unlock_period(self, code: str, reason: str) -> bool:
        return self._period_step(lambda: cycle.unlock_period(self._file, code, reason))

    def make_current(self, code: str) -> bool:
        return self._period_step(lambda: cycle.set_current_period(self._file, code))

    def _period_step(self, step) -> bool:
        """A step of the cycle, then the period it names is shown and every view reads anew."""
        done: list[Period] = []
        return self._attempt(lambda: done.append(step()), lambda: self.set_period(done[0].code))

    # --- the shown plan year's structure: central file only, undoable ------------------------------

    def add_node(self, parent_id: str | None, settings: dict, *, position: int | None = None) -> str | None:
        """A new node under `parent_id` (None: the top level) with `settings` (name, boards,
        description); its id, or None when refused."""
        year = self.period.year

        def add() -> str:
            with self._file.transaction():
                node_id = structure.add_node(self._file, year, parent_id, settings.get("name", ""), position=position)
                rest = {k: v for k, v in settings.items() if k != "name" and v}
                if rest:
                    structure.update_node(self._file, node_id, year, rest)
            return node_id

        return self._add(add, year, settings.get("name", ""))

    def add_measure(self, node_id: str, settings: dict, *, position: int | None = None) -> str | None:
        """A new measured item under `node_id` with `settings` (name, kind, board_code, unit_id, target, …)."""
        year = self.period.year
        first = ("name", "kind", "board_code", "unit_id")

        def add() -> str:
            with self._file.transaction():
                measure_id = structure.add_measure(
                    self._file, year, node_id, settings.get("name", ""), kind=settings.get("kind"),
                    board=settings.get("board_code"), unit_id=settings.get("unit_id"), position=position,
                )  # fmt: skip
                rest = {k: v for k, v in settings.items() if k not in first}
                if rest:
                    structure.update_measure(self._file, measure_id, year, rest)
            return measure_id

        return self._add(add, year, settings.get("name", ""))

    def _add(self, add, year: int, name: str) -> str | None:
        added: list[str] = []
        if not self._attempt(lambda: added.append(add()), lambda: self.structureChanged.emit(added[0])):
            return None
        self._push_present(f"Lägg till ”{name.strip()}”", added[0], year)
        return added[0]

    def _push_present(self, text: str, item_id: str, year: int) -> None:
        """An item made present in the year (added or put back): undone by retiring it again."""
        self.undo_stack.push(Presence(
            text, present=True, take_out=lambda: self._take_out(item_id, year), put_back=self._put_back,
            failed=self._command_failed,
        ))  # fmt: skip

    def retire(self, item_id: str) -> bool:
        """Take a node (with all under it) or a measure out of the shown plan year; its values stay."""
        year = self.period.year
        retired = self._take_out(item_id, year)
        if retired is None:
            return False
        self.undo_stack.push(Presence(
            f"Avveckla ”{retired.top['name']}”", present=False, take_out=lambda: self._take_out(item_id, year),
            put_back=self._put_back, failed=self._command_failed, retired=retired,
        ))  # fmt: skip
        return True

    def retirements(self) -> list[structure.Retired]:
        """What has been retired from the shown plan year and not put back, the latest first."""
        return structure.retirements(self._file, self.period.year)

    def reinstate(self, retired: structure.Retired) -> bool:
        """Put back a retirement of an earlier session (one of `retirements`); undoable."""
        if not self._put_back(retired):
            return False
        self._push_present(f"Återinför ”{retired.top['name']}”", retired.item_id, retired.year)
        return True

    def _take_out(self, item_id: str, year: int) -> structure.Retired | None:
        taken: list[structure.Retired] = []
        done = self._attempt(
            lambda: taken.append(structure.retire(self._file, item_id, year)),
            lambda: self.structureChanged.emit(taken[0].parent_id or ""),
        )
        return taken[0] if done else None

    def _put_back(self, retired: structure.Retired) -> bool:
        return self._attempt(
            lambda: structure.restore(self._file, retired), lambda: self.structureChanged.emit(retired.item_id)
        )

    def move(self, item_id: str, parent_id: str | None, position: int | None) -> bool:
        """Put a node or measure under `parent_id` at `position` (None: last) in the shown plan year."""
        year = self.period.year
        item = self._item(item_id, year)
        is_node = isinstance(item, Node)
        old = (item.parent_id if is_node else item.node_id, item.position)
        move = structure.move_node if is_node else structure.move_measure

        def write(place) -> bool:
            return self._attempt(
                lambda: move(self._file, item_id, year, *place), lambda: self.structureChanged.emit(item_id)
            )

        return self._edit(write, old, (parent_id, position), f"Flytta ”{item.name}”")

    def edit_node_settings(self, node_id: str, changes: dict) -> bool:
        """A node's name, description and boards in the shown plan year, as one undoable step."""
        year = self.period.year
        node = self._item(node_id, year)
        return self._edit_settings(node.name, {k: getattr(node, k) for k in changes}, changes,
                                   lambda values: structure.update_node(self._file, node_id, year, values),
                                   lambda: self._in_shown_year(year, self.nodeChanged, node_id))  # fmt: skip

    def edit_measure_settings(self, measure_id: str, changes: dict) -> bool:
        """A measure's settings in the shown plan year (columns of `db.structure.MEASURE_FIELDS`)."""
        year = self.period.year
        measure = self._item(measure_id, year)
        stored = {**{c: getattr(measure, c, None) for c in changes}, "board_code": measure.board}
        return self._edit_settings(measure.name, {c: stored[c] for c in changes}, changes,
                                   lambda values: structure.update_measure(self._file, measure_id, year, values),
                                   lambda: self._in_shown_year(year, self.measureChanged, measure_id))  # fmt: skip

    def _edit_settings(self, name: str, old: dict, changes: dict, update, announce) -> bool:
        """Settings change in place: the views update the item, no tree is read anew."""
        new = {k: v for k, v in changes.items() if old[k] != v}

        def write(values: dict) -> bool:
            return self._attempt(lambda: update(values), announce)

        return self._edit(write, {k: old[k] for k in new}, new, f"Ändra ”{name}”")

    def _item(self, item_id: str, year: int) -> Node | Measure:
        """A node or measure of the shown plan year as stored (a measure read alone)."""
        if self._file.row("SELECT 1 FROM measures WHERE id = ?", [item_id]):
            return self._file.measure(item_id, self.period.code)
        return self._file.structure_node(item_id, year)

    # --- the organisation's lists: boards and units (central file only, undoable) ------------------

    def save_board(self, code: str, name: str) -> bool:
        """Add a board, or give the board with this code a new name."""
        old = next((b.name for b in self.boards() if b.code == code.strip()), None)
        return self._edit(self._board_writer(code.strip()), old, name, "Ändra nämnd" if old else "Lägg till nämnd")

    def remove_board(self, code: str) -> bool:
        old = next(b.name for b in self.boards() if b.code == code)
        return self._edit(self._board_writer(code), old, None, "Ta bort nämnd")

    def _board_writer(self, code: str):
        def write(name: str | None) -> bool:
            change = (lambda: structure.remove_board(self._file, code)) if name is None else (
                lambda: structure.save_board(self._file, code, name))  # fmt: skip
            return self._attempt(change, lambda: self.structureChanged.emit(""))

        return write

    def save_unit(self, unit_id: str | None, code: str, name: str) -> str | None:
        """Add a unit (unit_id None) or change its code and name; its id, or None when refused."""
        old = self.unit(unit_id)
        unit_id = unit_id or new_id()  # chosen here, so that undo and redo remove and add the same unit
        done = self._edit(self._unit_writer(unit_id), (old.code, old.name) if old else None, (code, name),
                          "Ändra enhet" if old else "Lägg till enhet")  # fmt: skip
        return unit_id if done else None

    def remove_unit(self, unit_id: str) -> bool:
        old = self.unit(unit_id)
        return self._edit(self._unit_writer(unit_id), (old.code, old.name), None, "Ta bort enhet")

    def _unit_writer(self, unit_id: str):
        def write(value: tuple[str, str] | None) -> bool:
            change = (lambda: structure.remove_unit(self._file, unit_id)) if value is None else (
                lambda: structure.save_unit(self._file, unit_id, *value))  # fmt: skip
            return self._attempt(change, lambda: self.structureChanged.emit(""))

        return write

    # --- report settings of a period -------------------------------------------------------------

    def report_settings_of(self, period_code: str) -> ReportSettings:
        return self._file.report_settings(period_code)

    def period_refusal_of(self, period_code: str) -> str | None:
        return self._file.period_refusal(self._file.period(period_code))

    def edit_report_settings(self, period_code: str, changes: dict) -> bool:
        """The header block and introduction of one period's report, as one undoable step."""
        stored = self._file.report_settings(period_code)
        new = {k: v for k, v in changes.items() if getattr(stored, k) != v}

        def write(values: dict) -> bool:
            return self._attempt(lambda: self._file.update_report_settings(period_code, values),
                                 lambda: self.reportSettingsChanged.emit(period_code))  # fmt: skip

        return self._edit(write, {k: getattr(stored, k) for k in new}, new, "Ändra rapportinställningar")
