"""The computed summary sentence under the prognosis table."""

import pytest

from db.model import Assessment, Node
from desktop.report.summary import prognosis_summary as summary


@pytest.fixture(scope="module")
def model(tmp_path_factory, example_template):
    from db.new_file import create_from_template

    with create_from_template(tmp_path_factory.mktemp("summary") / "f.styrkort", example_template) as goal_file:
        return goal_file.model()


def goals(*prognoses):
    return [
        Node(str(i), 1, "p", f"Mål {i}", "", [], i, Assessment(str(i), "2022-delar", p))
        for i, p in enumerate(prognoses)
    ]


@pytest.fixture
def prognosis_summary(model):
    return lambda nodes, _scales=None: summary(nodes, model.assessment_level, model.scales)


SCALES = None


def test_all_the_same_reads_like_the_seed(prognosis_summary):
    assert prognosis_summary(goals(*["delvis"] * 6), SCALES) == (
        "Prognos över utfallet i de strategiska målen vid årets slut visar att "
        "samtliga sex strategiska mål delvis kommer att uppnås."
    )


def test_one_and_two_goals(prognosis_summary):
    assert prognosis_summary(goals("uppfyllt"), SCALES).endswith("visar att det strategiska målet kommer att uppnås.")
    assert prognosis_summary(goals("ej", "ej"), SCALES).endswith(
        "visar att båda de strategiska målen inte kommer att uppnås."
    )


def test_mixed_prognoses_are_listed_in_scale_order(prognosis_summary):
    text = prognosis_summary(goals("ej", "delvis", "uppfyllt", "delvis", "uppfyllt", "delvis", "delvis"), SCALES)
    assert text.endswith(
        "visar att två av sju strategiska mål kommer att uppnås, fyra delvis kommer att uppnås "
        "och ett inte kommer att uppnås."
    )


def test_missing_prognoses_are_counted(prognosis_summary):
    assert prognosis_summary(goals("delvis", None, None), SCALES).endswith(
        "visar att ett av tre strategiska mål delvis kommer att uppnås. För två strategiska mål saknas prognos."
    )
    assert "ännu inte lämnats" in prognosis_summary(goals(None), SCALES)
    assert prognosis_summary([], SCALES) == "Rapporten omfattar inga strategiska mål."


def test_large_counts_use_digits(prognosis_summary):
    assert "samtliga 14 strategiska mål kommer att uppnås" in prognosis_summary(goals(*["uppfyllt"] * 14), SCALES)
