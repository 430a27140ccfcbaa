"""Who may change what, said once: each rule is one function returning why not, or None.

`Permissions` is the layer of `GoalFile` above `Reading`; the rules read the
file's state (read-only, unit file, locked periods). Writers call them before writing,
the GUI calls the same ones to show a field as read-only with the reason, so
the two never disagree. Never write here.
"""

from .model import OrgModel, Period, Unit
from .reading import Reading
from .vocabulary import Meaning, Status

READONLY = "Filen är öppnad skrivskyddat."
CENTRAL_ONLY = "Det här ändras bara i centralfilen, inte i en enhetsfil."


class Permissions(Reading):
    readonly: bool
    kind: str  # "central" or "unit"
    unit: Unit | None
    export_period: str

    @property
    def is_unit_file(self) -> bool:
        return self.kind == "unit"

    def entry_refusal(self, unit_id: str | None, period: Period) -> str | None:
        """Why a measure's entry for the period may not be changed here, or None when it may."""
        if self.readonly:
            return READONLY
        if period.locked:
            return locked(period)
        if self.is_unit_file and (self.unit is None or unit_id != self.unit.id):
            return "Det här tillhör en annan enhet och kan inte ändras i den här enhetsfilen."
        if self.is_unit_file and self.export_period and period.code != self.export_period:
            return f"Enhetsfilen gäller bara perioden {self.period(self.export_period).name}."
        return None

    def central_refusal(self) -> str | None:
        """Why central work (periods, merge, structure, assessments) cannot be done in this file."""
        if self.readonly:
            return READONLY
        if self.is_unit_file:
            return CENTRAL_ONLY
        return None

    def period_refusal(self, period: Period) -> str | None:
        """Why what belongs to a period (assessments, report settings) cannot be changed."""
        return self.central_refusal() or (locked(period) if period.locked else None)

    def structure_refusal(self, year: int, *, printed: bool = True) -> str | None:
        """Why a plan year's structure cannot be changed. A locked period freezes what its
        report prints; `printed=False` is for what no report prints (the responsible unit)."""
        refusal = self.central_refusal()
        if refusal or not printed:
            return refusal
        frozen = [p for p in self.periods() if p.year == year and p.locked]
        if frozen:
            return (
                f"{year} års struktur kan inte ändras: perioden {frozen[0].name} är låst och dess rapport får inte "
                "ändras. Ändra ett senare års struktur, eller lås upp perioden med en orsak."
            )
        return None


def locked(period: Period) -> str:
    return f"Perioden {period.name} är låst."


def commentary_refusal(model: OrgModel, kind: str, name: str, fields: dict) -> str | None:
    """The commentary rule: a measure assessed as not met must carry a commentary before it is
    marked ready. `fields` are the entry's values as they would be stored."""
    scale = model.fulfilment_scale(kind)
    value = scale.get(fields.get("fulfilment")) if scale else None
    if (
        fields.get("status") == Status.READY
        and value is not None
        and value.meaning == Meaning.NOT_MET
        and not (fields.get("commentary") or "").strip()
    ):
        return f"”{name}” är bedömt som {value.label.lower()} och behöver en kommentar innan det kan markeras klart."
    return None


def needs_commentary(model: OrgModel, kind: str, fulfilment: str | None) -> bool:
    """Whether this assessment asks for a commentary (the rule above, before status is set)."""
    scale = model.fulfilment_scale(kind)
    value = scale.get(fulfilment) if scale else None
    return value is not None and value.meaning == Meaning.NOT_MET
