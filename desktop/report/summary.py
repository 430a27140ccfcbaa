"""The one sentence that sums up the year-end prognoses (Norrbotten: of the strategic goals).

Written out in Swedish as in the seed ("… visar att samtliga sex strategiska
mål delvis kommer att uppnås."), computed from the prognoses, never typed.
"""

from db.model import Level, Node, Scales
from db.vocabulary import Meaning, ScalePurpose

NUMBER_WORDS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]
OUTCOME_PHRASES = {
    Meaning.MET: "kommer att uppnås",
    Meaning.PARTLY: "delvis kommer att uppnås",
    Meaning.NOT_MET: "inte kommer att uppnås",
}


def number_word(n: int, article: str = "ett") -> str:
    """Swedish number word ('ett mål', 'en faktor'), digits above twelve."""
    if n == 1:
        return article
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def prognosis_summary(nodes: list[Node], level: Level, scales: Scales) -> str:
    """The sentence for the prognoses of `nodes`, all on the assessment `level`."""
    total = len(nodes)
    if total == 0:
        return f"Rapporten omfattar inga {level.plural.lower()}."
    counts: dict[str, int] = {}
    for node in nodes:
        code = node.assessment.prognosis if node.assessment else None
        if code is not None:
            counts[code] = counts.get(code, 0) + 1
    missing = total - sum(counts.values())
    opening = f"Prognos över utfallet i {level.the_plural} vid årets slut visar att"
    if not counts:
        return f"Någon prognos för {level.the_plural} vid årets slut har ännu inte lämnats."
    scale = scales.first(ScalePurpose.PROGNOSIS)
    values = scale.values if scale else []
    order = [v.code for v in values]
    parts = [(counts[c], _phrase(c, values)) for c in sorted(counts, key=lambda c: (order + [c]).index(c))]
    if len(parts) == 1 and not missing:
        sentence = f"{opening} {_all(total, level)} {parts[0][1]}."
    else:
        first, *rest = parts
        listed = [f"{number_word(first[0], level.article)} av {number_word(total, level.article)} "
                  f"{level.plural.lower()} {first[1]}"]  # fmt: skip
        listed += [f"{number_word(n, level.article)} {phrase}" for n, phrase in rest]
        sentence = f"{opening} {_join(listed)}."
    if missing:
        sentence += f" För {_count(missing, level)} saknas prognos."
    return sentence


def _phrase(code: str, values) -> str:
    value = next((v for v in values if v.code == code), None)
    if value is not None and value.meaning in OUTCOME_PHRASES:
        return OUTCOME_PHRASES[value.meaning]
    return f"bedöms som ”{value.label.lower() if value else code}”"


def _all(n: int, level: Level) -> str:
    if n == 1:
        return level.the
    if n == 2:
        return f"båda {level.the_plural}"
    return f"samtliga {number_word(n)} {level.plural.lower()}"


def _count(n: int, level: Level) -> str:
    return f"{level.article} {level.singular.lower()}" if n == 1 else f"{number_word(n)} {level.plural.lower()}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
