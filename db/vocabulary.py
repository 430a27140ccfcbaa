"""The app's own words, said once: entry fields, statuses, directions, comparisons, meanings.

Codes are `StrEnum`s, so they compare equal to the text stored in the file.
What an organisation names for itself — levels, kinds of measured item, the
values of its scales — is not here: it lives in the goal file (see
`db.model.OrgModel`). What the app itself defines (the status of an entry,
which way a measure points, what its trend compares with, what a scale
value means to the app's rules) is here, with the Swedish word a person
reads. Never print a code to a user: print its label.
"""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    NOT_STARTED = "ej_paborjad"
    DRAFT = "utkast"
    READY = "klar"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.NOT_STARTED: "Ej påbörjad", Status.DRAFT: "Utkast", Status.READY: "Klar"}


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"

    @property
    def label(self) -> str:
        return DIRECTION_LABELS[self]


DIRECTION_LABELS = {
    Direction.HIGHER: "Högre är bättre",
    Direction.LOWER: "Lägre är bättre",
    Direction.NONE: "Ingen riktning",
}


class Comparison(StrEnum):
    PREVIOUS_PERIOD = "previous_period"
    SAME_PERIOD_LAST_YEAR = "same_period_last_year"

    @property
    def label(self) -> str:
        return COMPARISON_LABELS[self]

    @property
    def phrase(self) -> str:
        """What a trend is 'better than': 'föregående period'."""
        return COMPARISON_PHRASES[self]


COMPARISON_LABELS = {
    Comparison.PREVIOUS_PERIOD: "Föregående period",
    Comparison.SAME_PERIOD_LAST_YEAR: "Samma period föregående år",
}
COMPARISON_PHRASES = {
    Comparison.PREVIOUS_PERIOD: "föregående period",
    Comparison.SAME_PERIOD_LAST_YEAR: "samma period föregående år",
}


class ScalePurpose(StrEnum):
    """What a scale assesses: a measured item, a trend, or a grouping's prognosis."""

    FULFILMENT = "fulfilment"
    TREND = "trend"
    PROGNOSIS = "prognosis"


class Meaning(StrEnum):
    """What a scale value means to the app's rules (suggestions, the commentary rule,
    readiness). An organisation's value may mean nothing to the rules: then no rule
    applies to it and no suggestion lands on it."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_MEASURED = "not_measured"
    BETTER = "better"
    UNCHANGED = "unchanged"
    WORSE = "worse"
    NO_COMPARISON = "no_comparison"


MEANINGS_BY_PURPOSE = {
    ScalePurpose.FULFILMENT: (Meaning.MET, Meaning.PARTLY, Meaning.NOT_MET, Meaning.NOT_MEASURED),
    ScalePurpose.PROGNOSIS: (Meaning.MET, Meaning.PARTLY, Meaning.NOT_MET),
    ScalePurpose.TREND: (Meaning.BETTER, Meaning.UNCHANGED, Meaning.WORSE, Meaning.NO_COMPARISON),
}

SYMBOLS = (
    "circle", "triangle", "square", "dash", "check", "half_circle", "ring",
    "diamond", "cross", "arrow_up", "arrow_right", "arrow_down",
)  # fmt: skip
SCALE_SIZES = range(2, 7)  # an organisation's scale has 2 to 6 values


class Assessed(StrEnum):
    """Which scale an entry field is assessed on: the measure kind's, the trend scale, or statuses."""

    FULFILMENT = "fulfilment"
    TREND = "trend"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class EntryField:
    """One field of an entry: how it is stored, named, written to CSV and assessed."""

    name: str
    label: str  # Swedish, as a heading: "Utfall totalt"; lower-case it inside a sentence
    csv_column: str
    assessed: Assessed | None = None  # None: free text

    @property
    def default(self) -> str | None:
        """The value of a field nobody has filled in."""
        if self.assessed is Assessed.STATUS:
            return Status.NOT_STARTED.value
        return None if self.assessed else ""

    @property
    def is_text(self) -> bool:
        return self.assessed is None


ENTRY_FIELDS: tuple[EntryField, ...] = (
    EntryField("outcome_total", "Utfall totalt", "utfall_totalt"),
    EntryField("outcome_women", "Utfall kvinnor", "utfall_kvinnor"),
    EntryField("outcome_men", "Utfall män", "utfall_män"),
    EntryField("outcome_text", "Utfall i text", "utfall_text"),
    EntryField("fulfilment", "Måluppfyllelse", "måluppfyllelse", Assessed.FULFILMENT),
    EntryField("trend", "Utveckling", "utveckling", Assessed.TREND),
    EntryField("commentary", "Kommentar", "kommentar"),
    EntryField("status", "Status", "status", Assessed.STATUS),
)
FIELDS = {f.name: f for f in ENTRY_FIELDS}
ENTRY_FIELD_NAMES = tuple(FIELDS)
TEXT_FIELD_NAMES = tuple(f.name for f in ENTRY_FIELDS if f.is_text)


def entry_field(name: str) -> EntryField:
    """The field called `name`; a GoalFileError names an unknown one in Swedish."""
    try:
        return FIELDS[name]
    except KeyError:
        from .errors import GoalFileError

        raise GoalFileError(f"Fältet {name!r} finns inte i ett utfall.") from None


def default_entry_values() -> dict[str, str | None]:
    return {f.name: f.default for f in ENTRY_FIELDS}


def sql_default(field: EntryField) -> str:
    """The field's default as an SQL literal, for schema and copy statements."""
    return "NULL" if field.default is None else f"'{field.default}'"


def count_phrase(n: int, singular: str, plural: str) -> str:
    """'1 konflikt', '3 konflikter': a number with the noun in the right form."""
    return f"{n} {singular if n == 1 else plural}"
