"""Where the collection stands: per unit its measures' status, returned files, open conflicts.

Read-only; what the controller looks at before chasing a unit or printing the
report. Never writes.
"""

from dataclasses import dataclass, field

from .goalfile import STATUSES, GoalFile
from .model import Unit


@dataclass
class ReturnedFile:
    source_file: str
    merged_at: str
    merged_by: str
    applied: int
    conflicts: int
    rejected: int


@dataclass
class UnitProgress:
    unit: Unit
    counts: dict[str, int]  # status code → number of the unit's measures
    returned: list[ReturnedFile] = field(default_factory=list)
    open_conflicts: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def last_returned(self) -> str:
        return self.returned[-1].merged_at if self.returned else ""


def collection_status(goal_file: GoalFile, period_code: str | None = None) -> list[UnitProgress]:
    """One line per unit that has measures, in the order of the unit names."""
    period = goal_file.period(period_code).code
    counts: dict[str, dict[str, int]] = {}
    for r in goal_file.db.query(
        """SELECT m.unit_id, coalesce(e.status, 'ej_paborjad') AS status, count(*) AS n
           FROM measures m LEFT JOIN entries e ON e.measure_id = m.id AND e.period_code = ?
           WHERE m.unit_id IS NOT NULL GROUP BY 1, 2""",
        [period],
    ):
        counts.setdefault(r["unit_id"], dict.fromkeys(STATUSES, 0))[r["status"]] = r["n"]
    returned: dict[str, list[ReturnedFile]] = {}
    for r in goal_file.db.query("SELECT * FROM merges ORDER BY merged_at, id"):
        returned.setdefault(r["unit_id"], []).append(
            ReturnedFile(r["source_file"], r["merged_at"], r["merged_by"], r["applied"], r["conflicts"], r["rejected"])
        )
    conflicts = {
        r["unit_id"]: r["n"]
        for r in goal_file.db.query(
            "SELECT unit_id, count(*) AS n FROM conflicts WHERE resolved_at IS NULL GROUP BY unit_id"
        )
    }
    return [
        UnitProgress(unit, counts[unit.id], returned.get(unit.id, []), conflicts.get(unit.id, 0))
        for unit in goal_file.units()
        if unit.id in counts
    ]
