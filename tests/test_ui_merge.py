"""The merge, export, conflict and collection dialogs, as the controller sees them."""

import pytest
from merge_support import make_central, measures_of

from db.goalfile import GoalFile
from db.unitfile import export_unit_file


@pytest.fixture
def central(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite"), user="controller") as gf:
        yield gf


@pytest.fixture
def document(qtbot, messages, central):
    """The Document over the central file, its refusals shown as the window shows them."""
    from desktop.ui import messages as boxes
    from desktop.ui.document import Document

    document = Document(GoalFile.open(central.path, user="controller"))
    document.refused.connect(lambda text: boxes.error(None, text))
    yield document
    document.close()


def returned_file(central, tmp_path, code, value, suffix=".sqlite"):
    path = export_unit_file(central, central.find_unit(code), tmp_path / f"enhet-{code}{suffix}")
    with GoalFile.open(path, user="handläggare") as unit_file:
        unit_file.update_entry(measures_of(unit_file, code)[0].id, "P2", {"outcome_total": value})
    return path


def test_merge_dialog_merges_in_the_background_and_shows_each_files_result(
    qtbot, messages, monkeypatch, central, document, tmp_path
):
    from desktop.ui import merge_dialog
    from desktop.ui.merge_dialog import MergeDialog

    measure = measures_of(central, "A")[0]
    good = returned_file(central, tmp_path, "B", "7")
    clash = returned_file(central, tmp_path, "A", "11")
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    bad = tmp_path / "rapport.pdf.sqlite"
    bad.write_bytes(b"%PDF-1.7 not a database")

    dialog = MergeDialog(None, document)
    qtbot.addWidget(dialog)
    assert not dialog.start.isEnabled()
    monkeypatch.setattr(merge_dialog, "choose_unit_files", lambda *a: [str(good), str(clash), str(bad)])
    dialog._choose_files()
    assert [p.name for p in dialog.chosen_files()] == ["enhet-B.sqlite", "enhet-A.sqlite", "rapport.pdf.sqlite"]
    with qtbot.waitSignal(dialog.merged, timeout=10000) as signal:
        dialog.start.click()
        assert not dialog.start.isEnabled()
    assert signal.args[0].exit_code == 2
    lines = dialog.result_lines()
    assert lines[0] == "enhet-B.sqlite (Enhet B): 1 värde infört, 1 oförändrat, 0 konflikter, 0 avvisade."
    assert lines[2].startswith("konflikt: ”Styrmått A0”, utfall totalt: centralens ”10” behålls, inkommande ”11”")
    assert lines[3] == "rapport.pdf.sqlite vägras: filen är ingen Styrkort-fil (den är avkortad eller av annat slag)."
    assert lines[4].startswith("Säkerhetskopia före sammanfogningen:")
    assert central.entry(measures_of(central, "B")[0].id, "P2").outcome_total == "7"
    assert messages.texts == []


def test_merge_dialog_with_the_same_file_again_says_already_merged(qtbot, messages, central, document, tmp_path):
    from desktop.ui.merge_dialog import MergeDialog

    path = returned_file(central, tmp_path, "B", "7")
    dialog = MergeDialog(None, document)
    qtbot.addWidget(dialog)
    for _ in range(2):
        dialog.add_files([path, path])
        assert len(dialog.chosen_files()) == 1
        with qtbot.waitSignal(dialog.merged, timeout=10000):
            dialog.run_merge()
    assert dialog.result_lines()[0] == "enhet-B.sqlite (Enhet B): redan sammanfogad – inget ändrades."


def test_export_dialog_writes_the_chosen_units(qtbot, messages, document, tmp_path):
    from desktop.ui.merge_dialog import ExportDialog

    dialog = ExportDialog(None, document)
    qtbot.addWidget(dialog)
    dialog.set_all_checked(False)
    dialog.units.item(1).setCheckState(dialog.units.item(0).checkState().Checked)
    dialog.folder.setText(str(tmp_path / "ut"))
    with qtbot.waitSignal(dialog.exported, timeout=10000) as signal:
        dialog.start.click()
    assert [p.name for p in signal.args[0]] == ["enhet-B.styrkort"]
    assert messages.texts == [f"Skapade 1 enhetsfil i {tmp_path / 'ut'}."]


def test_export_dialog_asks_for_a_unit(qtbot, messages, document):
    from desktop.ui.merge_dialog import ExportDialog

    dialog = ExportDialog(None, document)
    qtbot.addWidget(dialog)
    dialog.set_all_checked(False)
    dialog.start.click()
    assert messages.texts == ["Välj minst en enhet att exportera."]


def _document(central, messages):
    """A Document that reads what the test wrote to the central file."""
    from desktop.ui import messages as boxes
    from desktop.ui.document import Document

    document = Document(GoalFile.open(central.path, user="controller"))
    document.refused.connect(lambda text: boxes.error(None, text))
    return document


def make_conflicts(central, tmp_path):
    path = export_unit_file(central, central.find_unit("A"), tmp_path / "enhet-A.sqlite")
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10", "fulfilment": "uppfyllt", "commentary": "C"})
    with GoalFile.open(path) as unit_file:
        unit_file.update_entry(measure.id, "P2", {"outcome_total": "11", "fulfilment": "delvis", "commentary": "U"})
    from db.merge import merge_files

    merge_files(central, [path])
    return measure


def test_conflict_dialog_lists_conflicts_and_resolves_them(qtbot, messages, central, tmp_path):
    from desktop.ui.conflict_dialog import ConflictDialog

    measure = make_conflicts(central, tmp_path)
    document = _document(central, messages)
    dialog = ConflictDialog(None, document)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    rows = {dialog.table.item(r, 1).text(): r for r in range(3)}
    assert [dialog.table.item(rows["Måluppfyllelse"], c).text() for c in range(2, 6)] == [
        "(tomt)", "Uppfyllt", "Delvis uppfyllt", "enhet-A.sqlite",
    ]  # fmt: skip

    dialog.table.selectRow(rows["Utfall totalt"])
    with qtbot.waitSignal(dialog.resolved):
        dialog.take_incoming.click()
    rows = {dialog.table.item(r, 1).text(): r for r in range(dialog.table.rowCount())}
    dialog.table.selectRow(rows["Måluppfyllelse"])
    assert dialog.new_value.currentWidget() is dialog.new_choice
    dialog.new_choice.setCurrentIndex(dialog.new_choice.findData("ej"))
    dialog.write_new.click()
    rows = {dialog.table.item(r, 1).text(): r for r in range(dialog.table.rowCount())}
    dialog.table.selectRow(rows["Kommentar"])
    dialog.keep_central.click()
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    entry = central.entry(measure.id, "P2")
    assert (entry.outcome_total, entry.fulfilment, entry.commentary) == ("11", "ej", "C")
    assert messages.texts == []


def test_conflict_dialog_reports_a_refused_resolution(qtbot, messages, central, tmp_path):
    from db.periods import lock_period
    from desktop.ui.conflict_dialog import ConflictDialog

    make_conflicts(central, tmp_path)
    lock_period(central, "P2", "Rapporten är antagen.")
    document = _document(central, messages)
    dialog = ConflictDialog(None, document)
    qtbot.addWidget(dialog)
    dialog.take_incoming.click()
    assert messages.texts == ["Perioden 2022 delår är låst."]
    assert dialog.table.rowCount() == 3


def test_collection_dialog_shows_each_units_progress(qtbot, messages, central, tmp_path):
    from db.merge import merge_files
    from desktop.ui.collection_dialog import CollectionDialog

    path = returned_file(central, tmp_path, "B", "7")
    with GoalFile.open(path) as unit_file:
        unit_file.update_entry(measures_of(unit_file, "B")[0].id, "P2", {"status": "klar"})
    merge_files(central, [path])
    document = _document(central, messages)
    dialog = CollectionDialog(None, document)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    assert [dialog.cell(1, c) for c in ("Enhet", "Klar", "Ej påbörjad", "Inkomna filer")] == [
        "Enhet B", "1", "1", "enhet-B.sqlite",
    ]  # fmt: skip
    assert dialog.cell(0, "Inkomna filer") == "ingen ännu"
    assert dialog.summary.text() == "1 av 6 styrmått med status Klar; filer har kommit tillbaka från 1 av 3 enheter."


def test_export_never_overwrites_a_returned_file_without_asking(qtbot, messages, central, document, tmp_path):
    from desktop.ui.merge_dialog import ExportDialog

    returned = returned_file(central, tmp_path, "B", "7", suffix=".styrkort")  # came back filled in, in the folder
    before = returned.read_bytes()
    risk = (
        "enhet-B.styrkort finns redan i mappen och är inte den fil Styrkort senast exporterade dit (den kan vara en "
        "ifylld fil som kommit tillbaka). Den skrivs inte över utan att du godkänner det. Vill du skriva över den?"
    )
    dialog = ExportDialog(None, document)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    messages.answer_yes = False  # "Behåll filen"
    with qtbot.waitSignal(dialog.exported, timeout=10000) as signal:
        dialog.start.click()
    assert messages.texts == [risk, f"Skapade 2 enhetsfiler i {tmp_path}. Lämnades orörda: enhet-B.styrkort."]
    assert sorted(p.name for p in signal.args[0]) == ["enhet-A.styrkort", "enhet-C.styrkort"]
    assert returned.read_bytes() == before  # byte for byte

    messages.texts.clear()
    messages.answer_yes = True  # "Skriv över"
    again = ExportDialog(None, document)
    qtbot.addWidget(again)
    again.folder.setText(str(tmp_path))
    again.set_all_checked(False)
    again.units.item(1).setCheckState(again.units.item(1).checkState().Checked)
    with qtbot.waitSignal(again.exported, timeout=10000):
        again.start.click()
    assert messages.texts == [risk, f"Skapade 1 enhetsfil i {tmp_path}."]
    assert returned.read_bytes() != before
    with GoalFile.open(returned, readonly=True) as replaced:
        assert replaced.entry(measures_of(replaced, "B")[0].id, "P2").outcome_total == ""  # a fresh export


def test_export_dialog_names_the_period_and_passes_deadline_and_recipient(qtbot, messages, document, tmp_path):
    from PySide6.QtCore import QDate

    from desktop.ui.merge_dialog import ExportDialog

    dialog = ExportDialog(None, document)
    qtbot.addWidget(dialog)
    assert [dialog.period.itemText(i) for i in range(dialog.period.count())] == [
        "2022 T1 (per april)", "2022 delår (per augusti)"]  # fmt: skip
    assert dialog.period.currentData() == "P2"  # the period shown in the window
    assert dialog.intro.text().startswith("Enhetsfilerna gäller 2022 delår (per augusti).")
    dialog.period.setCurrentIndex(dialog.period.findData("P1"))
    assert dialog.intro.text().startswith("Enhetsfilerna gäller 2022 T1 (per april).")
    assert dialog.folder.text().endswith(f"Enhetsfiler{'/'}2022 T1")  # under the user's documents, in full
    dialog.set_all_checked(False)
    dialog.units.item(0).setCheckState(dialog.units.item(0).checkState().Checked)
    dialog.deadline.setDate(QDate(2022, 5, 10))
    dialog.return_to.setText("controller@region.se")
    dialog.folder.setText(str(tmp_path / "ut"))
    with qtbot.waitSignal(dialog.exported, timeout=10000) as signal:
        dialog.start.click()
    with GoalFile.open(signal.args[0][0], readonly=True) as unit_file:
        assert (unit_file.export_period, unit_file.deadline, unit_file.return_to) == (
            "P1", "2022-05-10", "controller@region.se")  # fmt: skip


def test_export_dialog_selects_all_and_none(qtbot, messages, document):
    from desktop.ui.merge_dialog import ExportDialog

    dialog = ExportDialog(None, document)
    qtbot.addWidget(dialog)
    buttons = {b.text(): b for b in dialog.findChildren(type(dialog.start))}
    buttons["Markera &inga"].click()
    assert dialog.chosen_units() == []
    buttons["Markera &alla"].click()
    assert [u.code for u in dialog.chosen_units()] == ["A", "B", "C"]


def test_merge_results_wrap_instead_of_being_cut(qtbot, messages, central, document, tmp_path):
    from PySide6.QtWidgets import QTextEdit

    from desktop.ui.merge_dialog import MergeDialog

    dialog = MergeDialog(None, document)
    qtbot.addWidget(dialog)
    assert dialog.results.lineWrapMode() == QTextEdit.LineWrapMode.WidgetWidth
    assert dialog.results.horizontalScrollBarPolicy() != dialog.results.horizontalScrollBarPolicy().ScrollBarAlwaysOn
