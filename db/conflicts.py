"""Resolving merge conflicts, and the words used to show them.

A conflict is resolved by keeping central's value, taking the incoming one,
or writing a new value; a changed value goes through `GoalFile.write_entry`
(so it is in the change log with the conflict as origin) and the conflict row
records who resolved it, when and how. Never resolve a conflict silently or
outside the central file.
"""

from .errors import GoalFileError, ReadOnlyError
from .goalfile import GoalFile, now_utc
from .model import Conflict, OrgModel
from .vocabulary import FIELDS, STATUS_LABELS, Assessed, Status

KEEP_CENTRAL, TAKE_INCOMING, NEW_VALUE = "central", "incoming", "new"


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
