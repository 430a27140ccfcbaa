"""Where the collection stands: per unit its measures' status, returned files, open conflicts.

Read-only; what the controller looks at before chasing a unit or printing the
report. Never writes.
"""

from dataclasses import dataclass, field

from .goalfile import GoalFile
from .model import Unit
from .vocabulary import Status


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
    counts: dict[Status, int]  # status → number of the unit's measures
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
    period = goal_file.period(period_code)
    counts: dict[str, dict[Status, int]] = {}
    for r in goal_file.rows(
        """SELECT m.unit_id, coalesce(e.status, ?) AS status, count(*) AS n
           FROM measure_years m LEFT JOIN entries e ON e.measure_id = m.measure_id AND e.period_code = ?
           WHERE m.year = ? AND m.unit_id IS NOT NULL GROUP BY 1, 2""",
        [Status.NOT_STARTED, period.code, period.year],
    ):
        counts.setdefault(r["unit_id"], dict.fromkeys(Status, 0))[Status(r["status"])] = r["n"]
    returned: dict[str, list[ReturnedFile]] = {}
    for r in goal_file.rows("SELECT * FROM merges ORDER BY merged_at, id"):
        returned.setdefault(r["unit_id"], []).append(
            ReturnedFile(r["source_file"], r["merged_at"], r["merged_by"], r["applied"], r["conflicts"], r["rejected"])
        )
    conflicts = {
        r["unit_id"]: r["n"]
        for r in goal_file.rows(
            "SELECT unit_id, count(*) AS n FROM conflicts WHERE resolved_at IS NULL AND period_code = ? GROUP BY unit_id",
            [period.code],
        )
    }
    return [
        UnitProgress(unit, counts[unit.id], returned.get(unit.id, []), conflicts.get(unit.id, 0))
        for unit in goal_file.units()
        if unit.id in counts
    ]
