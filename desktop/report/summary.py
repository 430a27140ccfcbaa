"""The one sentence that sums up the year-end prognoses of the strategic goals.

Written out in Swedish as in the seed ("… visar att samtliga sex strategiska
mål delvis kommer att uppnås."), computed from the prognoses, never typed.
"""

from db.model import Goal
from db.scales import PROGNOSIS, Scales

NUMBER_WORDS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]
OUTCOME_PHRASES = {
    "uppfyllt": "kommer att uppnås",
    "delvis": "delvis kommer att uppnås",
    "ej": "inte kommer att uppnås",
}
OPENING = "Prognos över utfallet i de strategiska målen vid årets slut visar att"


def number_word(n: int) -> str:
    """Swedish number word in the neuter ('ett mål'), digits above twelve."""
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def prognosis_summary(goals: list[Goal], scales: Scales) -> str:
    total = len(goals)
    if total == 0:
        return "Rapporten omfattar inga strategiska mål."
    counts: dict[str, int] = {}
    for goal in goals:
        code = goal.assessment.prognosis
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    missing = total - sum(counts.values())
    if not counts:
        return "Någon prognos för de strategiska målen vid årets slut har ännu inte lämnats."
    order = [v.code for v in scales.values(PROGNOSIS)]
    parts = [(counts[c], _phrase(c, scales)) for c in sorted(counts, key=lambda c: (order + [c]).index(c))]
    if len(parts) == 1 and not missing:
        sentence = f"{OPENING} {_all(total)} {parts[0][1]}."
    else:
        first, *rest = parts
        listed = [f"{number_word(first[0])} av {number_word(total)} strategiska mål {first[1]}"]
        listed += [f"{number_word(n)} {phrase}" for n, phrase in rest]
        sentence = f"{OPENING} {_join(listed)}."
    if missing:
        sentence += f" För {_goals(missing)} saknas prognos."
    return sentence


def _phrase(code: str, scales: Scales) -> str:
    return OUTCOME_PHRASES.get(code) or f"bedöms som ”{scales.label(PROGNOSIS, code).lower() or code}”"


def _all(n: int) -> str:
    if n == 1:
        return "det strategiska målet"
    if n == 2:
        return "båda strategiska målen"
    return f"samtliga {number_word(n)} strategiska mål"


def _goals(n: int) -> str:
    return "ett strategiskt mål" if n == 1 else f"{number_word(n)} strategiska mål"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
