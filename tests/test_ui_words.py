"""What the window says: the file's own words, labels not codes, Swedish that reads right, help inside."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_support import shown_texts, three_level_template

from db.goalfile import GoalFile
from db.vocabulary import ENTRY_FIELD_NAMES, Comparison, Direction, Status
from desktop import identity

NORRBOTTEN_LEVEL_WORDS = re.compile(r"styrmått|strategisk[at]? mål|framgångsfaktor|perspektiv", re.IGNORECASE)
GUI = Path(__file__).resolve().parent.parent / "desktop" / "ui"
# The codes that are no Swedish word ("status", "klar" and "utkast" are, and are meant to be read).
CODES = [*(f for f in ENTRY_FIELD_NAMES if f != "status"), *(s.value for s in Status if s.value != s.label.casefold()),
         *(d.value for d in Direction), *(c.value for c in Comparison)]  # fmt: skip


def test_the_gui_code_never_names_a_level():
    """The levels and kinds are the file's: no Norrbotten word in the window's code."""
    found = [f"{path.name}:{n}" for path in GUI.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if NORRBOTTEN_LEVEL_WORDS.search(line)]  # fmt: skip
    assert found == []


@pytest.fixture
def three_level_path(tmp_path):
    from db.new_file import create_from_template

    path = tmp_path / "exempel.sqlite"
    create_from_template(path, three_level_template(), user="controller").close()
    return path


def test_another_regions_window_speaks_its_words(make_window, three_level_path, qtbot):
    from desktop.ui.help_window import handbook_text

    window = make_window(three_level_path)
    assert window.proxy.headerData(0, Qt.Orientation.Horizontal) == "Målområde › Övergripande mål › Nyckeltal"
    assert window.progress.text() == "0 av 3 nyckeltal ifyllda, 0 med status Klar"
    goal = window.model._roots[0].children[0]
    window.select_node(goal.id)
    editor = window.editors.currentWidget()
    assert editor.kind_label.text() == "ÖVERGRIPANDE MÅL"
    assert editor.subtitle.text().splitlines() == [
        "Nämnd: RS, HSN, KTN", "3 nyckeltal, 0 ifyllda för 2023 helår (per december)",
        "Prognos för året vid 2023 helår (per december)"]  # fmt: skip
    assert editor.evidence.text() == "2 nyckeltal: 2 ej bedömda\n1 uppdrag: 1 ej bedömd"
    task = next(m for m in window.model.measures() if m.kind == "uppdrag")
    window.select_node(task.id)
    assert window.editors.currentWidget().kind_label.text() == "UPPDRAG"
    status = window.filters.combos["status"]
    assert status.itemText(status.count() - 1) == "Har inte uppnåtts utan kommentar"
    fulfilment = window.filters.combos["fulfilment"]
    assert [fulfilment.itemText(i) for i in range(fulfilment.count())] == [
        "Oavsett måluppfyllelse", "Uppnått", "Bedöms kunna uppnås", "Osäkert", "Bedöms inte kunna uppnås",
        "Har inte uppnåtts", "Ej bedömd"]  # fmt: skip
    handbook = handbook_text(window.document.model())
    assert "målområde → övergripande mål → nyckeltal" in handbook and "*har inte uppnåtts*" in handbook
    texts = shown_texts(window) + [handbook]
    assert [t for t in texts if NORRBOTTEN_LEVEL_WORDS.search(t)] == []


def test_the_conflict_and_collection_dialogs_speak_the_files_words(make_window, three_level_path, qtbot):
    from desktop.ui.collection_dialog import CollectionDialog
    from desktop.ui.conflict_dialog import ConflictDialog

    window = make_window(three_level_path)
    conflicts = ConflictDialog(window, window.document)
    qtbot.addWidget(conflicts)
    assert conflicts.table.horizontalHeaderItem(0).text() == "Nyckeltal"
    collection = CollectionDialog(window, window.document)
    qtbot.addWidget(collection)
    assert collection.summary.text() == (
        "0 av 3 nyckeltal med status Klar; filer har kommit tillbaka från 0 av 2 enheter."
    )


def test_a_scripted_session_shows_no_code_no_escaped_newline_and_counts_in_swedish(
    make_window, example_path, unit_path, tmp_path, qtbot, messages, monkeypatch
):
    """Everything a person reads in a session: the window, a merge with a conflict, the dialogs."""
    from db.merge import merge_files
    from desktop.ui.collection_dialog import CollectionDialog
    from desktop.ui.conflict_dialog import ConflictDialog
    from desktop.ui.help_window import HandbookWindow, LegendDialog
    from desktop.ui.merge_dialog import ExportDialog, MergeDialog
    from desktop.ui.unit_workspace import SendDialog

    unit = make_window(unit_path, user="handläggare")
    own = unit.model.own_measures()
    unit.select_node(own[1].id)
    unit.editors.currentWidget().total.setText("ca fyra")
    unit.flush_editor()
    seen = shown_texts(unit) + shown_texts(SendDialog(unit, unit.document, own))
    unit.close()

    window = make_window(example_path)
    window.select_node(own[1].id)
    window.editors.currentWidget().total.setText("4")
    window.flush_editor()
    with GoalFile.open(example_path, user="controller") as central:
        run = merge_files(central, [unit_path])
    assert run.files[0].conflicts
    window.reload()
    window.select_node(own[1].id)
    seen += shown_texts(window)
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu):
        menu.aboutToShow.emit()
        seen += [a.text() for a in menu.actions()]
    merge = MergeDialog(window, window.document)
    merge._show_results([("enhet-HR.sqlite: 1 konflikt", ["konflikt: …"])])
    dialogs = [ExportDialog(window, window.document), merge, ConflictDialog(window, window.document),
               CollectionDialog(window, window.document), HandbookWindow(window, window.document.model()),
               LegendDialog(window, window.document.model())]  # fmt: skip
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        seen += shown_texts(dialog)
    seen += messages.texts
    assert len(seen) > 500
    assert [t for t in seen if "\\n" in t] == []
    assert [t for t in seen if re.search(r"(?<![0-9])1 (konflikter|enhetsfiler|värden|enheter)\b", t)] == []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, CODES)) + r")(?![\w-])")
    assert [(t, pattern.search(t).group()) for t in seen if pattern.search(t)] == []


def test_the_window_title_names_the_app_once(make_window, example_path, unit_path):
    app = QApplication.instance()
    app.setApplicationDisplayName("Styrkort")
    try:
        window = make_window(example_path)
        assert window.windowTitle() == "central.sqlite"  # Qt adds " — Styrkort" itself
        unit = make_window(unit_path)
        assert unit.windowTitle() == "enhet-HR.sqlite – enhetsfil för HR-avdelningen"
    finally:
        app.setApplicationDisplayName("")


def test_help_has_a_handbook_a_legend_and_the_version(window, qtbot, messages):
    from desktop.ui import help_window

    window.show_handbook()
    handbook = window._handbook
    qtbot.addWidget(handbook)
    text = handbook.browser.toPlainText()
    assert text.startswith("Handbok för Styrkort")
    assert "perspektiv → strategiskt mål → framgångsfaktor → styrmått" in text  # the file's words filled in
    assert "För dig som fyller i en enhetsfil" in text and "För dig som är controller" in text
    assert "{" not in text
    legend = help_window.LegendDialog(window, window.document.model())
    qtbot.addWidget(legend)
    legend_texts = shown_texts(legend)
    for scale in window.document.model().scales:
        assert scale.name in legend_texts
        assert all(v.label in legend_texts for v in scale.values)
    assert "Olöst konflikt från en sammanfogning (lös den i redigeraren)" in legend_texts
    window.help_menu.actions()[-1].trigger()  # Om Styrkort
    assert messages.texts[-1].startswith(f"Styrkort {identity.version()}\n\n")
    assert identity.version()[0].isdigit()
