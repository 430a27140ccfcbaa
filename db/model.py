"""Plain objects for an organisation's model, its goal tree and the entries, as read from a goal file.

They carry data only; reading is `db.reading`'s job, writing `db.writing`'s.
The tree is generic: `Node`s on the organisation's levels (Norrbotten:
perspektiv → strategiskt mål → framgångsfaktor), the lowest of which hold
the `Measure`s; `OrgModel` says what each level and kind is called and
carries. Never name a level in code: ask the model.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from .vocabulary import Comparison, Meaning, ScalePurpose, Status


@dataclass(slots=True)
class Board:
    code: str  # the short name: RS
    name: str  # the long name: Regionstyrelsen


@dataclass(slots=True)
class Unit:
    id: str
    code: str
    name: str


@dataclass(slots=True)
class PeriodKind:
    code: str  # "delar"
    name: str  # "delår"
    label: str  # "per augusti"
    position: int


@dataclass(slots=True)
class Period:
    code: str  # "2022-delar"
    name: str  # "2022 delår"
    label: str  # "per augusti"
    year: int
    kind: str
    position: int
    is_current: bool
    locked: bool


@dataclass(slots=True)
class Level:
    """One level of the structure; the last level of a model names the measured items."""

    depth: int
    singular: str  # "Strategiskt mål"
    plural: str  # "Strategiska mål"
    has_description: bool = False
    has_boards: bool = False
    has_assessment: bool = False
    article: str = "ett"  # the noun's gender, for "en framgångsfaktor" / "ett strategiskt mål"
    definite: str = ""  # "det strategiska målet"; empty: say "ett strategiskt mål"
    definite_plural: str = ""  # "de strategiska målen"; empty: say "strategiska mål"

    @property
    def the(self) -> str:
        """The definite singular for use inside a sentence."""
        return self.definite or f"{self.article} {self.singular.lower()}"

    @property
    def the_plural(self) -> str:
        """The definite plural for use inside a sentence."""
        return self.definite_plural or self.plural.lower()


@dataclass(slots=True)
class Kind:
    """A kind of measured item (styrmått, aktivitet; nyckeltal, uppdrag) and what it carries."""

    code: str
    singular: str
    plural: str
    scale: str  # the code of the scale its fulfilment is assessed on
    has_target: bool = True
    has_outcome: bool = True
    has_trend: bool = True
    name_prefix: str = ""  # "Aktivitet:": left out of commentary headings
    position: int = 0
    article: str = "ett"


@dataclass(frozen=True, slots=True)
class ScaleValue:
    code: str
    label: str
    colour: str
    symbol: str
    meaning: str | None = None  # a vocabulary.Meaning, or None: no app rule applies


# A trend value named by one comparative word is completed with what the measure compares with.
_COMPARED = {Meaning.BETTER: "än", Meaning.WORSE: "än", Meaning.UNCHANGED: "jämfört med"}


def compared_label(value: ScaleValue, comparisons: list[Comparison]) -> str:
    """A value's label as printed: 'Bättre' → 'Bättre än samma period föregående år'. A label of
    more than one word is the organisation's own phrase and stays as written."""
    word = _COMPARED.get(Meaning(value.meaning)) if value.meaning else None
    if word is None or not comparisons or len(value.label.split()) != 1:
        return value.label
    return f"{value.label} {word} {' eller '.join(dict.fromkeys(c.phrase for c in comparisons))}"


def shown_label(value: ScaleValue, measure: "Measure") -> str:
    """The label shown beside a measure's value (its trend compared as the measure compares)."""
    return compared_label(value, [measure.compares_with])


@dataclass(slots=True)
class Scale:
    code: str
    name: str  # as the legend heads it: "Måluppfyllelse, styrmått"
    purpose: ScalePurpose
    values: list[ScaleValue]

    def get(self, code: str | None) -> ScaleValue | None:
        return next((v for v in self.values if v.code == code), None) if code is not None else None

    def with_meaning(self, meaning: Meaning) -> ScaleValue | None:
        return next((v for v in self.values if v.meaning == meaning), None)

    def codes(self) -> set[str]:
        return {v.code for v in self.values}


class Scales:
    """The scales as stored in one file: lookup by scale and code."""

    def __init__(self, scales: list[Scale]):
        self._scales = {s.code: s for s in scales}

    def __iter__(self) -> Iterator[Scale]:
        return iter(self._scales.values())

    def scale(self, code: str) -> Scale | None:
        return self._scales.get(code)

    def of_purpose(self, purpose: ScalePurpose) -> list[Scale]:
        return [s for s in self._scales.values() if s.purpose == purpose]

    def first(self, purpose: ScalePurpose) -> Scale | None:
        return next(iter(self.of_purpose(purpose)), None)

    def values(self, scale: str) -> list[ScaleValue]:
        found = self._scales.get(scale)
        return found.values if found else []

    def get(self, scale: str, code: str | None) -> ScaleValue | None:
        found = self._scales.get(scale)
        return found.get(code) if found else None

    def codes(self, scale: str) -> set[str]:
        found = self._scales.get(scale)
        return found.codes() if found else set()

    def label(self, scale: str, code: str | None) -> str:
        value = self.get(scale, code)
        return value.label if value else ""


@dataclass(slots=True)
class OrgModel:
    """How an organisation shapes and names its follow-up: levels, kinds, scales."""

    levels: list[Level]  # top first; the last names the measured items
    kinds: list[Kind]
    scales: Scales

    @property
    def grouping_levels(self) -> list[Level]:
        return self.levels[:-1]

    @property
    def item_level(self) -> Level:
        return self.levels[-1]

    @property
    def measure_depth(self) -> int:
        """The depth of the nodes that hold measures: the lowest grouping level."""
        return len(self.levels) - 2

    def level(self, depth: int) -> Level:
        return self.levels[depth]

    @property
    def assessment_level(self) -> Level | None:
        return next((lv for lv in self.grouping_levels if lv.has_assessment), None)

    def kind(self, code: str) -> Kind:
        found = next((k for k in self.kinds if k.code == code), None)
        return found if found is not None else Kind(code, code, code, "", has_trend=False)

    def fulfilment_scale(self, kind: str) -> Scale | None:
        return self.scales.scale(self.kind(kind).scale)

    @property
    def trend_scale(self) -> Scale | None:
        return self.scales.first(ScalePurpose.TREND)

    @property
    def prognosis_scale(self) -> Scale | None:
        return self.scales.first(ScalePurpose.PROGNOSIS)

    def assessed_scale(self, field: str, kind: str) -> Scale | None:
        """The scale an entry field is assessed on for this kind (fulfilment, trend), else None."""
        if field == "fulfilment":
            return self.fulfilment_scale(kind)
        if field == "trend":
            return self.trend_scale
        return None


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
    status: str = Status.NOT_STARTED
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
class Assessment:
    """A node's prognosis and assessment text for one period (on the assessment level)."""

    node_id: str
    period_code: str
    prognosis: str | None = None
    text: str = ""
    changed_by: str = ""
    changed_at: str = ""
    revision: int = 0


@dataclass(slots=True)
class Section:
    """A commentary section of a node that holds measures, about the measures it names.

    A section with `commentary_of` stands for that measure's own commentary: the
    measure's commentary is printed in the section's place, under its heading."""

    id: str
    heading: str
    text: str
    measure_ids: list[str] = field(default_factory=list)
    commentary_of: str | None = None


@dataclass(slots=True)
class Measure:
    id: str
    node_id: str  # the node it sits under this plan year
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
    previous: Entry | None = None  # the entry of the period its comparison setting names

    @property
    def compares_with(self) -> Comparison:
        return Comparison(self.comparison)


@dataclass(slots=True)
class Node:
    """A node of the structure on one of the organisation's grouping levels."""

    id: str
    depth: int
    parent_id: str | None
    name: str
    description: str
    boards: list[str]
    position: int
    assessment: Assessment | None = None  # on the assessment level only
    children: list["Node"] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)  # on the lowest grouping level only
    sections: list[Section] = field(default_factory=list)

    def all_measures(self) -> list[Measure]:
        """Every measure under this node, in tree order."""
        if not self.children:
            return list(self.measures)
        return [m for child in self.children for m in child.all_measures()]

    def walk(self) -> Iterator["Node"]:
        """This node and every node under it, parents first."""
        yield self
        for child in self.children:
            yield from child.walk()


def walk(roots: list[Node]) -> Iterator[Node]:
    """Every node of a tree, parents first."""
    for root in roots:
        yield from root.walk()


def all_measures(roots: list[Node]) -> list[Measure]:
    return [m for root in roots for m in root.all_measures()]


@dataclass(slots=True)
class ReportSettings:
    """The report's header block and introduction for one period."""

    title: str = "Mål och måluppfyllelse"
    document_id: str = ""
    version: str = ""
    responsible: str = ""
    created_by: str = ""
    publication_date: str = ""
    introduction: str = ""
    organisation: str = ""  # the file's, not the period's


REPORT_FIELDS = tuple(f for f in ReportSettings.__slots__ if f != "organisation")


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
