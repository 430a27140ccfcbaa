"""Suggested fulfilment and trend where the outcome and the target are numbers.

Only a suggestion: the officer's choice decides. Targets are free text
("43 000", "100%", "Öka", "35 % (helår)"); only a target that is a plain
number, optionally with %, yields a suggestion.
"""

import re

from .model import Entry, Measure, OrgModel
from .vocabulary import Direction, Meaning

_NUMBER = re.compile(r"^[<>≥≤]?\s*(-?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(%|procent)?$")
# A number anywhere in a free-text target: "Minst 80 %", "Max 2,5 dagar".
_TARGET = re.compile(r"^(?:minst|lägst|högst|max(?:imalt)?|under|över|<|>|≤|≥)?\s*"
                     r"(-?\d[\d\s\u00a0]*(?:[.,]\d+)?)\s*(%|procent)?(?:\s*\(.*\))?$", re.IGNORECASE)  # fmt: skip

# Within this share of the target counts as delvis: a measure 5 % short is
# "nearly there", 30 % short is not.
PARTIAL_BAND = 0.10


def parse_number(text: str) -> float | None:
    """A Swedish-written number ("29 191", "83,6 %", "-0,6%") or None."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    return _to_float(match.group(1))


def parse_target(text: str) -> float | None:
    match = _TARGET.match(text.strip())
    return _to_float(match.group(1)) if match else None


def _to_float(digits: str) -> float | None:
    try:
        return float(re.sub(r"[\s\u00a0]", "", digits).replace(",", "."))
    except ValueError:
        return None


def suggest_fulfilment(model: OrgModel, measure: Measure, entry: Entry) -> str | None:
    """The code of the kind's scale value that means met / partly / not met, for a numeric
    outcome against a numeric target; None where the scale does not define those meanings."""
    kind = model.kind(measure.kind)
    scale = model.fulfilment_scale(measure.kind)
    if not (kind.has_target and kind.has_outcome) or scale is None or measure.direction == Direction.NONE:
        return None
    target = parse_target(measure.target)
    outcome = parse_number(entry.outcome_total)
    if target is None or outcome is None:
        return None
    if measure.direction == Direction.HIGHER:
        meaning = _judge(outcome >= target, outcome >= target * (1 - PARTIAL_BAND))
    else:
        meaning = _judge(outcome <= target, outcome <= target * (1 + PARTIAL_BAND))
    value = scale.with_meaning(meaning)
    return value.code if value else None


def _judge(met: bool, nearly: bool) -> Meaning:
    if met:
        return Meaning.MET
    return Meaning.PARTLY if nearly else Meaning.NOT_MET


def suggest_trend(model: OrgModel, measure: Measure, entry: Entry, previous: Entry | None) -> str | None:
    """The code of the trend scale's better / unchanged / worse value against the comparison
    period's outcome, or its 'no comparison' value when that period has no number."""
    kind = model.kind(measure.kind)
    scale = model.trend_scale
    if measure.direction == Direction.NONE or not kind.has_trend or scale is None:
        return None
    outcome = parse_number(entry.outcome_total)
    if outcome is None:
        return None
    before = parse_number(previous.outcome_total) if previous else None
    if before is None:
        meaning = Meaning.NO_COMPARISON
    elif outcome == before:
        meaning = Meaning.UNCHANGED
    else:
        better = outcome > before if measure.direction == Direction.HIGHER else outcome < before
        meaning = Meaning.BETTER if better else Meaning.WORSE
    value = scale.with_meaning(meaning)
    return value.code if value else None
