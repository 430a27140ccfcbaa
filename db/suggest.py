"""Suggested fulfilment and trend where the outcome and the target are numbers.

Only a suggestion: the officer's choice decides. Targets are free text
("43 000", "100%", "Öka", "35 % (helår)"); only a target that is a plain
number, optionally with %, yields a suggestion.
"""

import re

from .model import Entry, Measure

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


def suggest_fulfilment(measure: Measure, entry: Entry) -> str | None:
    """uppfyllt / delvis / ej for a numeric outcome against a numeric target."""
    if measure.is_activity or measure.direction == "none":
        return None
    target = parse_target(measure.target)
    outcome = parse_number(entry.outcome_total)
    if target is None or outcome is None:
        return None
    if measure.direction == "higher":
        if outcome >= target:
            return "uppfyllt"
        return "delvis" if outcome >= target * (1 - PARTIAL_BAND) else "ej"
    if outcome <= target:
        return "uppfyllt"
    return "delvis" if outcome <= target * (1 + PARTIAL_BAND) else "ej"


def suggest_trend(measure: Measure, entry: Entry, previous: Entry | None) -> str | None:
    """battre / oforandrad / samre against the comparison period, or saknas."""
    if measure.direction == "none" or measure.is_activity:
        return None
    outcome = parse_number(entry.outcome_total)
    if outcome is None:
        return None
    before = parse_number(previous.outcome_total) if previous else None
    if before is None:
        return "saknas"
    if outcome == before:
        return "oforandrad"
    better = outcome > before if measure.direction == "higher" else outcome < before
    return "battre" if better else "samre"
