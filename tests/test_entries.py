"""Writing entries and assessments: validated, logged, all or nothing."""

import pytest

from db.errors import GoalFileError, ReadOnlyError
from db.goalfile import GoalFile
from db.model import all_measures
from db.structure import update_node

PERIOD = "2022-delar"


def first_measure(gf, kind="styrmatt"):
    return next(m for m in all_measures(gf.tree()) if m.kind == kind)


def test_every_changed_field_is_logged(goal_file):
    measure = first_measure(goal_file)
    before = measure.entry
    diff = goal_file.update_entry(
        measure.id, PERIOD, {"outcome_total": "12 000", "fulfilment": "delvis", "commentary": "Text <b> & 🚀"}
    )
    assert set(diff) == {"outcome_total", "fulfilment", "commentary"}
    entry = goal_file.entry(measure.id, PERIOD)
    assert (entry.outcome_total, entry.fulfilment, entry.commentary) == ("12 000", "delvis", "Text <b> & 🚀")
    assert entry.changed_by == "testare" and entry.revision == before.revision + 1
    log = goal_file.change_log(measure.id)
    assert {(c.field, c.old_value, c.new_value) for c in log} == {
        ("outcome_total", before.outcome_total, "12 000"),
        ("fulfilment", None, "delvis"),
        ("commentary", before.commentary, "Text <b> & 🚀"),
    }
    assert all(c.by == "testare" and c.origin == "app" and c.period_code == PERIOD for c in log)


def test_unchanged_value_writes_nothing(goal_file):
    measure = first_measure(goal_file)
    assert goal_file.update_entry(measure.id, PERIOD, {"outcome_text": measure.entry.outcome_text}) == {}
    assert goal_file.change_log(measure.id) == []


def test_goal_perspective_and_report_changes_are_logged(goal_file):
    perspective = goal_file.tree()[0]
    goal = perspective.children[0]
    goal_file.update_assessment(goal.id, PERIOD, {"prognosis": "uppfyllt", "text": "Ny bedömning."})
    update_node(goal_file, perspective.id, 2022, {"description": "Ny beskrivning."})
    goal_file.update_report_settings(PERIOD, {"version": "1.0"})
    fields = {(c.subject, c.field, c.new_value) for c in goal_file.change_log()}
    assert fields == {
        ("assessment", "prognosis", "uppfyllt"), ("assessment", "text", "Ny bedömning."),
        ("node", "description 2022", "Ny beskrivning."), ("report", "version", "1.0"),
    }  # fmt: skip
    reread = goal_file.tree()[0]
    assert reread.description == "Ny beskrivning." and reread.children[0].assessment.prognosis == "uppfyllt"


def test_a_write_failing_half_way_leaves_no_trace(goal_file, monkeypatch):
    measure = first_measure(goal_file)
    before = goal_file.entry(measure.id, PERIOD)

    def broken_log(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(GoalFile, "record", broken_log)
    with pytest.raises(OSError):
        goal_file.update_entry(measure.id, PERIOD, {"outcome_total": "99"})
    assert goal_file.entry(measure.id, PERIOD) == before
    assert goal_file.change_log() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fulfilment": "genomford"}, "måluppfyllelse"),  # an activity value on a measure
        ({"trend": "upp"}, "utveckling"),
        ({"status": "färdig"}, "status"),
        ({"target": "Öka mer"}, "finns inte"),
        ({"outcome_total": 12}, "text"),
    ],
)
def test_invalid_values_are_refused_and_change_nothing(goal_file, changes, message):
    measure = first_measure(goal_file)
    with pytest.raises(GoalFileError, match=message):
        goal_file.update_entry(measure.id, PERIOD, changes)
    assert goal_file.change_log() == []


def test_activity_uses_its_own_scale(goal_file):
    activity = first_measure(goal_file, "aktivitet")
    goal_file.update_entry(activity.id, PERIOD, {"fulfilment": "forsenad"})
    assert goal_file.entry(activity.id, PERIOD).fulfilment == "forsenad"
    with pytest.raises(GoalFileError):
        goal_file.update_entry(activity.id, PERIOD, {"fulfilment": "uppfyllt"})


def test_not_fulfilled_needs_commentary_before_ready(goal_file):
    measure = first_measure(goal_file)
    goal_file.update_entry(measure.id, PERIOD, {"commentary": "", "status": "utkast"})
    with pytest.raises(GoalFileError, match="behöver en kommentar"):
        goal_file.update_entry(measure.id, PERIOD, {"fulfilment": "ej", "status": "klar"})
    assert goal_file.entry(measure.id, PERIOD).status == "utkast"
    goal_file.update_entry(measure.id, PERIOD, {"fulfilment": "ej", "status": "klar", "commentary": "Därför."})
    assert goal_file.entry(measure.id, PERIOD).status == "klar"


def test_locked_period_refuses_writes(goal_file):
    goal_file.db.execute("UPDATE periods SET locked = 1 WHERE code = ?", [PERIOD])
    measure = first_measure(goal_file)
    with pytest.raises(ReadOnlyError, match="låst"):
        goal_file.update_entry(measure.id, PERIOD, {"outcome_total": "1"})


def test_long_and_hostile_text_round_trips(goal_file):
    measure = first_measure(goal_file)
    text = "<script>&amp;</script> " + "å" * 10_000 + " 👩‍⚕️"
    goal_file.update_entry(measure.id, PERIOD, {"commentary": text})
    assert goal_file.entry(measure.id, PERIOD).commentary == text
