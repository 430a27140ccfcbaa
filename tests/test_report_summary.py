"""The computed summary sentence under the prognosis table."""

from db.model import Goal, GoalAssessment
from db.scales import DEFAULT_SCALES, Scales
from desktop.report.summary import prognosis_summary

SCALES = Scales(DEFAULT_SCALES)


def goals(*prognoses):
    return [
        Goal(str(i), "p", f"Mål {i}", [], i, GoalAssessment(str(i), "2022-delar", p)) for i, p in enumerate(prognoses)
    ]


def test_all_the_same_reads_like_the_seed():
    assert prognosis_summary(goals(*["delvis"] * 6), SCALES) == (
        "Prognos över utfallet i de strategiska målen vid årets slut visar att "
        "samtliga sex strategiska mål delvis kommer att uppnås."
    )


def test_one_and_two_goals():
    assert prognosis_summary(goals("uppfyllt"), SCALES).endswith("visar att det strategiska målet kommer att uppnås.")
    assert prognosis_summary(goals("ej", "ej"), SCALES).endswith(
        "visar att båda strategiska målen inte kommer att uppnås."
    )


def test_mixed_prognoses_are_listed_in_scale_order():
    text = prognosis_summary(goals("ej", "delvis", "uppfyllt", "delvis", "uppfyllt", "delvis", "delvis"), SCALES)
    assert text.endswith(
        "visar att två av sju strategiska mål kommer att uppnås, fyra delvis kommer att uppnås "
        "och ett inte kommer att uppnås."
    )


def test_missing_prognoses_are_counted():
    assert prognosis_summary(goals("delvis", None, None), SCALES).endswith(
        "visar att ett av tre strategiska mål delvis kommer att uppnås. För två strategiska mål saknas prognos."
    )
    assert "ännu inte lämnats" in prognosis_summary(goals(None), SCALES)
    assert prognosis_summary([], SCALES) == "Rapporten omfattar inga strategiska mål."


def test_large_counts_use_digits():
    assert "samtliga 14 strategiska mål kommer att uppnås" in prognosis_summary(goals(*["uppfyllt"] * 14), SCALES)
