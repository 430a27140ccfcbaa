"""Editing in the panels: saved to the file as typed, in the change log, undone through the same path."""

import pytest
from PySide6.QtCore import Qt

from db.goalfile import GoalFile
from desktop.ui.editors.measure_editor import MeasureEditor
from desktop.ui.editors.node_editor import NodeEditor


def stored(path, measure_id, period="2022-delar"):
    with GoalFile.open(path, readonly=True) as gf:
        return gf.entry(measure_id, period)


def select(window, start):
    measure = next(m for m in window.model.measures() if m.name.startswith(start))
    assert window.select_node(measure.id)
    return measure, window.editors.currentWidget()


def choose(combo, code):
    """As a user does: pick the entry, which emits `activated`."""
    index = combo.findData(code)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def type_and_wait(qtbot, widget, text, path, measure_id, field):
    """Type the plain-ASCII start key by key (all QTest can type), the rest as one input."""
    typed = next((i for i, c in enumerate(text) if not (c.isascii() and c.isprintable())), len(text))
    qtbot.keyClicks(widget, text[:typed])
    if text[typed:]:
        widget.insertPlainText(text[typed:]) if hasattr(widget, "insertPlainText") else widget.insert(text[typed:])
    qtbot.waitUntil(lambda: getattr(stored(path, measure_id), field).endswith(text))


def test_editing_a_measure_saves_logs_and_undoes(window, qtbot, example_path):
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    assert isinstance(editor, MeasureEditor) and editor.total.isEnabled() and not editor.total.isReadOnly()
    before = stored(example_path, measure.id)

    type_and_wait(qtbot, editor.total, "11", example_path, measure.id, "outcome_total")
    choose(editor.fulfilment, "delvis")
    choose(editor.trend, "battre")
    type_and_wait(qtbot, editor.commentary, "Elva av fjorton kommuner.\n\n- Kiruna & <Gällivare> 🙂", example_path,
                  measure.id, "commentary")  # fmt: skip

    entry = stored(example_path, measure.id)
    assert (entry.outcome_total, entry.fulfilment, entry.trend) == ("11", "delvis", "battre")
    assert entry.commentary == "Elva av fjorton kommuner.\n\n- Kiruna & <Gällivare> 🙂"
    assert entry.changed_by == "testare"
    with GoalFile.open(example_path, readonly=True) as gf:
        log = [(c.field, c.new_value) for c in gf.change_log(measure.id)]
    assert ("outcome_total", "11") in log and ("fulfilment", "delvis") in log and ("trend", "battre") in log
    assert editor.changed.text().startswith("Senast ändrad av testare den ")
    assert window.model.index_of(measure.id, 3).data() == "11"  # the tree follows

    while window.undo_action.isEnabled():
        window.undo_action.trigger()
    entry = stored(example_path, measure.id)
    assert (entry.outcome_total, entry.fulfilment, entry.trend, entry.commentary) == (
        before.outcome_total, before.fulfilment, before.trend, before.commentary)  # fmt: skip
    assert editor.total.text() == before.outcome_total
    assert editor.commentary.toPlainText() == before.commentary
    assert editor.fulfilment.code() is None and editor.trend.code() is None
    with GoalFile.open(example_path, readonly=True) as gf:
        undone = {(c.field, c.new_value) for c in gf.change_log(measure.id)[-2:]}
    assert undone == {("outcome_total", before.outcome_total), ("status", "ej_paborjad")}  # undo is logged too
    assert entry.status == "ej_paborjad"  # the typing made it a draft; one undo took both back

    window.redo_action.trigger()
    assert stored(example_path, measure.id).outcome_total == "11"
    assert editor.total.text() == "11"


def test_ej_uppfyllt_needs_commentary_before_klar(window, messages, example_path):
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    assert stored(example_path, measure.id).commentary == ""
    choose(editor.fulfilment, "ej")
    assert editor.status_rule.isVisibleTo(editor)
    assert stored(example_path, measure.id).status == "utkast"  # choosing made the empty entry a draft
    choose(editor.status, "klar")
    assert messages.texts and "behöver en kommentar" in messages.texts[-1]
    assert stored(example_path, measure.id).status == "utkast"
    assert editor.status.currentData() == "utkast"  # the widget shows what the file holds


def test_suggested_fulfilment_is_shown_and_can_be_taken(window, qtbot, example_path):
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")  # target 12, higher is better
    assert not editor.fulfilment_hint.isVisibleTo(editor)
    type_and_wait(qtbot, editor.total, "12", example_path, measure.id, "outcome_total")
    assert editor.fulfilment_hint.text() == "Förslag: Uppfyllt"
    assert editor.use_fulfilment.isVisibleTo(editor)
    editor.use_fulfilment.click()
    assert stored(example_path, measure.id).fulfilment == "uppfyllt"
    assert editor.fulfilment.code() == "uppfyllt" and not editor.use_fulfilment.isVisibleTo(editor)


def test_gender_fields_only_for_measures_split_by_gender(window):
    _, editor = select(window, "Antal besök på filialer")
    assert editor.women.isVisibleTo(editor) and editor.men.isVisibleTo(editor)
    _, editor = select(window, "Antal nya filialer")
    assert not editor.women.isVisibleTo(editor)


def test_typing_not_yet_saved_is_saved_on_close(window, qtbot, example_path):
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    long_text = "ord " * 2500  # 10 000 characters
    editor.commentary.setPlainText(long_text)
    window.close()
    assert stored(example_path, measure.id).commentary == long_text


def test_goal_prognosis_and_assessment(window, qtbot, example_path, goal_file):
    goal = goal_file.tree()[0].children[0]
    window.select_node(goal.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, NodeEditor) and editor.kind_label.text() == "STRATEGISKT MÅL"
    assert "styrmått" in editor.evidence.text()
    choose(editor.prognosis, "uppfyllt")
    editor.text.setPlainText("Ny bedömning")
    editor.flush()
    with GoalFile.open(example_path, readonly=True) as gf:
        assessment = gf.assessment(goal.id, "2022-delar")
    assert (assessment.prognosis, assessment.text) == ("uppfyllt", "Ny bedömning")
    assert window.model.index_of(goal.id, 4).data(Qt.ItemDataRole.ToolTipRole) == "Prognos: Uppfylls vid årets slut"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert editor.prognosis.code() == goal.assessment.prognosis
    assert editor.text.toPlainText() == goal.assessment.text


def test_perspective_description(window, example_path, goal_file):
    perspective = goal_file.tree()[1]
    window.select_node(perspective.id)
    editor = window.editors.currentWidget()
    assert isinstance(editor, NodeEditor) and editor.kind_label.text() == "PERSPEKTIV"
    editor.description.setPlainText("Medborgarna i centrum.")
    window.select_node(goal_file.tree()[0].id)  # leaving the node saves
    with GoalFile.open(example_path, readonly=True) as gf:
        assert gf.tree()[1].description == "Medborgarna i centrum."


@pytest.fixture
def unit_file(example_path, goal_file):
    """The example turned into the unit file of Division Kultur och utbildning."""
    unit = goal_file.find_unit("KUL")
    with goal_file.transaction():
        goal_file.conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                   [("kind", "unit"), ("unit_id", unit.id)])  # fmt: skip
    goal_file.close()
    return example_path, unit


def test_unit_file_edits_only_its_own_measures(make_window, unit_file):
    path, unit = unit_file
    window = make_window(path)
    assert unit.name in window.windowTitle()
    own = next(m for m in window.model.measures() if m.unit_id == unit.id)
    window.select_node(own.id)
    editor = window.editors.currentWidget()
    assert not editor.total.isReadOnly() and editor.target.isReadOnly()
    other = next(m for m in window.model.measures() if m.unit_id != unit.id)
    assert not window.select_node(other.id)  # the other units' measures are hidden …
    window.filters.others.setChecked(True)  # … until asked for
    assert window.select_node(other.id)
    assert editor.total.isReadOnly() and not editor.fulfilment.isEnabled()
    assert "annan enhet" in editor.banner.text()
    goal = window.model._roots[0].children[0]
    window.select_node(goal.id)
    assert window.editors.currentWidget().text.isReadOnly()


def test_target_is_editable_in_the_central_file(window, example_path):
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    editor.target.setText("14")
    editor.flush()
    with GoalFile.open(example_path, readonly=True) as gf:
        assert gf.measure(measure.id).target == "14"
        assert gf.change_log(measure.id)[-1].field == "target 2022"
    window.undo_action.trigger()
    assert editor.target.text() == "12"


def test_the_tree_shows_the_target_the_file_holds_after_undo(window, example_path):
    """Bug: change a target 12 → 14, select another row, undo: the file said 12, the tree still 14."""
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    editor.target.setText("14")
    editor.flush()
    select(window, "Sjukfrånvaro")
    window.undo_action.trigger()
    with GoalFile.open(example_path, readonly=True) as gf:
        assert gf.measure(measure.id).target == "12"
    assert window.model.index_of(measure.id, 2).data() == "12"


def disk_full(*args, **kwargs):
    import sqlite3

    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorname = "SQLITE_FULL"
    raise error


def test_a_failed_undo_leaves_the_stack_where_the_file_is(window, messages, monkeypatch, example_path):
    """Bug: undo with the disk full said nothing more to undo while the file still held the edit."""
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    editor.total.setText("11")
    editor.flush()
    stack = window.document.undo_stack
    assert stack.canUndo() and stored(example_path, measure.id).outcome_total == "11"
    monkeypatch.setattr(GoalFile, "update_entry", disk_full)
    window.undo_action.trigger()
    assert "full" in messages.texts[-1]
    assert stored(example_path, measure.id).outcome_total == "11"
    assert stack.canUndo() and stack.undoText() == "Ändra utfall totalt"  # the stack still offers the undo
    assert editor.total.text() == "11"
    monkeypatch.undo()
    window.undo_action.trigger()  # with room on the disk again, the same undo works
    assert stored(example_path, measure.id).outcome_total == ""
    assert not stack.canUndo() and stack.canRedo()


def test_a_full_disk_keeps_the_typed_text_and_says_so(window, qtbot, messages, monkeypatch, example_path):
    measure, editor = select(window, "Sjukfrånvaro")
    before = stored(example_path, measure.id).commentary

    monkeypatch.setattr(GoalFile, "update_entry", disk_full)
    editor.commentary.setPlainText("Ny analys som inte får försvinna.")
    editor.flush()
    assert "disken" in messages.texts[-1].lower() and "full" in messages.texts[-1]
    assert editor.commentary.toPlainText() == "Ny analys som inte får försvinna."  # still there to save again
    assert stored(example_path, measure.id).commentary == before
    monkeypatch.undo()  # space again: the next keystroke saves what is in the field
    editor.commentary.appendPlainText("Igen.")
    editor.flush()
    assert stored(example_path, measure.id).commentary == "Ny analys som inte får försvinna.\nIgen."


def test_typing_waiting_for_its_pause_survives_an_undo_of_another_field(window, qtbot, example_path):
    """Bug: Ctrl+Z while a commentary was still being typed re-read the entry and wiped the typing."""
    measure, editor = select(window, "Antal kommuner där Region Norrbotten ingår")
    editor.total.setText("11")
    editor.flush()
    qtbot.keyClicks(editor.commentary, "Skrivet men inte sparat")
    assert editor.texts[editor.texts.index(editor.text_fields["commentary"])].pending()
    window.undo_action.trigger()  # undoes the outcome: the entry is read anew
    assert editor.total.text() == ""
    assert editor.commentary.toPlainText() == "Skrivet men inte sparat"
    editor.flush()
    assert stored(example_path, measure.id).commentary == "Skrivet men inte sparat"
