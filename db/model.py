"""Plain objects for the goal tree and its entries, as read from a goal file.

They carry data only; reading and writing is `db.goalfile`'s job.
"""

from dataclasses import dataclass, field


@dataclass(slots=True)
class Board:
    code: str
    name: str


@dataclass(slots=True)
class Unit:
    id: str
    code: str
    name: str


@dataclass(slots=True)
class Period:
    code: str
    name: str
    label: str
    year: int
    position: int
    is_current: bool
    locked: bool


@dataclass(slots=True)
class Entry:
    """A measure's values for one period. Empty strings and None mean unset."""

    measure_id: str
    period_code: str
    outcome_total: str = ""
    outcome_women: str = ""
    outcome_men: str = ""
    outcome_text: str = ""
    fulfilment: str | None = None
    trend: str | None = None
    commentary: str = ""
    status: str = "ej_paborjad"
    changed_by: str = ""
    changed_at: str = ""
    revision: int = 0

    @property
    def has_outcome(self) -> bool:
        return any((self.outcome_total, self.outcome_women, self.outcome_men, self.outcome_text))

    @property
    def is_empty(self) -> bool:
        return not (self.has_outcome or self.fulfilment or self.trend or self.commentary)


@dataclass(slots=True)
class GoalAssessment:
    goal_id: str
    period_code: str
    prognosis: str | None = None
    text: str = ""
    changed_by: str = ""
    changed_at: str = ""
    revision: int = 0


@dataclass(slots=True)
class Section:
    """A commentary section of a success factor not tied to one measure."""

    id: str
    heading: str
    text: str


@dataclass(slots=True)
class Measure:
    id: str
    factor_id: str
    name: str
    kind: str
    board: str
    unit_id: str | None
    target: str
    gender_split: bool
    direction: str
    comparison: str
    footnote: str
    position: int
    entry: Entry
    previous: Entry | None = None  # the comparison period's entry, if any

    @property
    def is_activity(self) -> bool:
        return self.kind == "aktivitet"


@dataclass(slots=True)
class Factor:
    id: str
    goal_id: str
    name: str
    boards: list[str]
    position: int
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)


@dataclass(slots=True)
class Goal:
    id: str
    perspective_id: str
    name: str
    boards: list[str]
    position: int
    assessment: GoalAssessment
    factors: list[Factor] = field(default_factory=list)

    def measures(self):
        return [m for f in self.factors for m in f.measures]


@dataclass(slots=True)
class Perspective:
    id: str
    name: str
    description: str
    position: int
    goals: list[Goal] = field(default_factory=list)


@dataclass(slots=True)
class ReportSettings:
    title: str = "Mål och måluppfyllelse"
    document_id: str = ""
    version: str = ""
    responsible: str = ""
    created_by: str = ""
    publication_date: str = ""
    introduction: str = ""
    organisation: str = ""


@dataclass(slots=True)
class Change:
    at: str
    by: str
    subject: str
    node_id: str
    period_code: str | None
    field: str
    old_value: str | None
    new_value: str | None
    origin: str


@dataclass(slots=True)
class Conflict:
    """A field that both central and a unit changed differently since export."""

    id: int
    measure_id: str
    period_code: str
    field: str
    base_value: str | None
    central_value: str | None
    incoming_value: str | None
    source_file: str
    unit_id: str
    created_at: str
    resolved_at: str | None = None
    resolved_by: str | None = None
    resolution: str | None = None
