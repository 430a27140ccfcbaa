"""The measure editor's history: earlier periods with outcome, fulfilment and trend as labels, a
sparkline of numeric outcomes, and the period the trend is compared with."""

import pytest
from cycle_ui_support import cycle_path, measure_named

from db.goalfile import GoalFile
from db.periods import start_period

cycle_path = cycle_path  # fixture

TRIAGE = "Antal slutförda triage totalt i länet på Digitalen"
VIOLENCE = "Antal patienter som fått fråga om våld i nära relation"


@pytest.fixture
def four_periods(cycle_path):
    """2022 T1, delår, helår and 2023 T1, with outcomes for two measures."""
    with GoalFile.open(cycle_path, user="controller") as gf:
        triage, violence = (measure_named(cycle_path, name) for name in (TRIAGE, VIOLENCE))
        gf.update_entry(triage.id, "2022-T1", {"outcome_total": "14 200", "fulfilment": "delvis"})
        gf.update_entry(violence.id, "2022-T1", {"outcome_total": "310", "outcome_women": "190",
                                                 "outcome_men": "120"})  # fmt: skip
        start_period(gf)
        gf.update_entry(triage.id, "2022-helar", {"outcome_total": "41 870", "fulfilment": "delvis",
                                                  "trend": "battre"})  # fmt: skip
        start_period(gf, "2023 T1")
        gf.update_entry(triage.id, "2023-T1", {"outcome_total": "15 020"})
    return cycle_path


def history_of(window, name: str):
    measure = next(m for m in window.model.measures() if m.name.startswith(name))
    assert window.select_node(measure.id)
    editor = window.editors.currentWidget()
    return editor, editor.history


def rows(history) -> list[list[str]]:
    table = history.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_history_shows_every_period_up_to_the_shown_one(make_window, four_periods):
    window = make_window(four_periods)
    assert window.document.period.code == "2023-T1"
    editor, history = history_of(window, TRIAGE)
    assert rows(history) == [
        ["2022 T1", "14 200", "Delvis uppfyllt", "–"],
        ["2022 delår", "29 191", "–", "–"],
        ["2022 helår", "41 870", "Delvis uppfyllt", "Bättre än föregående period"],
        ["2023 T1 (visas)", "15 020", "–", "–"],
    ]
    assert history.comparison.text() == "Utvecklingen jämförs med 2022 helår (föregående period, i fetstil ovan)."
    assert history.table.item(2, 0).font().bold() and not history.table.item(1, 0).font().bold()
    assert history.sparkline.isVisibleTo(history)
    assert [v for _, v in history.sparkline.points] == [14200.0, 29191.0, 41870.0, 15020.0]
    assert history.sparkline.accessibleDescription() == (
        "Utfall per period: 2022 T1 14 200; 2022 delår 29 191; 2022 helår 41 870; 2023 T1 15 020"
    )
    assert editor.trend_hint.text() == "Förslag: Sämre än föregående period"
    assert "Högre är bättre, jämförs med föregående period (2022 helår)" in editor.subtitle.text()

    window.show_period("2022-delar")  # an earlier period shows only what came before it
    editor, history = history_of(window, TRIAGE)
    assert [r[0] for r in rows(history)] == ["2022 T1", "2022 delår (visas)"]
    assert history.comparison.text() == "Utvecklingen jämförs med 2022 T1 (föregående period, i fetstil ovan)."


def test_a_comparison_with_the_same_period_last_year(make_window, four_periods):
    window = make_window(four_periods)
    editor, history = history_of(window, VIOLENCE)
    assert rows(history)[0] == ["2022 T1", "310 (K 190, M 120)", "–", "–"]
    assert history.comparison.text() == (
        "Utvecklingen jämförs med 2022 T1 (samma period föregående år, i fetstil ovan)."
    )
    assert not history.sparkline.isVisibleTo(history)  # one number is no line
    assert window.document.edit_entry(editor.measure_id, "outcome_total", "402")
    assert rows(history)[-1][:2] == ["2023 T1 (visas)", "402"]  # follows the edit
    assert [v for _, v in history.sparkline.points][-1] == 402.0 and history.sparkline.isVisibleTo(history)
    assert editor.trend_hint.text() == "Förslag: Bättre än samma period föregående år"
    assert "jämförs med samma period föregående år (2022 T1)" in editor.subtitle.text()


def test_a_first_period_has_nothing_to_compare_with(make_window, cycle_path):
    window = make_window(cycle_path)
    window.show_period("2022-T1")
    editor, history = history_of(window, VIOLENCE)
    assert rows(history) == [["2022 T1 (visas)", "–", "–", "–"]]
    assert history.comparison.text() == (
        "Utvecklingen jämförs med samma period föregående år, men någon sådan period finns inte i filen."
    )
    editor_activity, history_activity = history_of(window, "Aktivitet: Framtagande av nytt regionalt")
    assert history_activity.comparison.text() == ""  # an activity has no trend
