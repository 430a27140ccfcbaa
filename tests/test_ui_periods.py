"""The period cycle in the window: start a period (in the same plan year and a new one), lock
with a reason, refuse writes to a locked period with the sentence, reopen only with a reason,
choose the current period; the window shows the right period after each step."""

from cycle_ui_support import assert_keyboard_ready, cycle_path, dialogs, measure_named, press_ok

from db.goalfile import GoalFile
from db.vocabulary import Status
from desktop.ui.period_dialogs import LockDialog, StartPeriodDialog

cycle_path, dialogs = cycle_path, dialogs  # fixtures

LOCKED = "Perioden 2022 delår är låst."


def selector(window) -> list[str]:
    return [window.period.itemText(i) for i in range(window.period.count())]


def lock(window, dialogs, reason: str) -> None:
    def fill(dialog):
        assert_keyboard_ready(dialog)
        assert dialog.period.currentData() == window.document.period.code
        dialog.reason.setText(reason)
        press_ok(dialog)

    dialogs.answer(LockDialog, fill)
    window.periods_ui.lock.trigger()


def test_a_locked_period_refuses_every_write_with_the_sentence_and_shows_why(make_window, dialogs, messages,
                                                                             cycle_path):  # fmt: skip
    window = make_window(cycle_path)
    measure = measure_named(cycle_path, "Antal kommuner där Region Norrbotten ingår")
    window.select_node(measure.id)
    editor = window.editors.currentWidget()
    assert window.document.edit_entry(measure.id, "outcome_total", "12")  # an edit before the lock

    lock(window, dialogs, "Antagen av regionstyrelsen 2022-10-26")
    assert selector(window) == ["2022 T1 (per april)", "2022 delår (per augusti) (aktuell, låst)"]
    assert window.periods_ui.lock_note.text().endswith("av testare: Antagen av regionstyrelsen 2022-10-26")
    assert window.periods_ui.lock_note.text().startswith("Låst ")
    assert window.editors.currentWidget() is editor and editor.measure_id == measure.id  # the same place
    assert editor.banner.isVisibleTo(editor) and editor.banner.text() == f"Kan inte ändras: {LOCKED}"
    assert editor.total.isReadOnly() and not editor.fulfilment.isEnabled() and not editor.status.isEnabled()
    with GoalFile.open(cycle_path, readonly=True) as gf:
        logged = [(c.field, c.new_value) for c in gf.change_log("2022-delar")]
    assert logged == [("locked", "1"), ("reason", "Antagen av regionstyrelsen 2022-10-26")]

    before = cycle_path.read_bytes()
    assert not window.document.edit_entry(measure.id, "outcome_total", "13")
    window.undo_action.trigger()  # undoing the edit made before the lock is a write too
    assert messages.texts == [LOCKED, LOCKED]
    assert window.undo_action.isEnabled()  # the stack stays where the file is
    goal = next(n for n in window.document.tree()[0].walk() if n.assessment is not None)
    assert not window.document.edit_assessment(goal.id, "text", "Ny bedömning")
    assert messages.texts[-1] == LOCKED
    assert cycle_path.read_bytes() == before
    assert window.periods_ui.unlock.isEnabled() and window.periods_ui.lock.isEnabled()  # T1 is still open


def test_reopening_needs_a_reason(make_window, dialogs, messages, cycle_path):
    window = make_window(cycle_path)
    lock(window, dialogs, "")
    assert window.periods_ui.lock_note.text().startswith("Låst ") and window.periods_ui.lock_note.text().endswith(
        " av testare"
    )

    def without_reason(dialog):
        assert_keyboard_ready(dialog)
        press_ok(dialog)
        assert messages.texts[-1] == (
            "Ange en orsak till att perioden 2022 delår låses upp; den sparas i ändringsloggen."
        )
        assert dialog.result() == 0  # still open, to be given a reason
        dialog.reason.setText("Fel i utfallet för HR")
        press_ok(dialog)

    dialogs.answer(LockDialog, without_reason)
    window.periods_ui.unlock.trigger()
    with GoalFile.open(cycle_path, readonly=True) as gf:
        assert not gf.period("2022-delar").locked
        assert [(c.field, c.new_value) for c in gf.change_log("2022-delar")][-2:] == [
            ("locked", "0"), ("reason", "Fel i utfallet för HR")]  # fmt: skip
    assert selector(window)[-1] == "2022 delår (per augusti) (aktuell)"
    assert not window.periods_ui.lock_note.isVisibleTo(window)
    assert window.document.edit_entry(window.model.measures()[0].id, "outcome_total", "7")


def test_starting_the_next_period_and_a_new_plan_year(make_window, dialogs, messages, cycle_path):
    window = make_window(cycle_path)

    def helar(dialog):
        assert_keyboard_ready(dialog)
        assert (dialog.source.currentData(), dialog.chosen()) == ("2022-delar", "2022 helar")
        assert dialog.explanation.text().startswith("Perioden följer 2022 års struktur")
        press_ok(dialog)

    dialogs.answer(StartPeriodDialog, helar)
    window.periods_ui.start.trigger()
    assert window.document.period.code == "2022-helar"
    assert selector(window) == [
        "2022 T1 (per april)",
        "2022 delår (per augusti)",
        "2022 helår (per december) (aktuell)",
    ]
    assert window.period.currentData() == "2022-helar"
    entries = [m.entry for m in window.model.measures()]
    assert all(e.is_empty and e.status == Status.NOT_STARTED for e in entries)

    def t1_from_delar(dialog):
        dialog.source.setCurrentIndex(dialog.source.findData("2022-delar"))
        assert dialog.chosen() == "2022 helar"  # the period after delår …
        press_ok(dialog)  # … exists already: refused, and the dialog stays open
        assert messages.texts[-1] == "Perioden 2022 helår finns redan."
        dialog.year.setValue(2023)
        dialog.kind.setCurrentIndex(dialog.kind.findData("T1"))
        assert dialog.explanation.text().startswith(
            "2023 blir ett nytt planår: strukturen kopieras från 2022 och kan sedan ändras för 2023"
        )
        dialog.carry.setChecked(True)
        press_ok(dialog)

    dialogs.answer(StartPeriodDialog, t1_from_delar)
    window.periods_ui.start.trigger()
    assert window.document.period.code == "2023-T1" and window.document.plan_years() == [2022, 2023]
    assert window.period.currentText() == "2023 T1 (per april) (aktuell)"
    commented = measure_named(cycle_path, "Antal kommuner där Region Norrbotten ingår", "2022-delar")
    with GoalFile.open(cycle_path, readonly=True) as gf:
        delar = [m for m in gf.tree("2022-delar")[0].all_measures() if m.entry.commentary]
        carried = {m.id: m.entry for m in gf.tree("2023-T1")[0].all_measures()}
    assert delar and all(carried[m.id].commentary == m.entry.commentary for m in delar)
    assert all(carried[m.id].status == Status.DRAFT and not carried[m.id].has_outcome for m in delar)
    assert carried[commented.id].outcome_total == ""


def test_making_the_shown_period_current(make_window, cycle_path):
    window = make_window(cycle_path)
    assert not window.periods_ui.make_current.isEnabled()  # the shown period is the current one
    window.show_period("2022-T1")
    action = window.periods_ui.make_current
    assert action.isEnabled() and action.text() == "Gör 2022 T1 till &aktuell period"
    action.trigger()
    with GoalFile.open(cycle_path, readonly=True) as gf:
        assert gf.period().code == "2022-T1"
        assert [(c.field, c.old_value, c.new_value) for c in gf.change_log("2022-T1")] == [
            ("current", "2022-delar", "2022-T1")]  # fmt: skip
    assert selector(window) == ["2022 T1 (per april) (aktuell)", "2022 delår (per augusti)"]
    assert not action.isEnabled()


def test_a_unit_file_offers_no_period_steps(make_window, tmp_path, cycle_path):
    from db.unitfile import export_unit_file

    with GoalFile.open(cycle_path, user="controller") as gf:
        unit_path = export_unit_file(gf, gf.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
    window = make_window(unit_path)
    ui = window.periods_ui
    assert not ui.menu.menuAction().isEnabled()
    assert not any(a.isEnabled() for a in (ui.start, ui.lock, ui.unlock, ui.make_current))


def test_the_period_selector_shows_its_whole_text_for_a_file_opened_in_the_shown_window(make_window, cycle_path, qtbot):
    window = make_window()
    window.show()
    qtbot.wait(10)
    window.open_file(cycle_path)
    qtbot.wait(10)  # the toolbar's layout

    text = window.period.currentText()
    assert text == "2022 delår (per augusti) (aktuell)"
    assert window.period.width() > window.period.fontMetrics().horizontalAdvance(text)
