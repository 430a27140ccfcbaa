"""Suggested fulfilment and trend where the outcome and the target are numbers.

Only a suggestion: the officer's choice decides. Targets are free text
("43 000", "100%", "Öka", "35 % (helår)"); only a target that is a plain
number, optionally with %, yields a suggestion.
"""

from .model import Entry, Measure, OrgModel
from .vocabulary import Direction, Meaning

# What may stand before a number; longer words first, so "maximalt" is not read as "max".
_OUTCOME_PREFIXES = ("<", ">", "≥", "≤")
_TARGET_PREFIXES = ("maximalt", "minst", "lägst", "högst", "max", "under", "över", "<", ">", "≤", "≥")
# No number anyone writes is this long; a longer run of digits and spaces is pasted text.
MAX_NUMBER_LENGTH = 200

# Within this share of the target counts as delvis: a measure 5 % short is
# "nearly there", 30 % short is not.
PARTIAL_BAND = 0.10


def parse_number(text: str) -> float | None:
    """A Swedish-written number ("29 191", "83,6 %", "-0,6%", "< 5") or None."""
    return _parse(text.strip(), _OUTCOME_PREFIXES, ignore_case=False, note=False)


def parse_target(text: str) -> float | None:
    """A target's number, also after a word and before a note: "Minst 80 %", "35 % (helår)"."""
    return _parse(text.strip(), _TARGET_PREFIXES, ignore_case=True, note=True)


def _parse(text: str, prefixes: tuple[str, ...], *, ignore_case: bool, note: bool) -> float | None:
    """One left-to-right scan: a prefix, the number, % or procent, a note in parentheses.

    Hand-written rather than a regular expression: the patterns this replaced
    backtracked on a run of spaces ("1", 20,000 spaces, "x" took 30 s). Each
    step below is decided by the next character, so the time is linear."""

    def starts(word: str, at: int) -> bool:
        piece = text[at : at + len(word)]
        return (piece.lower() if ignore_case else piece) == word

    i = next((len(p) for p in prefixes if starts(p, 0)), 0)
    i = _skip(text, i, str.isspace)
    start = i
    if text.startswith("-", i):
        i += 1
    if i >= len(text) or not text[i].isdecimal():
        return None
    i = _skip(text, i, lambda c: c.isdecimal() or c.isspace())  # "29 191": spaces group thousands
    if text[i : i + 1] in (".", ",") and text[i + 1 : i + 2].isdecimal():
        i = _skip(text, i + 1, str.isdecimal)
    number = text[start:i]
    if len(number) > MAX_NUMBER_LENGTH:
        return None
    i = _skip(text, i, str.isspace)
    i += next((len(u) for u in ("%", "procent") if starts(u, i)), 0)
    rest = text[i:].lstrip()
    if text[i:] and not (note and rest.startswith("(") and rest.endswith(")") and "\n" not in rest):
        return None
    return float("".join(c for c in number if not c.isspace()).replace(",", "."))


def _skip(text: str, i: int, wanted) -> int:
    while i < len(text) and wanted(text[i]):
        i += 1
    return i


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
