"""The assessment scales: codes, Swedish labels, colours and symbol shapes.

These are the defaults written into every new goal file; the file's own
`scale_values` table is what the app and the report use, so an organisation
can relabel or recolour without a new release. Every value of a scale has a
different shape as well as a different colour, so that a grey-scale print or
a colour-blind reader can tell them apart. Shapes are drawn by
`desktop.symbols`.
"""

from dataclasses import dataclass

FULFILMENT = "fulfilment"
ACTIVITY = "activity"
TREND = "trend"
PROGNOSIS = "prognosis"


@dataclass(frozen=True, slots=True)
class ScaleValue:
    code: str
    label: str
    colour: str
    symbol: str


DEFAULT_SCALES: dict[str, list[ScaleValue]] = {
    FULFILMENT: [
        ScaleValue("uppfyllt", "Uppfyllt", "#2e7d32", "circle"),
        ScaleValue("delvis", "Delvis uppfyllt", "#f2b705", "triangle"),
        ScaleValue("ej", "Ej uppfyllt", "#c62828", "square"),
        ScaleValue("ej_matt", "Ej mätt denna period", "#9e9e9e", "dash"),
    ],
    ACTIVITY: [
        ScaleValue("genomford", "Genomförd", "#2e7d32", "check"),
        ScaleValue("pagar", "Pågår", "#1e88e5", "half_circle"),
        ScaleValue("ej_paborjad", "Ej påbörjad", "#9e9e9e", "ring"),
        ScaleValue("forsenad", "Försenad", "#ef6c00", "diamond"),
        ScaleValue("installd", "Inställd", "#c62828", "cross"),
    ],
    TREND: [
        ScaleValue("battre", "Bättre än föregående mätning", "#2e7d32", "arrow_up"),
        ScaleValue("oforandrad", "Oförändrad", "#f2b705", "arrow_right"),
        ScaleValue("samre", "Sämre än föregående mätning", "#c62828", "arrow_down"),
        ScaleValue("saknas", "Jämförelse saknas", "#9e9e9e", "dash"),
    ],
    PROGNOSIS: [
        ScaleValue("uppfyllt", "Uppfylls vid årets slut", "#2e7d32", "circle"),
        ScaleValue("delvis", "Uppfylls delvis vid årets slut", "#f2b705", "triangle"),
        ScaleValue("ej", "Uppfylls inte vid årets slut", "#c62828", "square"),
    ],
}

SCALE_NAMES = {
    FULFILMENT: "Måluppfyllelse, styrmått",
    ACTIVITY: "Måluppfyllelse, aktivitet",
    TREND: "Utveckling",
    PROGNOSIS: "Prognos, strategiskt mål",
}

SYMBOLS = (
    "circle", "triangle", "square", "dash", "check", "half_circle", "ring",
    "diamond", "cross", "arrow_up", "arrow_right", "arrow_down",
)  # fmt: skip

STATUS_LABELS = {"ej_paborjad": "Ej påbörjad", "utkast": "Utkast", "klar": "Klar"}
KIND_LABELS = {"styrmatt": "Styrmått", "aktivitet": "Aktivitet"}
DIRECTION_LABELS = {"higher": "Högre är bättre", "lower": "Lägre är bättre", "none": "Ingen riktning"}
COMPARISON_LABELS = {
    "previous_period": "Föregående period",
    "same_period_last_year": "Samma period föregående år",
}


def fulfilment_scale_for(kind: str) -> str:
    """Activities are assessed on their own scale."""
    return ACTIVITY if kind == "aktivitet" else FULFILMENT


class Scales:
    """The scales as stored in one file: lookup by scale and code."""

    def __init__(self, values: dict[str, list[ScaleValue]]):
        self._values = values
        self._by_code = {name: {v.code: v for v in vals} for name, vals in values.items()}

    def values(self, scale: str) -> list[ScaleValue]:
        return self._values.get(scale, [])

    def get(self, scale: str, code: str | None) -> ScaleValue | None:
        if code is None:
            return None
        return self._by_code.get(scale, {}).get(code)

    def codes(self, scale: str) -> set[str]:
        return set(self._by_code.get(scale, {}))

    def label(self, scale: str, code: str | None) -> str:
        value = self.get(scale, code)
        return value.label if value else ""
