"""The merge and collection dialogs reached from the main window's menus."""

from db.goalfile import GoalFile
from db.unitfile import export_unit_file

PERIOD = "2022-delar"


def action(window, text):
    return next(a for a in window.collection.actions if a.text().replace("&", "") == text)


def test_central_file_offers_export_and_merge(window):
    texts = [a.text().replace("&", "") for a in window.file_menu.actions()]
    assert "Exportera enhetsfiler…" in texts and "Sammanfoga inkomna filer…" in texts
    assert texts.index("Sammanfoga inkomna filer…") < texts.index("Skriv ut rapport…")
    assert all(a.isEnabled() for a in window.collection.actions)


def test_unit_file_does_not_offer_them(make_window, example_path, tmp_path):
    with GoalFile.open(example_path) as central:
        unit_path = export_unit_file(central, central.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
    window = make_window(unit_path)
    assert "HR-avdelningen" in window.windowTitle()
    assert not any(a.isEnabled() for a in window.collection.actions)


def test_merge_from_the_menu_reloads_the_tree(window, qtbot, monkeypatch, example_path, tmp_path):
    from desktop.ui import merge_dialog

    with GoalFile.open(example_path) as central:
        unit_path = export_unit_file(central, central.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
    with GoalFile.open(unit_path, user="handläggare") as unit_file:
        own = next(m for m in window.model.measures() if m.unit_id == unit_file.unit.id)
        unit_file.update_entry(own.id, PERIOD, {"outcome_total": "4,2 %"})
    monkeypatch.setattr(merge_dialog, "choose_unit_files", lambda *a: [str(unit_path)])

    def run_dialog(dialog_self):
        dialog_self._choose_files()
        with qtbot.waitSignal(dialog_self.merged, timeout=10000):
            dialog_self.start.click()
        return 0

    monkeypatch.setattr(merge_dialog.MergeDialog, "exec", run_dialog)
    action(window, "Sammanfoga inkomna filer…").trigger()
    shown = next(m for m in window.model.measures() if m.id == own.id)
    assert shown.entry.outcome_total == "4,2 %"
    assert window.document.undo_stack.count() == 0


def test_unit_file_greys_other_units_measures(make_window, example_path, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from desktop.ui.tree_model import OUTCOME

    greyed = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)

    with GoalFile.open(example_path) as central:
        unit_path = export_unit_file(central, central.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
        hr = central.find_unit("HR").id
    window = make_window(unit_path)
    measures = window.model.measures()
    own = next(m for m in measures if m.unit_id == hr and not m.entry.is_empty)
    other = next(m for m in measures if m.unit_id != hr)
    colour = Qt.ItemDataRole.ForegroundRole
    assert window.model.index_of(other.id, OUTCOME).data(colour) == greyed
    assert window.model.index_of(own.id, OUTCOME).data(colour) is None
    window.filters.others.setChecked(True)
    window.select_node(other.id)
    editor = window.editors.currentWidget()
    assert editor.total.isReadOnly() and "annan enhet" in editor.banner.text()
    window.select_node(own.id)
    assert not window.editors.currentWidget().total.isReadOnly()


def test_filters_search_and_selection_survive_a_merge_and_a_resolved_conflict(window, qtbot, monkeypatch,
                                                                              example_path, tmp_path):  # fmt: skip
    from PySide6.QtCore import Qt

    from desktop.ui import merge_dialog
    from desktop.ui.tree_model import NAME

    with GoalFile.open(example_path) as central:
        unit_path = export_unit_file(central, central.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
        hr = central.find_unit("HR").id
    measure = next(m for m in window.model.measures() if m.unit_id == hr and m.name.startswith("Andel kostnad"))
    window.select_node(measure.id)
    editor = window.editors.currentWidget()
    editor.total.setText("10")  # central changes two values after the export …
    editor.commentary.setPlainText("Centralens ord.")
    editor.flush()
    with GoalFile.open(unit_path, user="handläggare") as unit_file:  # … and the unit, differently
        unit_file.update_entry(measure.id, PERIOD, {"outcome_total": "11", "commentary": "Enhetens ord."})
    board = window.filters.combos["board"]
    board.setCurrentIndex(board.findData("RS"))
    window.filters.search.setText("personal")
    window.filters.apply_search()
    assert window.select_node(measure.id)
    view = (window.filters.state(), [m.id for m in window.visible_measures()], measure.id)

    def current_view():
        return (window.filters.state(), [m.id for m in window.visible_measures()], window._current_node().id)

    monkeypatch.setattr(merge_dialog, "choose_unit_files", lambda *a: [str(unit_path)])

    def run_dialog(dialog_self):
        dialog_self._choose_files()
        with qtbot.waitSignal(dialog_self.merged, timeout=10000):
            dialog_self.start.click()
        return 0

    monkeypatch.setattr(merge_dialog.MergeDialog, "exec", run_dialog)
    action(window, "Sammanfoga inkomna filer…").trigger()
    assert current_view() == view
    assert window.proxy.criterion("board") == "RS"
    editor = window.editors.currentWidget()
    note = editor.conflicts["outcome_total"]
    assert note.isVisibleTo(editor)
    assert note.text.text() == (
        "Konflikt: enhet-HR.sqlite har ”11”, centralen hade ”10”. Fältet visar centralens värde."
    )
    assert window.model.index_of(measure.id, NAME).data(Qt.ItemDataRole.DecorationRole) is not None

    note.take.click()  # "Ta enhetens värde", right under the field
    with GoalFile.open(example_path, readonly=True) as central:
        assert central.entry(measure.id, PERIOD).outcome_total == "11"
        assert [c.field for c in central.open_conflicts()] == ["commentary"]
    assert editor.total.text() == "11" and not note.isVisibleTo(editor)
    assert current_view() == view

    from desktop.ui.conflict_dialog import ConflictDialog

    dialog = ConflictDialog(window, window.document)  # the other one from Visa → Konflikter…
    qtbot.addWidget(dialog)
    dialog.keep_central.click()
    assert dialog.table.rowCount() == 0
    assert not editor.conflicts["commentary"].isVisibleTo(editor)
    assert window.model.index_of(measure.id, NAME).data(Qt.ItemDataRole.DecorationRole) is None
    assert editor.commentary.toPlainText() == "Centralens ord."
    assert current_view() == view
