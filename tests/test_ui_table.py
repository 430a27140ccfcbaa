"""Arkiv → Exportera tabell / Importera tabell: the command line's `tabell` and `importera` in the window."""

import csv

from db.goalfile import GoalFile


def file_action(window, text):
    return next(a for a in window.file_menu.actions() if a.text() == text)


def test_a_table_goes_out_and_comes_back_from_the_file_menu(window, messages, monkeypatch, tmp_path, example_path):
    from desktop.ui import messages as boxes

    out = tmp_path / "tabell.csv"
    monkeypatch.setattr(boxes, "choose_save_file", lambda *a: str(out))
    monkeypatch.setattr(boxes, "choose_open_file", lambda *a: str(out))
    file_action(window, "Exportera &tabell (CSV)…").trigger()
    assert messages.texts == [f"Skrev 107 styrmått till {out}."]

    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    column = rows[0].index("kommentar")
    rows[1][column] = "Ny kommentar från Excel."
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    measure_id = rows[1][0]
    window.select_node(measure_id)
    window.editors.currentWidget().total.setText("77")
    window.flush_editor()
    assert window.document.undo_stack.canUndo()
    file_action(window, "&Importera tabell (CSV)…").trigger()
    assert messages.texts[-2].startswith("Läsa in värdena i tabell.csv till 2022 delår (per augusti)?")
    assert messages.texts[-1] == "Läste in tabell.csv: 1 värde ändrades i 1 styrmått; 106 oförändrade."
    with GoalFile.open(example_path, readonly=True) as gf:
        entry = gf.entry(measure_id, "2022-delar")
    assert entry.commentary == "Ny kommentar från Excel."
    assert entry.outcome_total == "77"  # typed after the table was written: its older cell changes nothing
    assert window.editors.currentWidget().commentary.toPlainText() == "Ny kommentar från Excel."
    assert not window.document.undo_stack.canUndo()  # as after a merge


def test_a_bad_table_changes_nothing_and_says_why(window, messages, monkeypatch, tmp_path, example_path):
    from desktop.ui import messages as boxes

    bad = tmp_path / "fel.csv"
    bad.write_text("id,namn\n1,2\n", encoding="utf-8")
    before = example_path.read_bytes()
    monkeypatch.setattr(boxes, "choose_open_file", lambda *a: str(bad))
    file_action(window, "&Importera tabell (CSV)…").trigger()
    assert messages.texts[-1].startswith("fel.csv, rad 1: fel rubrikrad (saknas: id, perspektiv, ")
    assert example_path.read_bytes() == before
    messages.answer_yes = False
    file_action(window, "&Importera tabell (CSV)…").trigger()  # asked, and declined: nothing read
    assert messages.texts[-1].startswith("Läsa in värdena i fel.csv")


def test_a_value_changed_in_the_table_and_in_the_window_becomes_a_conflict(window, messages, monkeypatch, tmp_path):
    from desktop.ui import messages as boxes

    out = tmp_path / "tabell.csv"
    monkeypatch.setattr(boxes, "choose_save_file", lambda *a: str(out))
    monkeypatch.setattr(boxes, "choose_open_file", lambda *a: str(out))
    file_action(window, "Exportera &tabell (CSV)…").trigger()
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    rows[1][rows[0].index("utfall_totalt")] = "88"
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    window.select_node(rows[1][0])
    window.editors.currentWidget().total.setText("77")
    window.flush_editor()
    file_action(window, "&Importera tabell (CSV)…").trigger()
    assert messages.texts[-1] == (
        "Läste in tabell.csv: 0 värden ändrades i 0 styrmått; 106 oförändrade. 1 värde var ändrat både i "
        "tabellen och i filen sedan tabellen skrevs och blev en konflikt; filens värde behålls tills du löser den "
        "(Visa → Konflikter…)."
    )
    assert window.editors.currentWidget().total.text() == "77"
    assert [c.incoming_value for c in window.document.open_conflicts()] == ["88"]
