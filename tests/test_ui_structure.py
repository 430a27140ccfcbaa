"""Structure editing in the window: add, rename, move, retire and the settings, from the keys,
the menus and the context menu; each step undone; the tree and the file agree after every step."""

import pytest
from cycle_ui_support import assert_keyboard_ready, assert_tree_is_file, dialogs, file_shape, press_ok, tree_shape
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.goalfile import GoalFile
from db.model import walk
from db.periods import lock_period
from db.unitfile import export_unit_file
from desktop.ui.lists_dialogs import BoardsDialog, CodeNameDialog, UnitsDialog
from desktop.ui.measure_settings_dialog import MeasureDialog
from desktop.ui.structure_dialogs import MoveDialog, NameDialog, NodeDialog, ReinstateDialog

dialogs = dialogs  # fixture


def shown(window, qtbot):
    """On screen and active, so that the keys reach the tree's shortcuts."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    return window


def node_named(window, name: str):
    return next(n for n in walk(window.document.tree()) if n.name == name)


def key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.tree.setFocus()
    qtbot.keyClick(window.tree, key, modifier)


def log_size(path) -> int:
    with GoalFile.open(path, readonly=True) as gf:
        return len(gf.change_log())


def test_a_node_added_renamed_moved_and_retired_from_the_keyboard_each_undone(window, qtbot, dialogs, messages,
                                                                              example_path):  # fmt: skip
    shown(window, qtbot)
    goal = node_named(window, "Ett livskraftigt län")
    first_factor = goal.children[0]
    window.select_node(first_factor.id)
    shapes = [tree_shape(window)]
    assert shapes[0] == file_shape(example_path, 2022)

    # Insert: a new node on the selected one's level, right after it.
    def name_it(dialog):
        assert dialog.windowTitle() == "Ny framgångsfaktor"
        assert [c.text() for c in dialog.boards.values() if c.isChecked()] == [
            f"{b.code} – {b.name}" for b in window.document.boards() if b.code in first_factor.boards
        ]
        dialog.name.setText("Fler mötesplatser för unga")
        press_ok(dialog)

    dialogs.answer(NodeDialog, name_it)
    key(qtbot, window, Qt.Key.Key_Insert)
    goal = node_named(window, goal.name)
    added = goal.children[1]
    assert added.name == "Fler mötesplatser för unga" and added.boards == first_factor.boards
    assert window._current_node().id == added.id  # the new node is selected
    assert_tree_is_file(window, example_path)
    shapes.append(tree_shape(window))

    # F2: a new name.
    def rename(dialog):
        assert dialog.name.text() == "Fler mötesplatser för unga"
        dialog.name.setText("Mötesplatser för unga")
        press_ok(dialog)

    dialogs.answer(NameDialog, rename)
    key(qtbot, window, Qt.Key.Key_F2)
    assert node_named(window, "Mötesplatser för unga").id == added.id
    assert window.model.index_of(added.id).data() == "Mötesplatser för unga"
    assert_tree_is_file(window, example_path)
    shapes.append(tree_shape(window))

    # Alt+Up: one place up, before the factor it was added after.
    key(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [c.id for c in node_named(window, goal.name).children[:2]] == [added.id, first_factor.id]
    assert window._current_node().id == added.id
    assert_tree_is_file(window, example_path)
    shapes.append(tree_shape(window))

    # Flytta till…: under another strategic goal, last there.
    other_goal = node_named(window, "Trygg norrbottning med god livskvalitet")

    def move(dialog):
        dialog.search.setText("trygg norrbottning")
        assert dialog.chosen() == other_goal.id
        press_ok(dialog)

    dialogs.answer(MoveDialog, move)
    window.structure_ui.move_to.trigger()
    assert node_named(window, other_goal.name).children[-1].id == added.id
    assert_tree_is_file(window, example_path)
    shapes.append(tree_shape(window))

    # Delete: retired after a question that names it.
    key(qtbot, window, Qt.Key.Key_Delete)
    assert messages.texts[-1].startswith("Avveckla framgångsfaktorn ”Mötesplatser för unga” ur 2022 års struktur?")
    assert "Det som redan är ifyllt tas inte bort" in messages.texts[-1]
    assert all(n.id != added.id for n in walk(window.document.tree()))
    assert_tree_is_file(window, example_path)

    # Ctrl+Z takes each step back, and the tree follows the file every time.
    for before in reversed(shapes):
        window.undo_action.trigger()
        assert tree_shape(window) == before == file_shape(example_path, 2022)
    assert not window.undo_action.isEnabled()
    for after in shapes[1:]:
        window.redo_action.trigger()
        assert tree_shape(window) == after == file_shape(example_path, 2022)


def test_a_measure_added_under_a_factor_and_its_settings_changed_each_undone(window, qtbot, dialogs,
                                                                             example_path):  # fmt: skip
    shown(window, qtbot)
    factor = node_named(window, "Ett livskraftigt län").children[0]
    window.select_node(factor.id)
    model = window.document.model()
    assert window.structure_ui.add_child.text() == "Nytt styrmått &under framgångsfaktorn"
    units = {u.code: u for u in window.document.units()}

    def new_measure(dialog):
        assert dialog.windowTitle() == "Nytt styrmått"
        assert dialog.board.currentData() == factor.boards[0]
        dialog.name.setText("Andel unga som deltar i föreningsliv")
        dialog.unit.setCurrentIndex(dialog.unit.findData(units["HR"].id))
        dialog.target.setText("45 %")
        dialog.direction.setCurrentIndex(dialog.direction.findData("higher"))
        dialog.gender_split.setChecked(True)
        press_ok(dialog)

    dialogs.answer(MeasureDialog, new_measure)
    key(qtbot, window, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    measure = node_named(window, factor.name).measures[-1]
    assert (measure.name, measure.unit_id, measure.target, measure.direction, measure.gender_split, measure.kind) == (
        "Andel unga som deltar i föreningsliv",
        units["HR"].id,
        "45 %",
        "higher",
        True,
        model.kinds[0].code,
    )
    assert window._current_node().id == measure.id
    assert window.editors.currentWidget().title.text() == "Andel unga som deltar i föreningsliv"
    assert_tree_is_file(window, example_path)

    # Alt+Enter: the settings of the year, as one step.
    def change(dialog):
        assert dialog.target.text() == "45 %"
        dialog.kind.setCurrentIndex(dialog.kind.findData("aktivitet"))
        assert not dialog.direction.isEnabled()  # an activity has no trend
        dialog.board.setCurrentIndex(dialog.board.findData("RUN"))
        dialog.footnote.setPlainText("Enkät bland 16–25-åringar.")
        press_ok(dialog)

    dialogs.answer(MeasureDialog, change)
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    changed = window.document.measure(measure.id)
    assert (changed.kind, changed.board, changed.footnote) == ("aktivitet", "RUN", "Enkät bland 16–25-åringar.")
    assert window.model.index_of(measure.id, 1).data() == "RUN"  # the tree's board column follows
    with GoalFile.open(example_path, readonly=True) as gf:
        logged = {c.field for c in gf.change_log(measure.id)}
    assert {"kind 2022", "board_code 2022", "footnote 2022"} <= logged

    window.undo_action.trigger()
    assert window.document.measure(measure.id).kind == "styrmatt"
    window.undo_action.trigger()
    assert all(m.id != measure.id for m in node_named(window, factor.name).measures)
    assert_tree_is_file(window, example_path)
    window.redo_action.trigger()
    assert node_named(window, factor.name).measures[-1].id == measure.id  # the same identity comes back
    window.redo_action.trigger()
    assert window.document.measure(measure.id).board == "RUN"
    assert_tree_is_file(window, example_path)


def test_a_retired_measure_keeps_its_values_and_comes_back_on_undo(window, qtbot, messages, example_path):
    shown(window, qtbot)
    measure = next(m for m in window.model.measures() if m.entry.outcome_total)
    window.select_node(measure.id)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert messages.texts[-1].startswith(f"Avveckla ”{measure.name}” ur 2022 års struktur?")
    assert measure.id not in {m.id for m in window.model.measures()}
    with GoalFile.open(example_path, readonly=True) as gf:
        assert gf.entry(measure.id, "2022-delar").outcome_total == measure.entry.outcome_total
    window.undo_action.trigger()
    assert window.document.measure(measure.id).position == measure.position
    assert_tree_is_file(window, example_path)


def test_a_retirement_declined_changes_nothing(window, qtbot, messages, example_path):
    shown(window, qtbot)
    perspective = window.document.tree()[0]
    window.select_node(perspective.id)
    messages.answer_yes = False
    before = log_size(example_path)
    key(qtbot, window, Qt.Key.Key_Delete)
    question = messages.texts[-1]
    assert question.startswith(f"Avveckla perspektivet ”{perspective.name}” ur 2022 års struktur?")
    assert "Allt som ligger under avvecklas också: 1 strategiskt mål och" in question
    assert log_size(example_path) == before and not window.undo_action.isEnabled()


def test_a_locked_year_refuses_structure_edits_with_the_sentence_and_keeps_the_file(make_window, qtbot, dialogs,
                                                                                    messages, example_path):  # fmt: skip
    with GoalFile.open(example_path, user="controller") as gf:
        lock_period(gf, "2022-delar", "Antagen")
        sentence = gf.structure_refusal(2022)
    window = shown(make_window(example_path), qtbot)
    factor = node_named(window, "Ett livskraftigt län").children[0]
    window.select_node(factor.id)
    before, log = example_path.read_bytes(), log_size(example_path)
    for shortcut in ((Qt.Key.Key_Insert,), (Qt.Key.Key_F2,), (Qt.Key.Key_Delete,),
                     (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
                     (Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)):  # fmt: skip
        messages.texts.clear()
        key(qtbot, window, *shortcut)
        assert messages.texts == [sentence]
    assert example_path.read_bytes() == before and log_size(example_path) == log

    # The unit is not printed: it may still change, the rest is frozen with the sentence.
    measure = factor.measures[0]
    window.select_node(measure.id)
    other = next(u for u in window.document.units() if u.id != measure.unit_id)

    def unit_only(dialog):
        assert not dialog.name.isEnabled() and not dialog.target.isEnabled() and dialog.unit.isEnabled()
        assert dialog.banner.text() == f"{sentence} Enheten kan ändå bytas: den står inte i någon rapport."
        dialog.unit.setCurrentIndex(dialog.unit.findData(other.id))
        press_ok(dialog)

    dialogs.answer(MeasureDialog, unit_only)
    window.structure_ui.settings.trigger()
    assert window.document.measure(measure.id).unit_id == other.id


def test_a_unit_file_offers_no_structure_editing(make_window, qtbot, tmp_path, example_path):
    with GoalFile.open(example_path, user="controller") as gf:
        unit_path = export_unit_file(gf, gf.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
    window = shown(make_window(unit_path), qtbot)
    before = unit_path.read_bytes()
    measure = window.model.measures()[0]
    window.select_node(measure.id)
    actions = window.structure_ui
    assert not any(a.isVisible() for a in (actions.add_sibling, actions.retire, actions.rename, actions.boards))
    assert actions.context_menu().actions() == []
    for shortcut in (Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_F2):
        key(qtbot, window, shortcut)
    assert unit_path.read_bytes() == before
    assert not window.periods_ui.menu.menuAction().isEnabled()


def test_the_context_menu_speaks_the_files_words(make_window, qtbot, tmp_path, example_path):
    from test_template import three_levels

    from db.new_file import create_from_template

    path = tmp_path / "exempel.styrkort"
    create_from_template(path, three_levels()).close()
    window = shown(make_window(example_path), qtbot)
    window.select_node(window.model.measures()[0].id)  # four levels deep, then another file of three
    assert window.open_file(path)
    area = window.document.tree()[0]
    window.select_node(area.children[0].id)
    texts = [a.text() for a in window.structure_ui.context_menu().actions() if not a.isSeparator()]
    assert texts[:2] == ["&Nytt övergripande mål", "Nytt nyckeltal &under ett övergripande mål"]
    assert texts[-2:] == ["A&vveckla övergripande mål…", "Å&terinför…"]
    window.select_node(area.id)
    assert window.structure_ui.add_sibling.text() == "&Nytt målområde"
    assert not window.structure_ui.move_to.isEnabled()  # a top-level node has nowhere else to go
    measure = area.children[0].measures[0]
    window.select_node(measure.id)
    assert window.structure_ui.retire.text() == "A&vveckla nyckeltal…"
    assert not window.structure_ui.add_child.isEnabled()


def test_boards_and_units_added_renamed_and_removed_when_unused(window, qtbot, dialogs, messages, example_path):
    def add_board(dialog):
        dialog.code.setText("HSN")
        dialog.name.setText("Hälso- och sjukvårdsnämnd")
        press_ok(dialog)

    def rename_board(dialog):
        assert dialog.code.isReadOnly() and dialog.code.text() == "HSN"
        dialog.name.setText("Hälso- och sjukvårdsnämnden")
        press_ok(dialog)

    def boards(dialog):
        assert_keyboard_ready(dialog)
        dialog._add()
        assert [dialog.entries.item(r).text() for r in range(dialog.entries.count())][-1] == (
            "HSN – Hälso- och sjukvårdsnämnd"
        )
        dialog.entries.setCurrentRow(dialog.entries.count() - 1)
        dialog._change()
        dialog.entries.setCurrentRow(0)  # RS: the structure uses it
        dialog._remove()
        assert messages.texts[-1] == "Nämnden RS används i strukturen och kan inte tas bort."
        dialog.entries.setCurrentRow(dialog.entries.count() - 1)
        dialog._remove()
        dialog.reject()

    dialogs.answer(CodeNameDialog, add_board)
    dialogs.answer(CodeNameDialog, rename_board)
    dialogs.answer(BoardsDialog, boards)
    window.structure_ui.boards.trigger()
    with GoalFile.open(example_path, readonly=True) as gf:
        assert [b.code for b in gf.boards()] == ["RS", "RUN", "PN"]
        logged = [(c.subject, c.node_id, c.field) for c in gf.change_log() if c.subject == "board"]
    assert logged == [("board", "HSN", "name"), ("board", "HSN", "name"), ("board", "HSN", "removed")]
    window.undo_action.trigger()  # the removal undone
    assert [b.name for b in window.document.boards()][-1] == "Hälso- och sjukvårdsnämnden"

    def add_unit(dialog):
        assert_keyboard_ready(dialog)
        dialog.code.setText("TAND")
        dialog.name.setText("Folktandvården")
        press_ok(dialog)

    def units(dialog):
        assert_keyboard_ready(dialog)
        dialog._add()
        names = [dialog.entries.item(r).text() for r in range(dialog.entries.count())]
        assert "TAND – Folktandvården" in names
        dialog.entries.setCurrentRow(names.index("TAND – Folktandvården"))
        dialog._remove()
        dialog.reject()

    dialogs.answer(CodeNameDialog, add_unit)
    dialogs.answer(UnitsDialog, units)
    window.structure_ui.units.trigger()
    assert "TAND" not in {u.code for u in window.document.units()}
    window.undo_action.trigger()
    assert "TAND" in {u.code for u in window.document.units()}
    window.undo_action.trigger()
    assert "TAND" not in {u.code for u in window.document.units()}


@pytest.mark.parametrize("dialog_opener", ["node", "measure", "move", "name"])
def test_every_dialog_label_has_a_unique_mnemonic_a_buddy_and_named_fields(window, qtbot, dialogs, dialog_opener):
    factor = node_named(window, "Ett livskraftigt län").children[0]
    target = factor.measures[0].id if dialog_opener == "measure" else factor.id
    window.select_node(target)
    dialog_class, trigger = {
        "node": (NodeDialog, window.structure_ui.settings), "measure": (MeasureDialog, window.structure_ui.settings),
        "move": (MoveDialog, window.structure_ui.move_to), "name": (NameDialog, window.structure_ui.rename),
    }[dialog_opener]  # fmt: skip
    dialogs.answer(dialog_class, lambda dialog: (assert_keyboard_ready(dialog), dialog.reject()))
    trigger.trigger()


def test_an_undo_the_year_no_longer_allows_is_refused_and_the_stack_stays(window, qtbot, messages, example_path):
    shown(window, qtbot)
    measure = window.model.measures()[0]
    window.select_node(measure.id)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert window.document.lock_period("2022-delar", "Antagen")
    before = file_shape(example_path, 2022)
    window.undo_action.trigger()
    assert messages.texts[-1] == window.document.structure_refusal()
    assert file_shape(example_path, 2022) == before and measure.id not in {m.id for m in window.model.measures()}
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()  # still where the file is
    assert window.document.unlock_period("2022-delar", "Rättelse")
    window.undo_action.trigger()
    assert measure.id in {m.id for m in window.model.measures()}
    assert_tree_is_file(window, example_path)


def test_what_was_retired_in_an_earlier_session_is_put_back_from_the_menu_and_undone(make_window, qtbot, dialogs,
                                                                                      messages, example_path):  # fmt: skip
    window = shown(make_window(example_path, user="anna"), qtbot)
    window.structure_ui.reinstate.trigger()
    assert messages.texts[-1] == "Inget är avvecklat ur 2022 års struktur."
    before = tree_shape(window)
    factor = node_named(window, "Ett livskraftigt län").children[0]
    window.select_node(factor.id)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert all(n.id != factor.id for n in walk(window.document.tree()))
    window.close()  # the session ends: its undo history with it

    window = shown(make_window(example_path, user="bertil"), qtbot)
    assert not window.undo_action.isEnabled()

    def choose(dialog):
        assert_keyboard_ready(dialog)
        assert dialog.windowTitle() == "Återinför i 2022 års struktur"
        line = dialog.places.item(0).text()
        assert line.startswith(f"{factor.name} – framgångsfaktor, avvecklades ") and line.endswith(" av anna")
        press_ok(dialog)

    dialogs.answer(ReinstateDialog, choose)
    window.structure_ui.reinstate.trigger()
    assert tree_shape(window) == before == file_shape(example_path, 2022)
    assert window._current_node().id == factor.id

    window.undo_action.trigger()  # retired again, and back once more
    assert all(n.id != factor.id for n in walk(window.document.tree()))
    assert_tree_is_file(window, example_path)
    window.redo_action.trigger()
    assert tree_shape(window) == before == file_shape(example_path, 2022)
    window.structure_ui.reinstate.trigger()
    assert messages.texts[-1] == "Inget är avvecklat ur 2022 års struktur."
