"""The window with the keyboard alone: Alt keys, accessible names, Tab order, Ctrl+2, a visible focus."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from ui_support import activate, focused, press, type_text

from desktop.ui.focus_frame import contrast, frame_of

GOAL_MEASURE = "Antal kommuner där Region Norrbotten ingår"  # target 12, higher is better, no gender split
SPLIT_MEASURE = "Antal besök på filialer"


def select(window, start):
    measure = next(m for m in window.model.measures() if m.name.startswith(start))
    assert window.select_node(measure.id)
    return window.editors.currentWidget()


def mnemonic(text: str) -> str | None:
    """The Alt key a label or button text marks ('&&' is a plain ampersand)."""
    i = 0
    while (i := text.find("&", i)) >= 0 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].upper()
        i += 2
    return None


def alt_keys(window: QWidget) -> dict[str, list]:
    """Every Alt key in use in the window: visible labels, buttons and the menu bar's titles."""
    keys: dict[str, list] = {}
    widgets = [w for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton) if w.isVisibleTo(window)]
    for widget in widgets:
        if key := mnemonic(widget.text()):
            keys.setdefault(key, []).append(widget)
    if hasattr(window, "menuBar"):
        for action in window.menuBar().actions():
            if key := mnemonic(action.text()):
                keys.setdefault(key, []).append(action)
    return keys


def assert_alt_keys_unique_and_working(window: QWidget) -> None:
    keys = alt_keys(window)
    shared = {
        key: [getattr(w, "text", lambda: "")() for w in owners] for key, owners in keys.items() if len(owners) > 1
    }
    assert not shared, shared
    for key, (owner,) in keys.items():
        if isinstance(owner, QLabel):
            assert owner.buddy() is not None, owner.text()
            QTest.keyClick(window, getattr(Qt.Key, f"Key_{key}"), Qt.KeyboardModifier.AltModifier)
            assert focused() is owner.buddy(), (owner.text(), focused())


def focusable(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(window) and w.isEnabled()]  # fmt: skip


def assert_every_focusable_widget_is_named(window: QWidget) -> None:
    unnamed = [w for w in focusable(window)
               if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())]  # fmt: skip
    assert not unnamed, unnamed


def test_alt_keys_and_names_in_the_window_with_each_editor(window, qtbot, goal_file):
    activate(qtbot, window)
    select(window, SPLIT_MEASURE)  # every field of the measure editor shown
    assert_alt_keys_unique_and_working(window)
    assert_every_focusable_widget_is_named(window)
    assert sorted(alt_keys(window)) == sorted("ARVHPLTKNXMUOS")
    goal = goal_file.tree()[0].children[0]  # a node with a prognosis and an assessment
    window.select_node(goal.id)
    assert_alt_keys_unique_and_working(window)
    assert_every_focusable_widget_is_named(window)
    window.select_node(goal_file.tree()[0].id)  # one with a description
    assert_alt_keys_unique_and_working(window)


def test_alt_keys_and_names_in_a_unit_file(unit_window, qtbot):
    activate(qtbot, unit_window)
    assert unit_window.filters.others.isVisibleTo(unit_window)
    assert_alt_keys_unique_and_working(unit_window)
    assert_every_focusable_widget_is_named(unit_window)


def test_alt_keys_and_names_in_the_dialogs(window, unit_window, qtbot, tmp_path):
    from desktop.ui.collection_dialog import CollectionDialog
    from desktop.ui.conflict_dialog import ConflictDialog
    from desktop.ui.help_window import HandbookWindow, LegendDialog
    from desktop.ui.merge_dialog import ExportDialog, MergeDialog
    from desktop.ui.unit_workspace import SendDialog

    model = window.document.model()
    dialogs = [ExportDialog(window, window.document), MergeDialog(window, window.document),
               ConflictDialog(window, window.document), CollectionDialog(window, window.document),
               SendDialog(unit_window, unit_window.document, unit_window.model.own_measures()),
               HandbookWindow(window, model), LegendDialog(window, model)]  # fmt: skip
    for dialog in dialogs:
        activate(qtbot, dialog)
        assert_alt_keys_unique_and_working(dialog)
        assert_every_focusable_widget_is_named(dialog)
        dialog.close()


def test_ctrl_2_goes_to_the_editors_first_field(window, unit_window, qtbot):
    activate(qtbot, window)
    editor = select(window, GOAL_MEASURE)
    window.tree.setFocus()
    press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused() is editor.target  # the central file: the target is the first field
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.tree

    activate(qtbot, unit_window)
    unit_window.tree.setFocus()
    press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused() is unit_window.panels["measure"].total  # the target is read-only here: the first to fill


def test_tab_goes_from_the_search_to_the_status_in_screen_order(window, qtbot):
    activate(qtbot, window)
    editor = select(window, SPLIT_MEASURE)
    filters = window.filters
    filters.search.setFocus()
    chain = [focused()]
    while focused() is not editor.status and len(chain) < 40:
        press(Qt.Key.Key_Tab)
        chain.append(focused())
    expected = [filters.search, filters.combos["board"], filters.combos["unit"], filters.combos["status"],
                filters.combos["fulfilment"], filters.clear_button, window.tree, editor.target, editor.total,
                editor.women, editor.men, editor.outcome_text, editor.fulfilment, editor.trend, editor.commentary,
                editor.status]  # fmt: skip
    assert chain == expected
    where = {w: w.mapTo(window, w.rect().center()) for w in chain}
    left, right = chain[: chain.index(window.tree) + 1], chain[chain.index(window.tree) + 1 :]
    row = [where[w] for w in left[1:6]]
    assert all(
        a.x() < b.x() and abs(a.y() - b.y()) <= 3 for a, b in zip(row, row[1:], strict=False)
    )  # one row, left to right
    assert where[filters.search].y() < row[0].y() < where[window.tree].y()  # filters above the tree
    assert all(where[a].y() < where[b].y() for a, b in zip(right, right[1:], strict=False))  # the editor top to bottom
    tree_right = window.tree.mapTo(window, window.tree.rect().topRight()).x()
    assert all(w.mapTo(window, w.rect().topLeft()).x() > tree_right for w in right)  # right of the tree


def test_typing_after_tab_from_the_trend_lands_in_the_commentary(window, qtbot, example_path):
    """Bug: Tab from the trend landed on "Använd förslaget"; the first space pressed it."""
    activate(qtbot, window)
    editor = select(window, GOAL_MEASURE)
    editor.total.setFocus()
    type_text("12")
    press(Qt.Key.Key_Tab)  # saved: now there are suggestions to take
    assert editor.use_fulfilment.isVisibleTo(editor) and editor.use_trend.isVisibleTo(editor)
    editor.trend.setFocus()
    qtbot.wait(QApplication.keyboardInputInterval() + 10)
    type_text("B")  # Bättre än föregående mätning
    before = window.document.entry(editor.measure_id)
    assert before.trend == "battre"
    press(Qt.Key.Key_Tab)
    assert focused() is editor.commentary
    type_text(" Bra resultat")
    editor.flush()
    after = window.document.entry(editor.measure_id)
    assert after.commentary == " Bra resultat"
    assert (after.trend, after.fulfilment, after.outcome_total, after.status) == (
        before.trend, before.fulfilment, before.outcome_total, before.status)  # fmt: skip


def test_the_suggestions_are_reached_with_their_alt_keys(window, qtbot):
    activate(qtbot, window)
    editor = select(window, GOAL_MEASURE)
    editor.total.setFocus()
    type_text("12")
    editor.flush()
    assert editor.use_fulfilment.focusPolicy() == Qt.FocusPolicy.NoFocus  # never in the Tab chain
    assert editor.fulfilment.accessibleDescription() == "Förslag: Uppfyllt. Använd förslaget med Alt+F."
    press(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.document.entry(editor.measure_id).fulfilment == "uppfyllt")
    assert focused() is editor.fulfilment


@pytest.mark.parametrize("colours", [
    None,  # the platform's palette
    {"Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "Text": "#ffffff", "Highlight": "#1aebff",
     "Button": "#000000", "ButtonText": "#ffffff"},  # high contrast, dark
    {"Window": "#ffffff", "WindowText": "#000000", "Base": "#ffffff", "Text": "#000000", "Highlight": "#cce8ff",
     "Button": "#ffffff", "ButtonText": "#000000"},  # a pale highlight, too faint for a frame
])  # fmt: skip
def test_focus_is_framed_visibly_on_every_focusable_widget(window, qtbot, colours, request):
    app = QApplication.instance()
    if colours:
        original = app.palette()
        palette = QPalette(original)
        for role, colour in colours.items():
            palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
        app.setPalette(palette)
        request.addfinalizer(lambda: app.setPalette(original))
    activate(qtbot, window)
    select(window, SPLIT_MEASURE)
    background = window.palette().color(QPalette.ColorRole.Window)
    widgets = focusable(window)
    assert len(widgets) > 15
    for widget in widgets:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        frame = frame_of(widget)
        assert frame is not None and frame.isVisible(), widget
        assert frame.geometry() == widget.rect()
        colour = frame.colour()
        assert contrast(colour, background) >= 3, (widget, colour.name())
        shown = widget.grab().toImage()
        assert shown.pixelColor(0, widget.height() // 2) == colour, widget  # drawn, on top of the widget
    window.tree.setFocus()
    assert not frame_of(widgets[-1]).isVisible() or widgets[-1] is window.tree  # the frame follows the focus


def test_each_menu_gives_every_entry_its_own_alt_key(window, unit_window):
    for win in (window, unit_window):
        for menu in (win.file_menu, win.edit_menu, win.view_menu, win.help_menu):
            menu.aboutToShow.emit()
            keys = [mnemonic(a.text()) for a in menu.actions() if a.isVisible() and not a.isSeparator()]
            assert None not in keys and len(keys) == len(set(keys)), [a.text() for a in menu.actions()]
