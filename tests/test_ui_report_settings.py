"""Report settings in the window: the header block and introduction per period, a checked date,
one undoable step, read-only for a locked period."""

from cycle_ui_support import assert_keyboard_ready, dialogs, press_ok

from db.goalfile import GoalFile
from db.periods import lock_period
from desktop.ui.report_settings_dialog import ReportSettingsDialog

dialogs = dialogs  # fixture


def settings(path, period: str):
    with GoalFile.open(path, readonly=True) as gf:
        return gf.report_settings(period)


def test_the_header_of_one_period_changed_with_a_checked_date_and_undone(window, dialogs, messages, example_path):
    before = settings(example_path, "2022-delar")

    def edit(dialog):
        assert_keyboard_ready(dialog)
        assert dialog.period.currentData() == "2022-delar"
        assert dialog.fields["document_id"].text() == before.document_id == "lgekpl-4-1065"
        assert dialog.organisation.isReadOnly() and dialog.organisation.text() == "Region Norrbotten"
        assert dialog.fields["introduction"].toPlainText() == before.introduction
        dialog.fields["version"].setText("1.0")
        dialog.fields["responsible"].setText("Ansvarig <chef> & co")
        dialog.fields["publication_date"].setText("2022-13-40")
        press_ok(dialog)
        assert messages.texts[-1] == (
            "Publiceringsdatum ”2022-13-40” är inget datum. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2022-10-05."
        )
        assert dialog.result() == 0 and settings(example_path, "2022-delar") == before  # nothing written
        dialog.fields["publication_date"].setText("2022-10-26")
        press_ok(dialog)

    dialogs.answer(ReportSettingsDialog, edit)
    window.periods_ui.report_settings.trigger()
    after = settings(example_path, "2022-delar")
    assert (after.version, after.responsible, after.publication_date) == ("1.0", "Ansvarig <chef> & co", "2022-10-26")
    assert settings(example_path, "2022-T1").version == before.version  # another period's own settings
    with GoalFile.open(example_path, readonly=True) as gf:
        logged = {(c.field, c.new_value) for c in gf.change_log("report") if c.period_code == "2022-delar"}
    assert {("version", "1.0"), ("publication_date", "2022-10-26")} <= logged
    assert window.undo_action.text() == "&Ångra Ändra rapportinställningar"
    window.undo_action.trigger()
    assert settings(example_path, "2022-delar") == before


def test_switching_period_asks_to_save_what_was_typed(window, dialogs, messages, example_path):
    def edit_two(dialog):
        dialog.fields["version"].setText("0.9")
        dialog.period.setCurrentIndex(dialog.period.findData("2022-T1"))
        dialog.period.activated.emit(dialog.period.currentIndex())
        assert messages.texts[-1] == "Spara ändringarna för 2022 delår först?"
        assert dialog.fields["version"].text() == "0.8"  # T1's own, as it stands
        dialog.fields["title"].setText("Mål och måluppfyllelse per april")
        press_ok(dialog)

    dialogs.answer(ReportSettingsDialog, edit_two)
    window.periods_ui.report_settings.trigger()
    assert settings(example_path, "2022-delar").version == "0.9"
    assert settings(example_path, "2022-T1").title == "Mål och måluppfyllelse per april"


def test_a_locked_periods_settings_are_read_only(make_window, dialogs, example_path):
    with GoalFile.open(example_path, user="controller") as gf:
        lock_period(gf, "2022-delar", "Antagen")
    window = make_window(example_path)

    def look(dialog):
        assert dialog.banner.text() == "Kan inte ändras: Perioden 2022 delår är låst."
        assert dialog.fields["version"].isReadOnly() and dialog.fields["introduction"].isReadOnly()
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.period.setCurrentIndex(dialog.period.findData("2022-T1"))
        dialog.period.activated.emit(dialog.period.currentIndex())
        assert not dialog.fields["version"].isReadOnly() and not dialog.banner.isVisibleTo(dialog)
        dialog.reject()

    dialogs.answer(ReportSettingsDialog, look)
    window.periods_ui.report_settings.trigger()
