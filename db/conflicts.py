"""Resolving merge conflicts, and the words used to show them.

A conflict is raised by the merge of a unit file or the import of a table
(`record_conflict`: central keeps its value, the row keeps all three) and
resolved by keeping central's value, taking the incoming one, or writing a
new value; a changed value goes through `GoalFile.write_entry`
(so it is in the change log with the conflict as origin) and the conflict row
records who resolved it, when and how. Never resolve a conflict silently or
outside the central file.
"""

from dataclasses import dataclass

from .errors import GoalFileError, ReadOnlyError
from .goalfile import GoalFile, now_utc
from .model import Conflict, OrgModel
from .vocabulary import FIELDS, STATUS_LABELS, Assessed, Status

KEEP_CENTRAL, TAKE_INCOMING, NEW_VALUE = "central", "incoming", "new"


@dataclass
class FieldChange:
    """One field of one entry as it was (base), is (central) and is offered (incoming)."""

    measure_id: str
    measure_name: str
    kind: str
    period_code: str
    field: str
    base: str | None
    central: str | None
    incoming: str | None
    reason: str = ""  # why it was rejected


def conflict_known(goal_file: GoalFile, change: FieldChange, unit_id: str) -> bool:
    """The same incoming value was already a conflict (open or resolved): do not raise it again."""
    return bool(
        goal_file.conn.execute(
            "SELECT 1 FROM conflicts WHERE measure_id = ? AND period_code = ? AND field = ? AND unit_id = ? "
            "AND incoming_value IS ?",
            [change.measure_id, change.period_code, change.field, unit_id, change.incoming],
        ).fetchone()
    )


def record_conflict(goal_file: GoalFile, change: FieldChange, source_file: str, unit_id: str, *,
                    supersede: bool) -> None:  # fmt: skip
    """A conflict for a person to resolve; with `supersede`, the unit's open conflict on the same
    field (from an earlier file of the unit) gives way to this one."""
    at = now_utc()
    if supersede:
        goal_file.conn.execute(
            "UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = 'superseded' "
            "WHERE resolved_at IS NULL AND measure_id = ? AND period_code = ? AND field = ? AND unit_id = ?",
            [at, goal_file.user, change.measure_id, change.period_code, change.field, unit_id],
        )
    goal_file.conn.execute(
        "INSERT INTO conflicts (measure_id, period_code, field, base_value, central_value, incoming_value, "
        "source_file, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [change.measure_id, change.period_code, change.field, change.base, change.central, change.incoming,
         source_file, unit_id, at],
    )  # fmt: skip


def change_line(model: OrgModel, change: FieldChange, kept: str, offered: str, then: str) -> str:
    """'konflikt: ”Name”, field: <kept> ”central” behålls, <offered> ”incoming” (<then> ”base”)'."""

    def shown(value) -> str:
        text = value_text(model, change.kind, change.field, value).replace("\n", " ")
        return f"”{text[:60]}…”" if len(text) > 60 else f"”{text}”"

    return (
        f"konflikt: ”{change.measure_name}”, {FIELDS[change.field].label.lower()}: {kept} {shown(change.central)} "
        f"behålls, {offered} {shown(change.incoming)} ({then} {shown(change.base)})"
    )


def value_text(model: OrgModel, kind: str, field: str, value: str | None) -> str:
    """A stored value as a person reads it: codes as their labels, nothing as '(tomt)'."""
    if value is None or value == "":
        return "(tomt)"
    if FIELDS[field].assessed is Assessed.STATUS:
        return STATUS_LABELS[Status(value)] if value in {s.value for s in Status} else value
    scale = model.assessed_scale(field, kind)
    found = scale.get(value) if scale else None
    return found.label if found else value


def resolve_conflict(goal_file: GoalFile, conflict_id: int, choice: str, value: str | None = None) -> Conflict:
    """Resolve one open conflict; returns it as resolved. One transaction."""
    if goal_file.readonly or goal_file.is_unit_file:
        raise ReadOnlyError("Konflikter löses i centralfilen, öppnad för skrivning.")
    rows = goal_file.rows("SELECT * FROM conflicts WHERE id = ?", [conflict_id])
    if not rows:
        raise GoalFileError(f"Konflikten {conflict_id} finns inte.")
    conflict = Conflict(**dict(rows[0]))
    if conflict.resolved_at:
        raise GoalFileError(f"Konflikten {conflict_id} är redan löst.")
    if choice not in (KEEP_CENTRAL, TAKE_INCOMING, NEW_VALUE):
        raise GoalFileError(f"Okänt val {choice!r} för att lösa en konflikt.")
    measure = goal_file.measure(conflict.measure_id, conflict.period_code)
    refusal = goal_file.entry_refusal(measure.unit_id, goal_file.period(conflict.period_code))
    if refusal:
        raise ReadOnlyError(refusal)
    wanted = {TAKE_INCOMING: conflict.incoming_value, NEW_VALUE: value}.get(choice)
    field = FIELDS[conflict.field]
    if wanted in (None, ""):
        wanted = field.default if field.assessed is not Assessed.STATUS else wanted
    with goal_file.transaction():
        if choice != KEEP_CENTRAL:
            goal_file.write_entry(
                measure, conflict.period_code, {conflict.field: wanted},
                origin=f"konflikt {conflict.id} ({conflict.source_file})",
            )  # fmt: skip
        conflict.resolved_at, conflict.resolved_by, conflict.resolution = now_utc(), goal_file.user, choice
        goal_file.conn.execute(
            "UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?",
            [conflict.resolved_at, conflict.resolved_by, choice, conflict.id],
        )
    return conflict
