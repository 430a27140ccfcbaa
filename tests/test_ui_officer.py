"""The officer's unit file: their own workspace, filled in and marked ready with the keyboard alone."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from ui_support import RETURN_TO, activate, focused, press, type_text

from db.goalfile import GoalFile

PERIOD = "2022-delar"


def hr_measures(path):
    with GoalFile.open(path, readonly=True) as gf:
        hr = gf.find_unit("HR").id
        from db.model import all_measures

        return [m for m in all_measures(gf.tree(PERIOD)) if m.unit_id == hr]


def test_a_unit_file_opens_on_its_own_unit(unit_window, unit_path):
    window = unit_window
    own = hr_measures(unit_path)
    assert len(own) == 11
    assert [m.id for m in window.visible_measures()] == [m.id for m in own]  # the others are hidden
    assert window.windowTitle() == "enhet-HR.sqlite – enhetsfil för HR-avdelningen"
    banner = window.banner
    assert banner.isVisibleTo(window)
    assert banner.heading.text() == "Enhetsfil för HR-avdelningen – 2022 delår (per augusti)"
    assert banner.details.text() == f"Sista dag: 15 september 2022 · Skickas tillbaka till: {RETURN_TO}"
    assert banner.ready.text() == "5 av 11 styrmått har status Klar."
    assert window.progress.text() == "HR-avdelningen: 4 av 11 styrmått ifyllda, 5 med status Klar"
    assert not window.filters.combos["unit"].isVisibleTo(window)  # one toggle instead
    first_to_do = next(m for m in own if m.entry.status != "klar")
    assert window.editors.currentWidget().measure_id == first_to_do.id  # where the work starts

    window.filters.others.setChecked(True)  # one toggle shows the others …
    assert len(window.visible_measures()) == 107
    assert (
        window.progress.text() == "HR-avdelningen: 4 av 11 styrmått ifyllda, 5 med status Klar"
    )  # … still counts its own
    window.filters.others.setChecked(False)
    assert len(window.visible_measures()) == 11


def test_a_central_file_has_no_banner(window):
    assert not window.banner.isVisibleTo(window) and not window.send_action.isVisible()


def test_typing_into_an_empty_entry_makes_it_a_draft(unit_window, unit_path, qtbot):
    window = unit_window
    measure = next(m for m in hr_measures(unit_path) if m.entry.is_empty)
    window.select_node(measure.id)
    editor = window.editors.currentWidget()
    assert editor.status.currentData() == "ej_paborjad"
    qtbot.keyClicks(editor.total, "42")
    editor.flush()
    with GoalFile.open(unit_path, readonly=True) as gf:
        entry = gf.entry(measure.id, PERIOD)
    assert (entry.outcome_total, entry.status) == ("42", "utkast")
    assert editor.status.currentText() == "Utkast"
    assert window.progress.text() == "HR-avdelningen: 5 av 11 styrmått ifyllda, 5 med status Klar"
    window.undo_action.trigger()  # one undo takes back the typing and the status it brought
    with GoalFile.open(unit_path, readonly=True) as gf:
        entry = gf.entry(measure.id, PERIOD)
    assert (entry.outcome_total, entry.status) == ("", "ej_paborjad")


def test_read_only_fields_look_and_say_it(unit_window, unit_path):
    window = unit_window
    editor = window.editors.currentWidget()
    background = window.palette().color(QPalette.ColorRole.Window)
    assert editor.target.isReadOnly()
    assert editor.target.palette().color(QPalette.ColorRole.Base) == background  # not a field's white
    assert editor.target.toolTip() == "Målet ändras i centralfilen."
    assert editor.target.accessibleDescription() == "Skrivskyddat. Målet ändras i centralfilen."
    assert editor.total.palette().color(QPalette.ColorRole.Base) != background  # the officer's own: a field
    window.filters.others.setChecked(True)
    other = next(m for m in window.model.measures() if not window.model.is_own(m))
    window.select_node(other.id)
    for field in (editor.total, editor.commentary, editor.outcome_text):
        assert field.isReadOnly() and field.palette().color(QPalette.ColorRole.Base) == background
        assert field.toolTip() == "Det här tillhör en annan enhet och kan inte ändras i den här enhetsfilen."
    assert not editor.fulfilment.isEnabled() and not editor.status.isEnabled()


def test_a_number_field_says_at_once_when_it_holds_no_number(window, qtbot, example_path):
    measure = next(m for m in window.model.measures() if m.name.startswith("Antal besök på filialer"))
    window.select_node(measure.id)
    editor = window.editors.currentWidget()
    note = editor.number_notes["outcome_men"]
    assert not note.isVisibleTo(editor)
    qtbot.keyClicks(editor.men, "ca fyra")
    assert note.isVisibleTo(editor)  # at once, not after saving
    assert note.text() == (
        "”ca fyra” är inget tal. Skriv bara talet här, t.ex. 4 eller 83,6 %; ord hör hemma i Utfall i text."
    )
    assert editor.men.accessibleDescription() == note.text()
    editor.flush()
    with GoalFile.open(example_path, readonly=True) as gf:
        assert gf.entry(measure.id, PERIOD).outcome_men == "ca fyra"  # said, but never thrown away
    editor.men.clear()
    qtbot.keyClicks(editor.men, "4,5 %")
    assert not note.isVisibleTo(editor)


def test_ready_to_send_shows_what_is_left_and_hands_over(unit_window, unit_path, opened, messages, qtbot):
    from desktop.ui.unit_workspace import SendDialog

    window = unit_window
    dialog = SendDialog(window, window.document, window.model.own_measures())
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "5 av 11 styrmått har status Klar. De här är inte klara än:"
    assert len(dialog.pending.toPlainText().splitlines()) == 6
    assert dialog.pending.toPlainText().splitlines()[0].endswith(" (Ej påbörjad)")
    assert dialog.instructions.text() == f"Skicka filen till {RETURN_TO} senast 15 september 2022. Filen:\n{unit_path}"
    dialog.show_folder.click()
    assert opened == [f"file://{unit_path.parent}"]
    dialog.write_mail.click()
    from PySide6.QtCore import QUrl, QUrlQuery

    draft = QUrl(opened[-1])
    assert opened[-1].startswith(f"mailto:{RETURN_TO}?subject=")
    query, decoded = QUrlQuery(draft), QUrl.ComponentFormattingOption.FullyDecoded
    assert query.queryItemValue("subject", decoded) == "Enhetsfil HR-avdelningen, 2022 delår (per augusti)"
    assert query.queryItemValue("body", decoded) == (
        "Hej!\n\nHär kommer enhetsfilen för HR-avdelningen, 2022 delår (per augusti): 5 av 11 styrmått har "
        f"status Klar.\n\nBifoga filen till det här brevet: {unit_path}\n"
    )
    assert messages.texts == []


def test_no_mail_client_says_where_the_file_is(unit_window, unit_path, monkeypatch, messages, qtbot):
    from desktop.ui import messages as module
    from desktop.ui.unit_workspace import SendDialog

    monkeypatch.setattr(module, "open_url", lambda url: False)
    dialog = SendDialog(unit_window, unit_window.document, unit_window.model.own_measures())
    qtbot.addWidget(dialog)
    dialog.write_mail.click()
    assert messages.texts == [
        f"Inget e-postprogram kunde öppnas. Skicka filen {unit_path} till {RETURN_TO} på det sätt ni brukar."
    ]


def test_a_recipient_that_is_no_address_gets_no_mail_draft(make_window, example_path, tmp_path, qtbot):
    from db.unitfile import export_unit_file
    from desktop.ui.unit_workspace import SendDialog, mail_address

    with GoalFile.open(example_path, user="controller") as central:
        path = export_unit_file(central, central.find_unit("KUL"), tmp_path / "k.sqlite",
                                return_to="Anna på ekonomi <script>")  # fmt: skip
    window = make_window(path)
    dialog = SendDialog(window, window.document, window.model.own_measures())
    qtbot.addWidget(dialog)
    assert not dialog.write_mail.isVisibleTo(dialog)
    assert window.banner.details.text().endswith("Skickas tillbaka till: Anna på ekonomi <script>")  # plain text
    assert mail_address(RETURN_TO) == RETURN_TO and mail_address("a@b.se?cc=x@y.se") is None


def test_filters_and_selection_are_remembered_per_file(make_window, example_path, unit_path):
    window = make_window(example_path)
    board = window.filters.combos["board"]
    board.setCurrentIndex(board.findData("RS"))
    window.filters.search.setText("sjukfrånvaro")
    window.filters.apply_search()
    chosen = window.visible_measures()[0]
    window.select_node(chosen.id)
    window.close()

    unit = make_window(unit_path)  # another file: its own view, not the central file's
    assert unit.filters.combos["board"].currentData() is None and unit.filters.search.text() == ""
    unit.filters.others.setChecked(True)
    unit.close()

    again = make_window(example_path)
    assert again.filters.combos["board"].currentData() == "RS"
    assert again.filters.search.text() == "sjukfrånvaro"
    assert again.proxy.criterion("board") == "RS" and [m.id for m in again.visible_measures()] == [
        m.id for m in window.visible_measures()
    ]
    assert again.editors.currentWidget().measure_id == chosen.id
    unit_again = make_window(unit_path)
    assert unit_again.filters.others.isChecked() and len(unit_again.visible_measures()) == 107


def test_an_officer_fills_and_marks_ready_every_own_measure_with_the_keyboard(unit_window, unit_path, qtbot,
                                                                               request):  # fmt: skip
    """Ctrl+1 to the tree, Down to the next measure, Ctrl+2 to its first field, Tab through the
    fields, letters to choose, Tab again — and never the mouse."""
    window = unit_window
    activate(qtbot, window)
    editor = window.panels["measure"]
    # A list finds the item by the letters typed within this interval: a person is slower than a
    # test, so the test waits a little longer than the (shortened) interval before each letter.
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(20)
    request.addfinalizer(lambda: QApplication.setKeyboardInputInterval(interval))
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.tree
    press(Qt.Key.Key_Home)
    filled = 0
    for _ in range(200):  # rows of the tree, at most
        node = window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1)
        if node.kind == "measure" and node.item.entry.status != "klar":
            fill_by_keyboard(window, editor, qtbot)
            filled += 1
            press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
            assert focused() is window.tree
        before = window.tree.currentIndex()
        press(Qt.Key.Key_Down)
        if window.tree.currentIndex() == before:
            break
    assert filled == 6
    with GoalFile.open(unit_path, readonly=True) as gf:
        entries = [gf.entry(m.id, PERIOD) for m in hr_measures(unit_path)]
    assert all(e.status == "klar" for e in entries)
    assert sum(e.commentary == "Enligt plan." for e in entries) == 6
    assert window.banner.ready.text() == "Alla 11 styrmått har status Klar – filen kan skickas."
    assert window.banner.send_button.isDefault()


def choose_by_letter(qtbot, letter: str) -> None:
    qtbot.wait(QApplication.keyboardInputInterval() + 10)
    type_text(letter)


def fill_by_keyboard(window, editor, qtbot) -> None:
    press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused() is editor.total, focused()
    type_text("12")
    for _ in range(6):
        press(Qt.Key.Key_Tab)
        if focused() is editor.fulfilment:
            break
    assert focused() is editor.fulfilment
    choose_by_letter(qtbot, "D")  # Delvis uppfyllt
    press(Qt.Key.Key_Tab)
    if editor.trend.isVisibleTo(editor):
        assert focused() is editor.trend
        choose_by_letter(qtbot, "O")  # Oförändrad
        press(Qt.Key.Key_Tab)
    assert focused() is editor.commentary
    type_text("Enligt plan.")
    press(Qt.Key.Key_Tab)
    assert focused() is editor.status
    choose_by_letter(qtbot, "K")  # Klar
    entry = window.document.entry(editor.measure_id)
    assert (entry.outcome_total, entry.fulfilment, entry.commentary, entry.status) == (
        "12", "delvis", "Enligt plan.", "klar")  # fmt: skip


def test_typing_into_a_read_only_field_says_why(unit_window, qtbot):
    from PySide6.QtWidgets import QToolTip

    activate(qtbot, unit_window)
    editor = unit_window.editors.currentWidget()
    editor.target.setFocus()
    type_text("9")
    assert editor.target.text() != "9" and QToolTip.isVisible()
    assert QToolTip.text() == "Målet ändras i centralfilen."


def test_a_unit_file_opens_on_the_period_it_was_exported_for(make_window, example_path, tmp_path):
    from db.unitfile import export_unit_file

    with GoalFile.open(example_path, user="controller") as central:
        path = export_unit_file(central, central.find_unit("HR"), tmp_path / "t1.sqlite", period="2022-T1")
    window = make_window(path)
    assert window.document.period.code == "2022-T1"  # not the copy's current period, 2022 delår
    assert window.banner.heading.text() == "Enhetsfil för HR-avdelningen – 2022 T1 (per april)"
    assert window.banner.details.text() == "Sista dag: ingen angiven · Skickas tillbaka till: controller"
